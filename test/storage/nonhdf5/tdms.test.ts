// TDMS reader: the real Silixa file (values from FILES.md), selections, and a synthetic
// non-interleaved multi-segment file with incremental metadata.
import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tdmsFormat } from "../../../storage/formats/tdms/index.ts";
import { REAL, withTempDir } from "./battery.ts";

const file = join(REAL, "sample_tdms_file_v4713.tdms");

describe("tdmsFormat on sample_tdms_file_v4713.tdms", () => {
  it("scans the shape, coordinates and attributes DASCore reports", async () => {
    const [row] = await tdmsFormat.scan(file, "4713");
    expect(row!.shape).toEqual([216, 2432]);
    expect(row!.dataDtype).toBe("int16");
    expect(row!.coords["time"]).toMatchObject({ min: 1555299215812034000n, max: 1555299216242034000n, step: 2_000_000n });
    expect(row!.coords["distance"]).toMatchObject({ min: 240.000000124753, step: 2.0419047677428144, units: "m" });
    expect(row!.coords["distance"]!.max).toBeCloseTo(5203.870490507535, 9);
    expect(row!.attrs).toMatchObject({ data_type: "strain_rate", instrument_id: "018B5E03" });
  });

  it("reads the values FILES.md records", async () => {
    const p = await tdmsFormat.read(file, "", "4713");
    const d = p.data as Int16Array;
    let sum = 0, min = Infinity, max = -Infinity;
    for (const x of d) { sum += x; min = Math.min(min, x); max = Math.max(max, x); }
    expect([d[0], d[d.length - 1], min, max]).toEqual([-1144, -453, -16381, 18284]);
    expect(sum / d.length).toBeCloseTo(0.4876168829, 9);
  });

  it("reads a selection equal to the same slice of a full read", async () => {
    const full = await tdmsFormat.read(file, "", "4713");
    const part = await tdmsFormat.read(file, "", "4713", { time: [10, 50], distance: [100, 103] });
    expect(part.shape).toEqual([40, 3]);
    const want = [];
    for (let t = 10; t < 50; t++) for (let c = 100; c < 103; c++) want.push(full.data[t * 2432 + c]);
    expect(Array.from(part.data as Int16Array)).toEqual(want);
    expect(part.coords["time"]).toMatchObject({ start: 1555299215812034000n + 10n * 2_000_000n });
  });
});

/** A property value: a float64, or a TDMS timestamp given as whole seconds since 1904. */
type Prop = [string, number | { seconds1904: bigint }];

/** A little-endian TDMS writer for tests: one segment of float32 channels. */
function tdmsSegment(opts: { toc: number; objects: { path: string; index: number | "none" | "same"; props?: Prop[] }[] | null; raw: Float32Array }): Buffer {
  const parts: Buffer[] = [];
  const u32 = (x: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(x); return b; };
  const str = (s: string) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);
  if (opts.objects) {
    parts.push(u32(opts.objects.length));
    for (const o of opts.objects) {
      parts.push(str(o.path));
      if (o.index === "none") parts.push(u32(0xffffffff));
      else if (o.index === "same") parts.push(u32(0));
      else {
        const b = Buffer.alloc(16);
        b.writeUInt32LE(9, 0); b.writeUInt32LE(1, 4); b.writeBigUInt64LE(BigInt(o.index), 8);
        parts.push(u32(20), b);
      }
      parts.push(u32(o.props?.length ?? 0));
      for (const [name, value] of o.props ?? []) {
        if (typeof value === "number") {
          const v = Buffer.alloc(8); v.writeDoubleLE(value);
          parts.push(str(name), u32(10), v);
        } else {
          const v = Buffer.alloc(16); v.writeBigInt64LE(value.seconds1904, 8);
          parts.push(str(name), u32(0x44), v);
        }
      }
    }
  }
  const meta = Buffer.concat(parts);
  const raw = Buffer.from(opts.raw.buffer);
  const lead = Buffer.alloc(28);
  lead.write("TDSm", 0, "latin1"); lead.writeUInt32LE(opts.toc, 4); lead.writeUInt32LE(4713, 8);
  lead.writeBigUInt64LE(BigInt(meta.length + raw.length), 12); lead.writeBigUInt64LE(BigInt(meta.length), 20);
  return Buffer.concat([lead, meta, raw]);
}

describe("tdmsFormat on a synthetic non-interleaved file", () => {
  // 3 channels, 2 values per chunk; segment 1 holds 2 chunks, segment 2 re-lists the channels
  // with "same index as before" and holds 1 chunk, segment 3 has no metadata and 1 chunk.
  const value = (t: number, c: number) => t * 10 + c;
  const chunk = (t0: number) => Float32Array.from([0, 1, 2].flatMap((c) => [value(t0, c), value(t0 + 1, c)]));
  const seconds1904 = 2_082_844_800n + 1_600_000_000n; // 2020-09-13T12:26:40Z
  const bytes = Buffer.concat([
    tdmsSegment({
      toc: 0b1110,
      objects: [
        { path: "/", index: "none", props: [["SamplingFrequency[Hz]", 100], ["GPSTimeStamp", { seconds1904 }], ["StartPosition[m]", 5], ["SpatialResolution[m]", 2]] },
        { path: "/'g'", index: "none" },
        ...[0, 1, 2].map((c) => ({ path: `/'g'/'c${c}'`, index: 2 })),
      ],
      raw: Float32Array.from([...chunk(0), ...chunk(2)]),
    }),
    tdmsSegment({ toc: 0b1010, objects: [0, 1, 2].map((c) => ({ path: `/'g'/'c${c}'`, index: "same" as const })), raw: chunk(4) }),
    tdmsSegment({ toc: 0b1000, objects: null, raw: chunk(6) }),
  ]);

  it("joins chunks and segments into one (time, distance) patch", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "synthetic.tdms");
      await writeFile(path, bytes);
      const [row] = await tdmsFormat.scan(path, "4713");
      expect(row!.shape).toEqual([8, 3]);
      expect(row!.coords["time"]).toMatchObject({ min: 1_600_000_000_000_000_000n, step: 10_000_000n });
      expect(row!.coords["distance"]).toMatchObject({ min: 5, max: 9, step: 2 });
      const p = await tdmsFormat.read(path, "", "4713");
      const want = Array.from({ length: 8 }, (_, t) => [0, 1, 2].map((c) => value(t, c))).flat();
      expect(Array.from(p.data as Float32Array)).toEqual(want);
      const part = await tdmsFormat.read(path, "", "4713", { time: [3, 7], distance: [1, 3] });
      expect(Array.from(part.data as Float32Array)).toEqual([3, 4, 5, 6].flatMap((t) => [value(t, 1), value(t, 2)]));
    });
  });
});
