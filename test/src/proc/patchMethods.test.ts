// Patch processing methods beyond the fixtures (issue 20): strided inputs, no-copy views,
// broadcasting, errors, and the methods the example patch cannot exercise.
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

const p = dc.getExamplePatch();

describe("processing on views", () => {
  it("filters a distance-selected view (strided, offset) exactly as the whole patch then selected", () => {
    const view = p.select({ distance: [10, 19] });
    const a = view.passFilter({ time: [1, 10] });
    const b = p.passFilter({ time: [1, 10] }).select({ distance: [10, 19] });
    expect(a.equals(b)).toBe(true);
  });

  it("filters along the first axis of a transposed view as along the last axis of the original", () => {
    const t = p.transpose("time", "distance");
    expect(t.view.base).toBe(p.view.base); // a view: no copy
    const a = t.detrend("time").transpose("distance", "time");
    expect(a.equals(p.detrend("time"))).toBe(true);
  });

  it("flips with a negative-stride view and back", () => {
    const f = p.flip("time");
    expect(f.view.base).toBe(p.view.base);
    expect(f.data[0]).toBe(p.data[1999]);
    expect(f.getCoord("time").step).toBe(-4_000_000n);
    expect(f.flip("time").data).toEqual(p.data);
  });
});

describe("arithmetic", () => {
  it("broadcasts a length-1 dimension (remove each channel's mean)", () => {
    const centred = p.subtract(p.aggregate("time", "mean"));
    expect(centred.shape).toEqual([300, 2000]);
    expect(centred.getCoord("time").equals(p.getCoord("time"))).toBe(true);
    let s = 0;
    for (let j = 0; j < 2000; j++) s += centred.data[5 * 2000 + j]!;
    expect(Math.abs(s / 2000)).toBeLessThan(1e-12);
    expect(centred.equals(p.demean("time"), { close: true })).toBe(true);
  });

  it("refuses patches whose coordinates differ", () => {
    const shifted = p.updateCoords({ time_min: "2020-01-01" });
    expect(() => p.add(shifted)).toThrow(dc.CoordMergeError);
    expect(() => p.add(p.transpose("time", "distance"))).toThrow(dc.ParameterError);
  });

  it("keeps float32 with a number, as numpy's weak scalars", () => {
    const f = p.new({ data: Float32Array.from(p.data) });
    expect(f.multiply(2).dtype).toBe("float32");
    expect(f.add(p).dtype).toBe("float64");
  });
});

describe("coordinates", () => {
  it("drops and renames non-dimensional coordinates", () => {
    const q = new dc.Patch({
      data: new Float64Array(6),
      dims: ["distance", "time"],
      coords: { distance: [0, 1], time: [0, 1, 2], latitude: { dims: ["distance"], values: [45.1, 45.2] } },
    });
    expect(Object.keys(q.dropCoords("latitude").coords).sort()).toEqual(["distance", "time"]);
    expect(() => q.dropCoords("time")).toThrow(dc.ParameterError);
    const r = q.renameCoords({ distance: "channel" });
    expect(r.dims).toEqual(["channel", "time"]);
    expect(r.coordDims.latitude).toEqual(["channel"]);
  });

  it("squeezes a length-1 dimension and refuses a longer one", () => {
    const m = p.aggregate("time", "max");
    expect(m.squeeze().dims).toEqual(["distance"]);
    expect(m.squeeze().history.at(-1)).toBe("squeeze()");
    expect(() => p.squeeze("time")).toThrow(dc.ParameterError);
  });
});

describe("errors name what is wrong", () => {
  it("rejects bands above Nyquist, unknown dimensions and too-short lines", () => {
    expect(() => p.passFilter({ time: [1, 200] })).toThrow(/possible filter bounds are \[0, 125\]/);
    expect(() => p.passFilter({ depth: [1, 2] })).toThrow(dc.PatchCoordinateError);
    expect(() => p.select({ time: [0, 10] }, { samples: true }).decimate({ time: 2 })).toThrow(/padlen/);
    expect(() => p.taper({ time: 0.6 })).toThrow(/overlap/);
    expect(() => p.rolling({ time: 100 })).toThrow(/larger than coordinate length/);
    expect(() => p.differentiate("time", { order: 4 })).toThrow(/order 2/);
  });
});

describe("rolling on the example patch", () => {
  it("has NaN until the first full window, and DASCore's history entry", () => {
    const r = p.rolling({ time: 0.2 }).mean();
    expect(r.dtype).toBe("float64");
    expect(r.data[48]).toBeNaN();
    expect(r.data[49]).toBeCloseTo(Float64Array.from(p.data.subarray(0, 50)).reduce((a, b) => a + b, 0) / 50, 12);
    expect(r.history.at(-1)).toBe("rolling(time=0.2, step=1, overlap=None, center=False, engine=None).apply(mean)");
  });
});
