// Evaluates sort and slice on planned items: both use metadata only.

import { ParameterError } from "../../src/errors.ts";
import { compareValues } from "../coordMath.ts";
import type { Item } from "../items.ts";
import { columnReader, knownColumns, knownCoordinates, type ColumnValue } from "./columns.ts";

/**
 * The contents column a sort key names: a column, or a coordinate meaning `{coord}_min`. With
 * no items the key is not checked; pass `schema` (the rows the empty spool was filtered from)
 * to check it against their columns, as DASCore checks an empty spool's contents columns.
 */
export function sortColumn(items: readonly Item[], key: string, schema?: readonly Item[]): string {
  if (items.length === 0 && schema === undefined) return key;
  if (items.length === 0) items = schema!;
  const coords = knownCoordinates(items);
  if (coords.has(key)) return `${key}_min`;
  if (knownColumns(items).includes(key)) return key;
  throw new ParameterError(
    `Invalid attribute '${key}' for sort; valid attributes are: ${[...coords, ...knownColumns(items)].join(", ")}`,
  );
}

function compareColumn(a: ColumnValue, b: ColumnValue): number {
  const missingA = a === undefined || a === null;
  const missingB = b === undefined || b === null;
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) {
    return compareValues(a, b);
  }
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A stable sort of items by a column (missing values last). */
export function evaluateSort(items: readonly Item[], key: string, schema?: readonly Item[]): Item[] {
  const column = sortColumn(items, key, schema);
  const read = columnReader(column);
  const keyed = items.map((item, i) => ({ item, i, v: read(item) }));
  keyed.sort((p, q) => compareColumn(p.v, q.v) || p.i - q.i);
  return keyed.map((k) => k.item);
}

/** Positions selected by a Python-style slice `[start:end:step]` of a list of `length`. */
export function sliceIndices(length: number, start: number | null, end: number | null, step: number | null): number[] {
  const st = step ?? 1;
  if (st === 0 || !Number.isInteger(st)) throw new ParameterError(`slice step must be a non-zero integer, got ${step}`);
  const norm = (v: number | null, dflt: number, lo: number, hi: number): number => {
    if (v === null) return dflt;
    if (!Number.isInteger(v)) throw new ParameterError(`slice bounds must be integers, got ${v}`);
    const x = v < 0 ? v + length : v;
    return Math.min(Math.max(x, lo), hi);
  };
  const out: number[] = [];
  if (st > 0) {
    const s = norm(start, 0, 0, length);
    const e = norm(end, length, 0, length);
    for (let i = s; i < e; i += st) out.push(i);
  } else {
    const s = norm(start, length - 1, -1, length - 1);
    const e = norm(end, -1, -1, length - 1);
    for (let i = s; i > e; i += st) out.push(i);
  }
  return out;
}

/** Items selected by a Python-style slice. */
export function evaluateSlice(items: readonly Item[], start: number | null, end: number | null, step: number | null): Item[] {
  return sliceIndices(items.length, start, end, step).map((i) => items[i]!);
}
