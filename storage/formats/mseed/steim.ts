// Decodes the data section of one miniSEED record (Steim-1, Steim-2, int16, int32, float32,
// float64) into a typed array; pure functions over bytes, errors name the file offset.
import { ByteView, corrupt } from "./binaryFile.ts";

/** Encodings the reader decodes (SEED blockette 1000 field 3). */
export const ENCODING_DTYPE: Readonly<Record<number, "int32" | "float32" | "float64">> = {
  1: "int32", // int16 samples widen to int32, as libmseed does
  3: "int32",
  4: "float32",
  5: "float64",
  10: "int32",
  11: "int32",
};

/** Sign-extends the low `bits` bits of `v`. */
function signed(v: number, bits: number): number {
  const shift = 32 - bits;
  return (v << shift) >> shift;
}

/**
 * Decodes `count` Steim-1 (`level` 1) or Steim-2 (`level` 2) samples from the 64-byte frames in
 * `data` into `out` at `outAt`. Differences are integrated from the forward constant X0.
 */
function decodeSteim(data: ByteView, level: 1 | 2, count: number, out: Int32Array, outAt: number): void {
  const frames = Math.floor(data.length / 64);
  let n = 0;
  let last = 0;
  let xn = 0;
  let first = true;
  const push = (d: number) => {
    if (n >= count) return;
    // The first difference refers to the previous record; X0 is the first sample itself.
    last = first ? last : (last + d) | 0;
    first = false;
    out[outAt + n++] = last;
  };
  for (let f = 0; f < frames && n < count; f++) {
    const base = f * 64;
    const nibbles = data.u32(base);
    for (let w = 1; w < 16 && n < count; w++) {
      const code = (nibbles >>> (30 - 2 * w)) & 3;
      const word = data.u32(base + 4 * w);
      if (f === 0 && w === 1) { last = word | 0; continue; }
      if (f === 0 && w === 2) { xn = word | 0; continue; } // Xn, the reverse integration constant
      if (code === 0) continue;
      if (code === 1) {
        for (let k = 3; k >= 0; k--) push(signed(word >>> (8 * k), 8));
      } else if (level === 1) {
        if (code === 2) { push(signed(word >>> 16, 16)); push(signed(word, 16)); }
        else push(word | 0);
      } else {
        const dnib = word >>> 30;
        if (code === 2) {
          if (dnib === 1) push(signed(word, 30));
          else if (dnib === 2) { push(signed(word >>> 15, 15)); push(signed(word, 15)); }
          else if (dnib === 3) for (let k = 2; k >= 0; k--) push(signed(word >>> (10 * k), 10));
          else throw corrupt(data.path, data.base + base + 4 * w, "miniSEED: bad Steim-2 sub-code");
        } else {
          if (dnib === 0) for (let k = 4; k >= 0; k--) push(signed(word >>> (6 * k), 6));
          else if (dnib === 1) for (let k = 5; k >= 0; k--) push(signed(word >>> (5 * k), 5));
          else if (dnib === 2) for (let k = 6; k >= 0; k--) push(signed(word >>> (4 * k), 4));
          else throw corrupt(data.path, data.base + base + 4 * w, "miniSEED: bad Steim-2 sub-code");
        }
      }
    }
  }
  if (n < count) throw corrupt(data.path, data.base, `miniSEED: Steim data hold ${n} of ${count} samples`);
  // libmseed only warns here; we treat a wrong last sample as corruption, so flipped bits in
  // compressed data surface as CorruptFileError instead of silently wrong samples.
  if (count > 0 && out[outAt + count - 1] !== xn) {
    throw corrupt(data.path, data.base, "miniSEED: Steim last sample disagrees with the reverse integration constant");
  }
}

/**
 * Decodes `count` samples of `encoding` from `data` (the record's data section) into `out` at
 * `outAt`. `out` must be an Int32Array for integer encodings, else Float32Array / Float64Array.
 */
export function decodeSamples(
  data: ByteView,
  encoding: number,
  count: number,
  out: Int32Array | Float32Array | Float64Array,
  outAt: number,
): void {
  const needs = (bytes: number) => data.check(0, count * bytes, "miniSEED: data section too short");
  switch (encoding) {
    case 1: needs(2); for (let i = 0; i < count; i++) out[outAt + i] = data.i16(2 * i); return;
    case 3: needs(4); for (let i = 0; i < count; i++) out[outAt + i] = data.i32(4 * i); return;
    case 4: needs(4); for (let i = 0; i < count; i++) out[outAt + i] = data.f32(4 * i); return;
    case 5: needs(8); for (let i = 0; i < count; i++) out[outAt + i] = data.f64(8 * i); return;
    case 10:
    case 11:
      decodeSteim(data, encoding === 10 ? 1 : 2, count, out as Int32Array, outAt);
      return;
    default:
      throw corrupt(data.path, data.base, `miniSEED: unsupported encoding ${encoding}`);
  }
}
