// An evenly sampled coordinate: value(i) = start + i·step, stored as three numbers (SPEC §2).
// Selections are O(1): they compute new start/length, never touch values.
import { CoordError } from "../errors.ts";
import type { CoordDtype, RawCoordRange, TypedArray } from "../../storage/formats/types.ts";
import { Coord, type CoordValue } from "./Coord.ts";
import { CoordArray } from "./CoordArray.ts";
import { isTimeDtype } from "./dtype.ts";
import { type IndexRange, rangeSliceIndices } from "./rangeSlice.ts";

/**
 * An evenly sampled coordinate. Time ranges hold bigint ns (`start`, `step`); numeric ranges
 * hold numbers. Build one with {@link coordRange}.
 *
 * @example
 * ```ts
 * const t = new CoordRange({ start: 0n, step: 4_000_000n, length: 2000, units: "s", dtype: "datetime64" });
 * t.max(); // 7996000000n
 * ```
 */
export class CoordRange extends Coord {
  readonly kind = "range" as const;
  readonly start: CoordValue;
  readonly step: CoordValue;
  readonly length: number;
  readonly units: string | null;
  readonly dtype: CoordDtype;
  #values: TypedArray | undefined;

  constructor(init: { start: CoordValue; step: CoordValue; length: number; units?: string | null; dtype: CoordDtype }) {
    super();
    const time = isTimeDtype(init.dtype);
    if (time !== (typeof init.start === "bigint") || time !== (typeof init.step === "bigint")) {
      throw new CoordError(`a ${init.dtype} range needs ${time ? "bigint" : "number"} start and step`);
    }
    if (!Number.isInteger(init.length) || init.length < 0) {
      throw new CoordError(`a coordinate length must be a non-negative integer, got ${init.length}`);
    }
    this.start = init.start;
    this.step = init.step;
    this.length = init.length;
    this.units = init.units ?? null;
    this.dtype = init.dtype;
    Object.freeze(this);
  }

  get sorted(): boolean {
    return typeof this.step === "bigint" ? this.step >= 0n : this.step >= 0;
  }

  get(i: number): CoordValue | null {
    if (i < 0 || i >= this.length) return null;
    return typeof this.start === "bigint"
      ? this.start + BigInt(i) * (this.step as bigint)
      : this.start + i * (this.step as number);
  }

  min(): CoordValue | null {
    if (this.length === 0) return null;
    return this.sorted ? this.get(0) : this.get(this.length - 1);
  }

  max(): CoordValue | null {
    if (this.length === 0) return null;
    return this.sorted ? this.get(this.length - 1) : this.get(0);
  }

  values(): TypedArray {
    if (this.#values) return this.#values;
    const n = this.length;
    let out: TypedArray;
    if (typeof this.start === "bigint") {
      const a = new BigInt64Array(n);
      const s = this.start;
      const d = this.step as bigint;
      for (let i = 0; i < n; i++) a[i] = s + BigInt(i) * d;
      out = a;
    } else {
      const a = new Float64Array(n);
      const s = this.start;
      const d = this.step as number;
      for (let i = 0; i < n; i++) a[i] = s + i * d;
      out = a;
    }
    this.#values = out;
    return out;
  }

  slice(i0: number, i1: number): CoordRange {
    const a = Math.max(0, Math.min(i0, this.length));
    const b = Math.max(a, Math.min(i1, this.length));
    const start =
      typeof this.start === "bigint" ? this.start + BigInt(a) * (this.step as bigint) : this.start + a * (this.step as number);
    return new CoordRange({ start, step: this.step, length: b - a, units: this.units, dtype: this.dtype });
  }

  override take(indices: Int32Array): CoordArray {
    const src = this.values();
    const Ctor = src.constructor as new (n: number) => TypedArray;
    const out = new Ctor(indices.length);
    for (let i = 0; i < indices.length; i++) out[i] = src[indices[i]!]!;
    return new CoordArray({ values: out, units: this.units, dtype: this.dtype });
  }

  protected selectValues(lo: CoordValue | null, hi: CoordValue | null): IndexRange {
    return rangeSliceIndices(this.start, this.step, this.length, lo, hi);
  }

  withUnits(units: string | null): CoordRange {
    return new CoordRange({ ...this.#init(), units });
  }

  /**
   * The same step and length starting at `start` (how `updateCoords({ time_min })` shifts a range).
   *
   * @example
   * ```ts
   * r.withStart(10).min(); // 10
   * ```
   */
  withStart(start: CoordValue): CoordRange {
    return new CoordRange({ ...this.#init(), start });
  }

  /**
   * The same start and length with another step.
   *
   * @example
   * ```ts
   * r.withStep(2).max(); // start + 2·(length − 1)
   * ```
   */
  withStep(step: CoordValue): CoordRange {
    return new CoordRange({ ...this.#init(), step });
  }

  /**
   * The same start and step with another length.
   *
   * @example
   * ```ts
   * r.withLength(1).length; // 1
   * ```
   */
  withLength(length: number): CoordRange {
    return new CoordRange({ ...this.#init(), length });
  }

  toRaw(): RawCoordRange {
    return { kind: "range", start: this.start, step: this.step, length: this.length, units: this.units, dtype: this.dtype };
  }

  #init() {
    return { start: this.start, step: this.step, length: this.length, units: this.units, dtype: this.dtype };
  }
}
