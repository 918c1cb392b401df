import { describe, expect, it } from "vitest";
import { ParameterError } from "../../src/errors.ts";
import { MT19937, examplePatches, getExamplePatch } from "../../src/examples/index.ts";

describe("MT19937", () => {
  it("reproduces numpy's RandomState(13).random", () => {
    const r = new MT19937(13).random(300 * 2000);
    expect(r[0]).toBe(0.7777024105738202);
    expect(r[1]).toBe(0.2375412200349123);
    expect(r[299 * 2000 + 1999]).toBe(0.4943991264755069);
  });
});

describe("getExamplePatch", () => {
  it("builds DASCore's random_das patch", () => {
    const p = getExamplePatch();
    expect(p.shape).toEqual([300, 2000]);
    expect(p.dims).toEqual(["distance", "time"]);
    expect(p.dtype).toBe("float64");
    expect(p.data[0]).toBe(0.7777024105738202);
    expect(p.data[1]).toBe(0.2375412200349123);
    expect(p.data[299 * 2000 + 1999]).toBe(0.4943991264755069);
    expect(p.getCoord("time").min()).toBe(1505692800000000000n);
    expect(p.getCoord("time").step).toBe(4_000_000n);
    expect(p.getCoord("time").max()).toBe(1505692807996000000n);
    expect([p.getCoord("distance").min(), p.getCoord("distance").max(), p.getCoord("distance").step, p.getCoord("distance").units]).toEqual([0, 299, 1, "m"]);
    expect(p.attrs.tag).toBe("random");
    expect(p.attrs.category).toBe("DAS");
  });
  it("applies overrides", () => {
    const p = getExamplePatch("random_das", {
      time_min: "2020-01-03",
      time_step: 0.5,
      distance_min: 10,
      distance_step: 0.25,
      shape: [4, 5],
      network: "NW",
      station: "STA",
      tag: "t",
    });
    expect(p.shape).toEqual([4, 5]);
    expect(p.getCoord("time").max()).toBe(1578009602000000000n);
    expect(p.getCoord("distance").max()).toBe(10.75);
    expect([p.attrs.network, p.attrs.station, p.attrs.tag]).toEqual(["NW", "STA", "t"]);
    expect(p.data[0]).toBe(0.7777024105738202);
  });
  it("has the lat/lon and null variants and rejects unknown names", () => {
    const ll = getExamplePatch("random_patch_with_lat_lon");
    expect(ll.coordDims.latitude).toEqual(["distance"]);
    expect(ll.getArray("longitude")[1]).toBeCloseTo(41.545654, 9);
    const nul = getExamplePatch("patch_with_null");
    expect(nul.data[0]).toBeNaN();
    expect(nul.data[2000]).toBeNaN();
    expect(() => getExamplePatch("nope")).toThrow(ParameterError);
  });
});

describe("examplePatches", () => {
  it("makes contiguous random_das patches from 2020-01-03", () => {
    const ps = examplePatches();
    expect(ps).toHaveLength(3);
    expect(ps.map((p) => p.getCoord("time").min())).toEqual([1578009600000000000n, 1578009608000000000n, 1578009616000000000n]);
    expect(ps[2]!.getCoord("time").max()).toBe(1578009623996000000n);
  });
  it("applies time_gap, length and patch overrides", () => {
    const ps = examplePatches("random_das", { length: 2, time_gap: 1, station: "s" });
    expect(ps[1]!.getCoord("time").min()).toBe(1578009609000000000n);
    const overlap = examplePatches("random_das", { length: 2, time_gap: -0.5 });
    expect(overlap[1]!.getCoord("time").min()).toBe(1578009607500000000n);
    expect(ps[1]!.attrs.station).toBe("s");
  });
  it("builds the oracle's single-sample recipe exactly", () => {
    const ps = examplePatches("random_das", { time_step: 0.999767552, shape: [100, 1], length: 10, time_min: "2023-06-13T15:38:00.49953408" });
    expect(ps).toHaveLength(10);
    expect(ps[0]!.shape).toEqual([100, 1]);
    expect(ps[0]!.getCoord("time").step).toBe(999767552n);
    expect(ps[0]!.getCoord("time").min()).toBe(1686670680499534080n);
    expect(ps[9]!.getCoord("time").max()).toBe(1686670689497442048n);
  });
  it("builds DASCore's 18-patch diverse_das spool", () => {
    const ps = examplePatches("diverse_das");
    expect(ps).toHaveLength(18);
    const count = (f: (a: Record<string, unknown>) => boolean) => ps.filter((p) => f(p.attrs)).length;
    expect(count((a) => a.network === "das2")).toBe(3);
    expect(count((a) => a.station === "big_gaps")).toBe(3);
    expect(count((a) => a.station === "overlaps")).toBe(3);
    expect(count((a) => a.station === "smallg")).toBe(3);
    expect(count((a) => a.station === "wayout")).toBe(2);
    expect(count((a) => a.tag === "some_tag")).toBe(1);
    const st = (s: string) => ps.filter((p) => p.attrs.station === s).map((p) => p.getCoord("time").min());
    expect(st("big_gaps")).toEqual([1578009600000000000n, 1578009609000000000n, 1578009618000000000n]);
    expect(st("overlaps")[1]).toBe(1578009607990000000n);
    expect(st("smallg")).toEqual([1578009600000000000n, 1578009608004000000n, 1578009616008000000n]);
    expect(st("wayout")).toEqual([1893456000000000000n, 610243200000000000n]);
    expect(() => examplePatches("nope")).toThrow(ParameterError);
  });
});

describe("example isolation", () => {
  it("gives every getExamplePatch call its own samples", () => {
    const a = getExamplePatch();
    (a.data as Float64Array)[0] = -1;
    expect(getExamplePatch().data[0]).toBe(0.7777024105738202);
  });
});
