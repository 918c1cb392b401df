// Columns that hold one value in every row of a generation (an archive from one interrogator has
// the same format, dims, dtypes, units, steps and distance axis in every file). The writer records
// them in the manifest; a rows query then reads only the other columns and fills these in.
// DuckDB's cost of a filtered Parquet scan grows with the number of columns it materializes (about
// 0.3 ms per column for a 1-hour window on 1M rows, constant columns as much as any): reading 6 of
// 31 columns took a warm query's DuckDB time from 9-13 ms to 4 ms.
import type { DuckDBConnection } from "@duckdb/node-api";
import { asBigint } from "./decode.ts";
import { sqlIdent, sqlLiteral } from "./duck.ts";
import type { Column, SqlType } from "./schema.ts";

/** A constant column's value as text (see {@link encodeConstant}); null when every row is NULL. */
export type ConstantText = string | null;

/** Columns a rows query always reads: `path` keeps the select list non-empty and names each row. */
const NEVER_FOLDED = new Set(["path"]);

/**
 * A DuckDB value of a column of `type` as manifest text: decimal for BIGINT and TIMESTAMP_NS,
 * `String()` for DOUBLE but "-0" for negative zero (JSON numbers cannot hold -0, NaN or Infinity).
 * @example
 * ```ts
 * encodeConstant(-0, "DOUBLE"); // "-0"
 * ```
 */
export function encodeConstant(value: unknown, type: SqlType): ConstantText {
  if (value === null || value === undefined) return null;
  if (type === "VARCHAR") return String(value);
  if (type === "DOUBLE") return Object.is(value, -0) ? "-0" : String(value);
  return String(asBigint(value));
}

/**
 * Manifest text back to the JS value a query result holds: string, bigint (BIGINT, TIMESTAMP_NS
 * ns) or number (DOUBLE); null stays null.
 * @example
 * ```ts
 * decodeConstant("1672531200000000000", "TIMESTAMP_NS"); // 1672531200000000000n
 * ```
 */
export function decodeConstant(text: ConstantText, type: SqlType): string | bigint | number | null {
  if (text === null) return null;
  if (type === "VARCHAR") return text;
  if (type === "DOUBLE") return Number(text);
  return BigInt(text);
}

/** The aggregate terms telling whether `c` holds one value (or only NULLs) in every row. */
function terms(c: Column, k: number): string[] {
  const id = sqlIdent(c.name);
  const out = [`count(${id}) AS n${k}`, `min(${id}) IS NOT DISTINCT FROM max(${id}) AS same${k}`, `min(${id}) AS v${k}`];
  // 0.0 equals -0.0 in SQL: the sign bits must agree as well.
  if (c.type === "DOUBLE") out.push(`bool_and(signbit(${id})) = bool_or(signbit(${id})) AS sign${k}`);
  else out.push(`TRUE AS sign${k}`);
  return out;
}

/**
 * The columns of the Parquet `file` that hold one value in all of its rows, with that value as
 * text; empty for a file without rows. One aggregate scan of the file.
 * @example
 * ```ts
 * await constantColumns(conn, "/data/.daspool/index-3-x.parquet", schemaColumns(coords));
 * // { file_format: "DASDAE", distance_step: "1", data_units: null, ... }
 * ```
 */
export async function constantColumns(conn: DuckDBConnection, file: string, cols: readonly Column[]): Promise<Record<string, ConstantText>> {
  const candidates = cols.filter((c) => !NEVER_FOLDED.has(c.name));
  if (!candidates.length) return {};
  const select = candidates.flatMap(terms).join(", ");
  const res = await conn.runAndReadAll(`SELECT count(*) AS total, ${select} FROM read_parquet(${sqlLiteral(file)})`);
  const row = res.getRows()[0] ?? [];
  const total = Number(row[0] ?? 0);
  const out: Record<string, ConstantText> = {};
  if (total === 0) return out;
  candidates.forEach((c, k) => {
    const [n, same, value, sign] = row.slice(1 + 4 * k, 5 + 4 * k);
    if (Number(n) === 0) out[c.name] = null;
    else if (Number(n) === total && same === true && sign === true) out[c.name] = encodeConstant(value, c.type);
  });
  return out;
}
