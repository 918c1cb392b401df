// A minimal reader for anonymous HDF5 objects (no link name, reachable only by object reference),
// as JLD2 writes them: h5wasm can only open objects by path, so DASVader's data, time stamps and
// attributes are located here by parsing their v2 object headers from the file's bytes.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { CorruptFileError } from "../../src/errors.ts";

/** What a dataset's object header says: its shape, element type and where its bytes live. */
export interface RawObject {
  shape: number[];
  /** HDF5 datatype class (0 integer, 1 float, 3 string, 6 compound, 7 reference, 9 vlen...). */
  typeClass: number;
  /** Element size in bytes. */
  typeSize: number;
  /** Datatype class bit field (byte order, sign, vlen kind...). */
  typeBits: number;
  /** File address of a committed (shared) datatype, when the type is not stored inline. */
  sharedType: bigint | null;
  layout: { kind: "compact"; bytes: Uint8Array } | { kind: "contiguous"; address: bigint; size: number } | { kind: "chunk"; address: bigint; size: number };
  /** Filter ids of the pipeline (1 = deflate). */
  filters: number[];
}

const UNDEF = 0xffffffffffffffffn;

/**
 * Random access to the file's bytes; addresses are relative to the HDF5 base (after the user block).
 * @example
 * ```ts
 * const bf = new ByteFile("das_vader_1.jld2", 512);
 * try { readObject(bf, 6158n); } finally { bf.close(); }
 * ```
 */
export class ByteFile {
  private readonly fd: number;
  readonly size: number;

  constructor(
    readonly path: string,
    readonly base: number,
  ) {
    this.fd = openSync(path, "r");
    this.size = fstatSync(this.fd).size;
  }

  /** `n` bytes at HDF5 address `addr`. @throws CorruptFileError past the end of the file. */
  read(addr: bigint | number, n: number): Uint8Array {
    const pos = this.base + Number(addr);
    if (!(n >= 0) || pos < 0 || pos + n > this.size || n > 1 << 30) {
      throw new CorruptFileError(`${this.path}: object at address ${addr} (+${n} bytes) lies outside the file`);
    }
    const out = new Uint8Array(n);
    if (readSync(this.fd, out, 0, n, pos) !== n) throw new CorruptFileError(`${this.path}: short read at address ${addr}`);
    return out;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function u(b: Uint8Array, off: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + b[off + i]!;
  return v;
}

function u64(b: Uint8Array, off: number): bigint {
  return new DataView(b.buffer, b.byteOffset + off, 8).getBigUint64(0, true);
}

interface Message {
  type: number;
  flags: number;
  data: Uint8Array;
}

/** Messages of one v2 header chunk (`body` = chunk without signature/prefix and checksum). */
function chunkMessages(body: Uint8Array, trackOrder: boolean, out: Message[], file: ByteFile): void {
  const head = trackOrder ? 6 : 4;
  for (let p = 0; p + head <= body.length; ) {
    const type = body[p]!;
    const size = u(body, p + 1, 2);
    const flags = body[p + 3]!;
    p += head;
    if (p + size > body.length) throw new CorruptFileError(`${file.path}: object header message overruns its chunk`);
    out.push({ type, flags, data: body.subarray(p, p + size) });
    p += size;
  }
}

/** All messages of the v2 object header at `addr`, following continuation blocks. */
function headerMessages(file: ByteFile, addr: bigint): Message[] {
  const pre = file.read(addr, 6 + 16 + 4 + 8);
  if (String.fromCharCode(...pre.subarray(0, 4)) !== "OHDR" || pre[4] !== 2) {
    throw new CorruptFileError(`${file.path}: no version-2 object header at address ${addr}`);
  }
  const flags = pre[5]!;
  let p = 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0);
  const width = 1 << (flags & 3);
  const size0 = u(pre, p, width);
  p += width;
  const out: Message[] = [];
  chunkMessages(file.read(addr + BigInt(p), size0), (flags & 4) !== 0, out, file);
  for (let k = 0; k < out.length && k < 10_000; k++) {
    if (out[k]!.type !== 0x10) continue; // continuation: "OCHK" + messages + checksum
    const at = u64(out[k]!.data, 0);
    const len = Number(u64(out[k]!.data, 8));
    const block = file.read(at, len);
    if (String.fromCharCode(...block.subarray(0, 4)) !== "OCHK") throw new CorruptFileError(`${file.path}: bad continuation block at ${at}`);
    chunkMessages(block.subarray(4, len - 4), (flags & 4) !== 0, out, file);
  }
  return out;
}

function dataspace(d: Uint8Array): number[] {
  const version = d[0]!;
  const rank = d[1]!;
  const off = version === 1 ? 8 : 4;
  if (version === 2 && d[3] === 2) return [0]; // null dataspace: no elements
  return Array.from({ length: rank }, (_, k) => Number(u64(d, off + 8 * k)));
}

function layout(d: Uint8Array, file: ByteFile): RawObject["layout"] {
  const version = d[0]!;
  const cls = d[1]!;
  if (version < 3) throw new CorruptFileError(`${file.path}: data layout version ${version} is not supported`);
  if (cls === 0) {
    const n = u(d, 2, 2);
    return { kind: "compact", bytes: d.slice(4, 4 + n) };
  }
  if (cls === 1) return { kind: "contiguous", address: u64(d, 2), size: Number(u64(d, 10)) };
  if (cls === 2 && version === 4) {
    // v4 chunked: flags, rank, dim-size width, dims, index type; only the single-chunk index.
    const flags = d[2]!;
    const rank = d[3]!;
    const w = d[4]!;
    let p = 5 + rank * w;
    const index = d[p++]!;
    if (index !== 1) throw new CorruptFileError(`${file.path}: chunk index type ${index} is not supported`);
    let size = -1;
    if (flags & 2) {
      size = Number(u64(d, p));
      p += 12; // filtered size (8) + filter mask (4)
    } else {
      let elems = 1;
      for (let k = 0; k < rank; k++) elems *= u(d, 5 + k * w, w);
      size = elems;
    }
    return { kind: "chunk", address: u64(d, p), size };
  }
  throw new CorruptFileError(`${file.path}: data layout class ${cls} (v${version}) is not supported`);
}

function filters(d: Uint8Array): number[] {
  const version = d[0]!;
  const n = d[1]!;
  const out: number[] = [];
  let p = version === 1 ? 8 : 2;
  for (let k = 0; k < n && p + 2 <= d.length; k++) {
    const id = u(d, p, 2);
    out.push(id);
    const nameLen = version === 1 || id >= 256 ? u(d, p + 2, 2) : 0;
    const ncd = u(d, p + (version === 1 || id >= 256 ? 6 : 4), 2);
    p += (version === 1 || id >= 256 ? 8 : 6) + (version === 1 ? Math.ceil(nameLen / 8) * 8 : nameLen) + 4 * ncd;
    if (version === 1 && ncd % 2) p += 4;
  }
  return out;
}

/**
 * Parses the object header of the dataset at `addr`.
 * @throws CorruptFileError when it is not a version-2 dataset header this reader understands.
 * @example
 * ```ts
 * readObject(bf, 6158n).shape; // [1156, 300]
 * ```
 */
export function readObject(file: ByteFile, addr: bigint): RawObject {
  if (addr === UNDEF || addr === 0n) throw new CorruptFileError(`${file.path}: undefined object reference`);
  let shape: number[] | null = null;
  let type: Pick<RawObject, "typeClass" | "typeSize" | "typeBits" | "sharedType"> | null = null;
  let lay: RawObject["layout"] | null = null;
  let pipeline: number[] = [];
  for (const m of headerMessages(file, addr)) {
    if (m.type === 0x01) shape = dataspace(m.data);
    else if (m.type === 0x03 && m.flags & 2) {
      // Shared (committed) datatype: the message holds its address.
      type = { typeClass: -1, typeSize: 0, typeBits: 0, sharedType: u64(m.data, 2) };
    } else if (m.type === 0x03) {
      type = { typeClass: m.data[0]! & 0x0f, typeBits: u(m.data, 1, 3), typeSize: u(m.data, 4, 4), sharedType: null };
    } else if (m.type === 0x08) lay = layout(m.data, file);
    else if (m.type === 0x0b) pipeline = filters(m.data);
  }
  if (!shape || !type || !lay) throw new CorruptFileError(`${file.path}: object at ${addr} is not a dataset`);
  return { shape, ...type, layout: lay, filters: pipeline };
}

/**
 * The raw element bytes of a dataset (deflate is the only filter supported).
 * @example
 * ```ts
 * new Float32Array(objectBytes(bf, obj).slice().buffer);
 * ```
 */
export function objectBytes(file: ByteFile, obj: RawObject): Uint8Array {
  // A damaged size field must not inflate into an unbounded buffer: cap at the declared extent.
  const elementSize = obj.typeSize > 0 ? obj.typeSize : 16;
  const expected = obj.shape.reduce((a, b) => a * b, 1) * elementSize;
  if (obj.layout.kind === "compact") return obj.layout.bytes;
  const raw = file.read(obj.layout.address, obj.layout.size);
  if (obj.filters.length === 0) return raw;
  if (obj.filters.some((f) => f !== 1)) throw new CorruptFileError(`${file.path}: filters ${obj.filters.join(",")} are not supported here`);
  try {
    return new Uint8Array(inflateSync(raw, { maxOutputLength: Math.max(expected, 1) }));
  } catch (cause) {
    throw new CorruptFileError(`${file.path}: compressed chunk at ${obj.layout.address} does not inflate`, { cause });
  }
}

/**
 * The bytes of object `index` in the global heap collection at `addr` (vlen strings live there).
 * @throws CorruptFileError when the collection or object is missing.
 * @example
 * ```ts
 * new TextDecoder().decode(globalHeapObject(bf, 200n, 27)); // "fa1-19004"
 * ```
 */
export function globalHeapObject(file: ByteFile, addr: bigint, index: number): Uint8Array {
  const head = file.read(addr, 16);
  if (String.fromCharCode(...head.subarray(0, 4)) !== "GCOL") throw new CorruptFileError(`${file.path}: no global heap at ${addr}`);
  const size = Number(u64(head, 8));
  const heap = file.read(addr, size);
  for (let p = 16; p + 16 <= size; ) {
    const id = u(heap, p, 2);
    const n = Number(u64(heap, p + 8));
    if (id === 0) break;
    if (id === index) return heap.subarray(p + 16, p + 16 + n);
    p += 16 + Math.ceil(n / 8) * 8;
  }
  throw new CorruptFileError(`${file.path}: global heap object ${index} at ${addr} is missing`);
}
