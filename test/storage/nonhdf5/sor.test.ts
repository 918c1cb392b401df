// SR-4731 OTDR reader on the two real .sor traces: DASCore's golden values and selections.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { sorFormat } from "../../../storage/formats/sor/index.ts";
import { REAL } from "./battery.ts";

const cases = [
  { file: "ofl100_1.sor", time: "2026-06-12T10:58:14Z", step: 0.2552233615790427, max: 4181.3243327494565, range: 4181.579556111035, spacing: 0.00125003, first: [9.064, 10.146, 11.439, 11.98, 12.539], mean: 9.150916931, peak: 20.304 },
  { file: "ofl100_3.sor", time: "2026-06-03T15:34:49Z", step: 0.1276127016584668, max: 2090.6788912706616, range: 2090.80650397232, spacing: 0.00062502, first: [7.72, 8.21, 8.701, 9.61, 10.519], mean: 10.20704199, peak: 23.807 },
];

describe.each(cases)("sorFormat on $file", (c) => {
  const file = join(REAL, c.file);
  it("scans DASCore's coordinates and attributes", async () => {
    const [row] = await sorFormat.scan(file, "200");
    const t = BigInt(Date.parse(c.time)) * 1_000_000n;
    expect(row!.shape).toEqual([1, 16384]);
    expect(row!.coords["time"]).toMatchObject({ min: t, max: t, step: null });
    expect(row!.coords["distance"]).toMatchObject({ min: 0, max: c.max, step: c.step, units: "m" });
    expect(row!.attrs).toMatchObject({
      data_type: "otdr", data_units: "dB", instrument_id: "FIBERCLOUD-FC4000-0901001", wavelength_nm: 1550,
      refractive_index: 1.46832, sample_spacing_usec: c.spacing, acquisition_range_m: c.range, trace_count: 1, sample_scale: 1000,
    });
  });
  it("reads the trace in pyotdr's dB convention", async () => {
    const d = (await sorFormat.read(file, "", "200")).data as Float64Array;
    expect(Array.from(d.subarray(0, 5))).toEqual(c.first);
    expect([Math.min(...d), Math.max(...d), d[d.length - 1]]).toEqual([0, c.peak, 0]);
    expect(d.reduce((a, b) => a + b, 0) / d.length).toBeCloseTo(c.mean, 8);
  });
  it("selects 6 samples by index like DASCore's test, equal to the full read's slice", async () => {
    const full = await sorFormat.read(file, "", "200");
    const part = await sorFormat.read(file, "", "200", { distance: [100, 106] });
    expect(part.shape).toEqual([1, 6]);
    expect(part.data).toEqual(full.data.subarray(100, 106));
    expect((await sorFormat.read(file, "", "200", { time: [1, 1] })).shape).toEqual([0, 16384]);
  });
});
