// Febus G1 text profile reader on the real .bsl file (values from FILES.md), selections, names.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { febusG1CsvFormat, parseG1Name } from "../../../storage/formats/febusG1Csv/index.ts";
import { REAL } from "./battery.ts";

const file = join(REAL, "febg1_C1_2023-05-10T12.25.03+0000.bsl");

describe("febusG1CsvFormat", () => {
  it("scans a 12000 × 1 (distance, time) profile with DASCore's coordinates", async () => {
    const [row] = await febusG1CsvFormat.scan(file, "1");
    expect(row!.dims).toEqual(["distance", "time"]);
    expect(row!.shape).toEqual([12000, 1]);
    expect(row!.coords["time"]).toMatchObject({ min: 1683721503782370048n, max: 1683721503782370048n, step: 61389110016n });
    expect(row!.coords["distance"]).toMatchObject({ min: 700, step: 0.1, units: "m" });
    expect(row!.coords["distance"]!.max).toBeCloseTo(1899.9, 9);
    expect(row!.attrs).toMatchObject({ data_type: "strain", data_category: "DSS", instrument_id: "febg1", temperature: 24.85, channel: 1 });
  });

  it("reads the values FILES.md records", async () => {
    const d = (await febusG1CsvFormat.read(file, "", "1")).data as Float64Array;
    expect([d[0], d[d.length - 1], Math.min(...d), Math.max(...d)]).toEqual([806.190186, 4593.626953, -247349.609375, 415518.71875]);
    expect(d.reduce((a, b) => a + b, 0) / d.length).toBeCloseTo(445.3361581, 6);
  });

  it("reads a selection equal to the same slice of a full read", async () => {
    const full = await febusG1CsvFormat.read(file, "", "1");
    const part = await febusG1CsvFormat.read(file, "", "1", { distance: [10, 20] });
    expect(part.shape).toEqual([10, 1]);
    expect(part.data).toEqual(full.data.subarray(10, 20));
    expect(part.coords["distance"]).toMatchObject({ start: 701 });
  });

  it("rejects names DASCore rejects and converts the zone to UTC", () => {
    expect(parseG1Name("febg1_2023-05-10T12:25:03+00:00.bsl")).toBeNull();
    expect(parseG1Name("febg1_C1_2023-1-10T12:25:03.bsl")).toBeNull();
    expect(parseG1Name("x_C2_2026-06-03T17.18.13+0200.bsl")?.timeNs).toBe(BigInt(Date.UTC(2026, 5, 3, 15, 18, 13)) * 1_000_000n);
    expect(parseG1Name("x_C2_2026-06-03T17.18.13-0130.bsl")?.timeNs).toBe(BigInt(Date.UTC(2026, 5, 3, 18, 48, 13)) * 1_000_000n);
    expect(parseG1Name("x_C2_2026-06-03T17.18.13.bsl")?.timeNs).toBe(BigInt(Date.UTC(2026, 5, 3, 17, 18, 13)) * 1_000_000n);
  });
});
