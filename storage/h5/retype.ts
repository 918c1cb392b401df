// Gives datasets the HDF5 types h5wasm cannot create: float16 (IEEE half) and bitfield (numpy
// bool as PyTables writes it). The dataset is written with a placeholder type of the same message
// size (float32, uint8); after the file is closed, its datatype message (and for float16 the
// contiguous storage size) is rewritten in place, and the object header checksum recomputed.
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { CorruptFileError } from "../../src/errors.ts";
import type { H5Dataset } from "./file.ts";

/** A dataset to retype: its object header address and the type it must end with. */
export interface Retype {
  address: number;
  to: "float16" | "bool";
  /** Number of elements (for the storage size of float16). */
  count: number;
}

/** The object header address of a dataset (its HDF5 object reference). */
export function objectAddress(ds: H5Dataset): number {
  const ref = (ds as unknown as { create_reference(): { ref_data: ArrayLike<number> } }).create_reference();
  const b = Uint8Array.from(ref.ref_data);
  return Number(new DataView(b.buffer).getBigUint64(0, true));
}

const FLOAT32 = [0x11, 0x20, 0x1f, 0x00, 4, 0, 0, 0, 0, 0, 32, 0, 23, 8, 0, 23, 127, 0, 0, 0];
const FLOAT16 = [0x11, 0x20, 0x0f, 0x00, 2, 0, 0, 0, 0, 0, 16, 0, 10, 5, 0, 10, 15, 0, 0, 0];
const UINT8 = [0x10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 8, 0];
const BITFIELD8 = [0x14, 0, 0, 0, 1, 0, 0, 0, 0, 0, 8, 0];

function rot(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Bob Jenkins' lookup3 `hashlittle` (initval 0): HDF5's metadata checksum. */
export function lookup3(k: Uint8Array): number {
  let a = (0xdeadbeef + k.length) >>> 0;
  let b = a;
  let c = a;
  let i = 0;
  let len = k.length;
  const w = (o: number) => (k[o]! | (k[o + 1]! << 8) | (k[o + 2]! << 16) | (k[o + 3]! << 24)) >>> 0;
  while (len > 12) {
    a = (a + w(i)) >>> 0;
    b = (b + w(i + 4)) >>> 0;
    c = (c + w(i + 8)) >>> 0;
    a = (a - c) >>> 0; a ^= rot(c, 4); c = (c + b) >>> 0;
    b = (b - a) >>> 0; b ^= rot(a, 6); a = (a + c) >>> 0;
    c = (c - b) >>> 0; c ^= rot(b, 8); b = (b + a) >>> 0;
    a = (a - c) >>> 0; a ^= rot(c, 16); c = (c + b) >>> 0;
    b = (b - a) >>> 0; b ^= rot(a, 19); a = (a + c) >>> 0;
    c = (c - b) >>> 0; c ^= rot(b, 4); b = (b + a) >>> 0;
    len -= 12;
    i += 12;
  }
  if (len === 0) return c;
  const tail = new Uint8Array(12);
  tail.set(k.subarray(i, i + len));
  const t = (o: number) => (tail[o]! | (tail[o + 1]! << 8) | (tail[o + 2]! << 16) | (tail[o + 3]! << 24)) >>> 0;
  a = (a + t(0)) >>> 0;
  b = (b + t(4)) >>> 0;
  c = (c + t(8)) >>> 0;
  c ^= b; c = (c - rot(b, 14)) >>> 0;
  a ^= c; a = (a - rot(c, 11)) >>> 0;
  b ^= a; b = (b - rot(a, 25)) >>> 0;
  c ^= b; c = (c - rot(b, 16)) >>> 0;
  a ^= c; a = (a - rot(c, 4)) >>> 0;
  b ^= a; b = (b - rot(a, 14)) >>> 0;
  c ^= b; c = (c - rot(b, 24)) >>> 0;
  return c >>> 0;
}

interface Message {
  type: number;
  at: number;
  size: number;
}

/** Messages of a version-2 object header's first chunk, and where its checksum sits. */
function parseV2(h: Uint8Array): { messages: Message[]; end: number } {
  const flags = h[5]!;
  let p = 6;
  if (flags & 0x20) p += 16;
  if (flags & 0x10) p += 4;
  const width = [1, 2, 4, 8][flags & 3]!;
  let size = 0;
  for (let k = width - 1; k >= 0; k--) size = size * 256 + h[p + k]!;
  p += width;
  const end = p + size;
  const messages: Message[] = [];
  const ordered = (flags & 0x04) !== 0;
  while (p + 4 <= end) {
    const type = h[p]!;
    const msize = h[p + 1]! | (h[p + 2]! << 8);
    p += 4 + (ordered ? 2 : 0);
    messages.push({ type, at: p, size: msize });
    p += msize;
  }
  return { messages, end };
}

/** Messages of a version-1 object header (no checksum). */
function parseV1(h: Uint8Array): { messages: Message[]; end: number } {
  const count = h[2]! | (h[3]! << 8);
  const size = new DataView(h.buffer, h.byteOffset).getUint32(8, true);
  let p = 16;
  const messages: Message[] = [];
  for (let n = 0; n < count && p + 8 <= 16 + size; n++) {
    const type = h[p]! | (h[p + 1]! << 8);
    const msize = h[p + 2]! | (h[p + 3]! << 8);
    messages.push({ type, at: p + 8, size: msize });
    p += 8 + msize;
  }
  return { messages, end: -1 };
}

function same(h: Uint8Array, at: number, bytes: number[]): boolean {
  return bytes.every((b, k) => h[at + k] === b);
}

/**
 * Rewrites the datatype of each listed dataset of the closed file at `path`.
 * @throws CorruptFileError when a header does not hold the expected placeholder type.
 * @example
 * ```ts
 * retypeDatasets("out.h5", [{ address: 342, to: "float16", count: 240 }]);
 * ```
 */
export function retypeDatasets(path: string, list: readonly Retype[]): void {
  if (list.length === 0) return;
  const fd = openSync(path, "r+");
  try {
    for (const r of list) {
      const h = new Uint8Array(4096);
      const got = readSync(fd, h, 0, h.length, r.address);
      const v2 = h[0] === 0x4f && h[1] === 0x48 && h[2] === 0x44 && h[3] === 0x52;
      const { messages, end } = v2 ? parseV2(h.subarray(0, got)) : parseV1(h.subarray(0, got));
      const dt = messages.find((m) => m.type === 3);
      const from = r.to === "float16" ? FLOAT32 : UINT8;
      if (!dt || !same(h, dt.at, from)) throw new CorruptFileError(`${path}: dataset at ${r.address} does not hold the placeholder type for ${r.to}`);
      h.set(r.to === "float16" ? FLOAT16 : BITFIELD8, dt.at);
      if (r.to === "float16") {
        // contiguous layout (version 3, class 1): address then size; the data takes half of it
        const lay = messages.find((m) => m.type === 8);
        if (!lay || h[lay.at] !== 3 || h[lay.at + 1] !== 1) throw new CorruptFileError(`${path}: float16 dataset at ${r.address} is not contiguous`);
        new DataView(h.buffer).setBigUint64(lay.at + 10, BigInt(r.count * 2), true);
      }
      if (v2) new DataView(h.buffer).setUint32(end, lookup3(h.subarray(0, end)), true);
      writeSync(fd, h, 0, v2 ? end + 4 : got, r.address);
    }
  } finally {
    closeSync(fd);
  }
}
