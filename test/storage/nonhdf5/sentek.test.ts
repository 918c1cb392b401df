// Sentek reader on the real DMS shot file: the file's own layout (not DASCore's shifted read),
// values, and selections.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { sentekFormat } from "../../../storage/formats/sentek/index.ts";
import { REAL } from "./battery.ts";

const file = join(REAL, "DASDMSShot00_20230328155653619.das");
// File-name time 2023-03-28T15:56:53.619 plus the first time offset, 173998.078125 ms.
const start = BigInt(Date.UTC(2023, 2, 28, 15, 56, 53, 619)) * 1_000_000n + 173_998_078_125n;

describe("sentekFormat", () => {
  it("scans the file's sampling, explicit distances and start (not DASCore's shifted coords)", async () => {
    const [row] = await sentekFormat.scan(file, "5");
    expect(row!.dims).toEqual(["distance", "time"]);
    expect(row!.shape).toEqual([31, 18339]);
    expect(row!.coords["time"]).toMatchObject({ min: start, step: 27_264n, max: start + 27_264n * 18_338n });
    expect(row!.coords["distance"]).toMatchObject({ min: 0, max: 61.858612060546875, step: null, units: "m" });
    expect(row!.attrs["data_type"]).toBe("strain_rate");
  });

  it("reads samples from their true offset, transposed to (distance, time)", async () => {
    const p = await sentekFormat.read(file, "", "5");
    const d = p.data as Float32Array;
    // DASCore's first value (174497.0625) is a time offset; the true first sample is 370.33.
    expect([d[0], d[1], d[18339], d[d.length - 1]]).toEqual([370.3284912109375, -202.7061309814453, 32.2993278503418, 5.011964797973633]);
    let sum = 0, min = Infinity, max = -Infinity;
    for (const x of d) { sum += x; min = Math.min(min, x); max = Math.max(max, x); }
    expect([min, max]).toEqual([-1661.1878662109375, 1841.0616455078125]);
    expect(sum / d.length).toBeCloseTo(-0.0815664425, 7);
    const dist = p.coords["distance"]!;
    expect(dist.kind === "array" && Array.from((dist.values as Float32Array).subarray(0, 3))).toEqual([0, 2.853445053100586, 4.89162015914917]);
  });

  it("reads a selection equal to the same slice of a full read", async () => {
    const full = await sentekFormat.read(file, "", "5");
    const part = await sentekFormat.read(file, "", "5", { distance: [4, 7], time: [100, 160] });
    expect(part.shape).toEqual([3, 60]);
    const want = [];
    for (let d = 4; d < 7; d++) for (let t = 100; t < 160; t++) want.push(full.data[d * 18339 + t]);
    expect(Array.from(part.data as Float32Array)).toEqual(want);
  });
});
