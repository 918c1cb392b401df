// Runs index queries: answers them from a small generation's rows cache (rowsCache.ts,
// rowsFilter.ts) when it has one, else prepares the statement from sql.ts on the index's warm
// connection (session.ts), binds typed values, decodes DuckDB values (TIMESTAMP_NS as bigint ns)
// into IndexRows. A reader racing an updater that removed the snapshot's Parquet re-reads the manifest
// and retries, so readers never see a partial index.
import { existsSync, statSync } from "node:fs";
import { setImmediate } from "node:timers/promises";
import type { PreparedStatement } from "@duckdb/node-bindings";
import { IndexCorruptError } from "../../src/errors.ts";
import { duckBindings } from "./duck.ts";
import { parquetPaths, refreshIndex } from "./open.ts";
import { decodeConstant } from "./constants.ts";
import { decodeRows } from "./decode.ts";
import { indexOrderPermutation } from "./order.ts";
import { readColumns, type RawColumns } from "./rawColumns.ts";
import { loadRowsCache } from "./rowsCache.ts";
import { matchingRows, pickRows } from "./rowsFilter.ts";
import { schemaColumns } from "./schema.ts";
import { withStatement } from "./session.ts";
import { buildIndexSql, type IndexSql } from "./sql.ts";
import type { DirectoryIndex, IndexQuery, IndexRow, Manifest } from "./types.ts";

type Result = RawColumns;

function bind(stmt: PreparedStatement, s: IndexSql): void {
  const b = duckBindings();
  s.params.forEach((p, k) => {
    const i = k + 1;
    if (p.type === "VARCHAR") b.bind_varchar(stmt, i, p.value as string);
    else if (p.type === "DOUBLE") b.bind_double(stmt, i, p.value as number);
    else if (p.type === "BIGINT") b.bind_int64(stmt, i, p.value as bigint);
    else b.bind_value(stmt, i, b.create_timestamp_ns({ nanos: p.value as bigint }));
  });
}

async function runSql(index: DirectoryIndex, s: IndexSql): Promise<Result> {
  // Parquet names are unique per generation: they tell a rebuilt index from its predecessor.
  return withStatement(index.indexDir, (index.manifest?.parquet ?? []).join("\n"), s.sql, async (stmt) => {
    bind(stmt, s);
    // Materialized, not streamed: a filtered scan streams many small chunks (the 1-hour window's
    // 610 rows came as 4), each a trip to the threadpool and back, while a materialized result
    // hands them over in full 2048-row chunks. Measured warm on 1M rows, interleaved: 610 rows
    // 12-17 ms materialized against 16-20 ms streamed, 14k rows 157-199 against 234-253 ms;
    // streaming wins only on very large results (144k rows: 1.19 s against 1.45 s).
    return readColumns(await duckBindings().execute_prepared(stmt));
  });
}

/** Row counts of the latest `queryIndex` calls, by {@link rowsKey}; bounded, least recent out. */
const knownCounts = new Map<string, number>();
/** How many row counts {@link knownCounts} keeps. */
export const MAX_KNOWN_COUNTS = 16;

/**
 * The size and mtime of each of `files` (taken before a query reads them), or null when one is
 * missing. Index Parquet files are never rewritten (a new generation has new names); the stamp
 * still tells a file changed in place (a copied or damaged index) from the one counted.
 */
function filesStamp(files: readonly string[]): string[] | null {
  const stamp: string[] = [];
  for (const f of files) {
    const st = statSync(f, { throwIfNoEntry: false });
    if (!st) return null;
    stamp.push(`${st.size}:${st.mtimeMs}`);
  }
  return stamp;
}

/** What identifies a rows query's answer: the files' stamps, the SQL and every bound value. */
function rowsKey(stamp: readonly string[], s: IndexSql): string {
  return JSON.stringify([stamp, s.sql, s.params.map((p) => [p.type, String(p.value)])]);
}

function rememberCount(key: string, n: number): void {
  knownCounts.delete(key);
  knownCounts.set(key, n);
  if (knownCounts.size > MAX_KNOWN_COUNTS) knownCounts.delete(knownCounts.keys().next().value!);
}

/**
 * The count of `q` when `queryIndex` just returned the rows of the same query on the same files:
 * a count is the number of rows that query returns (after offset/limit too). Undefined when not
 * known; a vanished file is never known (the count query then moves on to the newer generation).
 */
function recalledCount(ix: DirectoryIndex, files: readonly string[], stamp: readonly string[], q: IndexQuery): number | undefined {
  return knownCounts.get(rowsKey(stamp, buildIndexSql(ix.manifest!.coords, files, q, "rows", ix.manifest!.constants)));
}

/** Runs `q` on the index snapshot, retrying on a newer generation if the snapshot vanished. */
async function run<T>(
  index: DirectoryIndex,
  q: IndexQuery,
  mode: "rows" | "count",
  empty: T,
  decode: (r: Result, ix: DirectoryIndex, s: IndexSql, stamp: string[] | null) => T,
  known?: (ix: DirectoryIndex, files: readonly string[], stamp: readonly string[]) => T | undefined,
): Promise<T> {
  let current = index;
  for (let attempt = 0; ; attempt++) {
    if (!current.manifest) {
      buildIndexSql(null, [], q, mode); // still validates limit/offset
      return empty;
    }
    const files = parquetPaths(current);
    const stamp = filesStamp(files);
    const answer = stamp ? known?.(current, files, stamp) : undefined;
    if (answer !== undefined) return answer;
    const sql = buildIndexSql(current.manifest.coords, files, q, mode, current.manifest.constants);
    const local = answerFromCache(current, q, mode);
    if (local) {
      // Answered without I/O waits: still give the event loop a turn, as a DuckDB query would, so
      // a loop of queries cannot starve timers and other I/O (an updater's, for one).
      await setImmediate();
      return decode(local, current, sql, null);
    }
    try {
      return decode(await runSql(current, sql), current, sql, stamp);
    } catch (cause) {
      const vanished = files.some((f) => !existsSync(f));
      if (vanished && attempt < 5) {
        const next = await refreshIndex(current);
        if (next.manifest?.generation !== current.manifest.generation) {
          current = next;
          continue;
        }
      }
      if (cause instanceof Error && cause.name === "ParameterError") throw cause;
      throw new IndexCorruptError(`cannot query the index ${files.join(", ")}: ${(cause as Error).message}`, { cause });
    }
  }
}

/**
 * The result of `q` from the generation's rows cache, shaped as DuckDB's would be (a count
 * column, or every column of the matching rows in index order); null when the generation has no
 * usable cache or `q` is one it does not answer (rowsFilter.ts).
 */
function answerFromCache(index: DirectoryIndex, q: IndexQuery, mode: "rows" | "count"): Result | null {
  const cached = loadRowsCache(index);
  if (!cached) return null;
  const picked = matchingRows(cached, index.manifest!.coords, q);
  if (!picked) return null;
  return mode === "count" ? { names: ["n"], columns: [[BigInt(picked.length)]] } : pickRows(cached, picked);
}

/**
 * How many cached rows `q` is answered from when the generation's rows cache answers it (so
 * DuckDB is not involved), else null: for `explain()`.
 * @example
 * ```ts
 * rowsCacheAnswer(index, { predicates: [{ kind: "eq", column: "station", value: "s1" }] }); // 300
 * ```
 */
export function rowsCacheAnswer(index: DirectoryIndex, q: IndexQuery): number | null {
  return answerFromCache(index, q, "count") ? loadRowsCache(index)!.rows : null;
}

/** `r` with the manifest's constant columns (left out of the SELECT) added, one value per row. */
function withConstants(r: Result, manifest: Manifest): Result {
  const constants = manifest.constants;
  if (!constants) return r;
  const n = r.columns[0]?.length ?? 0;
  const names = r.names.slice();
  const columns = r.columns.slice();
  for (const c of schemaColumns(manifest.coords)) {
    if (!(c.name in constants) || names.includes(c.name)) continue;
    names.push(c.name);
    columns.push(new Array<unknown>(n).fill(decodeConstant(constants[c.name] ?? null, c.type)));
  }
  return { names, columns };
}

/**
 * The rows of the index that satisfy `q`, in order.
 * @throws IndexCorruptError naming the Parquet file when it is unreadable; ParameterError for an
 * unknown column.
 * @example
 * ```ts
 * const index = await openIndex("/data/archive");
 * const rows = await queryIndex(index, {
 *   predicates: [{ kind: "range", column: "time", lo: t0, hi: t1 }, { kind: "glob", column: "station", pattern: "B*" }],
 *   orderBy: [{ column: "time" }],
 *   limit: 10,
 * });
 * rows[0].coords.time.min; // bigint ns
 * ```
 */
export async function queryIndex(index: DirectoryIndex, q: IndexQuery = {}): Promise<IndexRow[]> {
  return run(index, q, "rows", [] as IndexRow[], (raw, ix, s, stamp) => {
    const r = withConstants(raw, ix.manifest!);
    const order = s.indexOrder ? indexOrderPermutation(r.names, r.columns) : null;
    const rows = decodeRows(r.names, r.columns, ix.manifest!.coords, order);
    if (stamp) rememberCount(rowsKey(stamp, s), rows.length);
    return rows;
  });
}

/**
 * How many rows of the index satisfy `q` (after `offset`/`limit`), counted by DuckDB — or, right
 * after `queryIndex` returned the rows of the same query on the same generation, their number
 * (a query's rows and its count together, as a page and its total, cost one scan).
 * @example
 * ```ts
 * await countIndex(index, { predicates: [{ kind: "eq", column: "network", value: "DAS" }] }); // 42
 * ```
 */
export async function countIndex(index: DirectoryIndex, q: IndexQuery = {}): Promise<number> {
  return run(index, q, "count", 0, (r) => Number(r.columns[0]?.[0] ?? 0), (ix, files, stamp) => recalledCount(ix, files, stamp, q));
}
