// The index's DuckDB adapter: one lazily created in-memory database per process, reached through
// DuckDB's C API (node-bindings: queries) or node-api (writers), and helpers for SQL text. Only
// built-in extensions (parquet, json) are used.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { Database } from "@duckdb/node-bindings";

let api: typeof import("@duckdb/node-api") | null = null;
let bindings: typeof import("@duckdb/node-bindings") | null = null;

/**
 * `@duckdb/node-api`'s values (types such as `VARCHAR`, `timestampNanosValue`, the instance),
 * loaded on first use: index queries never load it (they use {@link duckBindings}), only
 * updates and exports do. Loaded with `require`, not `import`: an ESM import of this CommonJS
 * package makes Node parse its ~100 files for their export names first (~250 ms); `require` does
 * not.
 * @example
 * ```ts
 * stmt.bindValue(1, duck().timestampNanosValue(t0), duck().TIMESTAMP_NS);
 * ```
 */
export function duck(): typeof import("@duckdb/node-api") {
  api ??= (bundledApi() ?? createRequire(import.meta.url)("@duckdb/node-api")) as typeof import("@duckdb/node-api");
  return api;
}

/**
 * The built package's one-file copy of node-api (scripts/bundle.mjs), beside this module when it
 * runs bundled: ~22 ms to load instead of ~50. Used only when its `require` of the bindings finds
 * the same file as the package's own would (one native module, one kind of Database handle).
 */
function bundledApi(): unknown {
  const file = new URL("./duckdb-node-api.cjs", import.meta.url);
  if (file.protocol !== "file:" || !existsSync(fileURLToPath(file))) return null;
  const fromBundle = createRequire(file);
  const fromPackage = createRequire(createRequire(import.meta.url).resolve("@duckdb/node-api"));
  try {
    if (fromBundle.resolve("@duckdb/node-bindings") !== fromPackage.resolve("@duckdb/node-bindings")) return null;
  } catch {
    return null;
  }
  return fromBundle(fileURLToPath(file));
}

/**
 * DuckDB's C API as `@duckdb/node-bindings` exposes it: what index queries use. Loading it takes
 * ~35 ms; node-api's wrapper on top of it another ~80 ms, which a cold query would pay.
 * @example
 * ```ts
 * const conn = await duckBindings().connect(await duckDatabase());
 * ```
 */
export function duckBindings(): typeof import("@duckdb/node-bindings") {
  bindings ??= loadBindings();
  return bindings;
}

/**
 * Loads node-bindings' native module. Its own entry (`duckdb.js`) first asks `detect-libc`
 * whether Linux is glibc or musl: 5-15 ms of a cold query (requiring that package and reading
 * /proc/self/exe) before the `dlopen`. npm installs only the platform package whose `os`/`cpu`/
 * `libc` fit, so when exactly one of the glibc and musl packages is installed it is the one that
 * entry would pick: it is required directly. With both or neither installed, that entry decides.
 */
function loadBindings(): typeof import("@duckdb/node-bindings") {
  // Resolved from node-api's own location: the copy node-api wraps (not a dependency of ours).
  const nodeApi = createRequire(import.meta.url).resolve("@duckdb/node-api");
  const fromNodeApi = createRequire(nodeApi);
  const entry = fromNodeApi.resolve("@duckdb/node-bindings");
  // Resolved from the entry's folder, as the entry's own `require` would: the same file, so a
  // later load through node-api (writers) gets this module from require's cache.
  const fromEntry = createRequire(entry);
  const base = `@duckdb/node-bindings-${process.platform}-${process.arch}`;
  const candidates = process.platform === "linux" ? [base, `${base}-musl`] : [base];
  const found = candidates.flatMap((pkg) => {
    try {
      return [fromEntry.resolve(`${pkg}/duckdb.node`)];
    } catch {
      return [];
    }
  });
  return (found.length === 1 ? fromEntry(found[0]!) : fromEntry(entry)) as typeof import("@duckdb/node-bindings");
}

let database: Promise<Database> | null = null;

async function createDatabase(): Promise<Database> {
  const b = duckBindings();
  const config = b.create_config();
  // One thread: index queries touch a few row groups, and a second thread cost more than it
  // saved (1M-row time-window query: 13 ms CPU on one thread, 17-20 ms CPU on two, with no wall
  // gain on a shared 2-core machine).
  b.set_config(config, "threads", "1");
  const db = await b.open(":memory:", config);
  const conn = await b.connect(db);
  try {
    // Index Parquet files are immutable (a new generation gets a new name), so their footers can
    // be cached across queries: a warm time-window count drops from ~7 to ~4 ms on 1M rows.
    await b.query(conn, "SET GLOBAL parquet_metadata_cache = true");
  } finally {
    b.disconnect_sync(conn);
  }
  return db;
}

/**
 * The process-wide DuckDB database (in memory; the index lives in Parquet files).
 * @example
 * ```ts
 * const conn = await duckBindings().connect(await duckDatabase());
 * ```
 */
export function duckDatabase(): Promise<Database> {
  database ??= createDatabase().catch((e: unknown) => {
    database = null;
    throw e;
  });
  return database;
}

/**
 * Starts opening the process's database without waiting for it (a no-op once started): loading
 * DuckDB (~35 ms here, on this thread) and opening it (~40 ms, on libuv's threadpool) then
 * overlap with what the caller does before its first query. A failure is left to that query,
 * which opens afresh and reports it.
 * @example
 * ```ts
 * startDuckDatabase(); // while the manifest is read
 * ```
 */
export function startDuckDatabase(): void {
  duckDatabase().catch(() => undefined);
}

let instance: Promise<DuckDBInstance> | null = null;

/**
 * The same database as a node-api instance (for writers: appenders, COPY).
 * @example
 * ```ts
 * const conn = await (await duckInstance()).connect();
 * ```
 */
export function duckInstance(): Promise<DuckDBInstance> {
  instance ??= duckDatabase().then((db) => new (duck().DuckDBInstance)(db));
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
