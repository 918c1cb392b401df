// Arithmetic on coordinate values that works the same for bigint ns and float coordinates, so
// the window logic is written once. Index rounding follows DASCore's inclusive selection rule.

import type { ChunkValue } from "./types.ts";

/** Operations the chunk planner needs on one kind of coordinate value. */
export interface Arith<T extends ChunkValue> {
  readonly kind: "bigint" | "number";
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  /** `a · k` for an integer `k`. */
  times(a: T, k: number): T;
  cmp(a: T, b: T): number;
  toNumber(a: T): number;
  /** Converts a float (e.g. a snapped step) to this kind, rounding half to even for bigint. */
  fromNumber(x: number): T;
  /** Index of the first sample `>= offset` on a grid of `step` (ceil of offset/step). */
  indexCeil(offset: T, step: T): number;
  /** Index of the last sample `<= offset` on a grid of `step` (floor of offset/step). */
  indexFloor(offset: T, step: T): number;
  /** How many values `0, step, 2·step, ...` lie below `span` (numpy arange length). */
  arangeCount(span: T, step: T): number;
}

/** Rounds half to even, as numpy's `np.round` does. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

/** Exact ns arithmetic for time-like dims. */
export const bigintArith: Arith<bigint> = {
  kind: "bigint",
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  times: (a, k) => a * BigInt(k),
  cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  toNumber: (a) => Number(a),
  fromNumber: (x) => BigInt(roundHalfEven(x)),
  indexCeil(offset, step) {
    const q = offset / step;
    return Number(offset % step !== 0n && offset > 0n ? q + 1n : q);
  },
  indexFloor(offset, step) {
    const q = offset / step;
    return Number(offset % step !== 0n && offset < 0n ? q - 1n : q);
  },
  arangeCount(span, step) {
    if (span <= 0n) return 0;
    return Number((span + step - 1n) / step);
  },
};

// DASCore rounds offset/step to 10 decimals before ceil/floor so float noise never drops a
// sample that sits exactly on a bound.
const round10 = (x: number): number => Math.round(x * 1e10) / 1e10;

/** Float arithmetic for numeric dims (distance, ...). */
export const numberArith: Arith<number> = {
  kind: "number",
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  times: (a, k) => a * k,
  cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  toNumber: (a) => a,
  fromNumber: (x) => x,
  indexCeil: (offset, step) => Math.ceil(round10(offset / step)),
  indexFloor: (offset, step) => Math.floor(round10(offset / step)),
  arangeCount: (span, step) => Math.max(0, Math.ceil(span / step)),
};

/** The arithmetic matching a value's kind. */
export function arithFor(value: ChunkValue): Arith<ChunkValue> {
  return (typeof value === "bigint" ? bigintArith : numberArith) as Arith<ChunkValue>;
}

/** The larger of two values. */
export function maxOf<T extends ChunkValue>(ops: Arith<T>, a: T, b: T): T {
  return ops.cmp(a, b) >= 0 ? a : b;
}

/** The smaller of two values. */
export function minOf<T extends ChunkValue>(ops: Arith<T>, a: T, b: T): T {
  return ops.cmp(a, b) <= 0 ? a : b;
}
