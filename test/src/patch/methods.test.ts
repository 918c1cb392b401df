import { describe, expect, it } from "vitest";
import { AttrsError, PatchCoordinateError } from "../../../src/errors.ts";
import { coordRange } from "../../../src/coords/index.ts";
import { Patch, formatArray, patchFromRaw, patchToRaw, StridedArray, summarizePatch } from "../../../src/patch/index.ts";
import { getExamplePatch } from "../../../src/examples/index.ts";
import { T0, arr, nanPatch, smallPatch } from "./helpers.ts";

describe("Patch.updateCoords", () => {
  it("shifts a range keeping step and length, and records history", () => {
    const p = smallPatch().updateCoords({ time_min: "2021-01-01" });
    expect(p.getCoord("time").min()).toBe(1609459200000000000n);
    expect(p.getCoord("time").length).toBe(4);
    expect(p.getCoord("time").step).toBe(1_000_000_000n);
    expect(p.history).toEqual(["update_coords(time_min='2021-01-01')"]);
  });
  it("replaces a coordinate", () => {
    const p = smallPatch().updateCoords({ distance: coordRange({ start: 100, step: 0.5, length: 3, units: "m" }) });
    expect(arr(p.getArray("distance"))).toEqual([100, 100.5, 101]);
    expect(p.getCoord("distance").units).toBe("m");
  });
  it("changes the step and the max", () => {
    expect(smallPatch().updateCoords({ time_step: "2s" }).getCoord("time").max()).toBe(T0 + 6_000_000_000n);
    expect(smallPatch().updateCoords({ distance_max: 12 }).getCoord("distance").min()).toBe(10);
  });
  it("rejects unknown coordinates", () => {
    expect(() => smallPatch().updateCoords({ depth: [1, 2, 3] })).toThrow(PatchCoordinateError);
  });
});

describe("Patch.updateAttrs", () => {
  it("sets declared and extra attributes without history", () => {
    const p = smallPatch().updateAttrs({ station: "A1", data_category: "DAS", note: "hello" });
    expect(p.attrs.station).toBe("A1");
    expect(p.attrs.data_category).toBe("DAS");
    expect(p.attrs.note).toBe("hello");
    expect(p.history).toEqual([]);
  });
  it("updates coordinates through coordinate keys", () => {
    expect(smallPatch().updateAttrs({ time_min: T0 + 5n }).getCoord("time").min()).toBe(T0 + 5n);
  });
  it("validates values", () => {
    expect(() => smallPatch().updateAttrs({ station: 12 })).toThrowErrorMatchingInlineSnapshot(
      `[AttrsError: invalid attribute 'station': expected a string, got number 12]`,
    );
    expect(() => smallPatch().updateAttrs({ data_category: "foo" })).toThrow(AttrsError);
  });
});

describe("Patch.equals", () => {
  it("ignores history and extras", () => {
    const p = smallPatch();
    expect(p.equals(p.updateAttrs({ extra: 1, history: ["x"] }))).toBe(true);
    expect(p.equals(smallPatch())).toBe(true);
    expect(nanPatch().equals(nanPatch())).toBe(true);
  });
  it("sees declared attributes, coordinates and data", () => {
    const p = smallPatch();
    expect(p.equals(p.updateAttrs({ tag: "other" }))).toBe(false);
    expect(p.equals(p.updateCoords({ time_min: T0 + 1n }))).toBe(false);
    const data = Float64Array.from(p.data as Float64Array);
    data[5]! += 1e-9;
    const q = new Patch({ data, dims: p.dims, coords: p.coords, attrs: p.parts.attrs });
    expect(p.equals(q)).toBe(false);
    expect(p.equals(q, { close: true })).toBe(true);
    data[5]! += 1;
    expect(p.equals(q, { close: true })).toBe(false);
    expect(p.equals(p.select({ time: [0, 2] }, { samples: true }))).toBe(false);
  });
});

describe("Patch.toString", () => {
  it("summarises the example patch like DASCore", () => {
    expect(String(getExamplePatch())).toMatchInlineSnapshot(`
      "DASPool Patch ⚡
      ---------------
      ➤ Coordinates (distance: 300, time: 2000)
          *distance: CoordRange( min: 0 max: 299 step: 1 shape: (300,) dtype: int64 units: m )
          *time: CoordRange( min: 2017-09-18 max: 2017-09-18T00:00:07.996 step: 0.004s shape: (2000,) dtype: datetime64 units: s )
      ➤ Data (float64)
         [[0.778 0.238 0.824 ... 0.37  0.077 0.232]
          [0.497 0.442 0.703 ... 0.126 0.118 0.78 ]
          [0.207 0.195 0.174 ... 0.849 0.365 0.807]
          ...
          [0.619 0.105 0.669 ... 0.621 0.436 0.5  ]
          [0.757 0.259 0.091 ... 0.361 0.937 0.104]
          [0.158 0.295 0.585 ... 0.229 0.24  0.494]]
      ➤ Attributes
          tag: random
          category: DAS"
    `);
  });
  it("shows partial and non-dimensional coordinates, NaNs and history", () => {
    const p = nanPatch().updateCoords({ lat: { dims: ["distance"], values: [1, 2, 4] } }).aggregate("time", "mean");
    expect(p.toString()).toMatchInlineSnapshot(`
      "DASPool Patch ⚡
      ---------------
      ➤ Coordinates (distance: 3, time: 1)
          *distance: CoordRange( min: 0 max: 2 step: 1 shape: (3,) dtype: int64 )
          *time: CoordPartial( shape: (1,) dtype: datetime64 units: s )
          lat (distance): CoordArray( min: 1 max: 4 shape: (3,) dtype: int64 )
      ➤ Data (float64)
         [[ 1.667]
          [11.5  ]
          [   nan]]
      ➤ Attributes
          tag: small
          history: ["update_coords(lat=coord)", "aggregate(dim='time',method='mean')"]"
    `);
  });
  it("formats 1-D, 3-D and integer arrays like numpy", () => {
    expect(formatArray(StridedArray.contiguous(new Float64Array([0.5, 1.25, -3]), [3]))).toBe("[ 0.5   1.25 -3.  ]");
    expect(formatArray(StridedArray.contiguous(Int32Array.from({ length: 8 }, (_, i) => i * 5), [2, 2, 2]))).toBe(
      "[[[ 0  5]\n  [10 15]]\n\n [[20 25]\n  [30 35]]]",
    );
    expect(formatArray(StridedArray.contiguous(new Float64Array(0), [0]))).toBe("[]");
  });
});

describe("raw seams", () => {
  it("round-trips through RawPatch", () => {
    const p = getExamplePatch("random_patch_with_lat_lon").select({ time: [0, 10] }, { samples: true });
    const raw = patchToRaw(p);
    expect(raw.shape).toEqual([300, 10]);
    expect(raw.coords.latitude!.dims).toEqual(["distance"]);
    expect(patchFromRaw(raw).equals(p)).toBe(true);
  });
  it("summarises a patch as an index row", () => {
    const s = summarizePatch(getExamplePatch());
    expect(s.key).toBe("");
    expect(s.dataDtype).toBe("float64");
    expect(s.shape).toEqual([300, 2000]);
    expect(s.coords.time).toEqual({ min: 1505692800000000000n, max: 1505692807996000000n, step: 4_000_000n, length: 2000, units: "s", dtype: "datetime64" });
    expect(s.attrs.tag).toBe("random");
    expect(s.attrs).not.toHaveProperty("time_min");
  });
  it("checks the raw shape", () => {
    const raw = patchToRaw(smallPatch());
    expect(() => patchFromRaw({ ...raw, shape: [4, 3] })).toThrow(/shape/);
  });
});
