// Runs index queries: prepares the statement from sql.ts on the index's warm connection
// (session.ts), binds typed values, decodes DuckDB values (TIMESTAMP_NS as bigint ns) into
// IndexRows. A reader racing an updater that removed the snapshot's Parquet re-reads the manifest
// and retries, so readers never see a partial index.
import { existsSync } from "node:fs";
import type { PreparedStatement } from "@duckdb/node-bindings";
import { IndexCorruptError } from "../../src/errors.ts";
import { duckBindings } from "./duck.ts";
import { parquetPaths, refreshIndex } from "./open.ts";
import { decodeRows } from "./decode.ts";
import { indexOrderPermutation } from "./order.ts";
import { readColumns, type RawColumns } from "./rawColumns.ts";
import { withStatement } from "./session.ts";
import { buildIndexSql, type IndexSql } from "./sql.ts";
import type { DirectoryIndex, IndexQuery, IndexRow } from "./types.ts";

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
    return readColumns(await duckBindings().execute_prepared(stmt));
  });
}

/** Runs `q` on the index snapshot, retrying on a newer generation if the snapshot vanished. */
async function run<T>(index: DirectoryIndex, q: IndexQuery, mode: "rows" | "count", empty: T, decode: (r: Result, ix: DirectoryIndex, s: IndexSql) => T): Promise<T> {
  let current = index;
  for (let attempt = 0; ; attempt++) {
    if (!current.manifest) {
      buildIndexSql(null, [], q, mode); // still validates limit/offset
      return empty;
    }
    const files = parquetPaths(current);
    const sql = buildIndexSql(current.manifest.coords, files, q, mode);
    try {
      return decode(await runSql(current, sql), current, sql);
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
  return run(index, q, "rows", [] as IndexRow[], (r, ix, s) => {
    const order = s.indexOrder ? indexOrderPermutation(r.names, r.columns) : null;
    return decodeRows(r.names, r.columns, ix.manifest!.coords, order);
  });
}

/**
 * How many rows of the index satisfy `q` (after `offset`/`limit`), counted by DuckDB.
 * @example
 * ```ts
 * await countIndex(index, { predicates: [{ kind: "eq", column: "network", value: "DAS" }] }); // 42
 * ```
 */
export async function countIndex(index: DirectoryIndex, q: IndexQuery = {}): Promise<number> {
  return run(index, q, "count", 0, (r) => Number(r.columns[0]?.[0] ?? 0));
}
