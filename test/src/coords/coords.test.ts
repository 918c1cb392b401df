import { describe, expect, it } from "vitest";
import { CoordError, ParameterError } from "../../../src/errors.ts";
import {
  CoordArray,
  CoordPartial,
  CoordRange,
  coordArray,
  coordFromRaw,
  coordRange,
  rangeSliceIndices,
  sampleSliceIndices,
} from "../../../src/coords/index.ts";

const T0 = 1505692800000000000n; // 2017-09-18
const time = () => coordRange({ start: "2017-09-18", step: "4ms", length: 2000 });
const dist = () => coordRange({ start: 0, step: 1, length: 300, units: "m" });

describe("coordRange", () => {
  it("infers datetime64 from time-like starts and forces units s", () => {
    const t = time();
    expect(t.dtype).toBe("datetime64");
    expect(t.units).toBe("s");
    expect(t.min()).toBe(T0);
    expect(t.max()).toBe(T0 + 7_996_000_000n);
    expect(t.step).toBe(4_000_000n);
    expect(t.evenlySampled).toBe(true);
    expect(t.sorted).toBe(true);
    expect(coordRange({ start: T0, step: 0.004, length: 2 }).step).toBe(4_000_000n);
  });
  it("infers int64 or float64 for numbers", () => {
    expect(dist().dtype).toBe("int64");
    expect(coordRange({ start: 0, step: 0.1, length: 10 }).dtype).toBe("float64");
    expect(Array.from((dist().values() as Float64Array).subarray(0, 3))).toEqual([0, 1, 2]);
  });
  it("summarises itself", () => {
    expect(dist().summary()).toEqual({ min: 0, max: 299, step: 1, length: 300, units: "m", dtype: "int64" });
  });
});

describe("Coord.select by value", () => {
  it("is inclusive on both ends", () => {
    const { coord, slice } = dist().select([10, 20]);
    expect(slice).toEqual([10, 21]);
    expect(coord.min()).toBe(10);
    expect(coord.max()).toBe(20);
  });
  it("treats null as open and swaps reversed bounds", () => {
    expect(dist().select([null, 5]).slice).toEqual([0, 6]);
    expect(dist().select([295, null]).slice).toEqual([295, 300]);
    expect(dist().select([20, 10]).slice).toEqual([10, 21]);
    expect(dist().select([null, null]).coord.length).toBe(300);
  });
  it("takes the first sample >= lo and the last <= hi when bounds fall between samples", () => {
    expect(dist().select([10.5, 12.5]).slice).toEqual([11, 13]);
    expect(dist().select([10.2, 10.8]).coord.length).toBe(0);
  });
  it("gives a length-0 coordinate without overlap", () => {
    expect(dist().select([400, 500]).coord.length).toBe(0);
    expect(dist().select([-10, -1]).coord.length).toBe(0);
    expect(time().select(["2000-01-01", "2001-01-01"]).coord.length).toBe(0);
  });
  it("absorbs float error on float steps", () => {
    const c = coordRange({ start: 0, step: 0.1, length: 10 });
    expect(c.select([0.3, 0.5]).slice).toEqual([3, 6]);
    expect(c.select([0.3, null]).coord.min()).toBeCloseTo(0.3, 12);
    expect(c.select([null, 0.7]).slice).toEqual([0, 8]);
  });
  it("accepts every time form for time bounds", () => {
    const t = time();
    expect(t.select(["2017-09-18T00:00:01", null]).slice).toEqual([250, 2000]);
    expect(t.select([T0 + 4_000_000n, T0 + 8_000_000n]).slice).toEqual([1, 3]);
    expect(t.select([new Date("2017-09-18T00:00:00.004Z"), null]).slice).toEqual([1, 2000]);
    expect(t.select([1505692801, null]).slice).toEqual([250, 2000]);
    expect(t.select(["2017-09-18T00:00:00.0041", null]).slice).toEqual([2, 2000]);
  });
  it("selects relative to min (positive) or max (negative)", () => {
    const t = time();
    expect(t.select([1, 2], { relative: true }).slice).toEqual([250, 501]);
    expect(t.select([-1, null], { relative: true }).slice).toEqual([1749, 2000]);
    expect(t.select(["100ms", null], { relative: true }).slice).toEqual([25, 2000]);
    expect(dist().select([-10, null], { relative: true }).slice).toEqual([289, 300]);
  });
  it("selects sample positions with Python slice semantics", () => {
    expect(dist().select([10, 20], { samples: true }).slice).toEqual([10, 20]);
    expect(dist().select([-10, null], { samples: true }).slice).toEqual([290, 300]);
    expect(dist().select([null, -1], { samples: true }).slice).toEqual([0, 299]);
    expect(dist().select([20, 10], { samples: true }).coord.length).toBe(0);
    expect(dist().select([0, 1000], { samples: true }).slice).toEqual([0, 300]);
    expect(() => dist().select([0.5, 2], { samples: true })).toThrow(ParameterError);
  });
  it("rejects ranges that are not length 2 and non-numeric bounds", () => {
    expect(() => dist().select([1] as unknown as [number, number])).toThrow(/length 2/);
    expect(() => dist().select(["abc", null])).toThrow(ParameterError);
    expect(() => time().select(["abc", null])).toThrow(ParameterError);
  });
});

describe("coordArray", () => {
  it("turns evenly sampled values into a range", () => {
    const c = coordArray([0, 0.1, 0.2, 0.30000000000000004, 0.4]);
    expect(c).toBeInstanceOf(CoordRange);
    expect(c.step).toBeCloseTo(0.1, 15);
    const t = coordArray([T0, T0 + 4_000_000n, T0 + 8_000_000n]);
    expect(t.kind).toBe("range");
    expect(t.step).toBe(4_000_000n);
    expect(coordArray(["2020-01-03", "2020-01-04"]).dtype).toBe("datetime64");
  });
  it("keeps uneven values as an array, selects them by value", () => {
    const c = coordArray([0, 1, 3, 7], { units: "m" });
    expect(c).toBeInstanceOf(CoordArray);
    expect(c.step).toBeNull();
    expect(c.evenlySampled).toBe(false);
    expect(c.sorted).toBe(true);
    expect(c.select([1, 5]).slice).toEqual([1, 3]);
    expect(c.select([2, 2.5]).coord.length).toBe(0);
    expect(c.select([8, null]).coord.length).toBe(0);
    expect(Array.from(c.select([null, 3]).coord.values() as Float64Array)).toEqual([0, 1, 3]);
  });
  it("selects unsorted values with a mask, returning indices when not contiguous", () => {
    const c = coordArray([5, 1, 4, 2]);
    expect(c.sorted).toBe(false);
    expect(c.min()).toBe(1);
    expect(c.max()).toBe(5);
    const sel = c.select([1, 2]);
    expect(Array.from(sel.indices!)).toEqual([1, 3]);
    expect(Array.from(sel.coord.values() as Float64Array)).toEqual([1, 2]);
    expect(c.select([4, 5]).slice).toEqual([0, 3]);
    expect(c.select([4, 5]).indices).toBeDefined();
    expect(c.select([1, 4]).slice).toEqual([1, 4]);
    expect(c.select([1, 4]).indices).toBeUndefined();
  });
  it("handles reverse-sorted values", () => {
    const c = coordArray([9, 7, 4, 0]);
    expect(c.select([3, 8]).slice).toEqual([1, 3]);
  });
});

describe("CoordPartial", () => {
  it("knows only its length", () => {
    const p = new CoordPartial({ length: 3 });
    expect([p.min(), p.max(), p.step]).toEqual([null, null, null]);
    expect(p.select([null, null]).coord).toBe(p);
    expect(p.select([0, 2], { samples: true }).coord.length).toBe(2);
    expect(() => p.select([0, 2])).toThrow(CoordError);
    expect(p.summary()).toEqual({ min: null, max: null, step: null, length: 3, units: null, dtype: "float64" });
  });
});

describe("equals and raw round trips", () => {
  it("compares values whatever the kind", () => {
    expect(coordRange({ start: 0, step: 1, length: 3 }).equals(new CoordArray({ values: new Float64Array([0, 1, 2]), dtype: "int64" }))).toBe(true);
    expect(dist().equals(dist().withUnits("ft"))).toBe(false);
    expect(coordRange({ start: 0, step: 0.1, length: 3 }).equals(coordRange({ start: 1e-13, step: 0.1, length: 3 }), { close: true })).toBe(true);
    expect(coordRange({ start: 0, step: 0.1, length: 3 }).equals(coordRange({ start: 1e-13, step: 0.1, length: 3 }))).toBe(false);
  });
  it("rebuilds from raw data", () => {
    for (const c of [time(), dist(), coordArray([0, 1, 3])]) expect(coordFromRaw(c.toRaw()).equals(c)).toBe(true);
    expect(coordFromRaw(new CoordPartial({ length: 2 }).toRaw()).kind).toBe("partial");
  });
});

describe("rangeSliceIndices", () => {
  it("works on bigint and number grids without objects", () => {
    expect(rangeSliceIndices(0n, 4_000_000n, 2000, 5_000_000n, null)).toEqual([2, 2000]);
    expect(rangeSliceIndices(0n, 4_000_000n, 2000, null, 4_000_000n)).toEqual([0, 2]);
    expect(rangeSliceIndices(0, 0.1, 10, 0.3, 0.5)).toEqual([3, 6]);
    expect(rangeSliceIndices(10, -1, 5, 7, 9)).toEqual([1, 4]);
    expect(rangeSliceIndices(0, 1, 5, 10, 20)).toEqual([5, 5]);
    expect(rangeSliceIndices(-10n, 3n, 10, -5n, -5n)).toEqual([2, 2]);
  });
  it("normalises sample slices like Python", () => {
    expect(sampleSliceIndices(10, -3, null)).toEqual([7, 10]);
    expect(sampleSliceIndices(10, null, -20)).toEqual([0, 0]);
  });
});
