// The demo archive of `npm start`: a seeded, deterministic directory of DASDAE files from several
// stations with a gap, large enough (a few GB by default) to show lazy planning and hyperslab reads.

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Patch } from "../patch/Patch.ts";
import { coordRange } from "../coords/index.ts";
import type { TypedArray } from "../../storage/formats/types.ts";

/** The archive's layout. Defaults: 3 stations × 60 files × 30 s × 500 channels at 200 Hz, float32 (2.2 GB). */
export interface DemoArchiveOptions {
  stations?: readonly string[];
  filesPerStation?: number;
  secondsPerFile?: number;
  channels?: number;
  /** Sampling rate in Hz. */
  rate?: number;
  /** Files of the second station left out to make a gap (positions in its sequence). */
  gap?: readonly number[];
  /** Start of the archive. */
  start?: bigint;
}

/** Writes one patch to a file; the caller passes `dc.write` (kept out of the model's imports). */
export type PatchWriter = (patch: Patch, path: string) => Promise<void>;

const DEFAULTS: Required<DemoArchiveOptions> = {
  stations: ["AAA", "BBB", "CCC"],
  filesPerStation: 60,
  secondsPerFile: 30,
  channels: 500,
  rate: 200,
  gap: [20, 21],
  start: 1_704_067_200_000_000_000n, // 2024-01-01
};

/** Where the demo archive lives: `$XDG_CACHE_HOME/daspool/demo` or `~/.cache/daspool/demo`. */
export function demoArchiveDir(): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cache, "daspool", "demo");
}

/** xorshift32: fast, seeded noise (the demo needs determinism, not statistical quality). */
function noise(out: Float32Array, seed: number, scale: number): void {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < out.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 4294967296 - 0.5) * scale;
  }
}

/** Adds a Ricker wavelet arriving at channel c at `t0 + c / v` samples (a moving source). */
function addEvent(out: Float32Array, channels: number, samples: number, t0: number, samplesPerChannel: number, amp: number): void {
  const half = 12;
  for (let c = 0; c < channels; c++) {
    const centre = t0 + c * samplesPerChannel;
    const from = Math.max(0, Math.floor(centre - half));
    const to = Math.min(samples, Math.ceil(centre + half));
    for (let t = from; t < to; t++) {
      const x = ((t - centre) / half) * 3;
      out[c * samples + t]! += amp * (1 - x * x) * Math.exp(-(x * x) / 2);
    }
  }
}

/**
 * Creates the demo archive unless a complete one exists (a marker file records completion, so an
 * interrupted run resumes by regenerating). Returns the directory. `onProgress` gets files done.
 */
export async function ensureDemoArchive(
  write: PatchWriter,
  options: DemoArchiveOptions & { dir?: string; onProgress?: (p: { done: number; total: number; bytes: number }) => void } = {},
): Promise<{ dir: string; created: boolean }> {
  const o = { ...DEFAULTS, ...options };
  const dir = options.dir ?? demoArchiveDir();
  const marker = join(dir, ".complete");
  if (existsSync(marker)) return { dir, created: false };
  const samples = o.secondsPerFile * o.rate;
  const step = BigInt(Math.round(1e9 / o.rate));
  const data = new Float32Array(o.channels * samples); // reused for every file: fresh memory is slow here
  const total = o.stations.length * o.filesPerStation;
  let done = 0;
  let bytes = 0;
  for (const [s, station] of o.stations.entries()) {
    mkdirSync(join(dir, station), { recursive: true });
    for (let k = 0; k < o.filesPerStation; k++) {
      done++;
      if (s === 1 && o.gap.includes(k)) continue;
      const start = o.start + BigInt(k * o.secondsPerFile) * 1_000_000_000n;
      noise(data, 1 + s * 100_003 + k, 0.2);
      if (k % 3 === 0) addEvent(data, o.channels, samples, samples * 0.3, 0.02 + 0.01 * s, 3);
      const patch = new Patch({
        data: data as TypedArray,
        dims: ["distance", "time"],
        coords: {
          distance: coordRange({ start: 0, step: 2, length: o.channels, units: "m" }),
          time: coordRange({ start, step, length: samples }),
        },
        attrs: { network: "DP", station, tag: "demo", data_type: "strain_rate", data_category: "DAS" },
      });
      const name = `${station}_${String(k).padStart(4, "0")}.h5`;
      await write(patch, join(dir, station, name));
      bytes += data.byteLength;
      options.onProgress?.({ done, total, bytes });
    }
  }
  writeFileSync(marker, new Date().toISOString() + "\n");
  return { dir, created: true };
}
