// The patch API of issue 20: attrs without coordinate keys, patch.new, dimReduce aggregators,
// numpy-style number formatting and numeric `data`.
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

describe("Patch.attrs (issue 20)", () => {
  it("holds attributes only, so { ...p.attrs, data_type } makes a valid patch on other coordinates", () => {
    const p = dc.getExamplePatch();
    expect(Object.keys(p.attrs).filter((k) => /^(time|distance)_/.test(k))).toEqual([]);
    const rms = new dc.Patch({
      data: new Float64Array(300),
      dims: ["distance", "time"],
      coords: { distance: p.getCoord("distance"), time: dc.coordArray([p.getCoord("time").min() as bigint]) },
      attrs: { ...p.attrs, data_type: "rms" },
    });
    expect(rms.attrs.data_type).toBe("rms");
    expect(rms.attrs.tag).toBe("random");
    expect(rms.getCoord("time").min()).toBe(1505692800000000000n);
  });

  it("still lets coordinate keys given in attrs update the coordinates", () => {
    const p = dc.getExamplePatch().new({ attrs: { time_min: "2020-01-03" } });
    expect(p.getCoord("time").min()).toBe(1578009600000000000n);
    expect(p.getCoord("time").step).toBe(4_000_000n);
  });
});

describe("Patch.new", () => {
  const p = dc.getExamplePatch();

  it("replaces data and merges attrs, keeping coordinates and history", () => {
    const data = new Float64Array(p.size).fill(2);
    const q = p.new({ data, attrs: { station: "B2" } });
    expect(q.data[5]).toBe(2);
    expect(q.attrs.station).toBe("B2");
    expect(q.attrs.tag).toBe("random");
    expect(q.getCoord("time").equals(p.getCoord("time"))).toBe(true);
  });

  it("takes new dims and coords for data of another shape, and validates like the constructor", () => {
    const q = p.new({ data: new Float32Array(300), dims: ["distance"], coords: { distance: p.getCoord("distance") } });
    expect(q.dims).toEqual(["distance"]);
    expect(q.dtype).toBe("float32");
    expect(() => p.new({ data: new Float64Array(3) })).toThrow(dc.CoordDataError);
  });
});

describe("aggregate dimReduce", () => {
  const p = dc.getExamplePatch();

  it("keeps each window's start time with 'min', so concatenated windows have a real time axis", async () => {
    const out = await dc
      .getExampleSpool("random_das")
      .chunk({ time: 2 })
      .map((w) => w.aggregate("time", "mean", { dimReduce: "min" }))
      .concatenate({ time: null })
      .get(0);
    expect(out.shape).toEqual([300, 12]);
    const t = out.getCoord("time");
    expect(t.min()).toBe(1578009600000000000n);
    expect(t.step).toBe(2_000_000_000n); // evenly spaced window starts
  });

  it("reduces the coordinate as DASCore does: mean of times, median of distance as float64", () => {
    // DASCore: aggregate('time','max',dim_reduce='mean') → 2017-09-18T00:00:03.998
    expect(p.aggregate("time", "max", { dimReduce: "mean" }).getCoord("time").min()).toBe(1505692803998000000n);
    const d = p.aggregate("distance", "max", { dimReduce: "median" }).getCoord("distance");
    expect([d.min(), d.dtype, d.length]).toEqual([149.5, "float64", 1]);
    expect(p.aggregate("time", "max", { dimReduce: "last" }).getCoord("time").min()).toBe(1505692807996000000n);
  });

  it("keeps a coordinate that already has length 1 with 'empty', as DASCore's reduce_coord", () => {
    const one = p.select({ time: [0, 1] }, { samples: true });
    expect(one.aggregate("time", "mean").getCoord("time").min()).toBe(1505692800000000000n);
  });

  it("rejects an unknown dimReduce", () => {
    expect(() => p.aggregate("time", "max", { dimReduce: "bogus" as never })).toThrow(dc.ParameterError);
  });
});

describe("toString number formatting", () => {
  const small = (values: number[]) =>
    new dc.Patch({ data: Float64Array.from(values), dims: ["distance", "time"], coords: { distance: [0, 1], time: [0, 1, 2] } });

  it("prints DAS strain rates in scientific notation as numpy does, never as 0.", () => {
    const text = String(small([2.3e-5, 1e-6, -3.4567e-5, 0, 1e-7, NaN]));
    // numpy: [[ 2.300e-05  1.000e-06 -3.457e-05]
    //         [ 0.000e+00  1.000e-07        nan]]
    expect(text).toContain("[[ 2.300e-05  1.000e-06 -3.457e-05]");
    expect(text).toContain(" [ 0.000e+00  1.000e-07        nan]]");
  });

  it("keeps positional notation for ordinary values", () => {
    expect(String(small([0.5, 1.25, -3, 0, 1, 2]))).toContain("[[ 0.5   1.25 -3.  ]");
  });
});

describe("Patch.data", () => {
  it("is numeric: int64 samples come as an exact Float64Array and stay int64 in the patch", () => {
    const p = new dc.Patch({ data: BigInt64Array.of(1n, -2n, 3n), dims: ["time"], coords: { time: [0, 1, 2] } });
    const d: Float64Array | Float32Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array = p.data;
    expect(Array.from(d)).toEqual([1, -2, 3]);
    expect(p.dtype).toBe("int64");
    expect(p.getArray()).toBeInstanceOf(BigInt64Array);
  });
});
