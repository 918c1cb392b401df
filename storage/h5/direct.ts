// Large contiguous, unfiltered datasets read straight from the file into the target array with
// fs.readSync — the bytes a raw read would move, once — instead of HDF5 filling the wasm heap and
// us copying out of it (a second pass over every byte, ~25 % of a 10 % slice's time). HDF5 itself
// says where the samples start: the file position of its own read of one sample, observed once
// per file version; the position is then checked against HDF5's values before it is trusted.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { CorruptFileError } from "../../src/errors.ts";
import { fileVersion } from "../formats/evenCoordCache.ts";
import type { ReadTarget } from "../formats/types.ts";
import { h5Module } from "./module.ts";
import type { H5Dataset, H5File } from "./file.ts";

/** Below this a read is cheap either way; also rules out compact datasets (≤ 64 KiB, in the header). */
const MIN_DATASET_BYTES = 1 << 20;
const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const CACHE_ENTRIES = 256;
/** Byte address of a dataset's first sample, or null when it must be read through HDF5. */
const bases = new Map<string, number | null>();

type ReadHook = (stream: { path?: string }, buffer: unknown, offset: number, length: number, position: number) => number;

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function unravel(lin: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let k = shape.length - 1; k >= 0; k--) {
    idx[k] = lin % shape[k]!;
    lin = Math.floor(lin / shape[k]!);
  }
  return idx;
}

/**
 * Reads sample `lin` through HDF5 while watching the module's file reads; returns its bytes and
 * the position HDF5 read it from (null when HDF5 read nothing — its sieve buffer held it — or
 * several things, or another file: an external-storage dataset).
 */
function observe(file: H5File, ds: H5Dataset, shape: number[], lin: number, size: number): { bytes: Uint8Array; at: number | null } | null {
  const mod = h5Module();
  const fs = mod.FS as unknown as { read: ReadHook };
  const ptr = mod._malloc(size);
  if (!ptr) return null;
  const seen: Array<[string, number]> = [];
  const original = fs.read;
  fs.read = function (this: unknown, stream, ...rest) {
    seen.push([resolve(stream.path ?? ""), rest[3]]);
    return original.call(this, stream, ...rest);
  };
  try {
    const ones = shape.map(() => 1n);
    const status = mod.get_dataset_data(file.file_id, ds.path, ones, unravel(lin, shape).map(BigInt), ones, BigInt(ptr));
    if (status < 0) return null;
    const bytes = mod.HEAPU8.slice(ptr, ptr + size);
    const here = resolve(file.filename);
    if (seen.some(([p]) => p !== here)) return null;
    return { bytes, at: seen.length === 1 ? seen[0]![1] - lin * size : null };
  } catch {
    return null;
  } finally {
    fs.read = original;
    mod._free(ptr);
  }
}

/** Finds and checks the dataset's base address (see the file comment), or null. */
function locate(file: H5File, ds: H5Dataset, shape: number[], size: number): number | null {
  const n = product(shape);
  const probes = [n - 1, 0, Math.floor(n / 2)];
  const seen = probes.map((lin) => observe(file, ds, shape, lin, size));
  if (seen.some((s) => s === null)) return null;
  const found = seen.map((s) => s!.at).filter((b): b is number => b !== null);
  const base = found[0];
  if (base === undefined || base < 0 || found.some((b) => b !== base)) return null;
  if (statSync(file.filename).size < base + n * size) return null;
  const fd = openSync(file.filename, "r");
  try {
    const buf = new Uint8Array(size);
    return probes.every((lin, k) => readSync(fd, buf, 0, size, base + lin * size) === size && buf.every((b, i) => b === seen[k]!.bytes[i]))
      ? base
      : null;
  } finally {
    closeSync(fd);
  }
}

/**
 * The file position of a dataset's first sample when it can be read directly: contiguous (no
 * chunks, hence no filters), not virtual, little-endian like the host, at least 1 MiB, in the
 * file itself, and HDF5's own reads agree. Remembered per file version.
 */
export function directBase(file: H5File, ds: H5Dataset, size: number): number | null {
  const meta = ds.metadata;
  const shape = ds.shape ?? [];
  if (meta.chunks !== null || (meta.virtual_sources?.length ?? 0) > 0 || !meta.littleEndian || !HOST_LITTLE_ENDIAN) return null;
  if (shape.length === 0 || product(shape) * size < MIN_DATASET_BYTES) return null;
  const version = fileVersion(file.filename);
  if (version === null) return null;
  const key = `${version}\0${file.filename}\0${ds.path}`;
  if (bases.has(key)) return bases.get(key)!;
  const base = locate(file, ds, shape, size);
  bases.set(key, base);
  if (bases.size > CACHE_ENTRIES) bases.delete(bases.keys().next().value!);
  return base;
}

/**
 * Reads the block `bounds` of a dataset whose samples start at `base` into `place` (innermost
 * stride 1), one fs.readSync per run of samples adjacent both in the file and in the target.
 * @throws CorruptFileError when the file ends early.
 */
export function readDirect(
  file: H5File,
  shape: readonly number[],
  bounds: ReadonlyArray<readonly [number, number]>,
  place: ReadTarget,
  base: number,
  size: number,
): void {
  const nd = shape.length;
  const count = bounds.map(([a, b]) => b - a);
  const run = count[nd - 1]!;
  const rows = product(count.slice(0, -1));
  const fileStrides = new Array<number>(nd);
  for (let k = nd - 1, s = 1; k >= 0; k--) {
    fileStrides[k] = s;
    s *= shape[k]!;
  }
  const bytes = new Uint8Array(place.data.buffer, place.data.byteOffset, place.data.byteLength);
  const fd = openSync(file.filename, "r");
  try {
    let pendingFile = -1;
    let pendingTarget = -1;
    let pendingLen = 0;
    const flush = () => {
      for (let done = 0; done < pendingLen; ) {
        const got = readSync(fd, bytes, pendingTarget + done, pendingLen - done, pendingFile + done);
        if (got === 0) throw new CorruptFileError(`${file.filename}: file ends inside a dataset (truncated)`);
        done += got;
      }
    };
    const idx = new Array<number>(nd - 1).fill(0);
    for (let r = 0; r < rows; r++) {
      let lin = bounds[nd - 1]![0];
      let t = place.offset;
      for (let k = 0; k < nd - 1; k++) {
        lin += (bounds[k]![0] + idx[k]!) * fileStrides[k]!;
        t += idx[k]! * place.strides[k]!;
      }
      const filePos = base + lin * size;
      const targetPos = t * size;
      if (pendingLen > 0 && pendingFile + pendingLen === filePos && pendingTarget + pendingLen === targetPos) {
        pendingLen += run * size; // adjacent in both: one larger read (whole rows of a distance slice)
      } else {
        if (pendingLen > 0) flush();
        pendingFile = filePos;
        pendingTarget = targetPos;
        pendingLen = run * size;
      }
      for (let k = nd - 2; k >= 0; k--) {
        if (++idx[k]! < count[k]!) break;
        idx[k] = 0;
      }
    }
    if (pendingLen > 0) flush();
  } finally {
    closeSync(fd);
  }
}
