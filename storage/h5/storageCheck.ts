// Checks of a dataset's stored metadata that libhdf5 trusts without a checksum (object header v1,
// version-1 B-tree chunk indexes) before its samples are believed: a damaged chunk key makes
// libhdf5 miss a chunk and return the fill value (zeros) for it, and a damaged float exponent
// bias or precision converts every sample wrongly; neither raises anything in libhdf5 (nor in
// h5py, so DASCore returns the wrong values). Parsed from the file's bytes (objectHeader.ts).
import { CorruptFileError } from "../../src/errors.ts";
import { openFileBytes, openFileVersion, type H5Dataset, type H5File } from "./file.ts";
import { h5Module } from "./module.ts";
import { type FileBytes, readObjectHeader, readSuperblock, uint, type HeaderMessage, type Superblock } from "./objectHeader.ts";

const MSG_DATATYPE = 0x03;
const MSG_FILL_OLD = 0x04;
const MSG_FILL = 0x05;
const MSG_LAYOUT = 0x08;
const MSG_FILTERS = 0x0b;

/** IEEE 754 layouts by size: [precision, exponent location, exponent size, mantissa size, bias]. */
const IEEE: Record<number, readonly [number, number, number, number, number]> = {
  2: [16, 10, 5, 10, 15],
  4: [32, 23, 8, 23, 127],
  8: [64, 52, 11, 52, 1023],
};

/** Checked datasets (file version + path): each is checked once while the file is unchanged. */
const checked = new Set<string>();
/** Where a checked contiguous dataset's samples start in its file (absolute byte position). */
const contiguous = new Map<string, number>();
const CACHE_ENTRIES = 4096;

/** The object header address of `ds` (an HDF5 object reference is that address), or null. */
function headerAddress(file: H5File, ds: H5Dataset): number | null {
  try {
    const ref = h5Module().create_object_reference(file.file_id, ds.path) as unknown as ArrayLike<number>;
    if (!ref || ref.length !== 8) return null;
    const v = uint(Uint8Array.from(ref), 0, 8);
    return Number.isSafeInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

/** Integer and float datatypes must be the standard layouts h5wasm converts from. */
function checkDatatype(where: string, msg: HeaderMessage | undefined, size: number): void {
  if (!msg || msg.flags & 0x02 || msg.body.length < 12) return; // shared: defined elsewhere
  const b = msg.body;
  const cls = b[0]! & 0x0f;
  if (uint(b, 4, 4) !== size) return; // not the type h5wasm reported: nothing to compare
  const offset = uint(b, 8, 2);
  const precision = uint(b, 10, 2);
  if (cls === 0) {
    if (offset !== 0 || precision !== 8 * size) throw new CorruptFileError(`${where}: integer datatype of ${size} bytes declares bit offset ${offset} and precision ${precision} (expected 0 and ${8 * size}): corrupt datatype message`);
    return;
  }
  const want = IEEE[size];
  if (cls !== 1 || !want || b.length < 20) return;
  const got = [precision, b[12]!, b[13]!, b[15]!, uint(b, 16, 4)];
  if (offset !== 0 || b[14] !== 0 || got.some((v, i) => v !== want[i])) {
    throw new CorruptFileError(
      `${where}: float datatype of ${size} bytes declares offset ${offset}, precision ${got[0]}, exponent at ${got[1]} of ${got[2]} bits, mantissa at ${b[14]} of ${got[3]} bits, bias ${got[4]} (IEEE 754: 0, ${want.join(", ")}): corrupt datatype message`,
    );
  }
}

/** True when the writer set a fill value of its own: unwritten chunks then read as that value by design. */
function userFill(messages: readonly HeaderMessage[]): boolean {
  const fill = messages.find((m) => m.type === MSG_FILL);
  if (fill && fill.body.length >= 1) {
    const b = fill.body;
    if (b[0] === 3) return (b[1]! & 0x20) !== 0 && b.length >= 6 && uint(b, 2, 4) > 0;
    return b.length >= 8 && b[3] === 1 && uint(b, 4, 4) > 0;
  }
  const old = messages.find((m) => m.type === MSG_FILL_OLD);
  return old !== undefined && old.body.length >= 4 && uint(old.body, 0, 4) > 0;
}

/** Chunked layout with a version-1 B-tree index: its root address and chunk dims (last: element size). */
function chunkIndex(msg: HeaderMessage | undefined, sb: Superblock): { root: number; dims: number[] } | null {
  if (!msg) return null;
  const b = msg.body;
  const version = b[0];
  let p: number;
  let nd: number;
  if ((version === 1 || version === 2) && b[2] === 2) {
    nd = b[1]!;
    p = 8;
  } else if (version === 3 && b[1] === 2) {
    nd = b[2]!;
    p = 3;
  } else {
    return null; // contiguous, compact, virtual, or layout 4 (indexes with checksums libhdf5 verifies)
  }
  if (b.length < p + sb.offsetSize + 4 * nd) return null;
  const root = uint(b, p, sb.offsetSize);
  const dims = Array.from({ length: nd }, (_, k) => uint(b, p + sb.offsetSize + 4 * k, 4));
  return { root, dims };
}

/** A contiguous layout's data address (relative to the superblock base), or null for other layouts. */
function contiguousAddress(msg: HeaderMessage | undefined, sb: Superblock): number | null {
  if (!msg) return null;
  const b = msg.body;
  const version = b[0];
  let at: number;
  if ((version === 1 || version === 2) && b[2] === 1) at = 8;
  else if ((version === 3 || version === 4) && b[1] === 1) at = 2;
  else return null;
  if (b.length < at + sb.offsetSize) return null;
  const addr = uint(b, at, sb.offsetSize);
  return Number.isSafeInteger(addr) ? addr : null; // undefined address (never written): none
}

/** Compares two chunk keys' offsets lexicographically (as libhdf5's B-tree search does). */
function cmp(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]! ? -1 : 1;
  return 0;
}

interface Walk {
  f: FileBytes;
  sb: Superblock;
  where: string;
  nd: number;
  dims: readonly number[];
  shape: readonly number[];
  filtered: boolean;
  /** Bytes of an unfiltered chunk. */
  bytes: number;
  /** The last chunk key seen in key order (keys must rise strictly). */
  last: number[] | null;
  chunks: number;
  nodes: number;
}

const MAX_NODES = 1 << 20;

/**
 * Walks the B-tree node at `addr` (level `level`, or any at the root), checking every key: offsets
 * on the chunk grid inside the extent, the element dimension 0, keys strictly rising in order,
 * each child's keys inside its parent's bounds — the order libhdf5's search relies on to find a
 * chunk — and every chunk's bytes inside the file. Counts the chunks in `w`.
 */
function walk(w: Walk, addr: number, level: number | null, lo: number[] | null, hi: number[] | null): void {
  const bad = (what: string) => new CorruptFileError(`${w.where}: chunk index (B-tree node at ${addr}) ${what}`);
  if (++w.nodes > MAX_NODES) throw bad("has more nodes than any dataset of this size needs (a loop)");
  const O = w.sb.offsetSize;
  const headLen = 8 + 2 * O;
  const head = w.f.read(w.sb.base + addr, headLen);
  if (!head || head[0] !== 0x54 || head[1] !== 0x52 || head[2] !== 0x45 || head[3] !== 0x45) throw bad("is not a B-tree node (no TREE signature)");
  if (head[4] !== 1) throw bad(`has node type ${head[4]} (chunk indexes are type 1)`);
  const nodeLevel = head[5]!;
  if (level !== null && nodeLevel !== level) throw bad(`has level ${nodeLevel} where its parent expects ${level}`);
  const entries = uint(head, 6, 2);
  if (entries === 0) throw bad("has no entries");
  const keyLen = 8 + 8 * w.nd;
  const body = w.f.read(w.sb.base + addr + headLen, entries * (keyLen + O) + keyLen);
  if (!body) throw bad(`declares ${entries} entries, which run past the end of the file`);
  const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const keys: number[][] = new Array(entries + 1);
  for (let i = 0; i <= entries; i++) {
    const key = new Array<number>(w.nd);
    for (let k = 0, at = i * (keyLen + O) + 8; k < w.nd; k++, at += 8) key[k] = dv.getUint32(at + 4, true) * 2 ** 32 + dv.getUint32(at, true);
    keys[i] = key;
  }
  for (let i = 0; i < entries; i++) if (cmp(keys[i]!, keys[i + 1]!) >= 0) throw bad(`has keys out of order (key ${i + 1} of ${entries})`);
  if ((lo && cmp(keys[0]!, lo) < 0) || (hi && cmp(keys[entries]!, hi) > 0)) throw bad("has keys outside its parent's bounds");
  for (let i = 0; i < entries; i++) {
    const base = i * (keyLen + O);
    const child = uint(body, base + keyLen, O);
    if (nodeLevel > 0) {
      walk(w, child, nodeLevel - 1, keys[i]!, keys[i + 1]!);
      continue;
    }
    const key = keys[i]!;
    let offGrid = key[w.nd - 1] !== 0;
    for (let k = 0; k < w.nd - 1 && !offGrid; k++) offGrid = key[k]! % w.dims[k]! !== 0 || key[k]! >= w.shape[k]!;
    if (offGrid) throw bad(`lists a chunk at [${key.join(", ")}], off the chunk grid [${w.dims.join(", ")}] or outside the shape [${w.shape.join(", ")}]`);
    if (w.last && cmp(w.last, key) >= 0) throw bad(`lists chunk [${key.join(", ")}] out of order`);
    w.last = key;
    const size = uint(body, base, 4);
    if (size === 0 || (!w.filtered && size !== w.bytes)) throw bad(`gives chunk [${key.join(", ")}] ${size} bytes (expected ${w.filtered ? "more than 0" : w.bytes})`);
    if (!Number.isFinite(child) || w.sb.base + child + size > w.f.size) throw bad(`places chunk [${key.join(", ")}] at ${child} (+${size} bytes), outside the file of ${w.f.size} bytes`);
    w.chunks++;
  }
}

/**
 * Checks what libhdf5 will trust when reading `ds` (see the file comment); once per file version.
 * Datasets whose header cannot be matched to h5wasm's view of them are left to libhdf5.
 * @throws CorruptFileError naming the file, the dataset and the damaged field.
 * @example
 * ```ts
 * checkStoredLayout(file, ds, [6, 75367]); // before readSlab trusts the samples
 * ```
 */
export function checkStoredLayout(file: H5File, ds: H5Dataset, shape: readonly number[]): void {
  const version = openFileVersion(file);
  if (version === null) return;
  const key = `${version}\0${file.filename}\0${ds.path}`;
  if (checked.has(key)) return;
  const addr = headerAddress(file, ds);
  if (addr === null) return;
  const meta = ds.metadata;
  const where = `${file.filename}: dataset ${ds.path}`;
  const { bytes: f, shared } = openFileBytes(file);
  try {
    const sb = readSuperblock(f);
    const messages = sb ? readObjectHeader(f, sb, addr) : null;
    if (!sb || !messages) return;
    checkDatatype(where, messages.find((m) => m.type === MSG_DATATYPE), meta.size);
    const layout = messages.find((m) => m.type === MSG_LAYOUT);
    const index = meta.chunks ? chunkIndex(layout, sb) : null;
    if (index && shape.length > 0 && shape.every((n) => n > 0)) checkChunks(f, sb, where, index, meta.chunks!, shape, messages);
    const start = meta.chunks ? null : contiguousAddress(layout, sb);
    if (start !== null) {
      contiguous.set(key, sb.base + start);
      if (contiguous.size > CACHE_ENTRIES) contiguous.delete(contiguous.keys().next().value!);
    }
  } finally {
    if (!shared) f.close();
  }
  checked.add(key);
  if (checked.size > CACHE_ENTRIES) checked.delete(checked.values().next().value!);
}

function checkChunks(f: FileBytes, sb: Superblock, where: string, index: { root: number; dims: number[] }, chunks: readonly number[], shape: readonly number[], messages: readonly HeaderMessage[]): void {
  const nd = index.dims.length;
  // Only a layout that matches h5wasm's view of the dataset is this dataset's.
  if (nd !== shape.length + 1 || chunks.some((c, k) => c !== index.dims[k])) return;
  const fill = userFill(messages);
  if (!Number.isFinite(index.root)) {
    if (!fill) throw new CorruptFileError(`${where}: no chunk was ever written (undefined chunk index address) and no fill value was set`);
    return;
  }
  const filtered = messages.some((m) => m.type === MSG_FILTERS);
  const bytes = index.dims.reduce((a, d) => a * d, 1);
  const w: Walk = { f, sb, where, nd, dims: index.dims, shape: [...shape, 1], filtered, bytes, last: null, chunks: 0, nodes: 0 };
  walk(w, index.root, null, null, null);
  // Without a fill value of the writer's own, a chunk missing from the index is damage: libhdf5
  // would return zeros for it without a word.
  const need = shape.reduce((a, n, k) => a * Math.ceil(n / chunks[k]!), 1);
  if (!fill && w.chunks !== need) throw new CorruptFileError(`${where}: chunk index lists ${w.chunks} chunks, the shape [${shape.join(", ")}] in chunks of [${chunks.join(", ")}] needs ${need}, and no fill value was set (missing chunks would read as zeros)`);
}

/**
 * Where the samples of a contiguous dataset start in its file (absolute byte position), as its
 * layout message says, once {@link checkStoredLayout} has passed on this file version; null for
 * other layouts or headers it could not read.
 * @example
 * ```ts
 * checkStoredLayout(file, ds, shape);
 * storedContiguousStart(file, ds); // 29688
 * ```
 */
export function storedContiguousStart(file: H5File, ds: H5Dataset): number | null {
  const version = openFileVersion(file);
  return version === null ? null : (contiguous.get(`${version}\0${file.filename}\0${ds.path}`) ?? null);
}
