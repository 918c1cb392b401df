// Sintela protobuf reader on the real vendor-simulator recording: packet joining, coordinates,
// attributes from META, values and selections.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { sintelaFormat } from "../../../storage/formats/sintela/index.ts";
import { REAL } from "./battery.ts";

const file = join(REAL, "sintela_protobuf_1.pb");
const start = 1771785052151221000n; // 2026-02-22T18:30:52.151221Z, first TS05 packet

describe("sintelaFormat", () => {
  it("joins 185 packets of 8 samples into a 1480 × 200 (time, distance) patch", async () => {
    const [row] = await sintelaFormat.scan(file, "1");
    expect(row!.shape).toEqual([1480, 200]);
    expect(row!.dataDtype).toBe("float32");
    expect(row!.coords["time"]).toMatchObject({ min: start, step: 2_000_000n, max: start + 1479n * 2_000_000n });
    expect(row!.coords["distance"]).toMatchObject({ min: 0, max: 1990, step: 10, units: "m" });
    expect(row!.attrs).toMatchObject({
      data_category: "DAS", gauge_length: 10, packet_type: "TS05", sample_rate: 500, channel_step: 1,
      instrument_manufacturer: "Sintela", recorder_namespace: "manualRecord/recorder",
    });
  });

  it("reads the packed float samples in (time, distance) order", async () => {
    const p = await sintelaFormat.read(file, "", "1");
    const d = p.data as Float32Array;
    expect(Array.from(d.subarray(0, 2))).toEqual([-0.01914129965007305, 0.015893196687102318]);
    let min = Infinity, max = -Infinity;
    for (const x of d) { min = Math.min(min, x); max = Math.max(max, x); }
    expect([min, max]).toEqual([-0.977060079574585, 0.9809654951095581]);
  });

  it("reads a selection across packet borders equal to the same slice of a full read", async () => {
    const full = await sintelaFormat.read(file, "", "1");
    const part = await sintelaFormat.read(file, "", "1", { time: [5, 27], distance: [198, 200] });
    expect(part.shape).toEqual([22, 2]);
    const want = [];
    for (let t = 5; t < 27; t++) for (let c = 198; c < 200; c++) want.push(full.data[t * 200 + c]);
    expect(Array.from(part.data as Float32Array)).toEqual(want);
    expect(part.coords["distance"]).toMatchObject({ start: 1980 });
  });
});
