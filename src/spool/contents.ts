// Builds the contents table (SPEC §5 getContents) as an Apache Arrow Table from the plain
// columns of contentsColumns.ts: strings dictionary-encoded, times as timestamp[ns], time steps
// as duration[ns]. Loaded on demand by Spool.getContents, so that Arrow is loaded only by it.

// Arrow's own module files, not its index: the index also loads IPC, streams and builders that a
// contents table never uses (146 modules against 110), and Node 20 compiles ESM module by module.
// They are the very modules the index re-exports, so classes stay identical to a user's
// `import ... from "apache-arrow"` (instanceof and tableToIPC work across).
import { makeData } from "apache-arrow/data";
import { Table } from "apache-arrow/table";
import { Dictionary, DurationNanosecond, Float64, Int32, TimestampNanosecond, Utf8, type DataType } from "apache-arrow/type";
import { makeVector, type Vector } from "apache-arrow/vector";
import type { ContentsColumn } from "./contentsColumns.ts";

const UTF8 = new TextEncoder();

/** A validity bitmap for `values` (bit set where present) and its null count. */
function validity(values: ContentsColumn["values"], present: (v: unknown) => boolean): { bitmap: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    if (present(values[i])) bitmap[i >> 3]! |= 1 << (i & 7);
    else nullCount++;
  }
  return { bitmap, nullCount };
}

function vectorOfData(type: DataType, length: number, rest: Record<string, unknown>, nulls: { bitmap: Uint8Array; nullCount: number }): Vector {
  const nullBitmap = nulls.nullCount ? nulls.bitmap : undefined;
  return makeVector(makeData({ type, length, nullCount: nulls.nullCount, nullBitmap, ...rest } as never));
}

/** A bigint column (timestamp or duration) with nulls where values are missing. */
function bigintVector(type: TimestampNanosecond | DurationNanosecond, values: ContentsColumn["values"]): Vector {
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) if (typeof values[i] === "bigint") data[i] = values[i] as bigint;
  return vectorOfData(type, values.length, { data }, validity(values, (v) => typeof v === "bigint"));
}

function floatVector(values: ContentsColumn["values"]): Vector {
  const data = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = typeof values[i] === "number" ? (values[i] as number) : 0;
  return vectorOfData(new Float64(), values.length, { data }, validity(values, (v) => typeof v === "number"));
}

/** Dictionary-encoded strings, the dictionary in first-seen order. */
function stringVector(values: ContentsColumn["values"]): Vector {
  const codes = new Map<string, number>();
  const indices = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const text = String(v);
    let code = codes.get(text);
    if (code === undefined) codes.set(text, (code = codes.size));
    indices[i] = code;
  }
  const encoded = [...codes.keys()].map((w) => UTF8.encode(w));
  const valueOffsets = new Int32Array(encoded.length + 1);
  encoded.forEach((b, k) => (valueOffsets[k + 1] = valueOffsets[k]! + b.length));
  const bytes = new Uint8Array(valueOffsets[encoded.length]!);
  encoded.forEach((b, k) => bytes.set(b, valueOffsets[k]!));
  const dictionary = makeVector(makeData({ type: new Utf8(), length: encoded.length, nullCount: 0, valueOffsets, data: bytes }));
  const type = new Dictionary(new Utf8(), new Int32());
  return vectorOfData(type, values.length, { data: indices, dictionary }, validity(values, (v) => v !== null && v !== undefined));
}

/**
 * One single-chunk vector per column. Arrow's `vectorFromArray` builders return chunks whose
 * boundaries differ between columns, and `new Table` then re-slices every column to common
 * batches: ~20 ms of a 24 ms warm `getContents()` of 361 rows (issue 19).
 */
function vectorOf(column: ContentsColumn): Vector {
  switch (column.kind) {
    case "timestamp":
      return bigintVector(new TimestampNanosecond(), column.values);
    case "duration":
      return bigintVector(new DurationNanosecond(), column.values);
    case "float":
      return floatVector(column.values);
    case "string":
      return stringVector(column.values);
  }
}

/**
 * The contents table of the given columns: one row per output patch.
 * @example
 * ```ts
 * const table = contentsTable(contentsColumns(planned.items));
 * table.numRows; // number of output patches
 * ```
 */
export function contentsTable(columns: readonly ContentsColumn[]): Table {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) vectors[c.name] = vectorOf(c);
  return new Table(vectors);
}
