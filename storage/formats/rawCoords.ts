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

const TWO32 = 2 ** 32;

/**
 * True when every step of a 64-bit integer array equals `d` exactly, with an early exit. Works on
 * the (lo, hi) 32-bit halves in doubles: the readable `values[i] - values[i-1] === d` costs a BigInt
 * allocation per element (~10 ms per 268k-sample time axis), this ~0.5 ms. x + d is computed as a
 * 64-bit add with carry (mod 2^64).
 */
function allStepsEqual64(values: BigInt64Array | BigUint64Array, d: bigint): boolean {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const u = BigInt.asUintN(64, d);
  const dlo = Number(u & 0xffffffffn);
  const dhi = Number(u >> 32n);
  // Little-endian words (h5wasm and every platform Node runs on): lo at 2i, hi at 2i + 1.
  for (let i = 1, k = 2; i < values.length; i++, k += 2) {
    const lo = words[k - 2]! + dlo;
    const carry = lo >= TWO32 ? 1 : 0;
    if (words[k] !== lo - carry * TWO32 || words[k + 1] !== (words[k - 1]! + dhi + carry) % TWO32) return false;
  }
  return true;
}

/** The middle one of the distinct values of a sorted array (DASCore's step candidate). */
function middleUnique<T>(sorted: ArrayLike<T>): T {
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique++;
  const want = Math.floor(unique / 2);
  for (let i = 0, u = -1; ; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) u++;
    if (u === want) return sorted[i]!;
  }
}

/**
 * The step of an evenly sampled, strictly monotonic array, or null. Diffs must all lie within
 * 1e-3 (relative) of the middle unique diff, which becomes the step (DASCore's rule). The usual
 * case — every diff identical — is one plain loop with an early exit; only arrays whose diffs
 * differ sort them (a typed-array sort, no Set) to find the middle unique one. As the diffs are
 * sorted, all lie within the tolerance exactly when the two extremes do (which also makes them
 * share the step's sign, so the array is strictly monotonic).
 */
export function evenStep(values: TypedArray): number | bigint | null {
  const n = values.length;
  if (n < 2) return null;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    const first = values[0] as bigint;
    const d0 = (values[1] as bigint) - first;
    // Steps all ≡ d0 (mod 2^64) and an exact total rule out a wrapped step: every step is d0.
    if (allStepsEqual64(values, d0) && (values[n - 1] as bigint) - first === BigInt(n - 1) * d0) return d0 === 0n ? null : d0;
    let diffs: BigInt64Array | bigint[] = new BigInt64Array(n - 1);
    for (let i = 1; i < n; i++) {
      const d = (values[i] as bigint) - (values[i - 1] as bigint);
      if (BigInt.asIntN(64, d) !== d) {
        // A diff beyond int64 (the array spans more than 2^63): exact, slow, never seen in practice.
        diffs = Array.from({ length: n - 1 }, (_, k) => (values[k + 1] as bigint) - (values[k] as bigint));
        break;
      }
      diffs[i - 1] = d;
    }
    if (Array.isArray(diffs)) diffs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    else diffs.sort();
    const mid = middleUnique(diffs);
    if (mid === 0n) return null;
    const abs = (x: bigint) => (x < 0n ? -x : x);
    const tol = abs(mid) / 1000n;
    return abs(diffs[0]! - mid) <= tol && abs(diffs[n - 2]! - mid) <= tol ? mid : null;
  }
  const nums = values as Exclude<TypedArray, BigInt64Array | BigUint64Array>;
  const d0 = nums[1]! - nums[0]!;
  let i = 2;
  while (i < n && nums[i]! - nums[i - 1]! === d0) i++;
  if (i === n) return d0 !== 0 && Number.isFinite(d0) ? d0 : null;
  const diffs = new Float64Array(n - 1);
  for (let k = 1; k < n; k++) diffs[k - 1] = nums[k]! - nums[k - 1]!;
  diffs.sort(); // NaNs sort last and then fail the tolerance test below
  const mid = middleUnique(diffs);
  if (mid === 0 || !Number.isFinite(mid)) return null;
  const tol = Math.abs(mid) * 1e-3;
  return Math.abs(diffs[0]! - mid) <= tol && Math.abs(diffs[n - 2]! - mid) <= tol ? mid : null;
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

/**
 * Coordinate `name` of a patch over `dims` (shape `shape`) cut to the sample ranges `bounds`, one
 * per dimension: along the dimension it spans, or, for a multi-dimensional array coordinate,
 * along each of its dimensions. A dimensionless coordinate is kept whole.
 * @example
 * ```ts
 * sliceCoordFor(timeRange, "time", ["distance", "time"], [[0, 300], [100, 200]], [300, 2500]); // 100 samples from index 100
 * ```
 */
export function sliceCoordFor(c: RawCoord, name: string, dims: string[], bounds: Array<[number, number]>, shape: number[]): RawCoord {
  const cdims = c.dims ?? [name];
  if (cdims.length === 0) return c; // dimensionless: no selection applies
  if (cdims.length === 1) {
    const k = dims.indexOf(cdims[0]!);
    return k < 0 ? c : sliceCoord(c, bounds[k]!);
  }
  if (c.kind !== "array") return c;
  const ks = cdims.map((d) => dims.indexOf(d));
  if (ks.some((k) => k < 0)) return c;
  return { ...c, values: sliceNd(c.values, ks.map((k) => shape[k]!), ks.map((k) => bounds[k]!)) };
}
