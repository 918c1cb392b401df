// A coordinate with explicit values, monotonic or not (SPEC §2). Sorted arrays select by binary
// search (a contiguous slice); unsorted ones by a mask, which may keep non-contiguous positions.
import { CoordError } from "../errors.ts";
import type { CoordDtype, RawCoordArray, TypedArray } from "../../storage/formats/types.ts";
import { Coord, type CoordValue } from "./Coord.ts";
import { isTimeDtype } from "./dtype.ts";
import type { IndexRange } from "./rangeSlice.ts";

type Order = "ascending" | "descending" | "none";

function orderOf(v: TypedArray): Order {
  let asc = true;
  let desc = true;
  for (let i = 1; i < v.length && (asc || desc); i++) {
    if (v[i]! < v[i - 1]!) asc = false;
    if (v[i]! > v[i - 1]!) desc = false;
  }
  return asc ? "ascending" : desc ? "descending" : "none";
}

/** First position in an ascending array whose value is >= v (or > v when `strict`). */
function lowerBound(a: TypedArray, v: CoordValue, strict: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = a[mid]!;
    if (strict ? x <= v : x < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Explicit coordinate values. Time values are a `BigInt64Array` of ns; others any typed array.
 * Build one with {@link coordArray}, which turns evenly sampled values into a {@link CoordRange}.
 *
 * @example
 * ```ts
 * const c = new CoordArray({ values: new Float64Array([0, 1, 3]), units: "m", dtype: "float64" });
 * c.select([0.5, 3]).slice; // [1, 3]
 * ```
 */
export class CoordArray extends Coord {
  readonly kind = "array" as const;
  readonly step = null;
  readonly units: string | null;
  readonly dtype: CoordDtype;
  readonly length: number;
  readonly #values: TypedArray;
  readonly #order: Order;

  constructor(init: { values: TypedArray; units?: string | null; dtype: CoordDtype }) {
    super();
    const time = isTimeDtype(init.dtype);
    if (time && !(init.values instanceof BigInt64Array)) {
      throw new CoordError(`${init.dtype} coordinate values must be a BigInt64Array of ns`);
    }
    this.#values = init.values;
    this.units = init.units ?? null;
    this.dtype = init.dtype;
    this.length = init.values.length;
    this.#order = orderOf(init.values);
    Object.freeze(this);
  }

  get sorted(): boolean {
    return this.#order === "ascending";
  }

  /** True when values never increase. */
  get reverseSorted(): boolean {
    return this.#order === "descending";
  }

  values(): TypedArray {
    return this.#values;
  }

  get(i: number): CoordValue | null {
    return i >= 0 && i < this.length ? this.#values[i]! : null;
  }

  min(): CoordValue | null {
    return this.#extreme(-1);
  }

  max(): CoordValue | null {
    return this.#extreme(1);
  }

  #extreme(sign: 1 | -1): CoordValue | null {
    const v = this.#values;
    if (v.length === 0) return null;
    if (this.#order !== "none") {
      const firstIsMin = this.#order === "ascending";
      return v[(sign < 0) === firstIsMin ? 0 : v.length - 1]!;
    }
    let best: CoordValue | null = null;
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (typeof x === "number" && Number.isNaN(x)) continue;
      if (best === null || (sign > 0 ? x > best : x < best)) best = x;
    }
    return best;
  }

  slice(i0: number, i1: number): CoordArray {
    const a = Math.max(0, Math.min(i0, this.length));
    const b = Math.max(a, Math.min(i1, this.length));
    return new CoordArray({ values: this.#values.subarray(a, b), units: this.units, dtype: this.dtype });
  }

  override take(indices: Int32Array): CoordArray {
    const src = this.#values;
    const Ctor = src.constructor as new (n: number) => TypedArray;
    const out = new Ctor(indices.length);
    for (let i = 0; i < indices.length; i++) out[i] = src[indices[i]!]!;
    return new CoordArray({ values: out, units: this.units, dtype: this.dtype });
  }

  protected selectValues(lo: CoordValue | null, hi: CoordValue | null): IndexRange | Int32Array {
    const v = this.#values;
    const cast = (x: CoordValue | null): CoordValue | null =>
      x === null ? null : v instanceof BigInt64Array || v instanceof BigUint64Array ? BigInt(x) : Number(x);
    const l = cast(lo);
    const h = cast(hi);
    if (this.#order === "ascending") {
      return [l === null ? 0 : lowerBound(v, l, false), h === null ? v.length : lowerBound(v, h, true)].sort(
        (x, y) => x - y,
      ) as IndexRange;
    }
    const keep: number[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if ((l === null || x >= l) && (h === null || x <= h)) keep.push(i);
    }
    if (keep.length === 0) return [0, 0];
    const first = keep[0]!;
    const last = keep[keep.length - 1]!;
    if (last - first + 1 === keep.length) return [first, last + 1];
    return Int32Array.from(keep);
  }

  withUnits(units: string | null): CoordArray {
    return new CoordArray({ values: this.#values, units, dtype: this.dtype });
  }

  toRaw(): RawCoordArray {
    return { kind: "array", values: this.#values, units: this.units, dtype: this.dtype };
  }
}
