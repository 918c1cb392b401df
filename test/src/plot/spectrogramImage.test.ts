// The README's "Spectral" image (docs/spectrogram.png) is what scripts/readme-spectrogram.ts
// renders today from the real PRODML file, and the numbers behind it are DASCore's:
// `p.spectrogram("time", nperseg=128, noverlap=96).mean("distance")` in dB (values printed by
// DASCore 0.1.21 on the same file; the data are float32, hence the tolerance).

import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { decodePng } from "../../../src/plot/png.ts";
import { SPECTROGRAM_IMAGE, SPECTROGRAM_INPUT, spectrogramDb, spectrogramImage } from "../../../scripts/readme-spectrogram.ts";

describe.skipIf(!existsSync(SPECTROGRAM_INPUT))("docs/spectrogram.png", { timeout: 120_000 }, () => {
  it("plots DASCore's channel-mean spectrogram of prodml_2.0.h5 in dB", async () => {
    const db = spectrogramDb(await dc.spool(SPECTROGRAM_INPUT).get(0));
    const data = Array.from(db.data as ArrayLike<number>);
    expect(db.dims).toEqual(["ft_time", "time"]);
    expect(db.shape).toEqual([65, 75]);
    const at = (f: number, t: number) => data[f * 75 + t]!;
    expect(at(30, 40)).toBeCloseTo(46.763462, 3);
    expect(at(5, 2)).toBeCloseTo(46.286232, 3);
    expect(data.reduce((a, b) => a + b, 0) / data.length).toBeCloseTo(46.55654, 3);
    expect((db.getCoord("ft_time").values() as Float64Array)[30]).toBe(46.875);
    expect((db.getCoord("time").values() as BigInt64Array)[40]).toBe(6_720_000_000n); // the file's times start at the epoch
    // the 18.75 Hz line is the strongest frequency over the record (DC excluded)
    const rowMean = (f: number) => data.slice(f * 75, f * 75 + 75).reduce((a, b) => a + b, 0) / 75;
    let best = 1;
    for (let f = 2; f < 65; f++) if (rowMean(f) > rowMean(best)) best = f;
    expect((db.getCoord("ft_time").values() as Float64Array)[best]).toBe(18.75);
  });

  it("is current (regenerate with npx tsx scripts/readme-spectrogram.ts)", async () => {
    const committed = decodePng(readFileSync(SPECTROGRAM_IMAGE));
    const fresh = decodePng(Buffer.from(await spectrogramImage()));
    expect({ width: committed.width, height: committed.height }).toEqual({ width: fresh.width, height: fresh.height });
    expect(Buffer.from(committed.pixels).equals(Buffer.from(fresh.pixels))).toBe(true);
  });
});
