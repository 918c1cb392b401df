// The coordinate interface of SPEC §2: what every kind (range, array, partial) answers, and the
// selection logic they share (bound conversion, relative and sample selection).
import { CoordError, ParameterError } from "../errors.ts";
import type { CoordDtype, CoordSummary, RawCoord, TypedArray } from "../../storage/formats/types.ts";
import { toDatetime64, toTimedelta64 } from "../time.ts";
import { isTimeDtype } from "./dtype.ts";
import { type IndexRange, sampleSliceIndices } from "./rangeSlice.ts";

/** A coordinate value: bigint ns for time dtypes, number otherwise. */
export type CoordValue = number | bigint;

/** One end of a selection: a value in any accepted form (time text, Date, number…) or null (open). */
export type SelectBound = number | bigint | string | Date | null | undefined;

/** A selection range `[lo, hi]`, inclusive on both ends for values, `[start, stop)` for samples. */
export type SelectRange = readonly [SelectBound, SelectBound];

/** Options of {@link Coord.select}. */
export interface CoordSelectOptions {
  /** Bounds are offsets: positive from the minimum, negative from the maximum. */
  relative?: boolean;
  /** Bounds are integer sample positions with Python slice semantics. */
  samples?: boolean;
}

/**
 * The result of a selection: the new coordinate and the positions it keeps. `slice` is the
 * half-open range covering the kept samples; `indices` is present only when the kept samples are
 * not contiguous (a value selection on an unsorted {@link CoordArray}).
 */
export interface CoordSelection {
  coord: Coord;
  slice: IndexRange;
  indices?: Int32Array;
}

/**
 * Base class of every coordinate. Coordinates are immutable; every method returns a new one.
 *
 * @example
 * ```ts
 * const c = coordRange({ start: 0, step: 1, length: 10, units: "m" });
 * const { coord, slice } = c.select([2, 4]); // coord.values() = [2, 3, 4], slice = [2, 5]
 * ```
 */
export abstract class Coord {
  /** Which kind of coordinate this is. */
  abstract readonly kind: "range" | "array" | "partial";
  /** numpy name of the value type; time is `datetime64` / `timedelta64` (bigint ns). */
  abstract readonly dtype: CoordDtype;
  /** Units text (`"m"`, `"s"`), or null. */
  abstract readonly units: string | null;
  /** Number of samples. */
  abstract readonly length: number;
  /** Sample spacing, or null when not evenly sampled (bigint ns for time). */
  abstract readonly step: CoordValue | null;
  /** Smallest value, or null for an empty or partial coordinate. */
  abstract min(): CoordValue | null;
  /** Largest value, or null for an empty or partial coordinate. */
  abstract max(): CoordValue | null;
  /** The values as a typed array (`BigInt64Array` for time). Do not mutate. */
  abstract values(): TypedArray;
  /** The value at position `i`. */
  abstract get(i: number): CoordValue | null;
  /** Samples `[i0, i1)` as a new coordinate of the same kind (no bounds checks beyond clamping). */
  abstract slice(i0: number, i1: number): Coord;
  /** The same coordinate with other units (values unchanged). */
  abstract withUnits(units: string | null): Coord;
  /** Plain data for storage and workers. */
  abstract toRaw(): RawCoord;
  /** Positions of the values in `[lo, hi]` (already converted to coordinate values, lo <= hi). */
  protected abstract selectValues(lo: CoordValue | null, hi: CoordValue | null): IndexRange | Int32Array;

  /** True when values are evenly spaced (a {@link CoordRange}). */
  get evenlySampled(): boolean {
    return this.kind === "range";
  }

  /** True when values never decrease. */
  abstract readonly sorted: boolean;

  /** True when the values are bigint nanoseconds. */
  get isTime(): boolean {
    return isTimeDtype(this.dtype);
  }

  /**
   * Select by value (default), relative offset, or sample position. Value selection is inclusive
   * on both ends (first sample `>= lo`, last `<= hi`), `null` is open, reversed bounds are
   * swapped, no overlap gives a length-0 coordinate. Time coordinates accept any time form;
   * with `relative`, time bounds are durations (numbers are seconds).
   *
   * @example
   * ```ts
   * timeCoord.select(["2017-09-18T00:00:01", null]).slice; // [250, 2000]
   * timeCoord.select([-10, null], { samples: true }).coord.length; // 10
   * ```
   */
  select(range: SelectRange, options: CoordSelectOptions = {}): CoordSelection {
    if (!Array.isArray(range) || range.length !== 2) {
      throw new ParameterError(`a select range must have length 2, got ${String(range)}`);
    }
    if (options.samples) {
      const [a, b] = range.map((v) => sampleBound(v));
      const slice = sampleSliceIndices(this.length, a ?? null, b ?? null);
      return { coord: this.slice(slice[0], slice[1]), slice };
    }
    let lo = this.toValue(range[0], options.relative ?? false);
    let hi = this.toValue(range[1], options.relative ?? false);
    if (lo !== null && hi !== null && hi < lo) [lo, hi] = [hi, lo];
    if (lo === null && hi === null) return { coord: this, slice: [0, this.length] };
    const found = this.selectValues(lo, hi);
    if (found instanceof Int32Array) {
      const slice: IndexRange = found.length ? [found[0]!, found[found.length - 1]! + 1] : [0, 0];
      return { coord: this.take(found), slice, indices: found };
    }
    return { coord: this.slice(found[0], found[1]), slice: found };
  }

  /** The coordinate at the given positions (for non-contiguous selections). */
  take(indices: Int32Array): Coord {
    void indices;
    throw new CoordError(`${this.kind} coordinates cannot take arbitrary positions`);
  }

  /**
   * Convert a user bound to a coordinate value: time forms for time coords, numbers otherwise.
   * With `relative`, non-negative offsets count from `min()`, negative ones from `max()`.
   *
   * @example
   * ```ts
   * timeCoord.toValue("2020-01-03"); // 1578009600000000000n
   * ```
   */
  toValue(bound: SelectBound, relative = false): CoordValue | null {
    if (bound === null || bound === undefined) return null;
    if (relative) {
      const offset: CoordValue = this.isTime ? toTimedelta64(bound) : toNumber(bound);
      const negative = typeof offset === "bigint" ? offset < 0n : offset < 0; // 0 counts from min, as np.sign(0) >= 0
      const base = negative ? this.max() : this.min();
      if (base === null) return null;
      return typeof base === "bigint" ? base + (offset as bigint) : base + Number(offset);
    }
    if (this.dtype === "datetime64") return toDatetime64(bound);
    if (this.dtype === "timedelta64") return toTimedelta64(bound);
    return toNumber(bound);
  }

  /**
   * What the index and the planner know of this coordinate without its values.
   *
   * @example
   * ```ts
   * coordRange({ start: 0, step: 1, length: 3 }).summary(); // { min: 0, max: 2, step: 1, length: 3, ... }
   * ```
   */
  summary(): CoordSummary {
    return { min: this.min(), max: this.max(), step: this.step, length: this.length, units: this.units, dtype: this.dtype };
  }

  /**
   * Same kind-independent content: length, dtype, units and values (exactly, or within a relative
   * tolerance of 1e-9 with `close`; time values always exactly unless `close`, then within 1 ns).
   *
   * @example
   * ```ts
   * coordArray([0, 1, 2]).equals(coordRange({ start: 0, step: 1, length: 3 })); // true
   * ```
   */
  equals(other: Coord, options: { close?: boolean } = {}): boolean {
    if (this === other) return true;
    if (this.length !== other.length || this.units !== other.units) return false;
    if (this.isTime !== other.isTime || (this.isTime && this.dtype !== other.dtype)) return false;
    if ((this.kind === "partial") !== (other.kind === "partial")) return false;
    if (this.kind === "partial") return true;
    if (this.kind === "range" && other.kind === "range" && !options.close) {
      return this.min() === other.min() && this.step === other.step;
    }
    const a = this.values();
    const b = other.values();
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x === y) continue;
      if (!options.close) return false;
      if (typeof x === "bigint") {
        const d = x - (y as bigint);
        if (d > 1n || d < -1n) return false;
      } else if (!(Math.abs(x - (y as number)) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y as number)) + 1e-12)) {
        return false;
      }
    }
    return true;
  }
}

function toNumber(bound: SelectBound): number {
  const n = typeof bound === "string" && bound.trim() !== "" ? Number(bound) : typeof bound === "bigint" ? Number(bound) : bound;
  if (typeof n !== "number" || Number.isNaN(n)) {
    throw new ParameterError(`cannot use ${JSON.stringify(String(bound))} as a bound of a numeric coordinate`);
  }
  return n;
}

function sampleBound(v: SelectBound): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === "bigint" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new ParameterError(`with samples: true, bounds must be integers, got ${String(v)}`);
  }
  return n;
}
