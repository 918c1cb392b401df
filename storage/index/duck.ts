// The index's DuckDB adapter: one lazily created in-memory instance per process, and connections
// that are always closed. Only built-in extensions (parquet, json) are used.
import { createRequire } from "node:module";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

let api: typeof import("@duckdb/node-api") | null = null;

/**
 * `@duckdb/node-api`'s values (types such as `VARCHAR`, `timestampNanosValue`, the instance),
 * loaded on first use so that importing the index's modules (e.g. for its schema) costs nothing.
 * Loaded with `require`, not `import`: an ESM import of this CommonJS package makes Node parse its
 * ~100 files for their export names first (~250 ms of a cold index query); `require` does not.
 * @example
 * ```ts
 * stmt.bindValue(1, duck().timestampNanosValue(t0), duck().TIMESTAMP_NS);
 * ```
 */
export function duck(): typeof import("@duckdb/node-api") {
  api ??= createRequire(import.meta.url)("@duckdb/node-api") as typeof import("@duckdb/node-api");
  return api;
}

let instance: Promise<DuckDBInstance> | null = null;

async function createInstance(): Promise<DuckDBInstance> {
  // One thread: index queries touch a few row groups, and a second thread cost more than it
  // saved (1M-row time-window query: 13 ms CPU on one thread, 17-20 ms CPU on two, with no wall
  // gain on a shared 2-core machine).
  const inst = await duck().DuckDBInstance.create(":memory:", { threads: "1" });
  const conn = await inst.connect();
  try {
    // Index Parquet files are immutable (a new generation gets a new name), so their footers can
    // be cached across queries: a warm time-window count drops from ~7 to ~4 ms on 1M rows.
    await conn.run("SET GLOBAL parquet_metadata_cache = true");
  } finally {
    conn.closeSync();
  }
  return inst;
}

/**
 * The process-wide DuckDB instance (in memory; the index lives in Parquet files).
 * @example
 * ```ts
 * const conn = await (await duckInstance()).connect();
 * ```
 */
export function duckInstance(): Promise<DuckDBInstance> {
  instance ??= createInstance().catch((e: unknown) => {
    instance = null;
    throw e;
  });
  return instance;
}

/**
 * Runs `fn` on a fresh connection and closes it afterwards, whatever happens.
 * @example
 * ```ts
 * const n = await withConnection(async (c) => (await c.runAndReadAll("select 1")).getColumns()[0]![0]);
 * ```
 */
export async function withConnection<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const conn = await (await duckInstance()).connect();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
  }
}

/**
 * A string as a SQL literal (for file paths DuckDB must see in DDL/COPY, never user values).
 * @example
 * ```ts
 * sqlLiteral("it's"); // "'it''s'"
 * ```
 */
export function sqlLiteral(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * A quoted SQL identifier (column names come from the schema, but may contain anything).
 * @example
 * ```ts
 * sqlIdent("time_min"); // '"time_min"'
 * ```
 */
export function sqlIdent(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}
