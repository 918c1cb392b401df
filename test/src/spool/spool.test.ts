// Spool behaviours ported from DASCore's spool test suite: dispatch, select, sort, slice, get,
// count, split, contents, streaming and toString.

import { describe, expect, it, vi } from "vitest";
import * as dc from "../../../src/index.ts";

const T0 = dc.toDatetime64("2020-01-03");
const S = 1_000_000_000n;

describe("dc.spool dispatch", () => {
  it("wraps a patch, an array of patches, an empty array and a spool", async () => {
    const p = dc.getExamplePatch();
    expect(await dc.spool(p).count()).toBe(1);
    expect(await dc.spool([p, p]).count()).toBe(2);
    expect(await dc.spool([]).count()).toBe(0);
    const sp = dc.spool([p]);
    expect(dc.spool(sp)).toBe(sp);
  });

  it("rejects a missing path with 'may not exist' and other values with 'could not get spool from'", () => {
    expect(() => dc.spool("/no/such/path.h5")).toThrow(dc.InvalidSpoolError);
    expect(() => dc.spool("/no/such/path.h5")).toThrow(/may not exist/);
    expect(() => dc.spool(42)).toThrow(/could not get spool from/);
    expect(() => dc.spool([1, 2])).toThrow(dc.InvalidSpoolError);
  });
});

describe("Spool.select", () => {
  const diverse = dc.getExampleSpool("diverse_das");

  it("matches globs, sets and equality on attributes", async () => {
    expect(await diverse.select({ station: "big_gaps" }).count()).toBe(3);
    expect(await diverse.select({ station: "*gap*" }).count()).toBe(3);
    expect(await diverse.select({ network: "das2" }).count()).toBe(3);
    expect(await diverse.select({ station: new Set(["big_gaps", "smallg"]) }).count()).toBe(6);
    expect(await diverse.select({ tag: "some_tag" }).count()).toBe(1);
    expect(await diverse.select({ station: "BIG_GAPS" }).count()).toBe(0);
  });

  it("keeps patches intersecting a time range and trims them when loaded", async () => {
    const sp = dc.getExampleSpool("random_das");
    const sel = sp.select({ time: [T0 + 4n * S, T0 + 20n * S] });
    const patches = (await sel.collect()) as dc.Patch[];
    expect(patches).toHaveLength(3);
    expect(patches[0]!.getCoord("time").min()).toBe(T0 + 4n * S);
    expect(patches[2]!.getCoord("time").max()).toBe(T0 + 20n * S);
    expect(patches.map((p) => p.shape[1])).toEqual([1000, 2000, 1001]);
  });

  it("accepts open bounds, reversed bounds and strings", async () => {
    const sp = dc.getExampleSpool("random_das");
    expect(await sp.select({ time: [null, null] }).count()).toBe(3);
    expect(await sp.select({ time: ["2020-01-03T00:00:20", "2020-01-03T00:00:04"] }).count()).toBe(3);
    expect(await sp.select({ time: ["2021-01-01", null] }).count()).toBe(0);
  });

  it("composes chained selects", async () => {
    const a = diverse.select({ network: "das2" }).select({ time: [null, "2020-01-03T00:00:09"] });
    expect(await a.count()).toBe(2);
  });

  it("rejects a range that is not length 2 and unknown keys", async () => {
    const sp = dc.getExampleSpool("random_das");
    expect(() => sp.select({ time: [1, 2, 3] })).toThrow(dc.ParameterError);
    expect(() => sp.select({ time: [1, 2, 3] })).toThrow(/length 2/);
    // Over in-memory patches the columns are known, so a bad key fails at the select call.
    expect(() => sp.select({ bob: "x" })).toThrow(dc.ParameterError);
    expect(() => sp.select({ bob: "x" })).toThrow(/'bob'.*valid keys are: .*station/);
  });

  it("drops patches lacking the selected coordinate", async () => {
    const p = dc.getExamplePatch();
    const reduced = p.aggregate("time", "max", { dimReduce: "squeeze" });
    const sp = dc.spool([p, reduced]);
    expect(await sp.select({ time: [null, null] }).count()).toBe(1);
  });
});

describe("Spool.sort, slice, get, split", () => {
  const diverse = dc.getExampleSpool("diverse_das");

  it("sorts stably by a column or a coordinate's minimum", async () => {
    const stations = (await diverse.sort("station").getContents()).getChild("station")!.toArray() as string[];
    expect([...stations]).toEqual([...stations].sort());
    const times = (await diverse.sort("time").getContents()).getChild("time_min")!.data[0]!.values as BigInt64Array;
    for (let i = 1; i < times.length; i++) expect(times[i]! >= times[i - 1]!).toBe(true);
    expect(() => diverse.sort("not_a_column")).toThrow(/Invalid attribute/);
  });

  it("slices with list semantics", async () => {
    const sp = dc.getExampleSpool("random_das", { length: 5 });
    expect(await sp.slice(1).count()).toBe(4);
    expect(await sp.slice(-2).count()).toBe(2);
    expect(await sp.slice(0, 5, 2).count()).toBe(3);
    expect(await sp.slice(null, null, -1).count()).toBe(5);
    const first = (await sp.slice(-1).get(0)) as dc.Patch;
    expect(first.getCoord("time").min()).toBe(T0 + 32n * S);
  });

  it("gets by index, negative from the end, and fails out of bounds", async () => {
    const sp = dc.getExampleSpool("random_das");
    const last = (await sp.get(-1)) as dc.Patch;
    expect(last.getCoord("time").min()).toBe(T0 + 16n * S);
    await expect(sp.get(3)).rejects.toThrow(dc.IndexError);
    await expect(sp.get(3)).rejects.toThrow(/out of bounds/);
  });

  it("splits by size and by count", async () => {
    const sp = dc.getExampleSpool("random_das", { length: 5 });
    const bySize = await sp.split({ size: 2 });
    expect(await Promise.all(bySize.map((s) => s.count()))).toEqual([2, 2, 1]);
    const byCount = await sp.split({ count: 2 });
    expect(await Promise.all(byCount.map((s) => s.count()))).toEqual([3, 2]);
  });
});

describe("Spool.getContents", () => {
  it("returns typed Arrow columns without loading data", async () => {
    const sp = dc.getExampleSpool("random_das");
    const t = await sp.getContents();
    expect(t.numRows).toBe(3);
    const types = Object.fromEntries(t.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types.time_min).toBe("Timestamp<NANOSECOND>");
    expect(types.time_step).toBe("Duration<NANOSECOND>");
    expect(types.station).toBe("Dictionary<Int32, Utf8>");
    expect(types.distance_min).toBe("Float64");
    const mins = t.getChild("time_min")!.data[0]!.values as BigInt64Array;
    expect([...mins]).toEqual([T0, T0 + 8n * S, T0 + 16n * S]);
    expect(t.getChild("tag")!.get(0)).toBe("random");
  });

  it("reflects select trims and chunk windows", async () => {
    const sp = dc.getExampleSpool("random_das").chunk({ time: 5, overlap: 1 });
    const t = await sp.getContents();
    const mins = [...(t.getChild("time_min")!.data[0]!.values as BigInt64Array)];
    expect(mins).toEqual([0n, 4n, 8n, 12n, 16n].map((s) => T0 + s * S));
  });
});

describe("streaming", () => {
  it("loads the sources of one output at a time while iterating a chunk of 1000 patches", async () => {
    const patches = dc.getExampleSpool("random_das", { length: 1000, shape: [2, 10] }).toString();
    expect(patches).toContain("1000 Patches");
    const sp = dc.getExampleSpool("random_das", { length: 1000, shape: [2, 10] });
    const loads: number[] = [];
    const spy = vi.spyOn(sp.env.resolver, "load");
    spy.mockImplementation(async function (this: unknown, member) {
      loads.push((member.row.locator as { index: number }).index);
      return sp.env.resolver.memory.load(member);
    });
    const chunked = sp.chunk({ time: 0.2 });
    let outputs = 0;
    for await (const p of chunked) {
      outputs++;
      // Each 0.2 s window (50 samples at 4 ms) spans at most 6 of the 10-sample sources; by the
      // time output k is yielded only sources up to that window's end have been loaded.
      expect(Math.max(...loads)).toBeLessThanOrEqual(Math.ceil((outputs * 50) / 10));
      expect((p as dc.Patch).shape).toEqual([2, 50]);
    }
    expect(outputs).toBe(200);
  });
});

describe("Spool.toString", () => {
  it("shows the patch count and time span", () => {
    const text = dc.getExampleSpool("random_das").toString();
    expect(text).toContain("DASPool Spool 🧵 (3 Patches)");
    expect(text).toContain("2020-01-03T00:00:23.996");
  });
});
