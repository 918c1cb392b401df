// Attributes decoded from an object's header messages (objectHeader.ts), as libhdf5 gives them
// through h5wasm: attributes stored in the header (compact storage) of version-1 headers, or of
// version-2 headers whose lookup3 checksums verify as libhdf5 requires (attribute info without a
// fractal heap: every attribute is in the header); unshared datatypes and
// dataspaces; fixed-length strings, standard little-endian integers and IEEE floats, one-byte
// bitfields. Anything else — dense attribute storage, a failed checksum, variable-length strings,
// other types — is null or an `unsupported` entry: the caller asks libhdf5.
import type { H5AttrValue } from "../nodes.ts";
import { uint, type ByteSource, type HeaderMessage, type Superblock } from "../objectHeader.ts";
import { asciiText, sortByNameBytes } from "./names.ts";

const MSG_ATTRIBUTE = 0x0c;
// (made once: a TextDecoder costs more to make than a short name costs to decode)
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });
const UTF8 = new TextDecoder("utf-8");
const ASCII = new TextDecoder("ascii");
const MSG_ATTRIBUTE_INFO = 0x15;

/** One attribute as stored: its type class and raw little-endian data. */
export interface HeaderAttr {
  /** false: a type or encoding this reader does not decode (ask libhdf5). */
  supported: boolean;
  /** Null dataspace (PyTables' empty attribute). */
  empty: boolean;
  /** HDF5 type class: 0 integer, 1 float, 3 string, 4 bitfield. */
  cls: number;
  size: number;
  signed: boolean;
  /** String character set: 0 ASCII, 1 UTF-8. */
  cset: number;
  /** [] for a scalar. */
  shape: number[];
  data: Uint8Array;
}

const EMPTY = new Uint8Array(0);
const UNSUPPORTED: HeaderAttr = { supported: false, empty: false, cls: -1, size: 0, signed: false, cset: 0, shape: [], data: EMPTY };

const IEEE: Record<number, readonly number[]> = { 4: [32, 23, 8, 0, 23, 127], 8: [64, 52, 11, 0, 52, 1023] };

/** The fields of a datatype that an attribute needs. */
export type AttrType = Pick<HeaderAttr, "supported" | "cls" | "size" | "signed" | "cset">;

/**
 * Decodes a datatype message body (unshared) into the fields an attribute needs. Each result is
 * built whole with the same fields in the same order (no spreads, no arrays): the index scans
 * ~36 of these a file, and its garbage's scavenges were a fifth of a warm scan's time.
 */
export function datatype(b: Uint8Array): AttrType | null {
  if (b.length < 8) return null;
  const cls = b[0]! & 0x0f;
  const bits = b[1]!;
  const size = uint(b, 4, 4);
  const type = (supported: boolean, signed = false, cset = 0): AttrType => ({ supported, cls, size, signed, cset });
  if (cls === 3) {
    const cset = bits >> 4;
    return cset === 0 || cset === 1 ? type(true, false, cset) : type(false);
  }
  if (cls === 0 || cls === 4) {
    if (b.length < 12 || bits & 0x01 || uint(b, 8, 2) !== 0 || uint(b, 10, 2) !== 8 * size) return type(false);
    if (cls === 4 && size !== 1) return type(false);
    if (cls === 0 && size !== 1 && size !== 2 && size !== 4 && size !== 8) return type(false);
    return type(true, cls === 0 && (bits & 0x08) !== 0);
  }
  if (cls === 1) {
    const want = IEEE[size];
    if (!want || b.length < 20 || bits & 0x41) return type(false);
    // bit offset, precision, exponent location and size, mantissa location and size, bias
    const standard =
      uint(b, 8, 2) === 0 && uint(b, 10, 2) === want[0] && b[12] === want[1] && b[13] === want[2] && b[14] === want[3] && b[15] === want[4] && uint(b, 16, 4) === want[5];
    return type(standard);
  }
  return type(false);
}

/** Decodes a dataspace message: null for a null dataspace, the dims otherwise; undefined if unreadable. */
export function dataspace(b: Uint8Array, sb: Superblock): number[] | null | undefined {
  if (b.length < 4) return undefined;
  const version = b[0]!;
  const rank = b[1]!;
  let p: number;
  if (version === 1) p = 8;
  else if (version === 2) {
    if (b[3] === 2) return null;
    if (b[3] === 0) return [];
    p = 4;
  } else return undefined;
  if (rank > 32 || b.length < p + rank * sb.lengthSize) return undefined;
  const dims: number[] = [];
  for (let k = 0; k < rank; k++) {
    const d = uint(b, p + k * sb.lengthSize, sb.lengthSize);
    if (!Number.isSafeInteger(d)) return undefined;
    dims.push(d);
  }
  return dims;
}

/** One attribute message, or null when it cannot be read here (the whole node then goes to libhdf5). */
function attribute(b: Uint8Array, sb: Superblock): [string, HeaderAttr] | null {
  const version = b[0]!;
  if (b.length < 8 || (version !== 1 && version !== 2 && version !== 3)) return null;
  const flags = version === 1 ? 0 : b[1]!;
  const nameSize = uint(b, 2, 2);
  const typeSize = uint(b, 4, 2);
  const spaceSize = uint(b, 6, 2);
  // version 1 pads each part to 8 bytes
  const padded = (n: number) => (version === 1 ? Math.ceil(n / 8) * 8 : n);
  let p = version === 3 ? 9 : 8;
  if (nameSize < 1 || p + padded(nameSize) > b.length) return null;
  const nameEnd = p + nameSize - 1; // stored with its NUL
  if (b[nameEnd] !== 0 || b.indexOf(0, p) !== nameEnd) return null;
  let name = asciiText(b, p, nameEnd);
  if (name === null) {
    try {
      name = STRICT_UTF8.decode(b.subarray(p, nameEnd));
    } catch {
      return null;
    }
  }
  p += padded(nameSize);
  if (p + padded(typeSize) + padded(spaceSize) > b.length) return null;
  const typeBody = b.subarray(p, p + typeSize);
  p += padded(typeSize);
  const spaceBody = b.subarray(p, p + spaceSize);
  p += padded(spaceSize);
  if (flags & 0x03) return [name, UNSUPPORTED]; // shared datatype or dataspace
  const type = datatype(typeBody);
  const dims = dataspace(spaceBody, sb);
  if (!type || dims === undefined) return [name, UNSUPPORTED];
  const attr = (empty: boolean, shape: number[], data: Uint8Array): HeaderAttr => ({ supported: type.supported, empty, cls: type.cls, size: type.size, signed: type.signed, cset: type.cset, shape, data });
  if (dims === null) return [name, attr(true, [], EMPTY)];
  if ((type.cls === 4 && dims.length > 0) || type.size === 0) return [name, UNSUPPORTED];
  let count = 1;
  for (const d of dims) count *= d;
  const bytes = count * type.size;
  if (!Number.isSafeInteger(bytes) || p + bytes > b.length) return [name, UNSUPPORTED];
  return [name, attr(false, dims, b.subarray(p, p + bytes))]; // a view: readers copy what they keep
}

const rot = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** Bob Jenkins' lookup3 hashlittle, as libhdf5 checksums its version-2 metadata (H5_checksum_lookup3). */
export function lookup3(k: Uint8Array, initval = 0): number {
  let length = k.length;
  let a = (0xdeadbeef + length + initval) | 0;
  let b = a;
  let c = a;
  let o = 0;
  const word = (i: number) => k[i]! | (k[i + 1]! << 8) | (k[i + 2]! << 16) | (k[i + 3]! << 24);
  while (length > 12) {
    a = (a + word(o)) | 0;
    b = (b + word(o + 4)) | 0;
    c = (c + word(o + 8)) | 0;
    a = (a - c) | 0; a ^= rot(c, 4); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 6); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 8); b = (b + a) | 0;
    a = (a - c) | 0; a ^= rot(c, 16); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 19); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 4); b = (b + a) | 0;
    length -= 12;
    o += 12;
  }
  if (length === 0) return c >>> 0;
  // the tail, bytes from the last down (libhdf5's fall-through switch)
  for (let i = length - 1; i >= 0; i--) {
    const v = k[o + i]! << (8 * (i % 4));
    if (i >= 8) c = (c + v) | 0;
    else if (i >= 4) b = (b + v) | 0;
    else a = (a + v) | 0;
  }
  c ^= b; c = (c - rot(b, 14)) | 0;
  a ^= c; a = (a - rot(c, 11)) | 0;
  b ^= a; b = (b - rot(a, 25)) | 0;
  c ^= b; c = (c - rot(b, 16)) | 0;
  a ^= c; a = (a - rot(c, 4)) | 0;
  b ^= a; b = (b - rot(a, 14)) | 0;
  c ^= b; c = (c - rot(b, 24)) | 0;
  return c >>> 0;
}

/** True when a version-2 header's checksums (its first chunk and every continuation block) hold, as libhdf5 requires. */
export function v2ChecksumsHold(f: ByteSource, sb: Superblock, addr: number, messages: readonly HeaderMessage[]): boolean {
  const pre = f.read(sb.base + addr, 6);
  if (!pre) return false;
  const flags = pre[5]!;
  const p = 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0);
  const sizeBytes = 1 << (flags & 3);
  const sizeField = f.read(sb.base + addr + p, sizeBytes);
  if (!sizeField) return false;
  const covered = p + sizeBytes + uint(sizeField, 0, sizeBytes);
  const blocks: Array<[number, number]> = [[sb.base + addr, covered]];
  for (const m of messages) if (m.type === 0x10) blocks.push([sb.base + uint(m.body, 0, sb.offsetSize), uint(m.body, sb.offsetSize, sb.lengthSize) - 4]);
  return blocks.every(([at, len]) => {
    if (!Number.isSafeInteger(len) || len <= 0) return false;
    const bytes = f.read(at, len + 4);
    if (!bytes) return false;
    return lookup3(bytes.subarray(0, len)) === uint(bytes, len, 4);
  });
}


/**
 * The attributes in an object's header messages, in libhdf5's order (by name), or null when
 * libhdf5 must be asked: dense storage, a shared message, an attribute that does not parse.
 * (A version-2 header's checksums are checked by the caller, {@link v2ChecksumsHold}.)
 * @example
 * ```ts
 * headerAttributes(messages, sb)?.get("_attrs_station"); // { cls: 3, shape: [], data: <"s0"> ... }
 * ```
 */
export function headerAttributes(messages: readonly HeaderMessage[], sb: Superblock): Map<string, HeaderAttr> | null {
  // attribute info naming a fractal heap: the attributes are stored densely, outside the header
  let byCreation = false;
  for (const m of messages) {
    if (m.type !== MSG_ATTRIBUTE_INFO) continue;
    const b = m.body;
    const at = 2 + (b[1]! & 0x01 ? 2 : 0);
    if (b.length < at + sb.offsetSize || b[0] !== 0 || uint(b, at, sb.offsetSize) !== Infinity) return null;
    byCreation = (b[1]! & 0x01) !== 0;
  }
  const out: Array<[string, HeaderAttr, number | undefined]> = [];
  const names = new Set<string>();
  for (const m of messages) {
    if (m.type !== MSG_ATTRIBUTE) continue;
    if (m.flags & 0x02) return null; // a shared message: stored elsewhere
    const a = attribute(m.body, sb);
    if (!a || names.has(a[0])) return null; // unreadable, or a name twice
    names.add(a[0]);
    out.push([a[0], a[1], m.order]);
  }
  // libhdf5 lists tracked attributes by creation order (each message's own index), others by name
  if (byCreation && out.some(([, , o]) => o === undefined)) return null;
  if (byCreation) out.sort(([, , a], [, , b]) => a! - b!);
  else sortByNameBytes(out, ([n]) => n);
  return new Map(out.map(([n, a]) => [n, a]));
}

const INT_ARRAYS: Record<string, new (b: ArrayBuffer) => ArrayLike<number | bigint>> = {
  "1s": Int8Array, "1u": Uint8Array, "2s": Int16Array, "2u": Uint16Array,
  "4s": Int32Array, "4u": Uint32Array, "8s": BigInt64Array, "8u": BigUint64Array,
};

/**
 * The value libhdf5 (through h5wasm and nodes.ts's readAttr) gives for a supported attribute:
 * null for an empty one; text decoded up to its first NUL (UTF-8, or ASCII as windows-1252),
 * a string for a scalar and a list otherwise; numbers as a typed array, one element for a
 * scalar; a one-byte bitfield scalar (a numpy bool) as a boolean.
 * @example
 * ```ts
 * headerValue(headerAttrs(group)!.get("_attrs_station")!); // "s0"
 * ```
 */
export function headerValue(a: HeaderAttr): H5AttrValue {
  if (a.empty) return null;
  const scalar = a.shape.length === 0;
  if (a.cls === 3) {
    const decoder = a.cset === 1 ? UTF8 : ASCII;
    const out: string[] = [];
    for (let at = 0; at + a.size <= a.data.length; at += a.size) {
      // up to the first NUL within this element (a search bounded to it: an array of full-width
      // strings would otherwise scan to the end of the data once per element)
      let end = at;
      while (end < at + a.size && a.data[end] !== 0) end++;
      out.push(asciiText(a.data, at, end) ?? decoder.decode(a.data.subarray(at, end)));
    }
    return scalar ? out[0]! : out;
  }
  if (a.cls === 4) return a.data[0] !== 0;
  const buffer = a.data.slice().buffer;
  const arr = a.cls === 1 ? (a.size === 8 ? new Float64Array(buffer) : new Float32Array(buffer)) : new INT_ARRAYS[`${a.size}${a.signed ? "s" : "u"}`]!(buffer);
  return (scalar ? arr[0]! : arr) as H5AttrValue;
}
