// Brings a directory's index up to date under the updater lock: walk, compare size+mtime with the
// committed generation, scan only new/changed files, drop rows of changed/deleted files, write the
// next generation and commit it by renaming the manifest. Any crash leaves the last commit usable.
// A file is "changed" when its size or mtime (ns) differs, as in DASCore; a replacement with the
// same size and the same ns mtime (e.g. `cp -p` of an equal-size file) goes unnoticed.
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { AbortError, DaspoolError, InvalidSpoolError } from "../../src/errors.ts";
import { duckInstance, withConnection } from "./duck.ts";
import { acquireLock, type IndexLock } from "./lock.ts";
import { resolveLocation, type IndexLocation } from "./location.ts";
import { commitManifest, readManifest } from "./manifest.ts";
import { recordMapping } from "./mapping.ts";
import { loadManifest, parquetPaths } from "./open.ts";
import { scanFiles, scanWorkers } from "./scanPool.ts";
import { SCHEMA_VERSION } from "./schema.ts";
import type { EmptyFile, FailedFile, Manifest, UpdateOptions, UpdateReport } from "./types.ts";
import { walkTree, type FileState, type WalkFilter } from "./walk.ts";
import { loadRowsCache, ROWS_CACHE_MAX_ROWS } from "./rowsCache.ts";
import { writeGeneration, type ScannedFile } from "./writer.ts";

/** Reports and manifests list files by path, whatever order the scan finished in. */
const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The committed state an update starts from. */
interface Previous {
  manifest: Manifest | null;
  indexed: Map<string, FileState>;
  rebuilt: boolean;
}

/** The size and mtime of each indexed file, from the rows cache (no DuckDB) when it has one. */
function cachedFiles(manifest: Manifest, indexDir: string): Map<string, FileState> | null {
  const cached = loadRowsCache({ root: "", indexDir, manifest });
  if (!cached) return null;
  const col = (name: string) => cached.columns[cached.names.indexOf(name)];
  const [paths, sizes, mtimes] = [col("path"), col("file_size"), col("mtime_ns")];
  if (!paths || !sizes || !mtimes) return null;
  const out = new Map<string, FileState>();
  paths.forEach((p, i) => out.set(p as string, { size: Number(sizes[i]), mtimeNs: mtimes[i] as bigint }));
  return out;
}

async function indexedFiles(manifest: Manifest, indexDir: string): Promise<Map<string, FileState>> {
  const files = parquetPaths({ indexDir, manifest });
  if (!files.length) return new Map();
  const cached = cachedFiles(manifest, indexDir);
  if (cached) return cached;
  return withConnection(async (conn) => {
    const stmt = await conn.prepare(
      `SELECT path, any_value(file_size), any_value(mtime_ns) FROM read_parquet([${files.map((_, k) => `$${k + 1}`).join(", ")}]) GROUP BY path`,
    );
    files.forEach((f, k) => stmt.bindVarchar(k + 1, f));
    const [paths, sizes, mtimes] = (await stmt.runAndReadAll()).getColumns() as [string[], bigint[], bigint[]];
    return new Map(paths.map((p, i) => [p, { size: Number(sizes[i]), mtimeNs: mtimes[i]! }]));
  });
}

async function readPrevious(indexDir: string, warn: (m: string) => void): Promise<Previous> {
  const read = await readManifest(indexDir, SCHEMA_VERSION).catch((e: unknown) => e as Error);
  if (read instanceof Error) {
    warn(`rebuilding the index in ${indexDir}: ${read.message}`);
    return { manifest: null, indexed: new Map(), rebuilt: true };
  }
  if (read.state === "absent") return { manifest: null, indexed: new Map(), rebuilt: false };
  if (read.state === "otherVersion") {
    warn(`rebuilding the index in ${indexDir}: it has schema version ${String(read.schemaVersion)}, this daspool writes ${SCHEMA_VERSION}`);
    return { manifest: null, indexed: new Map(), rebuilt: true };
  }
  try {
    const manifest = await loadManifest(indexDir);
    return { manifest, indexed: manifest ? await indexedFiles(manifest, indexDir) : new Map(), rebuilt: false };
  } catch (e) {
    warn(`rebuilding the index in ${indexDir}: ${(e as Error).message}`);
    return { manifest: null, indexed: new Map(), rebuilt: true };
  }
}

/** The files of a generation: its Parquet files and its rows cache. */
function generationFiles(g: { parquet: string | readonly string[]; rowsCache?: { file: string } | null } | null): string[] {
  if (!g) return [];
  return [...(typeof g.parquet === "string" ? [g.parquet] : g.parquet), ...(g.rowsCache ? [g.rowsCache.file] : [])];
}

/** Removes temporary files and index files no committed manifest names (leftovers of crashes). */
async function removeStray(indexDir: string, keep: readonly string[]): Promise<void> {
  for (const name of await fs.readdir(indexDir)) {
    const stray = name.endsWith(".tmp") || (/^index-.*\.(parquet|rows\.json)$/.test(name) && !keep.includes(name));
    if (stray) await fs.rm(join(indexDir, name), { force: true });
  }
}

const same = (a: { size: number; mtimeNs: bigint | string }, b: FileState) => a.size === b.size && BigInt(a.mtimeNs) === b.mtimeNs;

async function updateLocked(loc: IndexLocation, opts: UpdateOptions, lock: IndexLock): Promise<UpdateReport> {
  const warn = opts.onWarning ?? (() => undefined);
  const prev = await readPrevious(loc.indexDir, warn);
  await removeStray(loc.indexDir, generationFiles(prev.manifest));
  const failedPrev = new Map((prev.manifest?.failed ?? []).map((f) => [f.path, f]));
  const emptyPrev = new Map((prev.manifest?.empty ?? []).map((f) => [f.path, f]));
  const filter = chosenFilter(opts, prev.manifest);
  const tree = await walkTree(loc.root, [loc.indexDir], filter);

  const toScan: string[] = [];
  const drop = new Set<string>();
  const failed: FailedFile[] = [];
  const empty: EmptyFile[] = [];
  let added = 0, changed = 0, unchanged = 0, removed = 0;
  for (const [path, st] of tree) {
    const prevState = prev.indexed.get(path) ?? failedPrev.get(path) ?? emptyPrev.get(path);
    if (!prevState) added++, toScan.push(path);
    else if (!same(prevState, st)) changed++, toScan.push(path), drop.add(path);
    else {
      unchanged++;
      const f = failedPrev.get(path);
      if (f) failed.push(f);
      const z = emptyPrev.get(path);
      if (z) empty.push(z);
    }
  }
  for (const path of new Set([...prev.indexed.keys(), ...failedPrev.keys(), ...emptyPrev.keys()])) {
    if (!tree.has(path)) removed++, drop.add(path);
  }
  const report = {
    indexDir: loc.indexDir, added, changed, removed, unchanged, skipped: tree.skipped ?? 0, scanned: toScan.length, rebuilt: prev.rebuilt,
  };
  const sameFilter = JSON.stringify(filterOf(prev.manifest)) === JSON.stringify(filter);
  // An index written before rows caches existed gets one on its next update, changed or not.
  const missingCache = !!prev.manifest && prev.manifest.rowsCache === undefined && prev.manifest.rows <= ROWS_CACHE_MAX_ROWS;
  if (!toScan.length && !drop.size && prev.manifest && sameFilter && !missingCache) {
    if (opts.indexPath !== undefined && loc.external) await recordMapping(loc.root, loc.indexDir);
    return { ...report, failed: failed.sort(byPath), newlyFailed: [], rows: prev.manifest.rows, written: false };
  }

  toScan.sort();
  const scanned: ScannedFile[] = [];
  const newlyFailed: FailedFile[] = [];
  let bytes = 0;
  let done = 0;
  const relOf = new Map(toScan.map((p) => [join(loc.root, p), p]));
  // Load DuckDB's writer API now (~35 ms in this thread, needed anyway) and open the database while
  // the files are scanned: the open runs on libuv's threadpool (~20-40 ms) beside the scan. Not
  // deferred to setImmediate: a scan in this thread never yields to the event loop, so a deferred
  // load waited for the scan's end. Failures surface, if they recur, where the writer needs it.
  void duckInstance().catch(() => undefined);
  await scanFiles(
    [...relOf.keys()],
    {
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      sizeOf: (abs) => tree.get(relOf.get(abs) ?? "")?.size,
      onFile: (abs, outcome) => {
        const path = relOf.get(abs)!;
        const st = tree.get(path)!;
        const facts = { size: st.size, mtimeNs: st.mtimeNs.toString() };
        if (!outcome.ok) newlyFailed.push({ path, ...facts, reason: outcome.reason });
        else if (outcome.scan.patches.length === 0) empty.push({ path, ...facts });
        else {
          const { format, version, patches } = outcome.scan;
          scanned.push({ file: { path, size: st.size, mtimeNs: st.mtimeNs, format, version }, patches });
        }
        bytes += st.size;
        opts.onProgress?.({ done: ++done, total: toScan.length, bytes });
      },
    },
  );
  scanned.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
  newlyFailed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  failed.push(...newlyFailed);

  const generation = (prev.manifest?.generation ?? 0) + 1;
  const gen = await writeGeneration({
    indexDir: loc.indexDir,
    generation,
    oldParquet: parquetPaths({ indexDir: loc.indexDir, manifest: prev.manifest }),
    oldCoords: prev.manifest?.coords ?? {},
    dropPaths: drop,
    scanned,
  });
  let committed = false;
  try {
    if (opts.signal?.aborted) throw new AbortError(`index update of ${loc.root} aborted; the previous index is unchanged`);
    await opts.testHooks?.beforeCommit?.();
    if (!(await lock.held())) {
      throw new DaspoolError(`index update of ${loc.root} lost its lock (judged stale by another updater); nothing committed`);
    }
    await commitManifest(loc.indexDir, {
      schemaVersion: SCHEMA_VERSION,
      generation,
      parquet: [gen.parquet],
      rows: gen.rows,
      coords: gen.coords,
      constants: gen.constants,
      rowsCache: gen.rowsCache,
      failed: failed.sort(byPath),
      empty: empty.sort(byPath),
      ...filter,
      root: loc.root,
      updatedAt: new Date().toISOString(),
    });
    committed = true;
  } finally {
    if (!committed) for (const f of generationFiles(gen)) await fs.rm(join(loc.indexDir, f), { force: true });
  }
  await removeStray(loc.indexDir, generationFiles(gen));
  if (opts.indexPath !== undefined && loc.external) await recordMapping(loc.root, loc.indexDir);
  return { ...report, failed, newlyFailed, rows: gen.rows, written: true };
}

/**
 * Brings the index of directory `dir` up to date and returns what changed. Concurrent updaters
 * (threads, processes) are serialised by a lock file; readers keep seeing the last committed
 * generation until the new one is committed.
 * @throws AbortError when `signal` aborts (the previous index stays); ParameterError when `dir`
 * is not a directory.
 * @example
 * ```ts
 * const report = await updateIndex("/data/archive", { onProgress: ({ done, total }) => bar(done / total) });
 * report.added; report.failed; // [{ path: "notes.txt", reason: "UnknownFormatError: ..." }]
 * ```
 */
export async function updateIndex(dir: string, opts: UpdateOptions = {}): Promise<UpdateReport> {
  const loc = await resolveLocation(dir, opts.indexPath);
  const lockOpts = { signal: opts.signal, ...(opts.lockTimeoutMs !== undefined ? { timeoutMs: opts.lockTimeoutMs } : {}) };
  let lock: IndexLock;
  try {
    await fs.mkdir(loc.indexDir, { recursive: true });
    lock = await acquireLock(loc.indexDir, { ...lockOpts, ...(opts.onWarning ? { onWarning: opts.onWarning } : {}) });
  } catch (e) {
    throw notWritable(loc, e);
  }
  try {
    return await updateLocked(loc, opts, lock);
  } catch (e) {
    throw notWritable(loc, e);
  } finally {
    await lock.release().catch(() => undefined);
  }
}

const UNWRITABLE = new Set(["EACCES", "EPERM", "EROFS", "ENOENT", "ENOTDIR", "ENOSPC", "EDQUOT"]);

/**
 * The error for an index folder that cannot be written (a read-only archive, a mount without
 * permission): one line naming the folder and the remedy, instead of a raw errno from mkdir.
 * Other errors pass through unchanged.
 */
function notWritable(loc: IndexLocation, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (e instanceof DaspoolError || typeof code !== "string" || !UNWRITABLE.has(code)) return e;
  const why = code === "ENOSPC" || code === "EDQUOT" ? "the disk is full" : "it is not writable";
  return new InvalidSpoolError(
    `cannot write the index of ${loc.root} in ${loc.indexDir}: ${why} (${code}); ` +
      "keep the index in a writable folder with indexPath (dc.spool(dir, { indexPath })) or --index-path DIR",
    { cause: e },
  );
}

/** The include/exclude globs a manifest was written with (none for older manifests). */
function filterOf(manifest: Manifest | null): WalkFilter {
  const out: WalkFilter = {};
  if (manifest?.include?.length) out.include = manifest.include;
  if (manifest?.exclude?.length) out.exclude = manifest.exclude;
  return out;
}

/** The globs of this update: the caller's when given, else those the index was built with. */
function chosenFilter(opts: UpdateOptions, manifest: Manifest | null): WalkFilter {
  if (opts.include === undefined && opts.exclude === undefined) return filterOf(manifest);
  const out: WalkFilter = {};
  if (opts.include?.length) out.include = [...opts.include];
  if (opts.exclude?.length) out.exclude = [...opts.exclude];
  return out;
}

/** How a directory differs from its committed index (see {@link indexStaleness}). */
export interface Staleness {
  /** Files on disk that the index has never seen (not indexed, failed or empty). */
  added: string[];
  /** Files the index lists that are no longer on disk. */
  missing: string[];
  /** Files whose size or mtime changed since they were indexed. */
  changed: string[];
}

/**
 * Compares a directory with its committed index without writing anything (a walk plus one
 * query of the index's file list): what an `update()` would scan or drop. A directory without
 * an index reports every file as added. With `maxRows`, an index of more rows is not compared
 * (null): the comparison costs a walk and the whole file list, which a quick command on a huge
 * archive should not pay.
 * @example
 * ```ts
 * const s = await indexStaleness("/data/archive");
 * if (s && (s.added.length || s.missing.length)) console.warn("run daspool index /data/archive");
 * ```
 */
export async function indexStaleness(dir: string, opts: { indexPath?: string; maxRows?: number } = {}): Promise<Staleness | null> {
  const loc = await resolveLocation(dir, opts.indexPath);
  const manifest = await loadManifest(loc.indexDir).catch(() => null);
  if (opts.maxRows !== undefined && manifest && manifest.rows > opts.maxRows) return null;
  const indexed = manifest ? await indexedFiles(manifest, loc.indexDir) : new Map<string, FileState>();
  for (const f of [...(manifest?.failed ?? []), ...(manifest?.empty ?? [])]) indexed.set(f.path, { size: f.size, mtimeNs: BigInt(f.mtimeNs) });
  const tree = await walkTree(loc.root, [loc.indexDir], filterOf(manifest));
  const out: Staleness = { added: [], missing: [], changed: [] };
  for (const [path, st] of tree) {
    const was = indexed.get(path);
    if (!was) out.added.push(path);
    else if (!same(was, st)) out.changed.push(path);
  }
  for (const path of indexed.keys()) if (!tree.has(path)) out.missing.push(path);
  for (const list of [out.added, out.missing, out.changed]) list.sort();
  return out;
}
