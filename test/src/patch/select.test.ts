import { describe, expect, it } from "vitest";
import { ParameterError, PatchCoordinateError } from "../../../src/errors.ts";
import { coordArray } from "../../../src/coords/index.ts";
import { Patch } from "../../../src/patch/index.ts";
import { getExamplePatch } from "../../../src/examples/index.ts";
import { T0, arr, smallPatch } from "./helpers.ts";

describe("Patch.select", () => {
  it("trims by value inclusively on both ends", () => {
    const p = smallPatch().select({ time: [T0 + 1_000_000_000n, "2020-01-03T00:00:02"] });
    expect(p.shape).toEqual([3, 2]);
    expect(arr(p.data)).toEqual([1, 2, 11, 12, 21, 22]);
    expect(p.getCoord("time").min()).toBe(T0 + 1_000_000_000n);
    expect(p.getCoord("time").max()).toBe(T0 + 2_000_000_000n);
  });
  it("combines several dimensions, open bounds and reversed bounds", () => {
    const p = smallPatch().select({ distance: [2, 1], time: [null, T0] });
    expect(arr(p.data)).toEqual([10, 20]);
    expect(p.shape).toEqual([2, 1]);
  });
  it("gives an empty patch without overlap", () => {
    const p = smallPatch().select({ time: ["2030-01-01", null] });
    expect(p.shape).toEqual([3, 0]);
    expect(p.data.length).toBe(0);
    expect(p.getCoord("time").min()).toBeNull();
  });
  it("selects samples with slice semantics and relative offsets", () => {
    expect(arr(smallPatch().select({ time: [-2, null] }, { samples: true }).data)).toEqual([2, 3, 12, 13, 22, 23]);
    expect(arr(smallPatch().select({ distance: [0, 1] }, { samples: true }).data)).toEqual([0, 1, 2, 3]);
    expect(arr(smallPatch().select({ time: [1, 2] }, { relative: true }).data)).toEqual([1, 2, 11, 12, 21, 22]);
    expect(arr(smallPatch().select({ time: [-1, null] }, { relative: true }).data)).toEqual([2, 3, 12, 13, 22, 23]);
  });
  it("adds no history and returns the same patch for a no-op", () => {
    const p = smallPatch();
    expect(p.select({ time: [null, null] })).toBe(p);
    expect(p.select({ distance: [0, 1] }).history).toEqual([]);
  });
  it("throws PatchCoordinateError for unknown coordinates and ParameterError for bad ranges", () => {
    expect(() => smallPatch().select({ depth: [0, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[PatchCoordinateError: cannot select on unknown coordinate 'depth'; coordinates are: distance, time]`,
    );
    expect(() => smallPatch().select({ time: [1] as unknown as [number, number] })).toThrow(ParameterError);
    expect(() => smallPatch().select({ time: [1] as unknown as [number, number] })).toThrow(/length 2/);
  });
  it("gathers non-contiguous positions of unsorted coordinates", () => {
    const p = new Patch({ data: Float64Array.from([1, 2, 3, 4]), dims: ["x"], coords: { x: coordArray([5, 1, 4, 2]) } });
    const s = p.select({ x: [1, 2] });
    expect(arr(s.data)).toEqual([2, 4]);
    expect(arr(s.getArray("x"))).toEqual([1, 2]);
  });
  it("does not copy: a selection shares the samples of its source", () => {
    const p = getExamplePatch();
    const s = p.select({ time: [null, "2017-09-18T00:00:00.8"] });
    expect(s.view.base).toBe(p.view.base);
    expect(s.shape).toEqual([300, 201]);
    expect(s.data[0]).toBe(0.7777024105738202);
    expect(s.data[201]).toBe(p.data[2000]);
    const d = p.select({ distance: [10, 19] });
    expect(d.data.buffer).toBe(p.data.buffer); // contiguous rows: a subarray
    expect(d.data[0]).toBe(p.data[10 * 2000]);
  });
  it("copies a view into a strided target once (merge fast path)", () => {
    const p = smallPatch();
    const out = new Float64Array(3 * 6).fill(-1);
    p.select({ time: [2, 4] }, { samples: true }).view.copyInto(out, 4, [6, 1]);
    expect(Array.from(out)).toEqual([-1, -1, -1, -1, 2, 3, -1, -1, -1, -1, 12, 13, -1, -1, -1, -1, 22, 23]);
  });
});

describe("StridedArray.copyInto", () => {
  it("converts between sample types", async () => {
    const { StridedArray } = await import("../../../src/patch/index.ts");
    const v = StridedArray.contiguous(Float64Array.from([1.5, 2.5, 3.5, 4.5]), [2, 2]).slice(1, 1, 2);
    const f32 = new Float32Array(2);
    v.copyInto(f32);
    expect(Array.from(f32)).toEqual([2.5, 4.5]);
    const big = new BigInt64Array(2);
    StridedArray.contiguous(Int32Array.from([7, 8]), [2]).copyInto(big);
    expect(Array.from(big)).toEqual([7n, 8n]);
  });
});
