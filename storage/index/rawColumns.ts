// Reads a materialized DuckDB result into plain JS columns straight from its chunk vectors
// (@duckdb/node-bindings): VARCHAR → string, BIGINT and TIMESTAMP_NS → bigint (ns), DOUBLE →
// number, NULL → null. The index's columns have only these types. node-api's generic
// getColumns() cost ~3 ms of a 20 ms warm 1-hour query on 1M rows and ~30 ms of a cold one.
import type { DataChunk, Result, Vector } from "@duckdb/node-bindings";
import { duckBindings } from "./duck.ts";

/** Column names and values of a result, column by column. */
export interface RawColumns {
  names: string[];
  columns: unknown[][];
}

// DuckDB's type ids (duckdb.h DUCKDB_TYPE_*), for the types an index result holds.
const BOOLEAN = 1, INTEGER = 4, BIGINT = 5, DOUBLE = 11, VARCHAR = 17, TIMESTAMP_NS = 22;

const utf8 = new TextDecoder();

function valid(validity: Uint8Array | null, i: number): boolean {
  return validity === null || ((validity[i >> 3]! >> (i & 7)) & 1) === 1;
}

/**
 * The vector's data for `n` values of `width` bytes, aligned for a typed-array view over it
 * (copied only if DuckDB's buffer were not). Typed arrays rather than DataView calls: a cold
 * query runs these loops in the interpreter, where a DataView call costs several element loads.
 */
function vectorBytes(vector: Vector, n: number, width: number): Uint8Array {
  const data = duckBindings().vector_get_data(vector, n * width);
  return data.byteOffset % Math.min(width, 8) === 0 ? data : data.slice();
}

function appendStrings(out: unknown[], vector: Vector, n: number, validity: Uint8Array | null): void {
  const b = duckBindings();
  const data = vectorBytes(vector, n, 16);
  const w = new Uint32Array(data.buffer, data.byteOffset, n * 4);
  let prev: string | null = null;
  let prevAt = -1;
  for (let i = 0; i < n; i++) {
    if (!valid(validity, i)) {
      out.push(null);
      continue;
    }
    // duckdb_string_t: uint32 length, then up to 12 bytes inline, else a 4-byte prefix + pointer.
    const at = i * 4;
    const len = w[at]!;
    if (len > 12) {
      out.push(utf8.decode(b.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + at * 4 + 8, len)));
      continue;
    }
    // An inline string is its 16 bytes: most index columns repeat one value, decoded once here.
    if (prevAt >= 0 && w[prevAt] === len && w[prevAt + 1] === w[at + 1] && w[prevAt + 2] === w[at + 2] && w[prevAt + 3] === w[at + 3]) {
      out.push(prev);
      continue;
    }
    prev = utf8.decode(new Uint8Array(data.buffer, data.byteOffset + at * 4 + 4, len));
    prevAt = at;
    out.push(prev);
  }
}

function appendVector(out: unknown[], type: number, vector: Vector, n: number): void {
  const validity = duckBindings().vector_get_validity(vector, Math.ceil(n / 64) * 8) ?? null;
  if (type === VARCHAR) return appendStrings(out, vector, n, validity);
  if (type === BIGINT || type === TIMESTAMP_NS) {
    const d = vectorBytes(vector, n, 8);
    const v = new BigInt64Array(d.buffer, d.byteOffset, n);
    for (let i = 0; i < n; i++) out.push(valid(validity, i) ? v[i]! : null);
  } else if (type === DOUBLE) {
    const d = vectorBytes(vector, n, 8);
    const v = new Float64Array(d.buffer, d.byteOffset, n);
    for (let i = 0; i < n; i++) out.push(valid(validity, i) ? v[i]! : null);
  } else if (type === INTEGER) {
    const d = vectorBytes(vector, n, 4);
    const v = new Int32Array(d.buffer, d.byteOffset, n);
    for (let i = 0; i < n; i++) out.push(valid(validity, i) ? v[i]! : null);
  } else if (type === BOOLEAN) {
    const v = vectorBytes(vector, n, 1);
    for (let i = 0; i < n; i++) out.push(valid(validity, i) ? v[i] !== 0 : null);
  } else {
    throw new Error(`index results hold no columns of DuckDB type id ${type}`);
  }
}

/**
 * The columns of a materialized result (from `execute_prepared`).
 * @throws Error for a column type the index does not use (a programming error).
 * @example
 * ```ts
 * const { names, columns } = readColumns(await b.execute_prepared(stmt)); // columns[k][row]
 * ```
 */
export function readColumns(result: Result): RawColumns {
  const b = duckBindings();
  const count = b.column_count(result);
  const names: string[] = [];
  const types: number[] = [];
  for (let k = 0; k < count; k++) {
    names.push(b.column_name(result, k));
    types.push(b.column_type(result, k));
  }
  const columns: unknown[][] = names.map(() => []);
  const chunks = b.result_chunk_count(result);
  for (let c = 0; c < chunks; c++) {
    const chunk: DataChunk = b.result_get_chunk(result, c);
    const n = b.data_chunk_get_size(chunk);
    for (let k = 0; k < count; k++) appendVector(columns[k]!, types[k]!, b.data_chunk_get_vector(chunk, k), n);
  }
  return { names, columns };
}
