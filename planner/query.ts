// Turns a user's select query into normalised predicates (plan data), and resolves a predicate's
// bounds against a coordinate's dtype when the plan runs.

import { ParameterError } from "../src/errors.ts";
import { toDatetime64, toTimedelta64 } from "../src/time.ts";
import type { Predicate, ScalarValue, SelectQuery } from "./plan.ts";
import type { CoordValue } from "./coordMath.ts";

/** What users may pass as a select value. */
export type UserSelectValue =
  | ScalarValue
  | Date
  | readonly (ScalarValue | Date)[]
  | ReadonlySet<ScalarValue>;

/** Dimension names that are always coordinates, so a wrong-length range fails at once. */
const ALWAYS_COORDINATES = new Set(["time", "distance"]);

function scalar(v: unknown, key: string): ScalarValue {
  if (v instanceof Date) return toDatetime64(v);
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") {
    return v;
  }
  throw new ParameterError(`select value for '${key}' must be a scalar, got ${String(v)}`);
}


/** Time bounds given as text are parsed once, here, so later merges compare bigint ns. */
function pairBound(v: unknown, key: string): ScalarValue {
  const s = scalar(v, key);
  return key === "time" && typeof s === "string" ? toDatetime64(s) : s;
}

/**
 * Normalises a user query. Arrays of two elements stay ambiguous (`pair`) until the plan runs and
 * knows whether the key is a coordinate (range) or an attribute (membership).
 */
export function normalizeQuery(
  query: Readonly<Record<string, UserSelectValue>>,
  knownCoordinates: ReadonlySet<string> = ALWAYS_COORDINATES,
): SelectQuery {
  if (query === null || typeof query !== "object") {
    throw new ParameterError(`select expects an object of key → value, got ${String(query)}`);
  }
  const out: Record<string, Predicate> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value instanceof Set) {
      out[key] = { op: "in", values: [...value].map((v) => scalar(v, key)) };
    } else if (Array.isArray(value)) {
      if (value.length === 2) {
        out[key] = { op: "pair", lo: pairBound(value[0], key), hi: pairBound(value[1], key) };
      } else if (knownCoordinates.has(key) || ALWAYS_COORDINATES.has(key)) {
        throw rangeLengthError(key, value.length);
      } else {
        out[key] = { op: "in", values: value.map((v) => scalar(v, key)) };
      }
    } else if (typeof value === "string") {
      out[key] = { op: "glob", pattern: value };
    } else {
      out[key] = { op: "eq", value: scalar(value, key) };
    }
  }
  return out;
}

/** The error for a coordinate range that is not `[lo, hi]`. */
export function rangeLengthError(key: string, length: number): ParameterError {
  return new ParameterError(
    `select range for coordinate '${key}' must have length 2 ([lo, hi]), got length ${length}`,
  );
}

/** Converts a range bound to the coordinate's value kind (numbers are seconds for times). */
export function coerceBound(v: ScalarValue, dtype: string, key: string): CoordValue | null {
  if (v === null) return null;
  if (dtype === "datetime64") {
    if (typeof v === "bigint") return v;
    if (typeof v === "number" || typeof v === "string") return toDatetime64(v);
  } else if (dtype === "timedelta64") {
    if (typeof v === "bigint") return v;
    if (typeof v === "number" || typeof v === "string") return toTimedelta64(v);
  } else {
    if (typeof v === "number") return v;
    if (typeof v === "bigint") return Number(v);
  }
  throw new ParameterError(`select bound ${String(v)} is not valid for coordinate '${key}' (${dtype})`);
}

/**
 * Merges two queries into one (AND), or returns null when they cannot be merged exactly: two
 * predicates on one key merge only when the key is a known coordinate and both are ranges with
 * bounds of the same kind (an attribute's pair is membership, not a range).
 */
export function mergeQueries(
  a: SelectQuery,
  b: SelectQuery,
  knownCoordinates: ReadonlySet<string> = ALWAYS_COORDINATES,
): SelectQuery | null {
  const out: Record<string, Predicate> = { ...a };
  for (const [key, p] of Object.entries(b)) {
    const q = out[key];
    if (!q) {
      out[key] = p;
      continue;
    }
    if (!knownCoordinates.has(key)) return null;
    const a = ordered(q);
    const c = ordered(p);
    if (a === undefined || c === undefined) return null;
    const lo = tighter(a.lo, c.lo, "lo");
    const hi = tighter(a.hi, c.hi, "hi");
    if (lo === undefined || hi === undefined) return null;
    // A `range` is never swapped: lo > hi here is an empty intersection, not a reversed pair
    // (SPEC §6.1: bounds are swapped only inside one pair, never across two selects).
    if ((typeof lo === "bigint" || typeof lo === "number") && (typeof hi === "bigint" || typeof hi === "number")) {
      out[key] = { op: "range", lo, hi };
    } else if (lo === null || hi === null) {
      out[key] = { op: "range", lo: lo as bigint | number | null, hi: hi as bigint | number | null };
    } else return null;
  }
  return out;
}

/** A range predicate's bounds with a reversed pair swapped, or undefined when not a range. */
function ordered(p: Predicate): { lo: ScalarValue; hi: ScalarValue } | undefined {
  if (p.op !== "range" && p.op !== "pair") return undefined;
  const { lo, hi } = p;
  if (p.op === "pair" && lo !== null && hi !== null && typeof lo === typeof hi && (typeof lo === "bigint" || typeof lo === "number")) {
    if ((lo as number | bigint) > (hi as number | bigint)) return { lo: hi, hi: lo };
  }
  return { lo, hi };
}

/** The tighter of two bounds, or undefined when they are not comparable without a dtype. */
function tighter(
  x: ScalarValue | undefined,
  y: ScalarValue | undefined,
  side: "lo" | "hi",
): ScalarValue | undefined {
  if (x === undefined || y === undefined) return undefined;
  if (x === null) return y;
  if (y === null) return x;
  if (typeof x !== typeof y || (typeof x !== "bigint" && typeof x !== "number")) return undefined;
  const xIsBigger = (x as number | bigint) > (y as number | bigint);
  return side === "lo" ? (xIsBigger ? x : y) : xIsBigger ? y : x;
}
