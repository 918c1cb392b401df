// The demo archive of `npm start`: a seeded, deterministic directory of DASDAE files from several
// stations, large enough (a few GB by default) to show lazy planning and hyperslab reads, with
// signals a seismologist recognises: a vehicle driving along the fibre, a local earthquake with
// moveout across channels, and a one-minute gap (two missing files of station BBB).

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
  /** Files of station `gapStation` left out to make a gap (positions in its sequence). */
  gap?: readonly number[];
  /** The station with the gap. */
  gapStation?: string;
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
  gapStation: "BBB",
  start: 1_704_067_200_000_000_000n, // 2024-01-01
};

/** Channel spacing in metres. */
const SPACING = 2;

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

/**
 * The recognisable signals of the demo, in seconds after the archive's start and metres along the
 * fibre. They are functions of absolute time, so they run on seamlessly across file boundaries.
 */
export const DEMO_SIGNALS = {
  /** A vehicle driving along the fibre: at `x0` m at `t0` s, moving at `speed` m/s until `t1` s. */
  vehicle: { t0: 360, t1: 1560, x0: 0, speed: 0.75, amplitude: 0.5, frequency: 5, halfWidth: 12 },
  /** A local earthquake at `time` s: arrives first at `epicentre` m, later away from it at `velocity` m/s. */
  event: { time: 840, epicentre: 400, velocity: 1500, amplitude: 1.5, frequency: 4, decay: 2 },
} as const;

/** Where the vehicle is at `t` seconds after the archive's start, or null before or after its drive. */
export function vehiclePosition(t: number): number | null {
  const v = DEMO_SIGNALS.vehicle;
  return t < v.t0 || t > v.t1 ? null : v.x0 + v.speed * (t - v.t0);
}

/**
 * Adds the vehicle (a 5 Hz hum, strongest at its position, fading over ~12 m) and the earthquake
 * (a decaying 4 Hz wave train with moveout away from its epicentre) to one file's samples.
 */
function addSignals(out: Float32Array, channels: number, samples: number, spacing: number, t0: number, rate: number): void {
  const v = DEMO_SIGNALS.vehicle;
  const e = DEMO_SIGNALS.event;
  for (let c = 0; c < channels; c++) {
    const x = c * spacing;
    const row = c * samples;
    // The vehicle passes channel c at one time; only the samples within ±4 half-widths are touched.
    const passing = v.t0 + (x - v.x0) / v.speed;
    const near = (4 * v.halfWidth) / v.speed;
    const from = Math.max(0, Math.floor((Math.max(passing - near, v.t0) - t0) * rate));
    const to = Math.min(samples, Math.ceil((Math.min(passing + near, v.t1) - t0) * rate));
    for (let i = from; i < to; i++) {
      const t = t0 + i / rate;
      const d = (x - vehiclePosition(t)!) / v.halfWidth;
      out[row + i]! += v.amplitude * Math.exp(-d * d) * Math.sin(2 * Math.PI * v.frequency * t);
    }
    const arrival = e.time + Math.abs(x - e.epicentre) / e.velocity;
    const a = Math.max(0, Math.floor((arrival - t0) * rate));
    const b = Math.min(samples, Math.ceil((arrival + 6 * e.decay - t0) * rate));
    for (let i = a; i < b; i++) {
      const dt = t0 + i / rate - arrival;
      if (dt >= 0) out[row + i]! += e.amplitude * Math.exp(-dt / e.decay) * Math.sin(2 * Math.PI * e.frequency * dt);
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
  // The marker names the layout version: an archive from an older daspool (uniform noise) is regenerated.
  const marker = join(dir, ".complete-v2");
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
      if (station === o.gapStation && o.gap.includes(k)) continue;
      const start = o.start + BigInt(k * o.secondsPerFile) * 1_000_000_000n;
      noise(data, 1 + s * 100_003 + k, 0.2);
      addSignals(data, o.channels, samples, SPACING, k * o.secondsPerFile, o.rate);
      const patch = new Patch({
        data: data as TypedArray,
        dims: ["distance", "time"],
        coords: {
          distance: coordRange({ start: 0, step: SPACING, length: o.channels, units: "m" }),
          time: coordRange({ start, step, length: samples }),
        },
        attrs: { network: "DP", station, tag: "demo", data_type: "strain_rate", data_units: "1/s", data_category: "DAS" },
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
