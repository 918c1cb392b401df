// Building, slicing and summarising RawCoords for format readers: explicit arrays become ranges
// when evenly sampled (as DASCore's get_coord does), and selections slice them without I/O.
import { ParameterError } from "../../src/errors.ts";
import type { CoordDtype, CoordSummary, RawCoord, RawCoordRange, TypedArray } from "./types.ts";

const TIME_DTYPES: readonly CoordDtype[] = ["datetime64", "timedelta64"];

/** True for bigint-valued coordinate dtypes. */
export function isTimeDtype(dtype: CoordDtype): boolean {
  return TIME_DTYPES.includes(dtype);
}

/** Float POSIX seconds → bigint ns, computed as numpy does (`x * 1e9` in float64, then rounded). */
export function secondsToNs(seconds: number): bigint {
  return BigInt(Math.round(seconds * 1e9));
}

/** Float seconds (array) → BigInt64Array of ns. */
export function secondsArrayToNs(values: ArrayLike<number>): BigInt64Array {
  const out = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = secondsToNs(values[i]!);
  return out;
}

/**
 * The step of an evenly sampled, strictly monotonic array, or null. Diffs must all lie within
 * 1e-3 (relative) of the middle unique diff, which becomes the step (DASCore's rule).
 */
export function evenStep(values: TypedArray): number | bigint | null {
  const n = values.length;
  if (n < 2) return null;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    const diffs = new Set<bigint>();
    for (let i = 1; i < n; i++) diffs.add((values[i] as bigint) - (values[i - 1] as bigint));
    const sorted = [...diffs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const mid = sorted[Math.floor(sorted.length / 2)]!;
    if (mid === 0n || sorted[0]! * mid <= 0n || sorted[sorted.length - 1]! * mid <= 0n) return null;
    const tol = (mid < 0n ? -mid : mid) / 1000n;
    return sorted.every((d) => (d - mid < 0n ? mid - d : d - mid) <= tol) ? mid : null;
  }
  const nums = values as Exclude<TypedArray, BigInt64Array | BigUint64Array>;
  const diffs = new Set<number>();
  for (let i = 1; i < n; i++) diffs.add(nums[i]! - nums[i - 1]!);
  const sorted = [...diffs].sort((a, b) => a - b);
  const mid = sorted[Math.floor(sorted.length / 2)]!;
  if (!(mid !== 0) || !Number.isFinite(mid) || sorted[0]! * mid <= 0 || sorted[sorted.length - 1]! * mid <= 0) {
    return null;
  }
  const tol = Math.abs(mid) * 1e-3;
  return sorted.every((d) => Math.abs(d - mid) <= tol) ? mid : null;
}

/** Options for {@link coordFromValues}. */
export interface CoordOptions {
  units: string | null;
  dtype: CoordDtype;
  dims?: string[];
  /** Use this step instead of the one derived from the values (e.g. a header's dx). */
  step?: number | bigint;
}

/**
 * A RawCoord from explicit values: a range when evenly sampled (start = first value, step = the
 * derived or given step), else an array. Time dtypes need BigInt64Array values.
 */
export function coordFromValues(values: TypedArray, opts: CoordOptions): RawCoord {
  const base = { units: opts.units, dtype: opts.dtype, ...(opts.dims ? { dims: opts.dims } : {}) };
  if (values.length >= 2) {
    const derived = evenStep(values);
    if (derived !== null) {
      const step = opts.step ?? derived;
      return { kind: "range", start: values[0]!, step, length: values.length, ...base };
    }
  }
  return { kind: "array", values, ...base };
}

/** Value at index i of a range coordinate. */
export function rangeValue(c: RawCoordRange, i: number): number | bigint {
  if (typeof c.start === "bigint") return c.start + BigInt(i) * BigInt(c.step);
  return c.start + i * Number(c.step);
}

function arrayMinMax(values: TypedArray): [number | bigint | null, number | bigint | null] {
  if (values.length === 0) return [null, null];
  let lo = values[0]!;
  let hi = values[0]!;
  for (let i = 1; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Summary (min/max/step/length/units/dtype) of a coordinate, as the index stores it. */
export function summarizeCoord(c: RawCoord): CoordSummary {
  if (c.kind === "range") {
    const first = c.length > 0 ? c.start : null;
    const last = c.length > 0 ? rangeValue(c, c.length - 1) : null;
    const asc = c.step >= (typeof c.step === "bigint" ? 0n : 0);
    return {
      min: asc ? first : last,
      max: asc ? last : first,
      step: c.step,
      length: c.length,
      units: c.units,
      dtype: c.dtype,
    };
  }
  const [min, max] = arrayMinMax(c.values);
  return { min, max, step: null, length: c.values.length, units: c.units, dtype: c.dtype };
}

/** A 1-D coordinate restricted to indices [i0, i1). */
export function sliceCoord(c: RawCoord, [i0, i1]: readonly [number, number]): RawCoord {
  if (c.kind === "range") {
    return { ...c, start: rangeValue(c, i0), length: i1 - i0 };
  }
  return { ...c, values: c.values.subarray(i0, i1) as TypedArray };
}

/** Copies the block `bounds` (half-open per axis) out of a row-major N-D array. */
export function sliceNd(data: TypedArray, shape: readonly number[], bounds: ReadonlyArray<readonly [number, number]>): TypedArray {
  const count = bounds.map(([a, b]) => b - a);
  const total = count.reduce((p, c) => p * c, 1);
  const Ctor = data.constructor as new (n: number) => TypedArray;
  const out = new Ctor(total);
  if (total === 0) return out;
  const nd = shape.length;
  const strides = new Array<number>(nd).fill(1);
  for (let k = nd - 2; k >= 0; k--) strides[k] = strides[k + 1]! * shape[k + 1]!;
  const inner = count[nd - 1]!;
  const idx = new Array<number>(Math.max(nd - 1, 0)).fill(0);
  const src = data as unknown as { subarray(a: number, b: number): ArrayLike<unknown> };
  const dst = out as unknown as { set(a: ArrayLike<unknown>, o: number): void };
  for (let written = 0; written < total; written += inner) {
    let off = bounds[nd - 1]![0];
    for (let k = 0; k < nd - 1; k++) off += (bounds[k]![0] + idx[k]!) * strides[k]!;
    dst.set(src.subarray(off, off + inner), written);
    for (let k = nd - 2; k >= 0; k--) {
      if (++idx[k]! < count[k]!) break;
      idx[k] = 0;
    }
  }
  return out;
}

/** The per-dimension index bounds a selection asks for, validated against the shape. */
export function selectionBounds(
  path: string,
  dims: readonly string[],
  shape: readonly number[],
  selection: Readonly<Record<string, readonly [number, number]>> | undefined,
): Array<[number, number]> {
  for (const name of Object.keys(selection ?? {})) {
    if (!dims.includes(name)) {
      throw new ParameterError(`${path}: selection names dimension "${name}", the patch has ${dims.join(", ")}`);
    }
  }
  return dims.map((d, k) => {
    const r = selection?.[d];
    const n = shape[k]!;
    if (!r) return [0, n];
    const [a, b] = r;
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < a || b > n) {
      throw new ParameterError(`${path}: selection ${d}=[${a}, ${b}) is outside 0..${n}`);
    }
    return [a, b];
  });
}
