// Large contiguous, unfiltered datasets read straight from the file into the target array with
// scatter reads (readv) — the bytes a raw read would move, once — instead of HDF5 filling the wasm heap and
// us copying out of it (a second pass over every byte, ~25 % of a 10 % slice's time). HDF5 itself
// says where the samples start: the file position of its own read of one sample, observed once
// per file version; the position is then checked against HDF5's values before it is trusted.
import { AsyncLocalStorage } from "node:async_hooks";
import { closeSync, openSync, promises as fsp, readSync, readvSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { CorruptFileError } from "../../src/errors.ts";
import type { ReadTarget } from "../formats/types.ts";
import { h5Module } from "./module.ts";
import { openFileBytes, openFileVersion, type H5Dataset, type H5File } from "./file.ts";
import { checkStoredLayout, storedContiguousStart } from "./storageCheck.ts";

/** Below this a read is cheap either way; also rules out compact datasets (≤ 64 KiB, in the header). */
export const MIN_DATASET_BYTES = 1 << 20;
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

/** A dataset that may be read directly (see {@link directBase}): its cache key and shape. */
interface Direct {
  key: string;
  shape: number[];
  n: number;
}

/** `ds` when its storage allows direct reads (contiguous, not virtual, little-endian, ≥ 1 MiB) in a file of known version. */
function directCandidate(file: H5File, ds: H5Dataset, size: number): Direct | null {
  const meta = ds.metadata;
  const shape = ds.shape ?? [];
  if (meta.chunks !== null || (meta.virtual_sources?.length ?? 0) > 0 || !meta.littleEndian || !HOST_LITTLE_ENDIAN) return null;
  const n = product(shape);
  if (shape.length === 0 || n * size < MIN_DATASET_BYTES) return null;
  const version = openFileVersion(file);
  return version === null ? null : { key: `${version}\0${file.filename}\0${ds.path}`, shape, n };
}

function remember(key: string, base: number | null): void {
  bases.set(key, base);
  if (bases.size > CACHE_ENTRIES) bases.delete(bases.keys().next().value!);
}

/**
 * The file position of a dataset's first sample when it can be read directly: contiguous (no
 * chunks, hence no filters), not virtual, little-endian like the host, at least 1 MiB, in the
 * file itself, and HDF5's own reads agree. Remembered per file version.
 */
export function directBase(file: H5File, ds: H5Dataset, size: number): number | null {
  const d = directCandidate(file, ds, size);
  if (!d) return null;
  if (bases.has(d.key)) return bases.get(d.key)!;
  const base = locate(file, ds, d.shape, size);
  remember(d.key, base);
  return base;
}

/**
 * {@link directBase} for a scan: the position comes from the dataset's layout message (read by
 * checkStoredLayout, whose CorruptFileError this passes on) and is confirmed with one
 * sample, HDF5's read of the last one against the file's bytes there, instead of three watched
 * reads (~0.2 ms per file when cold). Same conditions; the answer serves later reads too.
 */
export function storedBase(file: H5File, ds: H5Dataset, size: number): number | null {
  const d = directCandidate(file, ds, size);
  if (!d) return null;
  if (bases.has(d.key)) return bases.get(d.key)!;
  checkStoredLayout(file, ds, d.shape); // reads the layout message (once per file version)
  const start = storedContiguousStart(file, ds);
  if (start === null) return null;
  const seen = observe(file, ds, d.shape, d.n - 1, size);
  if (!seen) return null;
  const { bytes: f, shared } = openFileBytes(file);
  try {
    const last = f.read(start + (d.n - 1) * size, size);
    if (!last || start + d.n * size > f.size || !last.every((b, i) => b === seen.bytes[i])) return null;
  } finally {
    if (!shared) f.close();
  }
  remember(d.key, start);
  return start;
}

/** A run of the block: `len` bytes at file position `file`, landing at byte `target` of the target. */
interface Run {
  file: number;
  target: number;
  len: number;
}

/** The block's runs, with runs adjacent both in the file and in the target joined. */
function blockRuns(shape: readonly number[], bounds: ReadonlyArray<readonly [number, number]>, place: ReadTarget, base: number, size: number): Run[] {
  const nd = shape.length;
  const count = bounds.map(([a, b]) => b - a);
  const run = count[nd - 1]! * size;
  const rows = product(count.slice(0, -1));
  const fileStrides = new Array<number>(nd);
  for (let k = nd - 1, s = 1; k >= 0; k--) {
    fileStrides[k] = s;
    s *= shape[k]!;
  }
  const runs: Run[] = [];
  const idx = new Array<number>(nd - 1).fill(0);
  for (let r = 0; r < rows; r++) {
    let lin = bounds[nd - 1]![0];
    let t = place.offset;
    for (let k = 0; k < nd - 1; k++) {
      lin += (bounds[k]![0] + idx[k]!) * fileStrides[k]!;
      t += idx[k]! * place.strides[k]!;
    }
    const file = base + lin * size;
    const target = t * size;
    const last = runs[runs.length - 1];
    if (last && last.file + last.len === file && last.target + last.len === target) last.len += run; // whole rows of a distance slice
    else runs.push({ file, target, len: run });
    for (let k = nd - 2; k >= 0; k--) {
      if (++idx[k]! < count[k]!) break;
      idx[k] = 0;
    }
  }
  return runs;
}

/** Most buffers one readv takes (Linux IOV_MAX). */
const IOV_MAX = 1024;

/**
 * Groups runs that follow each other in the file into one scatter read each (readv): a file's
 * rows landing in a wider merged array are one system call, not one per row.
 */
function scatterGroups(runs: readonly Run[]): Run[][] {
  const groups: Run[][] = [];
  for (const r of runs) {
    const g = groups[groups.length - 1];
    const last = g?.[g.length - 1];
    if (g && last && last.file + last.len === r.file && g.length < IOV_MAX) g.push(r);
    else groups.push([r]);
  }
  return groups;
}

const truncated = (filename: string) => new CorruptFileError(`${filename}: file ends inside a dataset (truncated)`);

/** Reads one group: readv, then plain reads for whatever a short read left (end of file: an error). */
function readGroupSync(fd: number, filename: string, bytes: Uint8Array, group: readonly Run[]): void {
  const got = readvSync(fd, group.map((r) => bytes.subarray(r.target, r.target + r.len)), group[0]!.file);
  finishShortRead(fd, filename, bytes, group, got);
}

function finishShortRead(fd: number, filename: string, bytes: Uint8Array, group: readonly Run[], got: number): void {
  let skip = got;
  for (const r of group) {
    if (skip >= r.len) {
      skip -= r.len;
      continue;
    }
    for (let done = skip; done < r.len; ) {
      const n = readSync(fd, bytes, r.target + done, r.len - done, r.file + done);
      if (n === 0) throw truncated(filename);
      done += n;
    }
    skip = 0;
  }
}

/**
 * Bulk reads started inside {@link withDeferredDirectReads}: they run on libuv's thread pool, so
 * several files' samples (and the page faults of a new output array) load on several cores while
 * this thread reads the next file's metadata.
 */
const deferral = new AsyncLocalStorage<{ target: ReadTarget["data"]; jobs: Array<Promise<void>> }>();

/**
 * Runs `fn`, letting the direct reads it starts into `target` complete in the background, and
 * resolves once they have all landed. Only reads into `target` itself are deferred: a reader's
 * own arrays (which it may scale or copy right away) are read before readSlab returns.
 * @example
 * ```ts
 * const raw = await withDeferredDirectReads(into.data, () => mod.read(path, key, version, selection, into));
 * ```
 */
export async function withDeferredDirectReads<T>(target: ReadTarget["data"], fn: () => Promise<T>): Promise<T> {
  const jobs: Array<Promise<void>> = [];
  let out: T;
  try {
    out = await deferral.run({ target, jobs }, fn);
  } finally {
    // Even when fn failed, no read may still be writing into the caller's target afterwards.
    const settled = await Promise.allSettled(jobs);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }
  return out;
}

async function readGroupsAsync(filename: string, bytes: Uint8Array, groups: readonly Run[][]): Promise<void> {
  const handle = await fsp.open(filename, "r");
  try {
    for (const group of groups) {
      const { bytesRead } = await handle.readv(group.map((r) => bytes.subarray(r.target, r.target + r.len)), group[0]!.file);
      const want = group.reduce((a, r) => a + r.len, 0);
      if (bytesRead < want) finishShortRead(handle.fd, filename, bytes, group, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads the block `bounds` of a dataset of file `filename` whose samples start at `base` into `place` (innermost
 * stride 1): one scatter read per stretch of the file. Inside {@link withDeferredDirectReads} the
 * reads run in the background; otherwise they are done when this returns.
 * @throws CorruptFileError when the file ends early.
 */
export function readDirect(
  filename: string,
  shape: readonly number[],
  bounds: ReadonlyArray<readonly [number, number]>,
  place: ReadTarget,
  base: number,
  size: number,
): void {
  const bytes = new Uint8Array(place.data.buffer, place.data.byteOffset, place.data.byteLength);
  const groups = scatterGroups(blockRuns(shape, bounds, place, base, size));
  const scope = deferral.getStore();
  if (scope && scope.target === place.data) {
    const job = readGroupsAsync(filename, bytes, groups);
    job.catch(() => undefined); // awaited by withDeferredDirectReads; never an unhandled rejection
    scope.jobs.push(job);
    return;
  }
  const fd = openSync(filename, "r");
  try {
    for (const group of groups) readGroupSync(fd, filename, bytes, group);
  } finally {
    closeSync(fd);
  }
}
