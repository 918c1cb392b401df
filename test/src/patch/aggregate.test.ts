import { describe, expect, it } from "vitest";
import { ParameterError, PatchCoordinateError } from "../../../src/errors.ts";
import { CoordPartial } from "../../../src/coords/index.ts";
import { AGGREGATE_METHODS, Patch } from "../../../src/patch/index.ts";
import { arr, nanPatch, smallPatch } from "./helpers.ts";

// rows of nanPatch: [0, NaN, 2, 3], [10, 11, 12, 13], [NaN × 4]
const expectedTime: Record<string, number[]> = {
  mean: [5 / 3, 11.5, NaN],
  median: [2, 11.5, NaN],
  min: [0, 10, NaN],
  max: [3, 13, NaN],
  sum: [5, 46, 0],
  std: [Math.sqrt(((0 - 5 / 3) ** 2 + (2 - 5 / 3) ** 2 + (3 - 5 / 3) ** 2) / 3), Math.sqrt(1.25), NaN],
  first: [0, 10, NaN],
  last: [3, 13, NaN],
};

describe("Patch.aggregate", () => {
  for (const method of AGGREGATE_METHODS) {
    it(`${method} along time ignores NaNs like numpy's nan${method}`, () => {
      const out = nanPatch().aggregate("time", method);
      expect(out.shape).toEqual([3, 1]);
      const got = arr(out.data) as number[];
      expectedTime[method]!.forEach((v, i) => (Number.isNaN(v) ? expect(got[i]).toBeNaN() : expect(got[i]).toBeCloseTo(v, 12)));
    });
  }
  it("min and max find the extreme at any position, infinities included, along either axis", () => {
    // 3 × 9 rows: the extreme sits at each position mod 4 and in the tail; a row of ±∞ and NaN
    const rows = [
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
      [9, 1, 2, 3, 4, 5, 6, 7, 8],
      [NaN, -Infinity, NaN, -Infinity, NaN, NaN, NaN, NaN, NaN],
    ];
    const data = Float64Array.from(rows.flat());
    const p = new Patch({ data, dims: ["distance", "time"], coords: { distance: [0, 1, 2], time: Array.from({ length: 9 }, (_, i) => i) } });
    expect(arr(p.aggregate("time", "max").data)).toEqual([9, 9, -Infinity]);
    expect(arr(p.aggregate("time", "min").data)).toEqual([1, 1, -Infinity]);
    const t = p.transpose("time", "distance"); // the reduced axis is now strided
    expect(arr(t.aggregate("distance", "max").data)).toEqual([9, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(arr(t.aggregate("distance", "min").data)).toEqual([1, -Infinity, 2, -Infinity, 4, 5, 6, 7, 8]);
  });
  it("reduces the first axis too", () => {
    const p = smallPatch();
    expect(arr(p.aggregate("distance", "mean").data)).toEqual([10, 11, 12, 13]);
    expect(arr(p.aggregate("distance", "median").data)).toEqual([10, 11, 12, 13]);
    expect(arr(p.aggregate("distance", "last", { dimReduce: "squeeze" }).data)).toEqual([20, 21, 22, 23]);
  });
  it("keeps the dimension with a CoordPartial by default", () => {
    const out = smallPatch().aggregate("time", "max");
    expect(out.dims).toEqual(["distance", "time"]);
    expect(out.getCoord("time")).toBeInstanceOf(CoordPartial);
    expect(out.getCoord("time").dtype).toBe("datetime64");
    expect(out.getCoord("time").min()).toBeNull();
    expect(out.history).toEqual(["aggregate(dim='time',method='max')"]);
  });
  it("drops the dimension with squeeze", () => {
    const out = smallPatch().aggregate("time", "sum", { dimReduce: "squeeze" });
    expect(out.dims).toEqual(["distance"]);
    expect(out.shape).toEqual([3]);
    expect(Object.keys(out.coords)).toEqual(["distance"]);
    expect(arr(out.data)).toEqual([6, 46, 86]);
    expect(out.attrs).not.toHaveProperty("time_min");
  });
  it("keeps the sample type for min, max, first and last", () => {
    const p = new Patch({ data: Int16Array.from([3, -2, 7, 1]), dims: ["a", "b"], coords: { a: [0, 1], b: [0, 1] } });
    expect(p.aggregate("b", "min").data).toBeInstanceOf(Int16Array);
    expect(arr(p.aggregate("b", "min").data)).toEqual([-2, 1]);
    expect(p.aggregate("b", "mean").data).toBeInstanceOf(Float64Array);
  });
  it("works on strided selections without materialising them", () => {
    const s = smallPatch().select({ time: [1, 3] }, { samples: true });
    expect(arr(s.aggregate("time", "sum").data)).toEqual([3, 23, 43]);
  });
  it("rejects unknown dimensions, methods and dimReduce values", () => {
    expect(() => smallPatch().aggregate("depth", "max")).toThrow(PatchCoordinateError);
    expect(() => smallPatch().aggregate("time", "mode" as never)).toThrow(ParameterError);
    expect(() => smallPatch().aggregate("time", "max", { dimReduce: "drop" as never })).toThrow(ParameterError);
  });
});
