// The band-RMS batch job over a directory of DAS files (issue 20): one minute windows, each
// band-passed 5–20 Hz, decimated and reduced to an RMS per channel in worker threads, joined
// into one (channel × minute) patch. Run: `npx tsx examples/bandRms/run.ts <dir> [out.h5]`.
import * as dc from "../../src/index.ts";
import type { BandRmsArgs } from "./tasks.ts";

/** Options of {@link bandRmsArchive}. */
export interface BandRmsOptions extends Partial<BandRmsArgs> {
  /** Window length in seconds (default 60). */
  window?: number;
  /** Worker threads (default 2). */
  workers?: number;
}

/**
 * RMS per channel per window of a whole directory, as one patch (time = each window's start).
 *
 * @example
 * ```ts
 * const rms = await bandRmsArchive("/data/das", { lo: 5, hi: 20, factor: 4 });
 * rms.shape; // [channels, minutes]
 * ```
 */
export async function bandRmsArchive(dir: string, options: BandRmsOptions = {}): Promise<dc.Patch> {
  const args: BandRmsArgs = { lo: options.lo ?? 5, hi: options.hi ?? 20, factor: options.factor ?? 4 };
  const task = dc.workerTask<dc.Patch>(new URL("./tasks.ts", import.meta.url), "bandRms", args);
  return dc
    .spool(dir)
    .chunk({ time: options.window ?? 60 })
    .map(task, { workers: options.workers ?? 2 })
    .concatenate({ time: null })
    .get(0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, out] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: npx tsx examples/bandRms/run.ts <dir> [out.h5]");
    process.exit(2);
  }
  const rms = await bandRmsArchive(dir);
  console.log(String(rms));
  if (out) await dc.write(rms, out, { format: "DASDAE" });
}
