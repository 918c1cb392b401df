// The rows cache of a small index generation: every row of its Parquet file, column by column, in
// a JSON file written beside it and named by its manifest. A query on a small index is answered
// from it in this thread (rowsFilter.ts), so a process that only plans never loads DuckDB.
//
// Why: loading DuckDB's library (~20 ms), opening a database and running a first query cost a
// new process 42-66 ms, against ~1 ms to parse the cache of 300 rows here. On two
// cores that CPU is taken from the map workers starting up at the same time (issue 19).
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { asBigint } from "./decode.ts";
import { duckBindings } from "./duck.ts";
import { readColumns, type RawColumns } from "./rawColumns.ts";
import type { Column, SqlType } from "./schema.ts";
import { withStatement } from "./session.ts";
import type { DirectoryIndex, RowsCacheRef } from "./types.ts";

/**
 * Generations with at most this many rows get a rows cache. Parsing the cache of 3,000 of
 * DASCore's small files (0.96 MB) took 4-8 ms here; beyond a few thousand rows DuckDB's scan of
 * the Parquet (row groups pruned by time) is the better tool.
 */
export const ROWS_CACHE_MAX_ROWS = 4096;

/**
 * Nor is one written beyond this much JSON (rows with large attributes): parsing it in a new
 * process would cost more than DuckDB's cold query. 300 rows of DASCore's 6 MB files (with read
 * recipes) take 231 KB; 3,000 of its small files 0.96 MB.
 */
export const ROWS_CACHE_MAX_CHARS = 4 * 2 ** 20;

/** Cached columns: names and values (string, number, bigint or null), and the row count. */
export interface CachedRows extends RawColumns {
  rows: number;
}

const SQL_TYPES: readonly SqlType[] = ["VARCHAR", "BIGINT", "DOUBLE", "TIMESTAMP_NS"];

/** A DOUBLE as JSON: JSON has no NaN, infinities or negative zero, so those are spelled out. */
function encodeDouble(v: number): number | string {
  if (Number.isFinite(v)) return Object.is(v, -0) ? "-0" : v;
  return String(v); // "NaN", "Infinity", "-Infinity"
}

function decodeDouble(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  if (v === "-0") return -0;
  return undefined;
}

function encodeValue(type: SqlType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (type === "VARCHAR") return String(v);
  if (type === "DOUBLE") return encodeDouble(Number(v));
  return String(asBigint(v));
}

/** One cell back from JSON, or undefined when it is not a value of `type` (a damaged cache). */
function decodeValue(type: SqlType, v: unknown): unknown {
  if (v === null) return null;
  if (type === "VARCHAR") return typeof v === "string" ? v : undefined;
  if (type === "DOUBLE") return decodeDouble(v);
  return typeof v === "string" && /^-?\d+$/.test(v) ? BigInt(v) : undefined;
}

/**
 * Every row of the Parquet file `parquet` (absolute path) as plain columns, for
 * {@link writeRowsCache}. Read on the queries' warm connection with their column reader (~1 ms
 * for a few hundred rows, where node-api's generic getColumns() took 6-11 ms of a first update).
 * @example
 * ```ts
 * const read = readRowsForCache(indexDir, "/data/.daspool/index-3-ab12.parquet.tmp");
 * ```
 */
export function readRowsForCache(indexDir: string, parquet: string): Promise<RawColumns> {
  return withStatement(indexDir, parquet, "SELECT * FROM read_parquet([$1])", async (stmt) => {
    duckBindings().bind_varchar(stmt, 1, parquet);
    return readColumns(await duckBindings().execute_prepared(stmt));
  });
}

/**
 * Writes the rows cache of the generation whose Parquet file is `<indexDir>/<name>`, from its rows
 * `read` (readRowsForCache), as `<indexDir>/<cache name>` (temporary name, then rename). Returns
 * what the manifest records of it, or undefined (nothing written) when the JSON would exceed
 * {@link ROWS_CACHE_MAX_CHARS}.
 * @example
 * ```ts
 * const ref = writeRowsCache(indexDir, "index-3-ab12.parquet", cols, await read);
 * ```
 */
export function writeRowsCache(indexDir: string, name: string, cols: readonly Column[], read: RawColumns): RowsCacheRef | undefined {
  const parquet = join(indexDir, name);
  const typeOf = new Map(cols.map((c) => [c.name, c.type]));
  const rows = read.columns[0]?.length ?? 0;
  const columns = read.names.map((n, k) => {
    const type = typeOf.get(n) ?? "VARCHAR";
    return { name: n, type, values: read.columns[k]!.map((v) => encodeValue(type, v)) };
  });
  const text = JSON.stringify({ rows, columns });
  if (text.length > ROWS_CACHE_MAX_CHARS) return undefined;
  const cacheName = rowsCacheName(name);
  const final = join(indexDir, cacheName);
  const tmp = `${final}.tmp`;
  try {
    // Not fsynced: a cache that a crash left short or garbled fails loadRowsCache's checks (size,
    // shape, types) and the query goes to the Parquet file, which is fsynced.
    writeFileSync(tmp, text, { flag: "wx" });
    renameSync(tmp, final);
  } finally {
    rmSync(tmp, { force: true });
  }
  const bytes = Buffer.byteLength(text);
  // This process's next query on the new generation (an update is mostly followed by one) finds
  // the rows parsed already.
  remember(final, statSync(final), { names: read.names, columns: read.columns, rows });
  return { file: cacheName, bytes, parquetBytes: statSync(parquet).size };
}

/** Parses a cache file's text; null when it is not what writeRowsCache writes. */
function parseRowsCache(text: string): CachedRows | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const o = parsed as { rows?: unknown; columns?: unknown } | null;
  if (!o || typeof o.rows !== "number" || !Number.isInteger(o.rows) || o.rows < 0 || !Array.isArray(o.columns)) return null;
  const rows = o.rows;
  const out: CachedRows = { names: [], columns: [], rows };
  for (const c of o.columns as unknown[]) {
    const col = c as { name?: unknown; type?: unknown; values?: unknown } | null;
    if (!col || typeof col.name !== "string" || !SQL_TYPES.includes(col.type as SqlType) || !Array.isArray(col.values) || col.values.length !== rows) return null;
    const type = col.type as SqlType;
    const values = new Array<unknown>(rows);
    for (let i = 0; i < rows; i++) {
      const v = decodeValue(type, col.values[i]);
      if (v === undefined) return null;
      values[i] = v;
    }
    out.names.push(col.name);
    out.columns.push(values);
  }
  return out;
}

/** Parsed caches by absolute path, with the file's size and mtime then; a few generations at most. */
const loaded = new Map<string, { stamp: string; rows: CachedRows }>();

const stampOf = (st: { size: number; mtimeMs: number }) => `${st.size}:${st.mtimeMs}`;
const MAX_LOADED = 8;

/**
 * The rows cache named by the index's manifest, or null when the manifest names none, when the
 * cache or its Parquet file is missing or of another size than the manifest records, or when the
 * cache is not one (the caller then asks DuckDB, which reads the Parquet: a lost or damaged cache
 * costs time, never rows, and a damaged Parquet file is reported as it is without a cache).
 * @example
 * ```ts
 * const cached = loadRowsCache(index); // { names, types, columns, rows } | null
 * ```
 */
export function loadRowsCache(index: DirectoryIndex): CachedRows | null {
  const ref = index.manifest?.rowsCache;
  const parquet = index.manifest?.parquet ?? [];
  if (!ref || parquet.length !== 1) return null;
  // The Parquet file must still be the one the cache was made from: a damaged or replaced index
  // file is then reported by DuckDB's read of it, as without a cache.
  if (statSync(join(index.indexDir, parquet[0]!), { throwIfNoEntry: false })?.size !== ref.parquetBytes) return null;
  const path = join(index.indexDir, ref.file);
  const st = statSync(path, { throwIfNoEntry: false });
  if (st?.size !== ref.bytes) return null;
  const hit = loaded.get(path);
  if (hit && hit.stamp === stampOf(st)) return hit.rows;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  if (Buffer.byteLength(text) !== ref.bytes) return null;
  const rows = parseRowsCache(text);
  if (!rows) return null;
  remember(path, st, rows);
  return rows;
}

function remember(path: string, st: { size: number; mtimeMs: number }, rows: CachedRows): void {
  loaded.delete(path);
  loaded.set(path, { stamp: stampOf(st), rows });
  if (loaded.size > MAX_LOADED) loaded.delete(loaded.keys().next().value!);
}

/**
 * The cache file name of a generation's Parquet file `index-….parquet`.
 * @example
 * ```ts
 * rowsCacheName("index-3-ab12.parquet"); // "index-3-ab12.rows.json"
 * ```
 */
export function rowsCacheName(parquet: string): string {
  return parquet.replace(/\.parquet$/, ".rows.json");
}
