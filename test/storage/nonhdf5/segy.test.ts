// SEG-Y reader on the real small_channel_patch.sgy (values from FILES.md), selections, and a
// write → read round trip.
import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ParameterError } from "../../../src/errors.ts";
import { segyFormat } from "../../../storage/formats/segy/index.ts";
import { ibmToNumber } from "../../../storage/formats/segy/header.ts";
import type { RawPatch } from "../../../storage/formats/types.ts";
import { REAL, probeOf, withTempDir } from "./battery.ts";

const file = join(REAL, "small_channel_patch.sgy");

describe("segyFormat", () => {
  it("scans a 20 × 10 (time, channel) patch starting 2017-09-18 at 4 ms", async () => {
    const [row] = await segyFormat.scan(file, "2.1");
    expect(row!.shape).toEqual([20, 10]);
    expect(row!.coords["time"]).toMatchObject({ min: 1505692800000000000n, max: 1505692800076000000n, step: 4_000_000n });
    expect(row!.coords["channel"]).toMatchObject({ min: 0, max: 9, step: 1 });
  });

  it("converts the IBM floats to the values FILES.md records", async () => {
    const p = await segyFormat.read(file, "", "2.1");
    const d = p.data as Float32Array;
    expect([d[0], d[d.length - 1], Math.min(...d), Math.max(...d)]).toEqual([
      0.7777023911476135, 0.03274083510041237, 0.007670305669307709, 0.9896678328514099,
    ]);
    expect(d.reduce((a, b) => a + b, 0) / d.length).toBeCloseTo(0.5022990689, 9);
  });

  it("converts IBM floats exactly", () => {
    expect(ibmToNumber(0x42640000)).toBe(100);
    expect(ibmToNumber(0xc276a000)).toBe(-118.625);
    expect(ibmToNumber(0)).toBe(0);
  });

  it("reads a selection equal to the same slice of a full read", async () => {
    const full = await segyFormat.read(file, "", "2.1");
    const part = await segyFormat.read(file, "", "2.1", { time: [3, 9], channel: [2, 5] });
    const want = [];
    for (let t = 3; t < 9; t++) for (let c = 2; c < 5; c++) want.push(full.data[t * 10 + c]);
    expect(part.shape).toEqual([6, 3]);
    expect(Array.from(part.data as Float32Array)).toEqual(want);
  });

  it("writes a patch that reads back identically and detects as rev 2.0", async () => {
    const src = await segyFormat.read(file, "", "2.1");
    await withTempDir(async (dir) => {
      const out = join(dir, "round.sgy");
      await segyFormat.write!([src], out);
      expect(await segyFormat.detect(await probeOf(out))).toBe("2.0");
      const back = await segyFormat.read(out, "", "2.0");
      expect(back.shape).toEqual(src.shape);
      expect(back.data).toEqual(src.data);
      expect(back.coords["time"]).toEqual(src.coords["time"]);
    });
  });

  it("refuses a start time SEG-Y cannot hold instead of rounding it", async () => {
    const patch: RawPatch = {
      data: new Float32Array(4), dims: ["time", "channel"], shape: [2, 2], attrs: {},
      coords: {
        time: { kind: "range", start: 1_500_000_000n, step: 1_000_000n, length: 2, units: "s", dtype: "datetime64" },
        channel: { kind: "range", start: 0, step: 1, length: 2, units: null, dtype: "int64" },
      },
    };
    await expect(segyFormat.write!([patch], "/nonexistent/x.sgy")).rejects.toThrow(ParameterError);
  });

  it("reads a little-endian rev 2 file by its byte-order word", async () => {
    const ns = 3, traces = 2;
    const bytes = Buffer.alloc(3600 + traces * (240 + 4 * ns));
    bytes.writeInt16LE(ns, 3220); bytes.writeInt16LE(2000, 3216); bytes.writeInt16LE(5, 3224);
    bytes.writeUInt32LE(0x01020304, 3296); bytes.writeUInt8(2, 3500); bytes.writeUInt8(0, 3501);
    for (let c = 0; c < traces; c++) {
      const h = 3600 + c * (240 + 4 * ns);
      bytes.writeInt16LE(ns, h + 114); bytes.writeInt16LE(2000, h + 116); bytes.writeInt16LE(2020, h + 156); bytes.writeInt16LE(32, h + 158);
      for (let t = 0; t < ns; t++) bytes.writeFloatLE(c * 10 + t, h + 240 + 4 * t);
    }
    await withTempDir(async (dir) => {
      const path = join(dir, "le.sgy");
      await writeFile(path, bytes);
      expect(await segyFormat.detect(await probeOf(path))).toBe("2.0");
      const p = await segyFormat.read(path, "", "2.0");
      expect(p.shape).toEqual([3, 2]);
      expect(Array.from(p.data as Float32Array)).toEqual([0, 10, 1, 11, 2, 12]);
      expect(p.coords["time"]).toMatchObject({ start: BigInt(Date.UTC(2020, 1, 1)) * 1_000_000n, step: 2_000_000n });
    });
  });
});
