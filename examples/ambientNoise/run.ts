// The ambient-noise interferometry job over a directory of DAS files (issue 21): one-minute
// windows, each whitened and correlated with a virtual source channel in worker threads, then
// stacked (map → concatenate on a new `window` dimension → mean). Run:
// `npx tsx examples/ambientNoise/run.ts <dir> [sourceDistance] [out.h5]`.
import * as dc from "../../src/index.ts";
import type { NoiseCorrelationArgs } from "./tasks.ts";

/** Options of {@link stackCorrelations}. */
export interface AmbientNoiseOptions extends Partial<NoiseCorrelationArgs> {
  /** Window length in seconds (default 60). */
  window?: number;
  /** Worker threads (default 2). */
  workers?: number;
}

/**
 * The stacked correlation of every channel with a virtual source: a (distance × lag_time) patch,
 * the mean over all full windows of the whitened correlations. A wave travelling from the source
 * to channel x peaks at lag +(travel time); windows shorter than `window` at the end are dropped
 * (DASCore's chunk without `keep_partial`).
 *
 * @example
 * ```ts
 * const cc = await stackCorrelations("/data/das", { source: 0, band: [2, 30], maxLag: 1 });
 * cc.dims; // ["distance", "lag_time"]
 * ```
 */
export async function stackCorrelations(dir: string, options: AmbientNoiseOptions = {}): Promise<dc.Patch> {
  const args: NoiseCorrelationArgs = { band: options.band ?? [2, 30], source: options.source ?? 0, maxLag: options.maxLag ?? 2 };
  const task = dc.workerTask<dc.Patch>(new URL("./tasks.ts", import.meta.url), "noiseCorrelation", args);
  const stacked = await dc
    .spool(dir)
    .chunk({ time: options.window ?? 60 })
    .map(task, { workers: options.workers ?? 2 })
    .concatenate({ window: null })
    .get(0);
  return stacked.aggregate("window", "mean").squeeze("window");
}

/** The lag (seconds) of each channel's largest stacked correlation. */
export function peakLags(cc: dc.Patch): number[] {
  const [channels, lags] = cc.shape as [number, number];
  const lag = cc.getCoord("lag_time").values() as BigInt64Array;
  const out: number[] = [];
  for (let c = 0; c < channels; c++) {
    let best = 0;
    for (let k = 1; k < lags; k++) if (cc.data[c * lags + k]! > cc.data[c * lags + best]!) best = k;
    out.push(Number(lag[best]!) / 1e9);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, source, out] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: npx tsx examples/ambientNoise/run.ts <dir> [sourceDistance] [out.h5]");
    process.exit(2);
  }
  const cc = await stackCorrelations(dir, { source: Number(source ?? 0) });
  console.log(String(cc));
  console.log("peak lags (s):", peakLags(cc).join(" "));
  if (out) await dc.write(cc, out, { format: "DASDAE" });
}
