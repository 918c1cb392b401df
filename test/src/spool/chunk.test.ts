// chunk through the Spool API (SPEC §6.2): worked numbers, errors, partitions, conflicts,
// unsorted inputs, differing steps, and values merged correctly.

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

const sp = dc.getExampleSpool("random_das");
const T0 = dc.toDatetime64("2020-01-03");
const S = 1_000_000_000n;

describe("Spool.chunk", () => {
  it("gives SPEC's worked numbers", async () => {
    expect(await sp.chunk({ time: 2 }).count()).toBe(12);
    expect(await sp.chunk({ time: 5 }).count()).toBe(4);
    const partial = (await sp.chunk({ time: 5, keepPartial: true }).collect()) as dc.Patch[];
    expect(partial.map((p) => p.shape[1])).toEqual([1250, 1250, 1250, 1250, 1000]);
    expect(await sp.chunk({ time: 3, overlap: 1 }).count()).toBe(11);
    const starts = ((await sp.chunk({ time: 5, overlap: 1 }).collect()) as dc.Patch[]).map((p) => p.getCoord("time").min());
    expect(starts).toEqual([0n, 4n, 8n, 12n, 16n].map((s) => T0 + s * S));
    await expect(sp.chunk({ time: 25 }).count()).rejects.toThrow(/No segments with sufficient length/);
    const merged = (await sp.chunk({ time: null }).get(0)) as dc.Patch;
    expect(merged.shape).toEqual([300, 6000]);
    expect(merged.getCoord("time").step).toBe(4_000_000n);
  });

  it("copies every source sample once into the merged output", async () => {
    const parts = (await sp.collect()) as dc.Patch[];
    const merged = (await sp.chunk({ time: null }).get(0)) as dc.Patch;
    const m = merged.getArray() as Float64Array;
    for (const [k, p] of parts.entries()) {
      const d = p.getArray() as Float64Array;
      for (const row of [0, 150, 299]) {
        expect(m.subarray(row * 6000 + k * 2000, row * 6000 + (k + 1) * 2000)).toEqual(d.subarray(row * 2000, (row + 1) * 2000));
      }
    }
  });

  it("rejects bad arguments with SPEC's messages", () => {
    expect(() => sp.chunk({ time: 1, distance: 2 })).toThrow(/only supported along one dimension/);
    expect(() => sp.chunk({ time: -1 })).toThrow(/must be greater than 0/);
    expect(() => sp.chunk({ time: 1, overlap: 2 })).toThrow(/overlap is greater than chunk size/);
    expect(() => sp.chunk({ time: null, overlap: 1 })).toThrow(dc.ParameterError);
    expect(() => sp.chunk({ time: null, keepPartial: true })).toThrow(dc.ParameterError);
    expect(() => sp.chunk({ time: 1, conflict: "bob" as never })).toThrow(/conflict must be one of/);
  });

  it("judges gaps per station on the diverse spool (12 merged patches)", async () => {
    expect(await dc.getExampleSpool("diverse_das").chunk({ time: null }).count()).toBe(12);
  });

  it("chunks unsorted inputs the same as sorted ones", async () => {
    const patches = (await sp.collect()) as dc.Patch[];
    const shuffled = dc.spool([patches[2]!, patches[0]!, patches[1]!]);
    const a = (await shuffled.chunk({ time: 2 }).collect()) as dc.Patch[];
    const b = (await sp.chunk({ time: 2 }).collect()) as dc.Patch[];
    expect(a.length).toBe(b.length);
    a.forEach((p, i) => expect(p.equals(b[i]!)).toBe(true));
  });

  it("does not bridge patches with different sampling steps", async () => {
    const a = dc.getExamplePatch("random_das", { time_min: "2020-01-03" });
    const b = dc.getExamplePatch("random_das", { time_min: "2020-01-03T00:00:08", time_step: 0.002 });
    expect(await dc.spool([a, b]).chunk({ time: null }).count()).toBe(2);
  });

  it("raises on conflicting attributes unless conflict relaxes it", async () => {
    const parts = (await sp.collect()) as dc.Patch[];
    const odd = dc.spool([parts[0]!, parts[1]!.updateAttrs({ my_attr: "b" }), parts[2]!]);
    await expect(odd.chunk({ time: null }).collect()).rejects.toThrow(dc.CoordMergeError);
    await expect(odd.chunk({ time: null }).collect()).rejects.toThrow(/my_attr/);
    expect(await odd.chunk({ time: null, conflict: "drop" }).count()).toBe(1);
    const kept = (await odd.chunk({ time: null, conflict: "keep_first" }).get(0)) as dc.Patch;
    expect(kept.shape).toEqual([300, 6000]);
  });

  it("composes select → chunk and chunk → select", async () => {
    const a = sp.select({ time: [T0 + 4n * S, T0 + 20n * S] }).chunk({ time: 3 });
    expect(await a.count()).toBe(5);
    const b = sp.chunk({ time: 4 }).select({ time: [T0 + 5n * S, T0 + 11n * S] });
    const got = (await b.collect()) as dc.Patch[];
    expect(got.map((p) => [p.getCoord("time").min(), p.shape[1]])).toEqual([
      [T0 + 5n * S, 750],
      [T0 + 8n * S, 751],
    ]);
  });
});
