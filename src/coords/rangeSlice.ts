// Pure index arithmetic for selections: value bounds on an even grid, and Python slice semantics for
// sample positions. No objects are built, so the planner can run these on index rows directly.

/** A half-open range of sample positions `[i0, i1)`; `i0 === i1` is empty. */
export type IndexRange = [number, number];

function clamp(i: number, length: number): number {
  return i < 0 ? 0 : i > length ? length : i;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}

/** Position of `v` on the grid as a float, snapped to an integer when within float noise (as
 * DASCore rounds `(v - start) / step` to 10 decimals before ceil/floor). */
function gridPosition(v: number, start: number, step: number): number {
  const x = (v - start) / step;
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-9 * Math.max(1, Math.abs(r)) ? r : x;
}

/**
 * Sample positions `[i0, i1)` of the grid `start + i·step` (`0 <= i < length`) whose values lie in
 * `[lo, hi]` inclusively: the first sample `>= lo` and the last `<= hi`. `null` bounds are open;
 * reversed bounds are swapped; no overlap gives an empty range (`i0 === i1`). Works for bigint
 * grids (exact integer arithmetic, time in ns) and number grids (with a tiny tolerance so a bound
 * like `0.3` on a `0.1` grid hits sample 3). Negative steps (reverse-sorted grids) are handled.
 *
 * @example
 * ```ts
 * rangeSliceIndices(0, 0.1, 10, 0.3, 0.5); // [3, 6]
 * rangeSliceIndices(0n, 4_000_000n, 2000, 5_000_000n, null); // [2, 2000]
 * ```
 */
export function rangeSliceIndices(
  start: number | bigint,
  step: number | bigint,
  length: number,
  lo: number | bigint | null,
  hi: number | bigint | null,
): IndexRange {
  if (lo !== null && hi !== null && hi < lo) [lo, hi] = [hi, lo];
  if (length <= 0) return [0, 0];
  const big = typeof start === "bigint";
  const zeroStep = big ? step === 0n : step === 0;
  if (zeroStep) {
    const inside = (lo === null || lo <= start) && (hi === null || start <= hi);
    return inside ? [0, length] : [0, 0];
  }
  const positive = big ? (step as bigint) > 0n : (step as number) > 0;
  // for a positive step the low bound gives i0 (ceil) and the high bound i1 (floor + 1);
  // for a negative step the roles swap
  const first = positive ? lo : hi;
  const last = positive ? hi : lo;
  let i0 = 0;
  let i1 = length;
  if (big) {
    const s = start as bigint;
    const d = step as bigint;
    if (first !== null) i0 = clampBig(ceilDiv(BigInt(first) - s, d), length);
    if (last !== null) i1 = clampBig(floorDiv(BigInt(last) - s, d) + 1n, length);
  } else {
    const s = start as number;
    const d = step as number;
    if (first !== null) i0 = clamp(Math.ceil(gridPosition(Number(first), s, d)), length);
    if (last !== null) i1 = clamp(Math.floor(gridPosition(Number(last), s, d)) + 1, length);
  }
  return i1 < i0 ? [i0, i0] : [i0, i1];
}

function clampBig(i: bigint, length: number): number {
  return i < 0n ? 0 : i > BigInt(length) ? length : Number(i);
}

/**
 * Python slice semantics for sample positions on an axis of `length`: `[start, stop)` with
 * `null` open, negative values counted from the end, everything clamped; `stop <= start` is empty.
 *
 * @example
 * ```ts
 * sampleSliceIndices(10, -3, null); // [7, 10]
 * sampleSliceIndices(10, 5, 2); // [5, 5]
 * ```
 */
export function sampleSliceIndices(length: number, start: number | null, stop: number | null): IndexRange {
  const norm = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    const i = Math.trunc(v);
    return clamp(i < 0 ? i + length : i, length);
  };
  const i0 = norm(start, 0);
  const i1 = norm(stop, length);
  return i1 < i0 ? [i0, i0] : [i0, i1];
}
