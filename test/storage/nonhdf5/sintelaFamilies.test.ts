// Sintela BAND and FFT packet families (no real sample exists): streams written here with a tiny
// protobuf encoder, read as (time, distance, band|frequency) patches.
import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CorruptFileError } from "../../../src/errors.ts";
import { sintelaFormat } from "../../../storage/formats/sintela/index.ts";
import { withTempDir } from "./battery.ts";

/** Protobuf field encoders: varint, float (fixed32), length-delimited, packed floats. */
const varint = (x: number): number[] => { const out = []; do { out.push((x & 0x7f) | (x >= 0x80 ? 0x80 : 0)); x = Math.floor(x / 128); } while (x > 0); return out; };
const key = (n: number, wire: number) => varint((n << 3) | wire);
const int = (n: number, x: number) => Buffer.from([...key(n, 0), ...varint(x)]);
const float = (n: number, x: number) => { const b = Buffer.alloc(4); b.writeFloatLE(x); return Buffer.concat([Buffer.from(key(n, 5)), b]); };
const msg = (n: number, ...parts: Buffer[]) => { const body = Buffer.concat(parts); return Buffer.concat([Buffer.from([...key(n, 2), ...varint(body.length)]), body]); };
const str = (n: number, s: string) => msg(n, Buffer.from(s));
const floats = (n: number, xs: number[]) => msg(n, Buffer.from(Float32Array.from(xs).buffer));
const record = (tag: string, payload: Buffer) => {
  const h = Buffer.alloc(12);
  h.writeUInt32LE(0x46554250, 0); h.write(tag.padEnd(4, "\0"), 4, "latin1"); h.writeUInt32LE(payload.length, 8);
  return Buffer.concat([h, payload]);
};
const common = (seconds: number, nch: number) => msg(1, msg(1, int(1, seconds), int(2, 500_000_000)), int(2, nch), float(4, 2.5), float(5, 10), int(6, 4));

const nch = 3;
const value = (t: number, d: number, k: number) => t * 100 + d * 10 + k;
const grid = (t: number, nk: number) => Array.from({ length: nch * nk }, (_, i) => value(t, Math.floor(i / nk), i % nk));

async function withStream<T>(records: Buffer[], fn: (path: string) => Promise<T>): Promise<T> {
  return withTempDir(async (dir) => {
    const path = join(dir, "stream.pb");
    await writeFile(path, Buffer.concat(records));
    return fn(path);
  });
}

describe("sintelaFormat BAND and FFT families", () => {
  it("reads BAND packets as (time, distance, band) with per-band frequencies", async () => {
    const bands = [msg(2, int(1, 13), float(2, 1), float(3, 10), str(5, "low")), msg(2, int(1, 13), float(2, 10), float(3, 100), str(5, "high"))];
    const packets = [0, 1, 2].map((t) => record("BAND", Buffer.concat([msg(1, common(1_700_000_000 + t, nch), ...bands), floats(2, grid(t, 2))])));
    await withStream([record("META", str(1, "ns")), ...packets], async (path) => {
      const [row] = await sintelaFormat.scan(path, "1");
      expect(row!.dims).toEqual(["time", "distance", "band"]);
      expect(row!.shape).toEqual([3, 3, 2]);
      expect(row!.coords["time"]).toMatchObject({ min: 1_700_000_000_500_000_000n, step: 1_000_000_000n, length: 3 });
      expect(row!.coords["distance"]).toMatchObject({ min: 10, step: 2.5, max: 15 });
      expect(row!.attrs).toMatchObject({ data_type: "phase", data_units: "radians", band_description: ["low", "high"], recorder_namespace: "ns" });
      const p = await sintelaFormat.read(path, "", "1", { time: [1, 3], distance: [2, 3], band: [1, 2] });
      expect(Array.from(p.data as Float32Array)).toEqual([value(1, 2, 1), value(2, 2, 1)]);
      const f = p.coords["band_end_frequency"]!;
      expect(f.kind === "array" && Array.from(f.values as Float64Array)).toEqual([100]);
    });
  });

  it("reads FFT packets as (time, distance, frequency)", async () => {
    const header = (t: number) => msg(1, common(1_700_000_000 + t, nch), int(2, 4), float(3, 0.5), int(5, 2));
    const packets = [0, 1].map((t) => record("FFT", Buffer.concat([header(t), floats(2, grid(t, 4))])));
    await withStream(packets, async (path) => {
      const [row] = await sintelaFormat.scan(path, "1");
      expect(row!.shape).toEqual([2, 3, 4]);
      expect(row!.coords["frequency"]).toMatchObject({ min: 0, max: 1.5, step: 0.5, units: "Hz" });
      expect(row!.coords["distance"]).toMatchObject({ min: 10, step: 5 });
      const p = await sintelaFormat.read(path, "", "1");
      expect(Array.from(p.data as Float32Array)).toEqual([...grid(0, 4), ...grid(1, 4)]);
    });
  });

  it("refuses complex FFT data and mixed families as CorruptFileError", async () => {
    const complex = record("FFT", Buffer.concat([msg(1, common(1, nch), int(2, 1), float(3, 1), int(8, 1)), floats(2, grid(0, 2))]));
    await withStream([complex], async (path) => {
      await expect(sintelaFormat.scan(path, "1")).rejects.toThrow(/complex FFT/);
    });
    const fft = record("FFT", Buffer.concat([msg(1, common(1, nch), int(2, 1), float(3, 1)), floats(2, grid(0, 1))]));
    const band = record("BAND", Buffer.concat([msg(1, common(2, nch), msg(2, int(1, 10))), floats(2, grid(0, 1))]));
    await withStream([fft, band], async (path) => {
      await expect(sintelaFormat.scan(path, "1")).rejects.toThrow(CorruptFileError);
    });
  });
});
