// StridedArray.copyInto of transposed views (with offsets) against an element-by-element copy.
import { describe, expect, it } from "vitest";
import { StridedArray } from "../../../src/patch/index.ts";

function reference(v: StridedArray): number[] {
  const out: number[] = [];
  for (let i = 0; i < v.shape[0]!; i++) for (let j = 0; j < v.shape[1]!; j++) out.push(Number(v.base[v.indexOf([i, j])]!));
  return out;
}

describe("copyInto of a transposed view", () => {
  for (const [rows, cols] of [[1, 1], [3, 200], [130, 70], [64, 64], [65, 129]] as const) {
    it(`copies a ${rows}×${cols} transpose (with offsets) as the element loop does`, () => {
      // base holds a (cols + 1) × (rows + 2) array; the view is a transposed window of it
      const R = cols + 1;
      const C = rows + 2;
      const base = Float64Array.from({ length: R * C }, (_, k) => k * 1.5 - 7);
      const view = new StridedArray(base, C + 1, [rows, cols], [1, C]);
      const out = new Float64Array(rows * cols + 5).fill(NaN);
      view.copyInto(out, 5);
      expect(Array.from(out.subarray(5))).toEqual(reference(view));
      expect(Array.from(out.subarray(0, 5)).every(Number.isNaN)).toBe(true);
      expect(Array.from(view.toContiguous() as Float64Array)).toEqual(reference(view));
    });
  }
});
