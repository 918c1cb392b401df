// Index arithmetic on coordinate summaries: the metadata-only twin of coordinate selection.
// Used to trim planned items without reading samples; mirrors DASCore's inclusive value rule.

import type { CoordSummary } from "../storage/formats/types.ts";
export { rangeSliceIndices as rangeIndices } from "../src/coords/rangeSlice.ts";

export type CoordValue = bigint | number;

/** start + i·step for bigint or number ranges. */
export function valueAt(start: CoordValue, step: CoordValue, i: number): CoordValue {
  if (typeof start === "bigint") return start + BigInt(i) * BigInt(step);
  return start + i * Number(step);
}

/** The summary of samples `[i0, i1)` of an evenly sampled coordinate. */
export function sliceSummary(c: CoordSummary, i0: number, i1: number): CoordSummary {
  const length = Math.max(0, i1 - i0);
  if (c.step === null || c.min === null) return { ...c, length };
  if (length === 0) return { ...c, length, min: null, max: null };
  return {
    ...c,
    length,
    min: valueAt(c.min, c.step, i0),
    max: valueAt(c.min, c.step, i1 - 1),
  };
}

/** Compares two coordinate values of the same kind. */
export function compareValues(a: CoordValue, b: CoordValue): number {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether `[min, max]` intersects the inclusive range `[lo, hi]` (null = open). */
export function intersects(
  min: CoordValue,
  max: CoordValue,
  lo: CoordValue | null,
  hi: CoordValue | null,
): boolean {
  if (lo !== null && compareValues(max, lo) < 0) return false;
  if (hi !== null && compareValues(min, hi) > 0) return false;
  return true;
}
