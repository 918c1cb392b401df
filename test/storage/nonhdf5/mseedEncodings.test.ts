// miniSEED 2 encodings the real files lack (all are Steim-2): Steim-1, int16, int32, float32,
// float64, little-endian data, a trace with a gap, and miniSEED 3 records, on files written here.
import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { mseedFormat } from "../../../storage/formats/mseed/index.ts";
import { recordCrc } from "../../../storage/formats/mseed/header3.ts";
import { probeOf, withTempDir } from "./battery.ts";

const RECORD = 1024; // 15 Steim frames: room for 150 samples even as 32-bit differences

/** Steim-1 frames for `x`: 4×8-bit, 2×16-bit or 1×32-bit differences per word, greedily. */
function steim1(x: number[]): Buffer {
  const diffs = x.map((v, i) => (i === 0 ? 0 : v - x[i - 1]!));
  const words: [number, number][] = []; // [code, word]
  let i = 0;
  const fits = (n: number, bits: number) => diffs.slice(i, i + n).length === n && diffs.slice(i, i + n).every((d) => d >= -(2 ** (bits - 1)) && d < 2 ** (bits - 1));
  while (i < diffs.length) {
    if (fits(4, 8)) { words.push([1, diffs.slice(i, i + 4).reduce((w, d) => ((w << 8) | (d & 0xff)) >>> 0, 0)]); i += 4; }
    else if (fits(2, 16)) { words.push([2, (((diffs[i]! & 0xffff) << 16) | (diffs[i + 1]! & 0xffff)) >>> 0]); i += 2; }
    else { words.push([3, diffs[i]! >>> 0]); i += 1; }
  }
  const frames: Buffer[] = [];
  let w = 0;
  for (let f = 0; w < words.length || f === 0; f++) {
    const frame = Buffer.alloc(64);
    let nibbles = 0;
    for (let k = 1; k < 16; k++) {
      if (f === 0 && k === 1) { frame.writeInt32BE(x[0]!, 4); continue; }
      if (f === 0 && k === 2) { frame.writeInt32BE(x[x.length - 1]!, 8); continue; }
      const next = words[w++];
      if (!next) break;
      nibbles |= next[0] << (30 - 2 * k);
      frame.writeUInt32BE(next[1], 4 * k);
    }
    frame.writeUInt32BE(nibbles >>> 0, 0);
    frames.push(frame);
  }
  return Buffer.concat(frames);
}

/** One 1024-byte record of station `sta` starting at `startMs` (UTC ms) at `rate` Hz. */
function record(opts: { sta: string; startMs: number; rate: number; samples: number[]; encoding: number; littleEndian?: boolean }): Buffer {
  const r = Buffer.alloc(RECORD);
  r.write("000001D ", 0, "latin1");
  r.write(opts.sta.padEnd(5), 8, "latin1"); r.write("  ", 13, "latin1"); r.write("HSF", 15, "latin1"); r.write("XX", 18, "latin1");
  const d = new Date(opts.startMs);
  const doy = Math.floor((opts.startMs - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  r.writeUInt16BE(d.getUTCFullYear(), 20); r.writeUInt16BE(doy, 22);
  r.writeUInt8(d.getUTCHours(), 24); r.writeUInt8(d.getUTCMinutes(), 25); r.writeUInt8(d.getUTCSeconds(), 26);
  r.writeUInt16BE(d.getUTCMilliseconds() * 10, 28);
  r.writeUInt16BE(opts.samples.length, 30); r.writeInt16BE(opts.rate, 32); r.writeInt16BE(1, 34);
  r.writeUInt8(1, 39); r.writeUInt16BE(64, 44); r.writeUInt16BE(48, 46);
  r.writeUInt16BE(1000, 48); r.writeUInt16BE(0, 50); r.writeUInt8(opts.encoding, 52); r.writeUInt8(opts.littleEndian ? 0 : 1, 53); r.writeUInt8(10, 54);
  const le = opts.littleEndian ?? false;
  const put = (size: number, write: (b: Buffer, v: number, at: number) => void) => opts.samples.forEach((v, i) => write(r, v, 64 + size * i));
  switch (opts.encoding) {
    case 1: put(2, (b, v, at) => (le ? b.writeInt16LE(v, at) : b.writeInt16BE(v, at))); break;
    case 3: put(4, (b, v, at) => (le ? b.writeInt32LE(v, at) : b.writeInt32BE(v, at))); break;
    case 4: put(4, (b, v, at) => (le ? b.writeFloatLE(v, at) : b.writeFloatBE(v, at))); break;
    case 5: put(8, (b, v, at) => (le ? b.writeDoubleLE(v, at) : b.writeDoubleBE(v, at))); break;
    case 10: steim1(opts.samples).copy(r, 64); break;
  }
  return r;
}

async function roundTrip(records: Buffer[]) {
  return withTempDir(async (dir) => {
    const path = join(dir, "synthetic.mseed");
    await writeFile(path, Buffer.concat(records));
    const rows = await mseedFormat.scan(path, "2");
    const patches = await Promise.all(rows.map((r) => mseedFormat.read(path, r.key, "2")));
    return { rows, patches };
  });
}

const t0 = Date.UTC(2024, 0, 2, 3, 4, 5, 600);
/** Samples whose differences need 8, 16 and 32 bits in turn, so every Steim-1 code is used. */
const wave = (n: number, k: number) => Array.from({ length: n }, (_, i) => {
  const scale = [1, 2_000, 3_000_000][Math.floor(i / 10) % 3]!;
  return Math.round(Math.sin(i / 3 + k) * 50 * scale) | 0; // | 0 turns -0 into 0
});

describe("mseedFormat encodings", () => {
  it.each([
    ["int16", 1, Array.from({ length: 200 }, (_, i) => (i * 37) % 2000 - 1000)],
    ["int32", 3, Array.from({ length: 100 }, (_, i) => (i - 50) * 40_000_000)],
    ["float32", 4, Array.from({ length: 100 }, (_, i) => i / 4 - 3)],
    ["float64", 5, Array.from({ length: 50 }, (_, i) => i / 3)],
    ["Steim-1", 10, wave(150, 0)],
  ] as const)("decodes %s samples, big- and little-endian", async (_name, encoding, samples) => {
    for (const littleEndian of encoding === 10 ? [false] : [false, true]) {
      const { rows, patches } = await roundTrip([record({ sta: "A1", startMs: t0, rate: 100, samples: [...samples], encoding, littleEndian })]);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.coords["time"]!.min).toBe(BigInt(t0) * 1_000_000n);
      const got = Array.from(patches[0]!.data as Float64Array);
      if (encoding === 5) expect(got).toEqual(samples);
      else expect(got).toEqual(samples.map((v) => (encoding === 4 ? Math.fround(v) : v)));
    }
  });

  it("joins contiguous Steim-1 records and splits at a gap, one patch per segment", async () => {
    const a = wave(150, 1), b = wave(150, 2), c = wave(150, 3);
    const { rows, patches } = await roundTrip([
      record({ sta: "A1", startMs: t0, rate: 100, samples: a, encoding: 10 }),
      record({ sta: "A1", startMs: t0 + 1500, rate: 100, samples: b, encoding: 10 }),
      record({ sta: "A1", startMs: t0 + 10_000, rate: 100, samples: c, encoding: 10 }),
    ]);
    expect(rows.map((r) => r.shape)).toEqual([[1, 300], [1, 150]]);
    expect(Array.from(patches[0]!.data as Int32Array)).toEqual([...a, ...b]);
    expect(Array.from(patches[1]!.data as Int32Array)).toEqual(c);
  });

  it("merges stations with equal timing into one (channel, time) patch ordered by station", async () => {
    const { rows, patches } = await roundTrip([
      record({ sta: "B2", startMs: t0, rate: 100, samples: [5, 6, 7], encoding: 3 }),
      record({ sta: "A1", startMs: t0, rate: 100, samples: [1, 2, 3], encoding: 3 }),
    ]);
    expect(rows.map((r) => [r.shape, r.attrs["stations"]])).toEqual([[[2, 3], ["A1", "B2"]]]);
    expect(Array.from(patches[0]!.data as Int32Array)).toEqual([1, 2, 3, 5, 6, 7]);
  });
});

/** One miniSEED 3 record with a valid CRC-32C. */
function record3(opts: { sid: string; startMs: number; rate: number; samples: number[]; encoding: 3 | 10 }): Buffer {
  const data = opts.encoding === 3
    ? Buffer.from(Int32Array.from(opts.samples).buffer) // little-endian on every test host
    : steim1(opts.samples);
  const sid = Buffer.from(opts.sid, "latin1");
  const h = Buffer.alloc(40);
  const d = new Date(opts.startMs);
  h.write("MS", 0, "latin1"); h.writeUInt8(3, 2);
  h.writeUInt32LE((opts.startMs % 1000) * 1_000_000, 4);
  h.writeUInt16LE(d.getUTCFullYear(), 8);
  h.writeUInt16LE(Math.floor((opts.startMs - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 10);
  h.writeUInt8(d.getUTCHours(), 12); h.writeUInt8(d.getUTCMinutes(), 13); h.writeUInt8(d.getUTCSeconds(), 14);
  h.writeUInt8(opts.encoding, 15); h.writeDoubleLE(opts.rate, 16); h.writeUInt32LE(opts.samples.length, 24);
  h.writeUInt8(1, 32); h.writeUInt8(sid.length, 33); h.writeUInt16LE(0, 34); h.writeUInt32LE(data.length, 36);
  const rec = Buffer.concat([h, sid, data]);
  rec.writeUInt32LE(recordCrc(rec), 28);
  return rec;
}

describe("mseedFormat on miniSEED 3", () => {
  it("computes the standard CRC-32C", () => {
    expect(recordCrc(Buffer.from("123456789"))).toBe(0xe3069283);
  });

  it("detects version 3 and joins contiguous records by source id", async () => {
    const a = wave(100, 4), b = wave(60, 5);
    await withTempDir(async (dir) => {
      const path = join(dir, "v3.mseed");
      await writeFile(path, Buffer.concat([
        record3({ sid: "FDSN:XX_A1__H_S_F", startMs: t0, rate: 50, samples: a, encoding: 10 }),
        record3({ sid: "FDSN:XX_A1__H_S_F", startMs: t0 + 2000, rate: 50, samples: b, encoding: 3 }),
      ]));
      expect(await mseedFormat.detect(await probeOf(path))).toBe("3");
      const rows = await mseedFormat.scan(path, "3");
      // Different encodings do not coalesce (DASCore's rule), so two patches.
      expect(rows.map((r) => [r.key, r.shape, r.attrs["station"], r.attrs["seed_channel"]])).toEqual([
        [`v3:XX..HSF:${BigInt(t0) * 1_000_000n}:50:100`, [1, 100], "A1", "HSF"],
        [`v3:XX..HSF:${BigInt(t0 + 2000) * 1_000_000n}:50:60`, [1, 60], "A1", "HSF"],
      ]);
      expect(Array.from((await mseedFormat.read(path, rows[0]!.key, "3")).data as Int32Array)).toEqual(a);
      expect(Array.from((await mseedFormat.read(path, rows[1]!.key, "3")).data as Int32Array)).toEqual(b);
    });
  });

  it("reports a record whose CRC does not match as CorruptFileError at the CRC offset", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "v3.mseed");
      const rec = record3({ sid: "FDSN:XX_A1__H_S_F", startMs: t0, rate: 50, samples: [1, 2, 3], encoding: 3 });
      rec[rec.length - 1] = rec[rec.length - 1]! ^ 1;
      await writeFile(path, rec);
      const [row] = await mseedFormat.scan(path, "3");
      await expect(mseedFormat.read(path, row!.key, "3")).rejects.toThrow(/CRC mismatch at offset 28/);
    });
  });
});
