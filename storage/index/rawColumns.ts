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

/** What a validity mask says about `n` values: some NULLs, none, or only NULLs. */
const MIXED = 0, ALL_VALID = 1, ALL_NULL = 2;

/**
 * Classifies a vector's validity (null: DuckDB keeps no mask, every value is valid). Index
 * results have mostly all-valid or all-NULL columns (undeclared attributes, JSON extras): their
 * values are then read without a per-value bit test, or not at all.
 */
function validityKind(validity: Uint8Array | null, n: number): number {
  if (validity === null) return ALL_VALID;
  let and = 0xff;
  let or = 0;
  const full = n >> 3;
  for (let i = 0; i < full; i++) {
    and &= validity[i]!;
    or |= validity[i]!;
  }
  const rest = n & 7;
  if (rest) {
    const mask = (1 << rest) - 1;
    const last = validity[full]! & mask;
    if (last !== mask) and = 0;
    or |= last;
  }
  return and === 0xff ? ALL_VALID : or === 0 ? ALL_NULL : MIXED;
}

function valid(validity: Uint8Array, i: number): boolean {
  return ((validity[i >> 3]! >> (i & 7)) & 1) === 1;
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

/** Bytes read from DuckDB in one call for a run of adjacent long strings (bounds what one retains). */
const MAX_RUN_BYTES = 1 << 16;

/**
 * Reads the VARCHAR values of a vector into `out[at..at+n)`. A `duckdb_string_t` is 16 bytes: a
 * uint32 length, then up to 12 bytes inline, else a 4-byte prefix and a pointer. Long strings
 * (index paths, `dims`) are what cost: one native call and one decode each took ~10 ms of a cold
 * 610-row query. DuckDB lays a result's strings out one after the other, so a run of long
 * strings whose pointers are adjacent (each starts where the previous ended) is one byte range
 * that holds nothing but their bytes: it is copied with one call, decoded once and sliced.
 */
function readStrings(out: unknown[], at: number, vector: Vector, n: number, validity: Uint8Array | null): void {
  const b = duckBindings();
  const data = vectorBytes(vector, n, 16);
  const w = new Uint32Array(data.buffer, data.byteOffset, n * 4);
  const check = validity !== null && validityKind(validity, n) === MIXED;
  let prev: string | null = null;
  let prevAt = -1;
  // The current run of adjacent long strings: its rows, the end of its bytes as two uint32
  // halves of the pointer (exact, whatever the address width), and its length in bytes.
  const rows: number[] = [];
  let endLo = 0;
  let endHi = 0;
  let bytes = 0;
  const flush = (): void => {
    if (rows.length === 0) return;
    const first = rows[0]!;
    const raw = b.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + first * 16 + 8, bytes);
    const text = utf8.decode(raw);
    // All ASCII (one UTF-16 unit per byte): byte offsets are string offsets.
    const ascii = text.length === bytes && !text.includes("\uFFFD");
    let off = 0;
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]!;
      const len = w[i * 4]!;
      out[at + i] = ascii ? text.slice(off, off + len) : utf8.decode(raw.subarray(off, off + len));
      off += len;
    }
    rows.length = 0;
    bytes = 0;
  };
  for (let i = 0; i < n; i++) {
    if (check && !valid(validity!, i)) {
      out[at + i] = null;
      continue;
    }
    const x = i * 4;
    const len = w[x]!;
    if (len > 12) {
      const lo = w[x + 2]!;
      const hi = w[x + 3]!;
      if (rows.length > 0 && (lo !== endLo || hi !== endHi || bytes + len > MAX_RUN_BYTES)) flush();
      rows.push(i);
      bytes += len;
      endLo = lo + len;
      endHi = hi;
      if (endLo >= 0x100000000) (endLo -= 0x100000000), endHi++;
      continue;
    }
    // An inline string is its 16 bytes: most index columns repeat one value, decoded once here.
    if (prevAt >= 0 && w[prevAt] === len && w[prevAt + 1] === w[x + 1] && w[prevAt + 2] === w[x + 2] && w[prevAt + 3] === w[x + 3]) {
      out[at + i] = prev;
      continue;
    }
    prev = utf8.decode(new Uint8Array(data.buffer, data.byteOffset + x * 4 + 4, len));
    prevAt = x;
    out[at + i] = prev;
  }
  flush();
}

/** Reads `n` values of a vector of DuckDB type `type` into `out[at..at+n)`. */
function readVector(out: unknown[], at: number, type: number, vector: Vector, n: number): void {
  const validity = duckBindings().vector_get_validity(vector, Math.ceil(n / 64) * 8) ?? null;
  const kind = validityKind(validity, n);
  if (kind === ALL_NULL) {
    out.fill(null, at, at + n);
    return;
  }
  if (type === VARCHAR) return readStrings(out, at, vector, n, validity);
  let v: ArrayLike<unknown>;
  if (type === BIGINT || type === TIMESTAMP_NS) {
    const d = vectorBytes(vector, n, 8);
    v = new BigInt64Array(d.buffer, d.byteOffset, n);
  } else if (type === DOUBLE) {
    const d = vectorBytes(vector, n, 8);
    v = new Float64Array(d.buffer, d.byteOffset, n);
  } else if (type === INTEGER) {
    const d = vectorBytes(vector, n, 4);
    v = new Int32Array(d.buffer, d.byteOffset, n);
  } else if (type === BOOLEAN) {
    const d = vectorBytes(vector, n, 1);
    if (kind === ALL_VALID) for (let i = 0; i < n; i++) out[at + i] = d[i] !== 0;
    else for (let i = 0; i < n; i++) out[at + i] = valid(validity!, i) ? d[i] !== 0 : null;
    return;
  } else {
    throw new Error(`index results hold no columns of DuckDB type id ${type}`);
  }
  if (kind === ALL_VALID) for (let i = 0; i < n; i++) out[at + i] = v[i];
  else for (let i = 0; i < n; i++) out[at + i] = valid(validity!, i) ? v[i] : null;
}

/**
 * The columns of a result (materialized or streamed), its chunks fetched on libuv's threadpool
 * (`fetch_chunk`) rather than with `result_get_chunk`, which held the main thread ~2 ms per
 * chunk (a query of all 1M rows of an index took 4.3-6.9 s that way).
 * @throws Error for a column type the index does not use (a programming error).
 * @example
 * ```ts
 * const { names, columns } = await readColumns(await b.execute_prepared(stmt)); // columns[k][row]
 * ```
 */
export async function readColumns(result: Result): Promise<RawColumns> {
  const b = duckBindings();
  const count = b.column_count(result);
  const names: string[] = [];
  const types: number[] = [];
  for (let k = 0; k < count; k++) {
    names.push(b.column_name(result, k));
    types.push(b.column_type(result, k));
  }
  // Every chunk first, so that each column is allocated once at its final length.
  const chunks: DataChunk[] = [];
  const sizes: number[] = [];
  let total = 0;
  for (;;) {
    const chunk = await b.fetch_chunk(result);
    const n = chunk ? b.data_chunk_get_size(chunk) : 0;
    if (n === 0) break;
    chunks.push(chunk!);
    sizes.push(n);
    total += n;
  }
  const columns: unknown[][] = names.map(() => new Array<unknown>(total));
  for (let c = 0, at = 0; c < chunks.length; at += sizes[c]!, c++) {
    for (let k = 0; k < count; k++) readVector(columns[k]!, at, types[k]!, b.data_chunk_get_vector(chunks[c]!, k), sizes[c]!);
  }
  return { names, columns };
}
