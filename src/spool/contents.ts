// Builds the contents table (SPEC §5 getContents) of planned items as an Apache Arrow Table:
// strings dictionary-encoded, times as timestamp[ns], time steps as duration[ns].

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
import type { Item } from "../../planner/items.ts";
import { columnValue, DECLARED_ATTRS, FILE_COLUMNS } from "../../planner/evaluate/columns.ts";

/** Columns of the table, in order: declared attrs, coordinate summaries, extras, file columns. */
function columnNames(items: readonly Item[]): string[] {
  const coords: string[] = [];
  const extras = new Set<string>();
  for (const item of items) {
    for (const d of item.summary.dims) if (!coords.includes(d)) coords.push(d);
    for (const c of Object.keys(item.summary.coords)) if (!coords.includes(c)) coords.push(c);
    for (const k of Object.keys(item.summary.attrs)) {
      if (!(DECLARED_ATTRS as readonly string[]).includes(k) && k !== "history") extras.add(k);
    }
  }
  const names: string[] = [...DECLARED_ATTRS];
  for (const c of coords) for (const f of ["dtype", "min", "max", "step", "units"]) names.push(`${c}_${f}`);
  for (const e of [...extras].sort()) if (!names.includes(e)) names.push(e);
  if (items.some((i) => i.members[0]?.row.locator.type === "file")) names.push(...FILE_COLUMNS);
  return names;
}

function coordDtypeOf(items: readonly Item[], coord: string): string | undefined {
  for (const item of items) {
    const c = item.summary.coords[coord];
    if (c) return c.dtype;
  }
  return undefined;
}

/** A bigint column (timestamp or duration) with nulls where values are missing. */
function bigintVector(type: TimestampNanosecond | DurationNanosecond, values: unknown[]): Vector {
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

function stringVector(values: unknown[]): Vector {
  const strings = values.map((v) => (v === undefined || v === null ? null : Array.isArray(v) ? v.join(",") : String(v)));
  return vectorFromArray(strings, new Dictionary(new Utf8(), new Int32()) as DataType);
}

function columnVector(items: readonly Item[], name: string): Vector {
  const values = items.map((item) => columnValue(item, name));
  const m = /^(.*)_(min|max|step)$/.exec(name);
  const dtype = m ? coordDtypeOf(items, m[1]!) : undefined;
  if (m && dtype === "datetime64") {
    return bigintVector(m[2] === "step" ? new DurationNanosecond() : new TimestampNanosecond(), values);
  }
  if (m && dtype === "timedelta64") return bigintVector(new DurationNanosecond(), values);
  if (m && dtype !== undefined) {
    return vectorFromArray(
      values.map((v) => (typeof v === "number" || typeof v === "bigint" ? Number(v) : null)),
      new Float64(),
    );
  }
  return stringVector(values);
}

/** The contents table of `items`: one row per output patch, no sample data read. */
export function contentsTable(items: readonly Item[]): Table {
  const columns: Record<string, Vector> = {};
  for (const name of columnNames(items)) columns[name] = columnVector(items, name);
  return new Table(columns);
}
