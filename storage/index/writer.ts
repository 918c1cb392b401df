// Writes one index generation: the previous Parquet minus dropped files, plus new rows, sorted by
// time_min, to a temporary file that is fsynced and renamed to its final (unreferenced) name.
// Committing it (the manifest) is the caller's job.
import { promises as fs } from "node:fs";
import { join } from "node:path";
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { constantColumns, type ConstantText } from "./constants.ts";
import { withConnection, sqlIdent, sqlLiteral } from "./duck.ts";
import { fsyncPath, tmpToken } from "./manifest.ts";
import type { RawColumns } from "./rawColumns.ts";
import { readRowsForCache, ROWS_CACHE_MAX_ROWS, writeRowsCache } from "./rowsCache.ts";
import { encodeRow, extendCoords, schemaColumns, type Column, type FileFacts, type SqlType } from "./schema.ts";
import type { PatchSummary } from "../formats/types.ts";
import type { CoordKind, RowsCacheRef } from "./types.ts";

/** Rows of one scanned file. */
export interface ScannedFile {
  file: FileFacts;
  patches: PatchSummary[];
}

/** What to write. */
export interface GenerationInput {
  indexDir: string;
  generation: number;
  /** Absolute paths of the current generation's Parquet files (empty when none). */
  oldParquet: readonly string[];
  oldCoords: Record<string, CoordKind>;
  /** Relative paths whose old rows are dropped (changed, deleted, rescanned files). */
  dropPaths: ReadonlySet<string>;
  scanned: readonly ScannedFile[];
}

/** The written (not yet committed) generation. */
export interface WrittenGeneration {
  parquet: string;
  rows: number;
  coords: Record<string, CoordKind>;
  /** Columns with one value in every row (see constants.ts). */
  constants: Record<string, ConstantText>;
  /** The rows cache written beside a small generation (rowsCache.ts); null for large ones. */
  rowsCache: RowsCacheRef | null;
}

/** Rows per Parquet row group: small enough that time-window queries prune most of a big index. */
export const ROW_GROUP_SIZE = 16_384;

/** One value appended with the appender's typed call for its column. */
type AppendFn = (app: DuckDBAppender, v: unknown) => void;

/**
 * Typed appends, one per SQL type. The generic `appendValue` builds a native value object per
 * call that only garbage collection frees, and V8 does not see that memory: 30,000 index rows
 * took ~270 MiB of RSS through it against ~15 MiB through the typed calls (issue 19's RSS goal).
 * TIMESTAMP_NS has no typed call, so it is appended as BIGINT nanoseconds and converted once.
 */
const APPEND: Record<SqlType, AppendFn> = {
  VARCHAR: (app, v) => app.appendVarchar(String(v)),
  BIGINT: (app, v) => app.appendBigInt(BigInt(v as bigint)),
  DOUBLE: (app, v) => app.appendDouble(Number(v)),
  TIMESTAMP_NS: (app, v) => app.appendBigInt(typeof v === "bigint" ? v : BigInt((v as { nanos?: bigint }).nanos ?? (v as number))),
};

/**
 * `CREATE TABLE` body for a column list.
 * @example
 * ```ts
 * columnsDdl([{ name: "path", type: "VARCHAR" }]); // '"path" VARCHAR'
 * ```
 */
export function columnsDdl(cols: readonly Column[]): string {
  return cols.map((c) => `${sqlIdent(c.name)} ${c.type}`).join(", ");
}

/**
 * Creates `table` with `cols` and appends `rows` (values in column order; null for missing;
 * TIMESTAMP_NS values as bigint nanoseconds, stored as BIGINT: read the table through
 * {@link filledColumns}). Decision: no `ALTER … TYPE TIMESTAMP_NS` here, which rewrote the table
 * once per time column (3-6 ms of a first index); the conversion happens in the one SELECT that
 * reads the table.
 */
export async function fillTable(conn: DuckDBConnection, table: string, cols: readonly Column[], rows: Iterable<unknown[]>): Promise<void> {
  const stored = cols.map((c) => (c.type === "TIMESTAMP_NS" ? { ...c, type: "BIGINT" as const } : c));
  await conn.run(`CREATE TABLE ${sqlIdent(table)} (${columnsDdl(stored)})`);
  const app = await conn.createAppender(table);
  try {
    const appends = cols.map((c) => APPEND[c.type]);
    for (const row of rows) {
      for (let k = 0; k < appends.length; k++) {
        const v = row[k];
        if (v === null || v === undefined) app.appendNull();
        else appends[k]!(app, v);
      }
      app.endRow();
    }
  } finally {
    app.closeSync();
  }
}

/**
 * The select list reading a table that {@link fillTable} filled, each column in its SQL type.
 * @example
 * ```ts
 * filledColumns([{ name: "time_min", type: "TIMESTAMP_NS" }]); // 'make_timestamp_ns("time_min") AS "time_min"'
 * ```
 */
export function filledColumns(cols: readonly Column[]): string {
  return cols.map((c) => (c.type === "TIMESTAMP_NS" ? `make_timestamp_ns(${sqlIdent(c.name)}) AS ${sqlIdent(c.name)}` : sqlIdent(c.name))).join(", ");
}

/** The SELECT producing the new generation's rows, columns in schema order. */
function selectSql(cols: readonly Column[], oldParquet: readonly string[], newTable: string, dropTable: string): string {
  const list = cols.map((c) => `CAST(${sqlIdent(c.name)} AS ${c.type}) AS ${sqlIdent(c.name)}`).join(", ");
  const parts = [`SELECT ${filledColumns(cols)} FROM ${sqlIdent(newTable)}`];
  if (oldParquet.length) {
    const files = `[${oldParquet.map(sqlLiteral).join(", ")}]`;
    parts.unshift(`SELECT * FROM read_parquet(${files}) WHERE path NOT IN (SELECT path FROM ${sqlIdent(dropTable)})`);
  }
  const order = cols.some((c) => c.name === "time_min") ? `"time_min" NULLS LAST, "path", "key"` : `"path", "key"`;
  return `SELECT ${list} FROM (${parts.join(" UNION ALL BY NAME ")}) ORDER BY ${order}`;
}

/**
 * Writes the next generation's Parquet file; returns its name, row count and coordinate families.
 * @example
 * ```ts
 * const gen = await writeGeneration({ indexDir, generation: 2, oldParquet, oldCoords, dropPaths, scanned });
 * ```
 */
export async function writeGeneration(input: GenerationInput): Promise<WrittenGeneration> {
  const coords = { ...input.oldCoords };
  for (const s of input.scanned) for (const p of s.patches) extendCoords(coords, p);
  const cols = schemaColumns(coords);
  const token = tmpToken().replace(/\W/g, "_");
  const newTable = `new_rows_${token}`;
  const dropTable = `drop_paths_${token}`;
  const name = `index-${input.generation}-${token}.parquet`; // unique: never overwrites a live file
  const tmp = join(input.indexDir, `${name}.${token}.tmp`);
  let cacheRows: Promise<RawColumns> | null = null;
  try {
    const { count: rows, constants } = await withConnection(async (conn) => {
      try {
        // Rows encoded as the appender takes them: never a second copy of every scanned row.
        const encoded = function* (): Generator<unknown[]> {
          for (const s of input.scanned) for (const p of s.patches) yield encodeRow(s.file, p, coords);
        };
        await fillTable(conn, newTable, cols, encoded());
        await fillTable(conn, dropTable, [{ name: "path", type: "VARCHAR" }], [...input.dropPaths].map((p) => [p]));
        const sql = selectSql(cols, input.oldParquet, newTable, dropTable);
        const res = await conn.runAndReadAll(
          `COPY (${sql}) TO ${sqlLiteral(tmp)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`,
        );
        // Judged on the file as written: what the manifest promises is what queries will read.
        const count = Number(res.getColumns()[0]?.[0] ?? 0);
        // Read on another connection while this one finds the constant columns and the file is
        // fsynced: the cache then costs the update little more than writing it.
        cacheRows = count <= ROWS_CACHE_MAX_ROWS ? readRowsForCache(input.indexDir, tmp) : null;
        cacheRows?.catch(() => undefined); // awaited below; a failure there fails the update
        return { count, constants: await constantColumns(conn, tmp, cols) };
      } finally {
        await conn.run(`DROP TABLE IF EXISTS ${sqlIdent(newTable)}`);
        await conn.run(`DROP TABLE IF EXISTS ${sqlIdent(dropTable)}`);
      }
    });
    await fsyncPath(tmp);
    // Before the rename: the read opens the file by its temporary name.
    const read = cacheRows ? await cacheRows : null;
    await fs.rename(tmp, join(input.indexDir, name));
    const rowsCache = (read && writeRowsCache(input.indexDir, name, cols, read)) ?? null;
    return { parquet: name, rows, coords, constants, rowsCache };
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
