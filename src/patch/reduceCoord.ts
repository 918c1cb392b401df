// DASCore's `reduce_coord` for aggregate's `dimReduce`: the coordinate of an aggregated dimension,
// kept with length 1 and reduced by an aggregator (e.g. "min" keeps a window's start time).
import { ParameterError } from "../errors.ts";
import type { TypedArray } from "../../storage/formats/types.ts";
import type { Coord } from "../coords/Coord.ts";
import { CoordArray } from "../coords/CoordArray.ts";
import { CoordPartial } from "../coords/CoordPartial.ts";
import { isTimeDtype } from "../coords/dtype.ts";

/** Aggregators a coordinate can be reduced with (`dimReduce`). */
export const COORD_REDUCERS = ["mean", "median", "min", "max", "first", "last"] as const;
export type CoordReducer = (typeof COORD_REDUCERS)[number];

/** `"empty"`, `"squeeze"` or an aggregator name. */
export type DimReduce = "empty" | "squeeze" | CoordReducer;

type Reduce = (v: Float64Array) => number;

function nonNaN(v: Float64Array): Float64Array {
  return v.filter((x) => x === x);
}

// NaN-aware like numpy's nan-functions; first/last take the ends like np.take.
const REDUCE: Record<CoordReducer, Reduce> = {
  mean: (v) => {
    const w = nonNaN(v);
    let s = 0;
    for (const x of w) s += x;
    return w.length ? s / w.length : NaN;
  },
  median: (v) => {
    const w = nonNaN(v).sort();
    const k = w.length;
    if (k === 0) return NaN;
    return k % 2 ? w[(k - 1) / 2]! : (w[k / 2 - 1]! + w[k / 2]!) / 2;
  },
  min: (v) => nonNaN(v).reduce((a, b) => (b < a ? b : a), Infinity),
  max: (v) => nonNaN(v).reduce((a, b) => (b > a ? b : a), -Infinity),
  first: (v) => v[0]!,
  last: (v) => v[v.length - 1]!,
};

/** Reduce time values (ns) exactly where the reducer picks a sample, as offsets otherwise. */
function reduceTime(values: BigInt64Array, how: CoordReducer): bigint {
  if (how === "first") return values[0]!;
  if (how === "last") return values[values.length - 1]!;
  let lo = values[0]!;
  let hi = values[0]!;
  for (const x of values) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (how === "min") return lo;
  if (how === "max") return hi;
  // mean/median: DASCore reduces offsets from a reference as floats, then adds them back
  const ref = values[0]!;
  const offsets = Float64Array.from(values, (x) => Number(x - ref));
  return ref + BigInt(Math.round(REDUCE[how](offsets)));
}

/**
 * The coordinate of dimension `coord` after aggregating it: `"empty"` gives a length-1
 * `CoordPartial` (a coordinate already of length 1 is kept, as DASCore does), an aggregator a
 * length-1 `CoordArray` of the reduced value with the same dtype and units, `"squeeze"` null.
 *
 * @throws ParameterError for any other `dimReduce`.
 * @example
 * ```ts
 * reduceCoord(patch.getCoord("time"), "min")!.min(); // the first time
 * ```
 */
export function reduceCoord(coord: Coord, dimReduce: DimReduce): Coord | null {
  if (dimReduce === "squeeze") return null;
  if (dimReduce === "empty") return coord.length === 1 ? coord : new CoordPartial({ length: 1, dtype: coord.dtype, units: coord.units });
  if (!(COORD_REDUCERS as readonly string[]).includes(dimReduce)) {
    throw new ParameterError(`dimReduce must be "empty", "squeeze" or one of ${COORD_REDUCERS.join(", ")}, got ${JSON.stringify(dimReduce)}`);
  }
  if (coord.kind === "partial" || coord.length === 0) {
    return new CoordPartial({ length: 1, dtype: coord.dtype, units: coord.units });
  }
  const values = coord.values();
  let out: TypedArray;
  if (isTimeDtype(coord.dtype) && values instanceof BigInt64Array) out = BigInt64Array.of(reduceTime(values, dimReduce));
  else {
    const v = REDUCE[dimReduce](Float64Array.from(values as ArrayLike<number>));
    const Ctor = values.constructor as new (n: number) => TypedArray;
    const keep = dimReduce !== "mean" && dimReduce !== "median";
    out = keep ? new Ctor(1) : new Float64Array(1);
    (out as Float64Array)[0] = v;
  }
  const averaged = !isTimeDtype(coord.dtype) && (dimReduce === "mean" || dimReduce === "median");
  return new CoordArray({ values: out, units: coord.units, dtype: averaged ? "float64" : coord.dtype });
}
