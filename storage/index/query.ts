// Runs index queries: prepares the statement from sql.ts, binds typed values, decodes DuckDB
// values (TIMESTAMP_NS as bigint ns) into IndexRows. A reader racing an updater that removed the
// snapshot's Parquet re-reads the manifest and retries, so readers never see a partial index.
import { existsSync } from "node:fs";
import { BIGINT, DOUBLE, TIMESTAMP_NS, VARCHAR, timestampNanosValue, type DuckDBValue } from "@duckdb/node-api";
import { IndexCorruptError } from "../../src/errors.ts";
import { withConnection } from "./duck.ts";
import { parquetPaths, refreshIndex } from "./open.ts";
import { decodeRows } from "./decode.ts";
import { buildIndexSql, type IndexSql } from "./sql.ts";
import type { DirectoryIndex, IndexQuery, IndexRow } from "./types.ts";

const TYPES = { VARCHAR, BIGINT, DOUBLE, TIMESTAMP_NS } as const;

async function runSql(s: IndexSql): Promise<{ names: string[]; columns: unknown[][] }> {
  return withConnection(async (conn) => {
    const stmt = await conn.prepare(s.sql);
    s.params.forEach((p, k) => {
      const v: DuckDBValue = p.type === "TIMESTAMP_NS" ? timestampNanosValue(p.value as bigint) : (p.value as DuckDBValue);
      stmt.bindValue(k + 1, v, TYPES[p.type]);
    });
    const reader = await stmt.runAndReadAll();
    return { names: reader.columnNames(), columns: reader.getColumns() as unknown[][] };
  });
}

/** Runs `q` on the index snapshot, retrying on a newer generation if the snapshot vanished. */
async function run<T>(index: DirectoryIndex, q: IndexQuery, mode: "rows" | "count", empty: T, decode: (r: { names: string[]; columns: unknown[][] }, ix: DirectoryIndex) => T): Promise<T> {
  let current = index;
  for (let attempt = 0; ; attempt++) {
    if (!current.manifest) {
      buildIndexSql(null, [], q, mode); // still validates limit/offset
      return empty;
    }
    const files = parquetPaths(current);
    const sql = buildIndexSql(current.manifest.coords, files, q, mode);
    try {
      return decode(await runSql(sql), current);
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
  return run(index, q, "rows", [] as IndexRow[], (r, ix) => decodeRows(r.names, r.columns, ix.manifest!.coords));
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
