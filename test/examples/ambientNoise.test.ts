// The examples/ ambient-noise job (issue 21) on a generated archive: seeded noise that travels
// along the fibre at a known speed, written as DASDAE files; the stacked whitened correlation
// with a virtual source channel peaks at each channel's travel time.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../src/index.ts";
import { peakLags, stackCorrelations } from "../../examples/ambientNoise/run.ts";
import { noiseCorrelation } from "../../examples/ambientNoise/tasks.ts";

const RATE = 100; // Hz
const CHANNELS = 10;
const SPACING = 10; // m
const SPEED = 250; // m/s: 0.04 s (4 samples) per channel
const FILE_SECONDS = 30;
const FILES = 6; // three full minutes
const T0 = 1_704_067_200_000_000_000n; // 2024-01-01

let dir: string;

/** mulberry32: a small seeded generator, so the archive is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

/** Delay of channel c behind channel 0, in samples. */
const delay = (c: number): number => Math.round(((c * SPACING) / SPEED) * RATE);

/**
 * One noise wavefield travelling from distance 0 towards the far end (channel c sees the source
 * signal `delay(c)` samples later) plus independent local noise of 0.7 × its amplitude per channel.
 */
async function writeArchive(): Promise<void> {
  const n = FILE_SECONDS * RATE;
  const lead = delay(CHANNELS - 1);
  const rand = random(21);
  const wave = Float64Array.from({ length: FILES * n + lead }, rand);
  for (let f = 0; f < FILES; f++) {
    const data = new Float32Array(CHANNELS * n);
    for (let c = 0; c < CHANNELS; c++) {
      for (let i = 0; i < n; i++) data[c * n + i] = wave[lead + f * n + i - delay(c)]! + 0.7 * rand();
    }
    const patch = new dc.Patch({
      data,
      dims: ["distance", "time"],
      coords: {
        distance: dc.coordRange({ start: 0, step: SPACING, length: CHANNELS, units: "m" }),
        time: dc.coordRange({ start: T0 + BigInt(f * FILE_SECONDS) * 1_000_000_000n, step: 10_000_000n, length: n }),
      },
      attrs: { network: "DP", station: "ANT", data_type: "strain_rate", data_category: "DAS" },
    });
    await dc.write(patch, join(dir, `ANT_${f}.h5`), { format: "DASDAE" });
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "daspool-ambient-"));
  await writeArchive();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("examples/ambientNoise", () => {
  it("stacks three one-minute windows into a correlation that peaks at each channel's travel time", async () => {
    const cc = await stackCorrelations(dir, { source: 0, band: [2, 30], maxLag: 1, window: 60, workers: 2 });
    expect(cc.dims).toEqual(["distance", "lag_time"]);
    expect(cc.shape).toEqual([CHANNELS, 2 * RATE + 1]); // ±1 s at 100 Hz
    expect(cc.attrs.data_type).toBe("correlation");
    const lags = peakLags(cc);
    for (let c = 0; c < CHANNELS; c++) expect(lags[c]).toBeCloseTo(delay(c) / RATE, 9);
    // the delays are distinct and not all zero: the check would fail on an unshifted or mirrored result
    expect(new Set(lags).size).toBe(CHANNELS);
  });

  it("with a source in the middle, channels before it peak at negative lags and channels after it at positive ones", async () => {
    const cc = await stackCorrelations(dir, { source: 50, band: [2, 30], maxLag: 1, workers: 2 });
    const lags = peakLags(cc);
    // source at channel 5: channels before it lead it (negative lags), channels after it lag behind
    for (let c = 0; c < CHANNELS; c++) expect(lags[c]).toBeCloseTo((delay(c) - delay(5)) / RATE, 9);
  });

  it("equals the mean of the per-window correlations computed in the calling thread", async () => {
    const args = { band: [2, 30] as [number, number], source: 0, maxLag: 1 };
    const windows: dc.Patch[] = [];
    for await (const w of dc.spool(dir).chunk({ time: 60 }).map((p) => noiseCorrelation(p, args))) windows.push(w);
    expect(windows).toHaveLength(3);
    const inWorkers = await stackCorrelations(dir, { ...args, workers: 2 });
    const mean = new Float64Array(inWorkers.data.length);
    for (const w of windows) for (let i = 0; i < mean.length; i++) mean[i] = mean[i]! + w.data[i]! / windows.length;
    for (let i = 0; i < mean.length; i++) expect(inWorkers.data[i]).toBeCloseTo(mean[i]!, 10);
  });
});
