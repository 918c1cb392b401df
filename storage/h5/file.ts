// Opening and closing HDF5 files through h5wasm with daspool's errors: a missing, unreadable,
// truncated or non-HDF5 file becomes UnknownFormatError/CorruptFileError, never h5wasm's -1 handle.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import type { File as H5WasmFile, Group, Dataset } from "h5wasm/node";
import { CorruptFileError, DaspoolError } from "../../src/errors.ts";
import { fileVersion } from "../formats/evenCoordCache.ts";
import { guardH5 } from "./guard.ts";
import { FileBytes } from "./objectHeader.ts";
import { h5FaultCount, h5Generation, h5Lib, loadH5, noteH5Fault } from "./module.ts";

/** An open HDF5 file (h5wasm's File). Close it with {@link closeH5File} or use {@link withH5File}. */
export type H5File = H5WasmFile;
/** An HDF5 group. */
export type H5Group = Group;
/** An HDF5 dataset. */
export type H5Dataset = Dataset;

let opens = 0;

/** What daspool knows about an open file: h5wasm's groups and datasets carry only its id. */
export interface OpenFileInfo {
  filename: string;
  /** Size on disk when opened (declared sizes are checked against it). */
  size: number;
  /** The engine instance that opened it. */
  generation: number;
  /** The content's identity when opened (see evenCoordCache's fileVersion); null when created. */
  version: string | null;
  /** The file's own bytes for checks that read them (storageCheck.ts); opened on first use. */
  bytes?: FileBytes;
}

const openFiles = new Map<string, OpenFileInfo>();
const fileKey = (generation: number, id: bigint): string => `${generation}:${id}`;
const fileKeys = new WeakMap<H5File, string>();

/**
 * The path and size of the open file with h5wasm id `fileId` (of the current engine instance),
 * so errors about a group or dataset can name the file it lives in.
 */
export function openFileInfo(fileId: bigint): OpenFileInfo | undefined {
  return openFiles.get(fileKey(h5Generation(), fileId));
}

/**
 * The version of an open file's content, from the stat made when it was opened (a stat per
 * dataset read was half the cost of checking a dataset's layout); a fresh stat for a handle
 * daspool did not open.
 */
export function openFileVersion(file: H5File): string | null {
  const info = openFileInfo(file.file_id);
  return info ? info.version : fileVersion(file.filename);
}

/** How many HDF5 opens this thread has attempted (diagnostics: detection must open a file once). */
export function h5OpenCount(): number {
  return opens;
}

/** The 8-byte HDF5 superblock signature. */
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

function signatureAt(bytes: Uint8Array, offset: number): boolean {
  if (bytes.length < offset + 8) return false;
  return SIGNATURE.every((b, i) => bytes[offset + i] === b);
}

/**
 * Where the HDF5 superblock starts, or -1. HDF5 looks at offset 0, then 512, 1024, 2048 … (a user
 * block, as in JLD2 files, pushes it later). `bytes` must start at file offset 0.
 */
export function hdf5SignatureOffset(bytes: Uint8Array): number {
  for (let off = 0; off + 8 <= bytes.length; off = off === 0 ? 512 : off * 2) {
    if (signatureAt(bytes, off)) return off;
  }
  return -1;
}

/**
 * True when the file at `path` carries the HDF5 signature at one of the offsets HDF5 searches
 * (reads at most a few 8-byte windows; no HDF5 call, so nothing is printed or allocated).
 *
 * @example
 * ```ts
 * if (isHdf5File("x.h5")) { ... }
 * ```
 */
export function isHdf5File(path: string, head?: Uint8Array): boolean {
  if (head && hdf5SignatureOffset(head) >= 0) return true;
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return false;
  }
  try {
    const size = statSync(path).size;
    const buf = new Uint8Array(8);
    for (let off = 0; off + 8 <= size; off = off === 0 ? 512 : off * 2) {
      if (readSync(fd, buf, 0, 8, off) === 8 && signatureAt(buf, 0)) return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens an HDF5 file. Mode `"r"` reads, `"w"` creates/truncates, `"a"` appends.
 * @throws CorruptFileError when the file is missing, unreadable, not HDF5, truncated or corrupt.
 */
export async function openH5File(path: string, mode: "r" | "w" | "a" = "r"): Promise<H5File> {
  await loadH5();
  return openLoaded(path, mode, statOf(path, mode));
}

/**
 * The size an open checks declared sizes against (0 for a file being created) and the file's
 * version (device, inode, size, ns mtime; null for a file being created), from one stat.
 */
function statOf(path: string, mode: "r" | "w" | "a"): { size: number; version: string | null } {
  if (mode === "w") return { size: 0, version: null };
  try {
    const st = statSync(path, { bigint: true });
    return { size: Number(st.size), version: `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}` };
  } catch (cause) {
    throw new CorruptFileError(`cannot open HDF5 file ${path}: it does not exist or is unreadable`, { cause });
  }
}

/** {@link openH5File} once the engine is loaded: synchronous, so a caller's time limit covers it. */
function openLoaded(path: string, mode: "r" | "w" | "a", { size, version }: { size: number; version: string | null }): H5File {
  let file: H5File;
  opens++;
  const before = h5FaultCount();
  try {
    file = guardH5(path, size, () => new (h5Lib().File)(path, mode));
  } catch (cause) {
    noteH5Fault(cause);
    throw new CorruptFileError(`cannot open HDF5 file ${path}: ${String(cause)}`, { cause });
  }
  if (file.file_id < 0n || h5FaultCount() !== before) {
    noteH5Fault(new Error(`open of ${path} failed`)); // libhdf5 touched a corrupt file: replace it
    if (file.file_id >= 0n) closeH5File(file);
    const what = mode === "w" ? "cannot create HDF5 file" : "cannot open HDF5 file";
    const why = mode === "w" ? "" : " (not HDF5, truncated or corrupt)";
    throw new CorruptFileError(`${what} ${path}${why}`);
  }
  const generation = h5Generation();
  const key = fileKey(generation, file.file_id);
  openFiles.set(key, { filename: path, size, generation, version });
  fileKeys.set(file, key);
  return file;
}

/**
 * Throws CorruptFileError if `file` was opened by an engine instance that has since been
 * discarded after a fault: its ids mean nothing to the current instance.
 */
export function assertCurrentEngine(file: H5File): void {
  const key = fileKeys.get(file);
  if (key !== undefined && !key.startsWith(`${h5Generation()}:`)) {
    throw new CorruptFileError(`${file.filename}: the HDF5 engine was restarted after a fault while this file was open; open it again`);
  }
}

/**
 * A reader of an open file's bytes, kept until the file is closed: the layout checks of several
 * datasets of one file share one descriptor instead of opening it per dataset. A fresh reader
 * (the caller closes it) for a handle daspool did not open.
 */
export function openFileBytes(file: H5File): { bytes: FileBytes; shared: boolean } {
  const info = openFileInfo(file.file_id);
  if (!info) return { bytes: new FileBytes(file.filename), shared: false };
  info.bytes ??= new FileBytes(file.filename);
  return { bytes: info.bytes, shared: true };
}

/** Closes a file, ignoring errors (used in `finally` blocks; a failed close loses nothing). */
export function closeH5File(file: H5File): void {
  const key = fileKeys.get(file);
  if (key) {
    try {
      openFiles.get(key)?.bytes?.close();
    } catch {
      // the descriptor is gone either way
    }
    openFiles.delete(key);
  }
  try {
    if (file.file_id >= 0n) file.close();
  } catch {
    // Nothing useful to do: the handle is unusable either way.
  }
}

/**
 * Opens `path`, runs `fn`, and always closes the file.
 *
 * @example
 * ```ts
 * const keys = await withH5File(path, (f) => f.keys());
 * ```
 */
export async function withH5File<T>(
  path: string,
  fn: (file: H5File) => T | Promise<T>,
  mode: "r" | "w" | "a" = "r",
): Promise<T> {
  await loadH5();
  const stat = statOf(path, mode);
  // One time limit for the open and fn's synchronous part (up to its first await), instead of
  // one each: every limit starts a watchdog thread (guard.ts), and two per file were ~20 % of
  // the main thread's time merging 100 DASDAE files. The calls inside run within it (nested).
  const { file, done } = guardH5(path, stat.size, () => {
    const opened = openLoaded(path, mode, stat);
    return { file: opened, done: onH5File(opened, fn) };
  });
  try {
    return await done;
  } finally {
    closeH5File(file);
  }
}

/**
 * Runs `fn` on a file that is already open (and stays open), turning h5wasm's plain errors into
 * CorruptFileError naming the file, as {@link withH5File} does.
 *
 * @example
 * ```ts
 * const keys = await onH5File(sharedFile, (f) => f.keys());
 * ```
 */
export async function onH5File<T>(file: H5File, fn: (file: H5File) => T | Promise<T>): Promise<T> {
  const before = h5FaultCount();
  let result: T;
  try {
    // Time-limited: libhdf5 may loop forever on a corrupt file (see guard.ts).
    result = await guardH5(file.filename, openFileInfo(file.file_id)?.size ?? 0, () => fn(file));
  } catch (cause) {
    // h5wasm reports failures inside libhdf5 as plain Errors (or wasm traps): name the file.
    // A trap also poisons the engine: noteH5Fault has the next open start a fresh instance.
    noteH5Fault(cause);
    if (cause instanceof DaspoolError) throw cause;
    const msg = cause instanceof Error ? cause.message : String(cause);
    throw new CorruptFileError(`HDF5 file ${file.filename} could not be read: ${msg}`, { cause });
  }
  if (h5FaultCount() !== before) {
    // The engine ran out of memory or aborted without throwing to us: what it returned is not trusted.
    throw new CorruptFileError(`HDF5 file ${file.filename} could not be read: the HDF5 engine failed (a declared size or structure is corrupt)`);
  }
  return result;
}
