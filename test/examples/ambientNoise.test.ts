// The examples/ ambient-noise job (issue 21) on a generated archive: seeded noise that travels
// along the fibre at a known speed (examples/ambientNoise/synthetic.ts), written as DASDAE
// files; the stacked whitened correlation with a virtual source channel peaks at each channel's
// travel time.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../src/index.ts";
import { peakLags, stackCorrelations } from "../../examples/ambientNoise/run.ts";
import { channelDelay, writeNoiseArchive, type NoiseArchiveOptions } from "../../examples/ambientNoise/synthetic.ts";
import { noiseCorrelation } from "../../examples/ambientNoise/tasks.ts";

let dir: string;
let o: Required<NoiseArchiveOptions>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "daspool-ambient-"));
  // 10 channels 10 m apart at 100 Hz, a wave at 250 m/s (4 samples per channel), three minutes
  o = await writeNoiseArchive(dir, { channels: 10, spacing: 10, rate: 100, speed: 250, files: 6, fileSeconds: 30, seed: 21 });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("examples/ambientNoise", () => {
  it("stacks three one-minute windows into a correlation that peaks at each channel's travel time", async () => {
    const cc = await stackCorrelations(dir, { source: 0, band: [2, 30], maxLag: 1, window: 60, workers: 2 });
    expect(cc.dims).toEqual(["distance", "lag_time"]);
    expect(cc.shape).toEqual([o.channels, 2 * o.rate + 1]); // ±1 s at 100 Hz
    expect(cc.attrs.data_type).toBe("correlation");
    const lags = peakLags(cc);
    for (let c = 0; c < o.channels; c++) expect(lags[c]).toBeCloseTo(channelDelay(c, o) / o.rate, 9);
    // the delays are distinct and not all zero: the check would fail on an unshifted or mirrored result
    expect(new Set(lags).size).toBe(o.channels);
  });

  it("with a source in the middle, channels before it peak at negative lags and channels after it at positive ones", async () => {
    const cc = await stackCorrelations(dir, { source: 50, band: [2, 30], maxLag: 1, workers: 2 });
    const lags = peakLags(cc);
    for (let c = 0; c < o.channels; c++) expect(lags[c]).toBeCloseTo((channelDelay(c, o) - channelDelay(5, o)) / o.rate, 9);
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
