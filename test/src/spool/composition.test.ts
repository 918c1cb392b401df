// Regression tests of issue 16: how spool operations compose (SPEC §6.1–6.4). Each expected
// answer is DASCore's on the same reproduction (0.1.21.dev13), except where SPEC declares a
// difference (concatenating patches with other coordinates raises instead of dropping them).

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

const T0 = dc.toDatetime64("2020-01-03");
const ms = (n: number): bigint => BigInt(n) * 1_000_000n;
const rd = (o: Record<string, unknown>): dc.Spool => dc.getExampleSpool("random_das", o as never);

interface Span {
  min: bigint;
  max: bigint;
  shape: number[];
  step: bigint | number | null;
}

async function spans(sp: dc.Spool): Promise<Span[]> {
  const out: Span[] = [];
  for await (const p of sp as AsyncIterable<dc.Patch>) {
    const t = p.getCoord("time");
    out.push({ min: t.min() as bigint, max: t.max() as bigint, shape: [...p.shape], step: t.step });
  }
  return out;
}

describe("spool composition (issue 16)", () => {
  it("defect 1: two selects keep only their intersection, never swapped across selects", async () => {
    const one = rd({ length: 1, shape: [2, 50] });
    const disjoint = one.select({ time: [T0, T0 + ms(20)] }).select({ time: [T0 + ms(100), null] });
    expect(await spans(disjoint)).toEqual([]);
    expect(await disjoint.count()).toBe(0);
    expect((await disjoint.getContents()).numRows).toBe(0);
    // A reversed pair inside one select is still swapped, and then intersected with the next.
    const reversed = one.select({ time: [T0 + ms(20), T0] }).select({ time: [T0 + ms(8), null] });
    expect(await spans(reversed)).toEqual([{ min: T0 + ms(8), max: T0 + ms(20), shape: [2, 4], step: ms(4) }]);
  });

  it("defect 2: concatenating patches whose other coordinates differ raises CoordMergeError", async () => {
    const a = dc.getExamplePatch("random_das", { shape: [2, 10], time_min: "2020-01-03" } as never);
    const wider = dc.getExamplePatch("random_das", { shape: [3, 10], time_min: "2020-01-03T00:00:01" } as never);
    const moved = dc.getExamplePatch("random_das", { shape: [2, 10], time_min: "2020-01-03T00:00:01", distance_min: 10 } as never);
    for (const b of [wider, moved]) {
      const sp = dc.spool([a, b]).concatenate({ time: null });
      await expect(sp.count()).rejects.toThrow(dc.CoordMergeError);
      await expect(sp.get(0)).rejects.toThrow(/coordinate 'distance' differs .* patch 0 .* patch 1/);
    }
    // Compatible parts still join, sample for sample.
    const b = dc.getExamplePatch("random_das", { shape: [2, 10], time_min: "2020-01-03T00:00:01" } as never);
    const joined = (await dc.spool([a, b]).concatenate({ time: null }).get(0)) as dc.Patch;
    expect(joined.shape).toEqual([2, 20]);
    expect(joined.getArray()[10]).toBe(b.getArray()[0]);
    expect(joined.getArray()[20 + 10]).toBe(b.getArray()[10]);
  });

  it("defect 3: chunk along distance over patches of other times raises CoordMergeError", async () => {
    const sp = rd({ length: 2, shape: [4, 3] });
    await expect(sp.chunk({ distance: 2 }).count()).rejects.toThrow(dc.CoordMergeError);
    await expect(sp.chunk({ distance: null }).collect()).rejects.toThrow(/time_min/);
  });

  it("defect 4: a chunk after chunk → slice re-plans from the remaining rows' own source", async () => {
    const windows = rd({ length: 2, shape: [1, 10] }).chunk({ time: 0.02 });
    expect(await spans(windows.slice(1, 2).chunk({ time: null }))).toEqual([
      { min: T0, max: T0 + ms(36), shape: [1, 10], step: ms(4) },
    ]);
    expect(await spans(windows.slice(2, 3).chunk({ time: null }))).toEqual([
      { min: T0 + ms(40), max: T0 + ms(76), shape: [1, 10], step: ms(4) },
    ]);
    // Windows from both sources: both sources, re-chunked.
    expect((await spans(windows.slice(1, 3).chunk({ time: 0.008 }))).length).toBe(10);
  });

  it("defect 5: a chunk never undoes a concatenate", async () => {
    const joined = rd({ length: 2, time_gap: 1, shape: [1, 3] }).concatenate({ time: null });
    const out = await spans(joined.chunk({ time: null }));
    expect(out).toEqual([{ min: T0, max: T0 + ms(1020), shape: [1, 6], step: null }]);
    // Contiguous concatenations are sources like any other: 12 samples, re-chunked in pairs.
    const pairs = rd({ length: 4, shape: [1, 3] }).concatenate({ time: 2 });
    expect((await spans(pairs.chunk({ time: null })))[0]!.shape).toEqual([1, 12]);
    const small = await spans(pairs.chunk({ time: 0.008 }));
    expect(small.map((s) => s.min - T0)).toEqual([0, 8, 16, 24, 32, 40].map(ms));
  });

  it("defect 6: the contents of a concatenation across a gap have no time step", async () => {
    const joined = rd({ length: 2, time_gap: 1, shape: [1, 3] }).concatenate({ time: null });
    const table = await joined.getContents();
    expect(table.getChild("time_step")!.get(0)).toBeNull();
    const p = (await joined.get(0)) as dc.Patch;
    expect(p.getCoord("time").step).toBeNull();
    const contiguous = await rd({ length: 2, shape: [1, 3] }).concatenate({ time: null }).getContents();
    expect(contiguous.getChild("time_step")!.get(0)).not.toBeNull();
  });

  it("defect 7: an earlier chunk is still evaluated and its error raises", async () => {
    const sp = rd({ length: 1, shape: [1, 10] }).chunk({ time: 1 }).chunk({ time: 0.02 });
    await expect(sp.count()).rejects.toThrow(/No segments with sufficient length/);
    // Without an error, chunk after chunk equals the second chunk alone (SPEC §6.2).
    const twice = dc.getExampleSpool().chunk({ time: 5 }).chunk({ time: 2 });
    expect(await twice.count()).toBe(12);
    expect(await spans(twice)).toEqual(await spans(dc.getExampleSpool().chunk({ time: 2 })));
  });

  it("defect 8: every map task runs once per item for get, count, collect, iteration and explain", async () => {
    let calls = 0;
    const mapped = dc.getExampleSpool().chunk({ time: 2 }).map((p: unknown) => {
      calls++;
      return p;
    });
    const joined = mapped.concatenate({ time: null });
    const runs: Array<[string, () => Promise<unknown>]> = [
      ["get", () => joined.get(0)],
      ["count", () => joined.count()],
      ["collect", () => joined.collect()],
      ["iterate", async () => { for await (const _ of joined) void _; }],
      ["explain", () => joined.explain({ analyze: true })],
    ];
    for (const [name, run] of runs) {
      calls = 0;
      await run();
      expect([name, calls]).toEqual([name, 12]);
    }
    // A map on top: get(i) runs only item i, count runs none.
    calls = 0;
    await mapped.get(3);
    expect(calls).toBe(1);
    calls = 0;
    expect(await mapped.count()).toBe(12);
    expect(calls).toBe(0);
  });
});
