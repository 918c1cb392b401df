// A dataset's metadata and small contiguous or compact contents, read from its header messages:
// shape (dataspace), numpy dtype of standard little-endian integers and IEEE floats (datatype),
// and where its bytes are (layout versions 3 and 4: compact or contiguous). Chunked storage,
// filters, other types and older layout versions are `null`: the caller asks libhdf5.
import { uint, type ByteSource, type HeaderMessage, type Superblock } from "../objectHeader.ts";
import { dataspace, datatype } from "./attrs.ts";

const MSG_DATASPACE = 0x01;
const MSG_DATATYPE = 0x03;
const MSG_LAYOUT = 0x08;
const MSG_FILTERS = 0x0b;

/** What a scan needs of a dataset: its shape, dtype and where its bytes lie. */
export interface DatasetInfo {
  shape: number[];
  /** numpy name ("float64", "int64", …), or null for a type this reader does not decode. */
  dtype: string | null;
  itemSize: number;
  /** Contiguous storage: the samples' absolute byte offset and size; compact: the bytes themselves. */
  storage: { kind: "contiguous"; offset: number; size: number } | { kind: "compact"; bytes: Uint8Array } | null;
}

const INTS: Record<number, string> = { 1: "int8", 2: "int16", 4: "int32", 8: "int64" };
const UINTS: Record<number, string> = { 1: "uint8", 2: "uint16", 4: "uint32", 8: "uint64" };

/** The dataset described by `messages`, or null when its shape or layout cannot be read here. */
export function datasetInfo(messages: readonly HeaderMessage[], sb: Superblock): DatasetInfo | null {
  const space = messages.find((m) => m.type === MSG_DATASPACE);
  const type = messages.find((m) => m.type === MSG_DATATYPE);
  const layout = messages.find((m) => m.type === MSG_LAYOUT);
  if (!space || !type || !layout || (space.flags | type.flags | layout.flags) & 0x02) return null;
  const shape = dataspace(space.body, sb);
  const t = datatype(type.body);
  if (!shape || !t) return null;
  const dtype = !t.supported ? null : t.cls === 1 ? (t.size === 8 ? "float64" : "float32") : t.cls === 0 ? (t.signed ? INTS : UINTS)[t.size] ?? null : null;
  const filtered = messages.some((m) => m.type === MSG_FILTERS);
  return { shape, dtype, itemSize: t.size, storage: filtered ? null : storageOf(layout.body, sb) };
}

function storageOf(b: Uint8Array, sb: Superblock): DatasetInfo["storage"] {
  if (b.length < 2 || (b[0] !== 3 && b[0] !== 4)) return null;
  if (b[1] === 0) {
    const size = uint(b, 2, 2);
    return b.length >= 4 + size ? { kind: "compact", bytes: b.slice(4, 4 + size) } : null;
  }
  if (b[1] === 1) {
    if (b.length < 2 + sb.offsetSize + sb.lengthSize) return null;
    const addr = uint(b, 2, sb.offsetSize);
    const size = uint(b, 2 + sb.offsetSize, sb.lengthSize);
    // an undefined address: never written (libhdf5 reads fill values)
    if (!Number.isSafeInteger(addr) || !Number.isSafeInteger(size)) return null;
    return { kind: "contiguous", offset: sb.base + addr, size };
  }
  return null;
}

const ARRAYS: Record<string, new (b: ArrayBuffer) => ArrayLike<number | bigint>> = {
  int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array,
  float32: Float32Array, float64: Float64Array,
};

/**
 * All of a dataset's values as a typed array (row-major), or null when they cannot be read here:
 * no numeric dtype, storage that is not compact or contiguous, or bytes that are not all in the
 * file (libhdf5 then answers, or raises).
 * @example
 * ```ts
 * readValues(bytes, info); // BigInt64Array of the time coordinate's ns values
 * ```
 */
export function readValues(f: ByteSource, info: DatasetInfo): ArrayLike<number | bigint> | null {
  if (!info.dtype || !info.storage) return null;
  const count = info.shape.reduce((a, n) => a * n, 1);
  const bytes = count * info.itemSize;
  const raw = info.storage.kind === "compact" ? info.storage.bytes : info.storage.size >= bytes ? f.read(info.storage.offset, bytes) : null;
  if (!raw || raw.length < bytes) return null;
  return new ARRAYS[info.dtype]!(raw.slice(0, bytes).buffer);
}
