// Builders of SPEC §2: coordRange, coordArray (evenly sampled values become a range), coordFromRaw
// (from a reader's plain data), and toCoord (whatever a Patch constructor is given).
import { CoordError } from "../errors.ts";
import type { CoordDtype, RawCoord, TypedArray } from "../../storage/formats/types.ts";
import { toDatetime64, toTimedelta64 } from "../time.ts";
import type { Coord, CoordValue } from "./Coord.ts";
import { CoordArray } from "./CoordArray.ts";
import { CoordPartial } from "./CoordPartial.ts";
import { CoordRange } from "./CoordRange.ts";
import { isTimeDtype, isTypedArray, typedArrayDtype } from "./dtype.ts";

/** Values a coordinate may be built from. */
export type CoordValuesInput = TypedArray | readonly number[] | readonly bigint[] | readonly (string | Date)[];

/** Options of {@link coordRange}. */
export interface CoordRangeInit {
  /** First value: a number, or any time form (bigint ns, Date, ISO text) for a time range. */
  start: number | bigint | string | Date;
  /** Spacing: a number, or for time a duration (bigint ns, `"4ms"`, or a number of seconds). */
  step: number | bigint | string;
  length: number;
  /** Units; time coordinates default to `"s"` (an explicit `null` is kept, as DASCore allows). */
  units?: string | null;
  /** Force a dtype, e.g. `"timedelta64"` for relative times or `"float64"` for integer values. */
  dtype?: CoordDtype;
}

function inferStartDtype(start: CoordRangeInit["start"]): CoordDtype {
  if (typeof start === "bigint" || start instanceof Date || typeof start === "string") return "datetime64";
  return "float64";
}

/**
 * An evenly sampled coordinate. A bigint, Date or ISO-string start makes a `datetime64` range
 * (step as a duration: bigint ns, `"4ms"`, or seconds); numbers make an `int64` range when start
 * and step are integers, else `float64`.
 *
 * @example
 * ```ts
 * coordRange({ start: "2017-09-18", step: "4ms", length: 2000 }).max(); // 1505692807996000000n
 * coordRange({ start: 0, step: 1, length: 300, units: "m" }).dtype; // "int64"
 * ```
 */
export function coordRange(init: CoordRangeInit): CoordRange {
  let dtype = init.dtype ?? inferStartDtype(init.start);
  if (isTimeDtype(dtype)) {
    const start = dtype === "datetime64" ? toDatetime64(init.start) : toTimedelta64(init.start);
    return new CoordRange({ start, step: toTimedelta64(init.step), length: init.length, units: init.units === undefined ? "s" : init.units, dtype });
  }
  const start = Number(init.start);
  const step = Number(init.step);
  if (!Number.isFinite(start) || !Number.isFinite(step)) {
    throw new CoordError(`coordRange needs finite start and step, got ${String(init.start)} and ${String(init.step)}`);
  }
  if (init.dtype === undefined) dtype = Number.isInteger(start) && Number.isInteger(step) ? "int64" : "float64";
  return new CoordRange({ start, step, length: init.length, units: init.units ?? null, dtype });
}

/** Values as a typed array and its dtype (time forms → BigInt64Array of ns). */
function normalizeValues(values: CoordValuesInput, dtype?: CoordDtype): { values: TypedArray; dtype: CoordDtype } {
  if (isTypedArray(values)) {
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      const d = dtype ?? "datetime64";
      if (isTimeDtype(d)) return { values: BigInt64Array.from(values as BigInt64Array), dtype: d };
      return { values: Float64Array.from(values as BigInt64Array, Number), dtype: d };
    }
    if (dtype !== undefined && isTimeDtype(dtype)) {
      const f = dtype === "datetime64" ? toDatetime64 : toTimedelta64;
      return { values: BigInt64Array.from(values as Float64Array, (v) => f(v)), dtype };
    }
    return { values, dtype: dtype ?? typedArrayDtype(values) };
  }
  const list = values as readonly unknown[];
  const first = list[0];
  const time = dtype !== undefined ? isTimeDtype(dtype) : typeof first === "bigint" || typeof first === "string" || first instanceof Date;
  if (time) {
    const d = dtype ?? "datetime64";
    const f = d === "datetime64" ? toDatetime64 : toTimedelta64;
    return { values: BigInt64Array.from(list, (v) => f(v)), dtype: d };
  }
  const out = Float64Array.from(list, (v) => Number(v));
  return { values: out, dtype: dtype ?? (out.every(Number.isInteger) && out.length > 0 ? "int64" : "float64") };
}

/** Start and step when `v` is strictly monotonic with every diff within 1e-3 relative of the
 * middle unique diff (DASCore's rule), else null. */
function evenStep(v: TypedArray): { start: CoordValue; step: CoordValue } | null {
  const n = v.length;
  if (n < 2) return null;
  if (v instanceof BigInt64Array) {
    const diffs = new Set<bigint>();
    for (let i = 1; i < n; i++) diffs.add(v[i]! - v[i - 1]!);
    const uniq = [...diffs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const mid = uniq[uniq.length >> 1]!;
    if (mid === 0n || uniq[0]! * uniq[uniq.length - 1]! <= 0n) return null;
    const tol = Number(mid < 0n ? -mid : mid) * 1e-3;
    if (uniq.some((d) => Math.abs(Number(d - mid)) > tol)) return null;
    return { start: v[0]!, step: mid };
  }
  const diffs = new Set<number>();
  for (let i = 1; i < n; i++) diffs.add(Number(v[i]!) - Number(v[i - 1]!));
  const uniq = [...diffs].sort((a, b) => a - b);
  const mid = uniq[uniq.length >> 1]!;
  if (!(mid !== 0) || !(uniq[0]! * uniq[uniq.length - 1]! > 0)) return null;
  if (uniq.some((d) => !(Math.abs(d - mid) <= Math.abs(mid) * 1e-3))) return null;
  return { start: Number(v[0]!), step: mid };
}

/**
 * A coordinate from explicit values. Evenly sampled values (strictly monotonic, every diff within
 * 1e-3 relative of the median diff) become a {@link CoordRange}; others stay a
 * {@link CoordArray}. Arrays of bigint, Date or ISO text (or a `BigInt64Array`) are `datetime64`.
 *
 * @example
 * ```ts
 * coordArray([0, 1, 2, 3]).kind; // "range"
 * coordArray([0, 1, 5]).kind; // "array"
 * ```
 */
export function coordArray(values: CoordValuesInput, options: { units?: string | null; dtype?: CoordDtype } = {}): Coord {
  const { values: v, dtype } = normalizeValues(values, options.dtype);
  // Time defaults to "s"; an explicit `null` (DASCore's timedelta coords built by update_coords) stays.
  const units = isTimeDtype(dtype) ? (options.units === undefined ? "s" : options.units) : (options.units ?? null);
  const even = evenStep(v);
  if (even) return new CoordRange({ start: even.start, step: even.step, length: v.length, units, dtype });
  return new CoordArray({ values: v, units, dtype });
}

function allMissing(v: TypedArray): boolean {
  if (v.length === 0) return false;
  if (v instanceof BigInt64Array) return v.every((x) => x === -(2n ** 63n));
  if (v instanceof Float64Array || v instanceof Float32Array) return v.every((x) => Number.isNaN(x));
  return false;
}

/**
 * A coordinate from a reader's plain data: ranges stay ranges, arrays go through
 * {@link coordArray} (so even arrays become ranges), all-NaN/NaT arrays become a
 * {@link CoordPartial}.
 *
 * @example
 * ```ts
 * coordFromRaw({ kind: "range", start: 0, step: 1, length: 3, units: "m", dtype: "int64" }).max(); // 2
 * ```
 */
export function coordFromRaw(raw: RawCoord): Coord {
  if (raw.kind === "range") {
    if (isTimeDtype(raw.dtype)) {
      return new CoordRange({ start: BigInt(raw.start), step: BigInt(raw.step), length: raw.length, units: raw.units, dtype: raw.dtype });
    }
    return new CoordRange({ start: Number(raw.start), step: Number(raw.step), length: raw.length, units: raw.units, dtype: raw.dtype });
  }
  if (allMissing(raw.values)) return new CoordPartial({ length: raw.values.length, dtype: raw.dtype, units: raw.units });
  return coordArray(raw.values, { units: raw.units, dtype: raw.dtype });
}

/**
 * Whatever the Patch constructor accepts for one coordinate: a {@link Coord} (kept), a
 * {@link RawCoord}, or values for {@link coordArray}.
 *
 * @example
 * ```ts
 * toCoord([0, 0.5, 1], "m").step; // 0.5
 * ```
 */
export function toCoord(input: Coord | RawCoord | CoordValuesInput, units?: string | null): Coord {
  if (input !== null && typeof input === "object" && "kind" in input && !isTypedArray(input) && !Array.isArray(input)) {
    if (typeof (input as Coord).select === "function") return input as Coord;
    return coordFromRaw(input as RawCoord);
  }
  return coordArray(input as CoordValuesInput, { units: units ?? null });
}
