// Builds the contents table (SPEC §5 getContents) as an Apache Arrow Table from the plain
// columns of contentsColumns.ts: strings dictionary-encoded, times as timestamp[ns], time steps
// as duration[ns]. Loaded on demand by Spool.getContents, so that Arrow is loaded only by it.

import {
  Dictionary,
  DurationNanosecond,
  Float64,
  Int32,
  makeData,
  makeVector,
  Table,
  TimestampNanosecond,
  Utf8,
  vectorFromArray,
  type DataType,
  type Vector,
} from "apache-arrow";
import type { ContentsColumn } from "./contentsColumns.ts";

/** A bigint column (timestamp or duration) with nulls where values are missing. */
function bigintVector(type: TimestampNanosecond | DurationNanosecond, values: ContentsColumn["values"]): Vector {
  const data = new BigInt64Array(values.length);
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (typeof v === "bigint") {
      data[i] = v;
      bitmap[i >> 3]! |= 1 << (i & 7);
    } else nullCount++;
  });
  return makeVector(
    makeData({ type, data, length: values.length, nullCount, nullBitmap: nullCount ? bitmap : undefined } as never),
  );
}

function vectorOf(column: ContentsColumn): Vector {
  switch (column.kind) {
    case "timestamp":
      return bigintVector(new TimestampNanosecond(), column.values);
    case "duration":
      return bigintVector(new DurationNanosecond(), column.values);
    case "float":
      return vectorFromArray(column.values, new Float64());
    case "string":
      return vectorFromArray(column.values, new Dictionary(new Utf8(), new Int32()) as DataType);
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
