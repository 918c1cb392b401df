// Hyperslab reads of numeric HDF5 datasets into typed arrays: bounds checked (h5wasm clamps
// silently), virtual-dataset sources checked (HDF5 returns zeros), status codes turned into errors.
import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import type { Metadata } from "h5wasm/node";
import { CorruptFileError, ParameterError } from "../../src/errors.ts";
import type { TypedArray } from "../formats/types.ts";
import { checkTarget, placeSamples } from "../formats/readTarget.ts";
import { directBase, readDirect } from "./direct.ts";
import { halfToFloat } from "./float16.ts";
import { checkStoredLayout } from "./storageCheck.ts";

/** Reads smaller than this go through HDF5: per-call setup would outweigh the saved copy. */
const DIRECT_MIN_BYTES = 256 * 1024;
import { h5Generation, h5Module, noteH5Fault } from "./module.ts";
import { assertCurrentEngine, openFileInfo, type H5Dataset, type H5File } from "./file.ts";

/** A half-open index range `[start, stop)` along one axis; `null` means the whole axis. */
export type SlabRange = readonly [number, number] | null;

type TypedArrayCtor = {
  new (length: number): TypedArray;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedArray;
  readonly BYTES_PER_ELEMENT: number;
};

interface NumericType {
  ctor: TypedArrayCtor;
  dtype: string;
  /** Raw element bytes per sample as stored, when they differ from the array's (float16, complex). */
  special?: "float16" | "bool" | "complex64" | "complex128";
}

const INT_TYPES: Record<string, NumericType> = {
  "1s": { ctor: Int8Array, dtype: "int8" },
  "1u": { ctor: Uint8Array, dtype: "uint8" },
  "2s": { ctor: Int16Array, dtype: "int16" },
  "2u": { ctor: Uint16Array, dtype: "uint16" },
  "4s": { ctor: Int32Array, dtype: "int32" },
  "4u": { ctor: Uint32Array, dtype: "uint32" },
  "8s": { ctor: BigInt64Array, dtype: "int64" },
  "8u": { ctor: BigUint64Array, dtype: "uint64" },
};

/** A compound of two floats named r and i: how PyTables (and h5py) store numpy complex numbers. */
function complexType(meta: Metadata): NumericType | null {
  const members = (meta as { compound_type?: { members: Array<{ name: string; type: number; size: number; offset: number }> } }).compound_type?.members;
  if (!members || members.length !== 2) return null;
  const [r, i] = members as [(typeof members)[0], (typeof members)[0]];
  if (r.name !== "r" || i.name !== "i" || r.type !== 1 || i.type !== 1 || r.size !== i.size || r.offset !== 0 || i.offset !== r.size) return null;
  if (r.size === 4) return { ctor: Float32Array, dtype: "complex64", special: "complex64" };
  if (r.size === 8) return { ctor: Float64Array, dtype: "complex128", special: "complex128" };
  return null;
}

function numericType(meta: Metadata): NumericType | null {
  if (meta.type === 1 && meta.size === 2) return { ctor: Float32Array, dtype: "float16", special: "float16" };
  if (meta.type === 4 && meta.size === 1) return { ctor: Uint8Array, dtype: "bool", special: "bool" };
  if (meta.type === 6) return complexType(meta);
  if (meta.type === 1 && meta.size === 4) return { ctor: Float32Array, dtype: "float32" };
  if (meta.type === 1 && meta.size === 8) return { ctor: Float64Array, dtype: "float64" };
  if (meta.type === 0 || meta.type === 8) {
    return INT_TYPES[`${meta.size}${meta.signed ? "s" : "u"}`] ?? null;
  }
  return null;
}

function filterCount(ds: H5Dataset): number {
  try {
    return (ds as unknown as { filters?: unknown[] }).filters?.length ?? 0;
  } catch (cause) {
    noteH5Fault(cause);
    return 1; // unknown: allow the compressed bound; the read itself will fail if it is corrupt
  }
}

/**
 * Largest ratio of a dataset's size to its file's size that daspool believes: deflate cannot
 * compress more than ~1032:1, so a larger declared size is a corrupt dimension, not data.
 */
export const MAX_EXPANSION = 1100;

/**
 * The dataset's shape ([] for a scalar), checked: every extent a safe integer, and the declared
 * bytes no more than the file can hold (the file's size for contiguous data, {@link MAX_EXPANSION}
 * times it for chunked data, which may be compressed). A damaged dimension would otherwise make
 * the load ask for terabytes, and the scan index a patch that cannot be read.
 * @throws CorruptFileError naming the file, the dataset and both sizes.
 */
export function datasetShape(ds: H5Dataset): number[] {
  let shape: number[];
  let meta: Metadata;
  try {
    shape = ds.shape ?? [];
    meta = ds.metadata;
  } catch (cause) {
    noteH5Fault(cause);
    throw new CorruptFileError(`${openFileInfo(ds.file_id)?.filename ?? "an HDF5 file"}: cannot read the shape of ${ds.path}`, { cause });
  }
  const info = openFileInfo(ds.file_id);
  const where = `${info?.filename ?? "an HDF5 file"}: dataset ${ds.path}`;
  if (!shape.every((n) => Number.isSafeInteger(n) && n >= 0)) throw new CorruptFileError(`${where} has an impossible shape [${shape.join(", ")}]`);
  if (info && info.size > 0 && !meta.virtual_sources?.length) {
    const bytes = shape.reduce((a, b) => a * b, 1) * Math.max(1, meta.size ?? 1);
    const compressed = meta.chunks ? filterCount(ds) > 0 : false;
    const limit = compressed ? info.size * MAX_EXPANSION : info.size;
    if (bytes > limit) {
      throw new CorruptFileError(`${where} declares shape [${shape.join(", ")}] (${bytes} bytes), more than the file of ${info.size} bytes can hold${compressed ? " even compressed" : ""}`);
    }
  }
  return shape;
}

/** numpy-style name of a numeric dataset's dtype ("float32", "int64", ...), or null otherwise. */
export function datasetDtype(ds: H5Dataset): string | null {
  return numericType(ds.metadata)?.dtype ?? null;
}

/**
 * Throws CorruptFileError if `ds` is a virtual dataset with a source file that does not exist
 * (HDF5 would silently return fill values). Sources are resolved as HDF5 does: "." is the file
 * itself, relative names against the VDS file's folder, then the working directory.
 */
export function checkVirtualSources(file: H5File, ds: H5Dataset): void {
  const sources = ds.metadata.virtual_sources;
  if (!sources || sources.length === 0) return;
  const here = dirname(resolve(file.filename));
  for (const src of sources) {
    const name = src.file_name;
    if (name === ".") continue;
    const candidates = isAbsolute(name) ? [name] : [resolve(here, name), resolve(name)];
    if (!candidates.some((c) => existsSync(c))) {
      throw new CorruptFileError(
        `${file.filename}: virtual dataset ${ds.path} needs source file ${name} (dataset ${src.dset_name}), which is missing`,
      );
    }
  }
}

function resolveRanges(file: H5File, ds: H5Dataset, shape: number[], ranges: readonly SlabRange[]): Array<[number, number]> {
  if (ranges.length > shape.length) {
    throw new ParameterError(`${file.filename}: ${ranges.length} ranges given for ${ds.path} of rank ${shape.length}`);
  }
  return shape.map((n, axis) => {
    const r = ranges[axis] ?? null;
    if (r === null) return [0, n];
    const [a, b] = r;
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < a || b > n) {
      throw new ParameterError(
        `${file.filename}: range [${a}, ${b}) is out of bounds for axis ${axis} of ${ds.path} (length ${n})`,
      );
    }
    return [a, b];
  });
}

// One scratch region in the wasm heap, grown on demand and reused across reads: a malloc/free per
// read would fragment the heap, which never shrinks (2 GiB cap per thread).
let scratchPtr = 0;
let scratchBytes = 0;
/** The engine instance the scratch region belongs to (a discarded instance's pointer is void). */
let scratchGeneration = -1;
const SCRATCH_KEEP_LIMIT = 64 * 1024 * 1024;

function scratch(bytes: number, what: string): number {
  const mod = h5Module();
  if (scratchGeneration !== h5Generation()) {
    scratchPtr = 0;
    scratchBytes = 0;
    scratchGeneration = h5Generation();
  }
  if (bytes <= scratchBytes) return scratchPtr;
  if (scratchPtr) mod._free(scratchPtr);
  scratchPtr = mod._malloc(Math.max(bytes, 1));
  scratchBytes = scratchPtr ? bytes : 0;
  if (!scratchPtr) throw new CorruptFileError(`${what}: cannot allocate ${bytes} bytes in the HDF5 heap (2 GiB per thread) to read it`);
  return scratchPtr;
}

function releaseScratchIfHuge(): void {
  if (scratchBytes > SCRATCH_KEEP_LIMIT) {
    h5Module()._free(scratchPtr);
    scratchPtr = 0;
    scratchBytes = 0;
  }
}

/** Options of {@link readSlab}. */
export interface ReadSlabOptions {
  /**
   * Write into this array instead of allocating one: a reused buffer, or the output of a merge.
   * HDF5 fills a wasm scratch region and one copy moves the block here — wasm can only write
   * its own heap, and views of that heap cannot leave this module (it moves when it grows).
   */
  into?: TypedArray;
  /** Element offset in `into` of the block's first sample (default 0). */
  offset?: number;
  /** Element strides in `into`, one per axis (default row-major over the block). */
  strides?: readonly number[];
}

/** A numeric block read from a dataset. */
export interface Slab {
  data: TypedArray;
  shape: number[];
  dtype: string;
}

/**
 * Reads the block `ranges` (one half-open range per axis, missing or null = whole axis) of a
 * numeric dataset, touching only those bytes on disk.
 * @throws ParameterError for out-of-range or malformed ranges (h5wasm would clamp silently).
 * @throws CorruptFileError for non-numeric datasets, missing VDS sources, or HDF5 read failures.
 * @example
 * ```ts
 * const { data, shape } = readSlab(file, getDataset(file, "/data"), [[0, 100], null]);
 * ```
 */
export function readSlab(file: H5File, ds: H5Dataset, ranges: readonly SlabRange[] = [], opts: ReadSlabOptions = {}): Slab {
  assertCurrentEngine(file);
  const meta = ds.metadata;
  const kind = numericType(meta);
  if (!kind) throw new CorruptFileError(`${file.filename}: dataset ${ds.path} is not numeric`);
  if (kind.special) return readSpecial(file, ds, kind, ranges, opts);
  const shape = datasetShape(ds);
  const bounds = resolveRanges(file, ds, shape, ranges);
  const count = bounds.map(([a, b]) => b - a);
  const n = count.reduce((p, c) => p * c, 1);
  checkVirtualSources(file, ds);
  checkStoredLayout(file, ds, shape);
  const target = opts.into ?? new kind.ctor(n);
  const place = { data: target, offset: opts.offset ?? 0, strides: opts.strides ?? rowMajor(count) };
  if (opts.into) checkTarget(place, count, kind.dtype, `${file.filename}: ${ds.path}`);
  if (n === 0) return { data: target, shape: count, dtype: kind.dtype };
  const size = kind.ctor.BYTES_PER_ELEMENT;
  // Large contiguous datasets: straight from the file into the target (direct.ts), no wasm pass.
  const base = n * size >= DIRECT_MIN_BYTES && (count.length === 0 || place.strides.at(-1) === 1) ? directBase(file, ds, size) : null;
  if (base !== null) {
    readDirect(file.filename, shape, bounds, place, base, size);
    return { data: target, shape: count, dtype: kind.dtype };
  }
  const mod = h5Module();
  const bytes = n * kind.ctor.BYTES_PER_ELEMENT;
  const ptr = scratch(bytes, `${file.filename}: ${ds.path}`);
  let status: number;
  try {
    status = mod.get_dataset_data(
      file.file_id,
      ds.path,
      shape.length ? count.map(BigInt) : null,
      shape.length ? bounds.map(([a]) => BigInt(a)) : null,
      shape.length ? count.map(() => 1n) : null,
      BigInt(ptr),
    );
  } catch (cause) {
    noteH5Fault(cause);
    throw new CorruptFileError(`${file.filename}: reading ${ds.path} failed: ${String(cause)}`, { cause });
  }
  if (status < 0) {
    throw new CorruptFileError(`${file.filename}: reading ${ds.path} failed (HDF5 status ${status}; truncated or corrupt)`);
  }
  // The heap may have grown during the read, so build the view only now.
  const view = new kind.ctor(mod.HEAPU8.buffer, ptr, n);
  placeSamples(view, count, place);
  releaseScratchIfHuge();
  return { data: target, shape: count, dtype: kind.dtype };
}

/**
 * float16, bool (bitfield) and complex (r, i compound) datasets: the stored bytes are read through
 * HDF5 and widened (float16 → float32) or viewed (bool → uint8, complex → interleaved floats).
 * These never go into a caller's buffer: the planner only offers buffers for plain dtypes.
 */
function readSpecial(file: H5File, ds: H5Dataset, kind: NumericType, ranges: readonly SlabRange[], opts: ReadSlabOptions): Slab {
  if (opts.into) throw new ParameterError(`${file.filename}: ${ds.path} holds ${kind.dtype} samples, which cannot be read into a caller's buffer`);
  const shape = datasetShape(ds);
  const bounds = resolveRanges(file, ds, shape, ranges);
  const count = bounds.map(([a, b]) => b - a);
  const n = count.reduce((p, c) => p * c, 1);
  checkVirtualSources(file, ds);
  checkStoredLayout(file, ds, shape);
  const stored = kind.special === "float16" ? 2 : kind.special === "bool" ? 1 : 2 * kind.ctor.BYTES_PER_ELEMENT;
  const perSample = kind.special === "complex64" || kind.special === "complex128" ? 2 : 1;
  if (n === 0) return { data: new kind.ctor(0), shape: count, dtype: kind.dtype };
  const mod = h5Module();
  const ptr = scratch(n * stored, `${file.filename}: ${ds.path}`);
  let status: number;
  try {
    status = mod.get_dataset_data(
      file.file_id,
      ds.path,
      shape.length ? count.map(BigInt) : null,
      shape.length ? bounds.map(([a]) => BigInt(a)) : null,
      shape.length ? count.map(() => 1n) : null,
      BigInt(ptr),
    );
  } catch (cause) {
    noteH5Fault(cause);
    throw new CorruptFileError(`${file.filename}: reading ${ds.path} failed: ${String(cause)}`, { cause });
  }
  if (status < 0) throw new CorruptFileError(`${file.filename}: reading ${ds.path} failed (HDF5 status ${status}; truncated or corrupt)`);
  const bytes = mod.HEAPU8.slice(ptr, ptr + n * stored);
  releaseScratchIfHuge();
  let data: TypedArray;
  if (kind.special === "float16") data = halfToFloat(new Uint16Array(bytes.buffer, 0, n));
  else if (kind.special === "bool") data = bytes.map((b) => (b ? 1 : 0));
  else data = new kind.ctor(bytes.buffer, 0, n * perSample);
  return { data, shape: count, dtype: kind.dtype };
}

/** Row-major element strides of `shape`. */
export function rowMajor(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let k = shape.length - 1, s = 1; k >= 0; k--) {
    out[k] = s;
    s *= shape[k]!;
  }
  return out;
}

/** Reads a whole numeric dataset (small ones: coordinate arrays, time stamps). */
export function readAll(file: H5File, ds: H5Dataset): Slab {
  return readSlab(file, ds, []);
}

/**
 * Reads any dataset's value through h5wasm (strings, compounds, scalars): for small metadata
 * datasets. Numeric arrays should use {@link readSlab}.
 */
export function readValue(file: H5File, ds: H5Dataset): unknown {
  checkVirtualSources(file, ds);
  try {
    return ds.value;
  } catch (cause) {
    noteH5Fault(cause);
    throw new CorruptFileError(`${file.filename}: reading ${ds.path} failed: ${String(cause)}`, { cause });
  }
}
