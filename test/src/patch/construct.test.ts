import { describe, expect, it } from "vitest";
import { AttrsError, CoordDataError, CoordError, ParameterError } from "../../../src/errors.ts";
import { CoordPartial, CoordRange, coordRange } from "../../../src/coords/index.ts";
import { Patch, StridedArray } from "../../../src/patch/index.ts";
import { T0, arr, smallPatch } from "./helpers.ts";

describe("new Patch", () => {
  it("derives shape, ndim, size and dtype from data and coordinates", () => {
    const p = smallPatch();
    expect(p.shape).toEqual([3, 4]);
    expect(p.ndim).toBe(2);
    expect(p.size).toBe(12);
    expect(p.dtype).toBe("float64");
    expect(p.dims).toEqual(["distance", "time"]);
    expect(p.getCoord("distance")).toBeInstanceOf(CoordRange);
    expect(new Patch({ data: new Int16Array(3), dims: ["x"], coords: { x: [0, 1, 2] } }).dtype).toBe("int16");
  });
  it("is frozen", () => {
    const p = smallPatch();
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.attrs)).toBe(true);
    expect(Object.isFrozen(p.coords)).toBe(true);
    expect(Object.isFrozen(p.dims)).toBe(true);
    expect(Object.isFrozen(p.history)).toBe(true);
    expect(() => {
      (p.attrs as Record<string, unknown>).tag = "x";
    }).toThrow(TypeError);
  });
  it("exposes declared attributes, extras and flat coordinate summaries", () => {
    const p = smallPatch({ my_extra: 5 });
    expect(p.attrs.tag).toBe("small");
    expect(p.attrs.my_extra).toBe(5);
    expect(p.attrs.dims).toBe("distance,time");
    expect(p.attrs.data_category).toBe("");
    expect(p.getCoord("time").min()).toBe(T0);
    expect(p.getCoord("time").max()).toBe(T0 + 3_000_000_000n);
    expect(p.getCoord("time").step).toBe(1_000_000_000n);
    expect(p.getCoord("time").units).toBe("s");
    expect(p.getCoord("distance").dtype).toBe("int64");
    expect(p.history).toEqual([]);
  });
  it("lets coordinate keys in attrs update the coordinates", () => {
    const p = smallPatch({ time_min: "2021-01-01", distance_step: 2, distance_units: "ft" });
    expect(p.getCoord("time").min()).toBe(1609459200000000000n);
    expect(p.getCoord("time").step).toBe(1_000_000_000n);
    expect(arr(p.getArray("distance"))).toEqual([0, 2, 4]);
    expect(p.getCoord("distance").units).toBe("ft");
    expect(p.attrs).not.toHaveProperty("coords");
  });
  it("builds a missing dimension coordinate from attrs or as a partial", () => {
    const p = new Patch({ data: new Float32Array(6), dims: ["distance", "time"], coords: { distance: [0, 1] }, attrs: { time_min: T0, time_step: 0.5 } });
    expect(p.shape).toEqual([2, 3]);
    expect(p.getCoord("time").max()).toBe(T0 + 1_000_000_000n);
    const q = new Patch({ data: new Float32Array(6), dims: ["distance", "time"], coords: { distance: [0, 1] } });
    expect(q.getCoord("time")).toBeInstanceOf(CoordPartial);
  });
  it("keeps non-dimensional coordinates along a dimension", () => {
    const p = smallPatch().updateCoords({ latitude: { dims: ["distance"], values: [5.5, 6.1, 7.9] } });
    expect(p.coordDims.latitude).toEqual(["distance"]);
    expect(arr(p.select({ distance: [1, 2] }).getArray("latitude"))).toEqual([6.1, 7.9]);
    expect(arr(p.select({ latitude: [6, 7] }).getArray("distance"))).toEqual([1]);
    const again = new Patch({ data: p.data, dims: p.dims, coords: p.coords, attrs: p.attrs });
    expect(again.coordDims.latitude).toEqual(["distance"]);
    expect(again.equals(p)).toBe(true);
  });
  it("throws CoordDataError with both shapes when the data length mismatches", () => {
    expect(() => new Patch({ data: new Float64Array(11), dims: ["distance", "time"], coords: { distance: [0, 1, 2], time: [0, 1, 2, 3] } }))
      .toThrowErrorMatchingInlineSnapshot(`[CoordDataError: data shape (11,) with 11 samples does not match coordinate shape (3, 4) with 12]`);
    expect(() => new Patch({ data: new StridedArray(new Float64Array(4), 0, [2, 2], [2, 1]), dims: ["x", "y"], coords: { x: [0, 1], y: [0, 1, 2] } }))
      .toThrow(CoordDataError);
    expect(() => smallPatch().updateCoords({ time: [1, 2] })).toThrow(/shape \(2,\).*shape \(4,\)/);
  });
  it("rejects coordinates of unknown dimensions and bad dims", () => {
    expect(() => new Patch({ data: new Float64Array(2), dims: ["x"], coords: { x: [0, 1], y: [0, 1, 2] } })).toThrow(CoordError);
    expect(() => new Patch({ data: new Float64Array(4), dims: ["x", "z"], coords: { x: [0, 1], z: [0, 1], y: [0, 1] } })).toThrow(/several \(x, z\)/);
    expect(() => new Patch({ data: new Float64Array(2), dims: ["x"], coords: { x: [0, 1], y: { dims: ["q"], values: [0, 1] } } })).toThrow(CoordError);
    expect(() => new Patch({ data: new Float64Array(2), dims: ["x", "x"], coords: {} })).toThrow(ParameterError);
    expect(() => new Patch({ data: [1, 2] as unknown as Float64Array, dims: ["x"], coords: { x: [0, 1] } })).toThrow(ParameterError);
  });
  it("validates attributes", () => {
    expect(() => smallPatch({ data_category: "foo" })).toThrow(AttrsError);
    expect(() => smallPatch({ network: "x".repeat(13) })).toThrow(/network/);
  });
  it("accepts a time coordinate given as ISO strings", () => {
    const p = new Patch({ data: new Float64Array(3), dims: ["time"], coords: { time: ["2020-01-03", "2020-01-03T00:00:01", "2020-01-03T00:00:02"] } });
    expect(p.getCoord("time").kind).toBe("range");
    expect(p.getCoord("time").step).toBe(1_000_000_000n);
    expect(coordRange({ start: T0, step: 1n, length: 1 }).length).toBe(1);
  });
});

describe("getCoord and getArray", () => {
  it("returns coordinates, values and data", () => {
    const p = smallPatch();
    expect(arr(p.getArray("distance"))).toEqual([0, 1, 2]);
    expect(arr(p.getArray("time"))[1]).toBe(T0 + 1_000_000_000n);
    expect(arr(p.getArray())).toEqual([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23]);
  });
  it("throws CoordError listing known coordinates", () => {
    expect(() => smallPatch().getCoord("depth")).toThrowErrorMatchingInlineSnapshot(
      `[CoordError: unknown coordinate 'depth'; coordinates are: distance, time]`,
    );
  });
});
