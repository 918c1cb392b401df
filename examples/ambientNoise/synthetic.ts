// A synthetic ambient-noise archive for the ambient-noise job's test and benchmark: one seeded
// noise wavefield travelling along the fibre at a known speed, plus independent noise per
// channel, written as DASDAE files of `fileSeconds` each.
import { join } from "node:path";
import * as dc from "../../src/index.ts";

/** The archive's layout and wave; every field has a default. */
export interface NoiseArchiveOptions {
  channels?: number;
  /** Channel spacing in m. */
  spacing?: number;
  /** Sampling rate in Hz. */
  rate?: number;
  /** Wave speed in m/s (from distance 0 towards the far end). */
  speed?: number;
  files?: number;
  fileSeconds?: number;
  /** Amplitude of each channel's own noise, relative to the travelling wave's. */
  localNoise?: number;
  seed?: number;
  /** Start time, ns since the epoch. */
  start?: bigint;
}

/** mulberry32: a small seeded generator, so an archive is the same on every run. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

/** The delay of channel c behind channel 0 in whole samples (the wave is shifted by samples). */
export function channelDelay(c: number, o: Required<NoiseArchiveOptions>): number {
  return Math.round(((c * o.spacing) / o.speed) * o.rate);
}

/** The options with their defaults: 10 channels 10 m apart, 100 Hz, 250 m/s, six 30 s files. */
export function noiseArchiveDefaults(options: NoiseArchiveOptions = {}): Required<NoiseArchiveOptions> {
  return {
    channels: 10,
    spacing: 10,
    rate: 100,
    speed: 250,
    files: 6,
    fileSeconds: 30,
    localNoise: 0.7,
    seed: 21,
    start: 1_704_067_200_000_000_000n, // 2024-01-01
    ...options,
  };
}

/**
 * Writes the archive into `dir` (files `ANT_<i>.h5`) and returns the options used.
 *
 * @example
 * ```ts
 * const o = await writeNoiseArchive(dir, { channels: 20 });
 * channelDelay(5, o); // 20 samples: 50 m at 250 m/s, 100 Hz
 * ```
 */
export async function writeNoiseArchive(dir: string, options: NoiseArchiveOptions = {}): Promise<Required<NoiseArchiveOptions>> {
  const o = noiseArchiveDefaults(options);
  const n = o.fileSeconds * o.rate;
  const lead = channelDelay(o.channels - 1, o);
  const rand = seededUniform(o.seed);
  const wave = Float64Array.from({ length: o.files * n + lead }, rand);
  const step = BigInt(Math.round(1e9 / o.rate));
  for (let f = 0; f < o.files; f++) {
    const data = new Float32Array(o.channels * n);
    for (let c = 0; c < o.channels; c++) {
      const d = channelDelay(c, o);
      for (let i = 0; i < n; i++) data[c * n + i] = wave[lead + f * n + i - d]! + o.localNoise * rand();
    }
    const patch = new dc.Patch({
      data,
      dims: ["distance", "time"],
      coords: {
        distance: dc.coordRange({ start: 0, step: o.spacing, length: o.channels, units: "m" }),
        time: dc.coordRange({ start: o.start + BigInt(f * n) * step, step, length: n }),
      },
      attrs: { network: "DP", station: "ANT", data_type: "strain_rate", data_category: "DAS" },
    });
    await dc.write(patch, join(dir, `ANT_${f}.h5`), { format: "DASDAE" });
  }
  return o;
}
