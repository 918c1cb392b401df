// Evaluates a select on planned items from metadata: attribute predicates filter items, and
// coordinate ranges drop non-intersecting items and trim the rest (SPEC §6.1).

import { ParameterError } from "../../src/errors.ts";
import type { Item } from "../items.ts";
import type { Predicate, ScalarValue, SelectQuery } from "../plan.ts";
import { coerceBound, rangeLengthError } from "../query.ts";
import { compareValues } from "../coordMath.ts";
import { trimItem } from "./trim.ts";
import { columnReader, knownColumns, knownCoordinates, type ColumnValue } from "./columns.ts";
import { globToRegExp } from "../../storage/index/glob.ts";

/** Applies every predicate of `query` (ANDed) to `items`. */
export function evaluateSelect(items: readonly Item[], query: SelectQuery): Item[] {
  const coordinates = knownCoordinates(items);
  checkKeys(items, query, coordinates);
  let out: Item[] = [...items];
  for (const [key, predicate] of Object.entries(query)) {
    if (coordinates.has(key)) {
      out = selectCoordinate(out, key, predicate);
      continue;
    }
    const read = columnReader(key);
    out = out.filter((item) => matches(read(item), predicate));
  }
  return out;
}

/** Throws ParameterError for a key that is neither a column nor a coordinate of `items`. */
export function checkKeys(items: readonly Item[], query: SelectQuery, coordinates = knownCoordinates(items)): void {
  if (items.length === 0) return;
  const columns = new Set(knownColumns(items));
  for (const key of Object.keys(query)) {
    if (coordinates.has(key) || columns.has(key)) continue;
    const valid = [...coordinates, ...columns].sort().join(", ");
    throw new ParameterError(`unknown select key '${key}'; valid keys are: ${valid}`);
  }
}

function selectCoordinate(items: Item[], key: string, p: Predicate): Item[] {
  if (p.op === "in") throw rangeLengthError(key, p.values.length);
  if (p.op === "glob" || p.op === "eq") {
    throw new ParameterError(
      `select on coordinate '${key}' needs a range [lo, hi] of length 2, got ${String(p.op === "glob" ? p.pattern : p.value)}`,
    );
  }
  const out: Item[] = [];
  for (const item of items) {
    const c = item.summary.coords[key];
    if (!c) continue;
    let lo = coerceBound(p.lo as ScalarValue, c.dtype, key);
    let hi = coerceBound(p.hi as ScalarValue, c.dtype, key);
    if (lo !== null && hi !== null && compareValues(lo, hi) > 0) {
      // A reversed pair is swapped; a merged range (two selects) with lo > hi holds nothing.
      if (p.op === "range") continue;
      [lo, hi] = [hi, lo];
    }
    const trimmed = trimItem(item, key, lo, hi);
    if (trimmed) out.push(trimmed);
  }
  return out;
}

function equalValues(a: ColumnValue, b: ScalarValue): boolean {
  if (a === undefined) return false;
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) {
    return compareValues(a, b) === 0;
  }
  if (Array.isArray(a)) return false;
  return a === b;
}

/** Whether a column value satisfies an attribute predicate. */
export function matches(value: ColumnValue, p: Predicate): boolean {
  switch (p.op) {
    case "glob":
      return value !== undefined && value !== null && globToRegExp(p.pattern).test(String(value));
    case "eq":
      return equalValues(value, p.value);
    case "in":
      return p.values.some((v) => equalValues(value, v));
    case "pair":
      return equalValues(value, p.lo) || equalValues(value, p.hi);
    case "range": {
      if (typeof value !== "bigint" && typeof value !== "number") return false;
      return (p.lo === null || compareValues(value, p.lo) >= 0) && (p.hi === null || compareValues(value, p.hi) <= 0);
    }
  }
}
