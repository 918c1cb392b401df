// Regression tests for the planner defects the differential test against DASCore found (issue 16,
// test/differential/REPORT.md). Every expected value is DASCore's (0.1.21.dev13) on the same
// reproduction, computed with /work/dascore-venv and written here as numbers.

import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Table } from "apache-arrow";
import * as dc from "../../../src/index.ts";

const T0 = dc.toDatetime64("2020-01-03");
const ms = (n: number): bigint => BigInt(n) * 1_000_000n;
const rd = (o: Record<string, unknown>): dc.Spool => dc.getExampleSpool("random_das", o as never);

interface Out {
  min: bigint;
  max: bigint;
  step: bigint | number | null;
  n: number;
}

/** A timestamp or duration cell as exact ns (Arrow's get() gives ms), or null. */
function int64(table: Table, name: string, row: number): bigint | null {
  const col = table.getChild(name)!;
  if (!col.isValid(row)) return null;
  let at = row;
  for (const chunk of col.data) {
    if (at < chunk.length) return (chunk.values as BigInt64Array)[chunk.offset + at]!;
    at -= chunk.length;
  }
  return null;
}

/** Each output's time coordinate, and the same columns of its contents row. */
async function both(sp: dc.Spool): Promise<{ patches: Out[]; rows: Out[] }> {
  const patches: Out[] = [];
  for await (const p of sp as AsyncIterable<dc.Patch>) {
    const t = p.getCoord("time");
    patches.push({ min: t.min() as bigint, max: t.max() as bigint, step: t.step, n: t.length });
  }
  const table = await sp.getContents();
  const rows: Out[] = [];
  for (let i = 0; i < table.numRows; i++) {
    rows.push({ min: int64(table, "time_min", i)!, max: int64(table, "time_max", i)!, step: int64(table, "time_step", i), n: patches[i]?.n ?? -1 });
  }
  return { patches, rows };
}

describe("differential fixes (issue 16)", () => {
  it("concatenate-contents-step: a one-sample concatenation has no step, in its row as in its patch", async () => {
    // DASCore: concatenate of one 1-sample patch → time step None, contents NaT
    const one = await both(rd({ length: 1, shape: [1, 1] }).concatenate({ time: 2 }));
    expect(one.patches).toEqual([{ min: T0, max: T0, step: null, n: 1 }]);
    expect(one.rows).toEqual(one.patches);
    // two adjacent 1-sample patches join on their 4 ms grid
    const two = await both(rd({ length: 2, shape: [2, 1] }).concatenate({ time: null }));
    expect(two.patches).toEqual([{ min: T0, max: T0 + ms(4), step: ms(4), n: 2 }]);
    expect(two.rows).toEqual(two.patches);
  });

  it("concatenate-contents-step: one sample selected or chunked from an even concatenation keeps its step", async () => {
    const joined = rd({ length: 1, shape: [2, 5] }).concatenate({ time: null });
    const picked = await both(joined.select({ time: [T0, T0] }));
    expect(picked.patches).toEqual([{ min: T0, max: T0, step: ms(4), n: 1 }]);
    expect(picked.rows).toEqual(picked.patches);
    // DASCore: 4 one-sample windows at 0, 4, 8, 12 ms, each with step 4 ms
    const windows = await both(rd({ length: 1, shape: [2, 5] }).concatenate({ time: 3 }).chunk({ time: ms(4), keepPartial: true }));
    expect(windows.patches).toEqual([0, 4, 8, 12].map((t) => ({ min: T0 + ms(t), max: T0 + ms(t), step: ms(4), n: 1 })));
    expect(windows.rows).toEqual(windows.patches);
  });

  it("off-grid-run-windows: sources 2 ms off the 4 ms grid are windowed as DASCore's instructions take them", async () => {
    // three 20-sample patches at 4 ms, each starting 6 ms after the previous one's last sample:
    // one run (gap ≤ 1.5 steps); windows of 40 ms from its start at 0, 40, 80, 120, 160, 200 ms
    const sp = rd({ length: 3, shape: [2, 20], time_gap: ms(2) });
    const got = await both(sp.chunk({ time: ms(40) }));
    // DASCore 0.1.21: a window whose start falls in a gap also takes the previous source's last
    // sample (its reversed range [80, 76] is swapped), and the joined samples are re-gridded
    expect(got.patches).toEqual([
      { min: T0, max: T0 + ms(36), step: ms(4), n: 10 },
      { min: T0 + ms(40), max: T0 + ms(76), step: ms(4), n: 10 },
      { min: T0 + ms(76), max: T0 + 113_999_998n, step: 4_222_222n, n: 10 },
      { min: T0 + ms(122), max: T0 + ms(154), step: ms(4), n: 9 },
      { min: T0 + ms(158), max: T0 + 195_999_998n, step: 4_222_222n, n: 10 },
      { min: T0 + ms(200), max: T0 + ms(236), step: ms(4), n: 10 },
    ]);
    expect(got.rows).toEqual(got.patches);
    const sources = (await sp.collect()) as dc.Patch[];
    const third = (await sp.chunk({ time: ms(40) }).get(2)) as dc.Patch;
    // its first sample is source 0's last one (distance 0), then source 1's first nine
    expect(third.getArray()[0]).toBe(sources[0]!.getArray()[19]);
    expect(third.getArray()[1]).toBe(sources[1]!.getArray()[0]);
  });

  it("sort-invalid-not-raised: an empty spool checks the sort key against its source's columns", async () => {
    // DASCore: select(station="zz").sort("bogus") → IndexError "Invalid attribute" (SPEC §5:
    // ParameterError); sort("time") and sort("distance") are fine on the same empty spool
    const none = rd({ length: 2, shape: [2, 10] }).select({ station: "zz" });
    // (a memory spool may raise at the call already, as DASCore does; a file spool when run)
    await expect((async () => none.sort("bogus").count())()).rejects.toThrow(dc.ParameterError);
    await expect((async () => none.sort("bogus").collect())()).rejects.toThrow(/Invalid attribute/);
    expect(await none.sort("time").count()).toBe(0);
    expect(await none.sort("distance").count()).toBe(0);
    // dc.spool([]) has only the declared attribute columns: "station" sorts, "time" does not
    expect(await dc.spool([]).sort("station").count()).toBe(0);
    await expect((async () => dc.spool([]).sort("time").count())()).rejects.toThrow(/Invalid attribute/);
  });

  it("sort-invalid-not-raised: a directory spool emptied by an index select still knows its columns", async () => {
    // DASDAE files DASCore wrote (test/differential/fixtures/dasdae/dd_gap), on a copy
    const dir = mkdtempSync(join(tmpdir(), "daspool-sort-"));
    cpSync(fileURLToPath(new URL("../../differential/fixtures/dasdae/dd_gap", import.meta.url)), dir, { recursive: true });
    const none = (await dc.spool(dir).update()).select({ time: [T0 + ms(752), T0 + ms(386)] });
    // DASCore: 0 patches for sort("time"); "Invalid attribute" for sort("bogus")
    expect(await none.sort("time").count()).toBe(0);
    await expect(none.sort("bogus").count()).rejects.toThrow(/Invalid attribute/);
  });

  it("chunk-composition: a duplicate source (same span as an earlier one) gives DASCore's window", async () => {
    // patches 0 and 1 both span 0–76 ms, patch 2 80–156 ms (station s1): DASCore trims patch 1 to
    // start after patch 0, its reversed range [80, 76] swaps to its last sample, so the second
    // 64 ms window holds 17 samples, re-gridded at 3.75 ms
    const patches = [
      ...((await rd({ length: 1, shape: [2, 20], station: "s1" }).collect()) as dc.Patch[]),
      ...((await rd({ length: 2, shape: [2, 20], station: "s1" }).collect()) as dc.Patch[]),
    ];
    const got = await both(dc.spool(patches).chunk({ time: ms(64) }));
    expect(got.patches).toEqual([
      { min: T0, max: T0 + ms(60), step: ms(4), n: 16 },
      { min: T0 + ms(64), max: T0 + ms(124), step: 3_750_000n, n: 17 },
    ]);
  });

  it("unclassified s101-0391: a select that trims a concatenation's first part keeps the joined patch's attributes", async () => {
    const patches = [
      ...((await rd({ length: 1, shape: [1, 20], network: "n1" }).collect()) as dc.Patch[]),
      ...((await rd({ length: 1, shape: [1, 20], time_min: T0 + ms(1080) }).collect()) as dc.Patch[]),
    ];
    const sp = dc.spool(patches).concatenate({ time: null }).select({ time: [T0 + ms(1000), null] });
    // DASCore: network "n1" (the joined patch's), 20 samples from 1.08 s
    const p = (await sp.get(0)) as dc.Patch;
    expect(p.attrs.network).toBe("n1");
    expect(p.shape).toEqual([1, 20]);
    expect(p.getCoord("time").min()).toBe(T0 + ms(1080));
  });

  it("concatenate-mismatch-not-raised: groups of n are checked against the spool's first patch", async () => {
    // DASCore keeps only the patches compatible with the spool's first before grouping, so
    // concatenate({time: 1}) over channels 0–1 and 10–11 drops one with a warning ("not
    // compatible"); SPEC §6.3 declares CoordMergeError instead
    const a = dc.getExamplePatch("random_das", { shape: [2, 3] } as never);
    const b = dc.getExamplePatch("random_das", { shape: [2, 3], distance_min: 10, time_min: "2020-01-03T00:00:01" } as never);
    const sp = dc.spool([a, b]).concatenate({ time: 1 });
    await expect(sp.count()).rejects.toThrow(dc.CoordMergeError);
    await expect(sp.collect()).rejects.toThrow(/coordinate 'distance' differs/);
    // compatible patches still come out one per group
    expect(await dc.spool([a, a]).concatenate({ time: 1 }).count()).toBe(2);
  });

  it("chunk-composition: a chunk right after a chunk plans from that chunk's sources, even where it gave no window", async () => {
    // DASCore: one 1-sample patch; chunk(5.333333 ms, keep_partial) gives 0 windows, and a
    // chunk(time=None) after it gives the source patch back (SPEC §6.2 "After another chunk,
    // they are that chunk's sources")
    const first = rd({ length: 1, shape: [2, 1] }).chunk({ time: 5_333_333n, keepPartial: true });
    expect(await first.count()).toBe(0);
    const second = first.chunk({ time: null });
    expect(await second.count()).toBe(1);
    expect(((await second.get(0)) as dc.Patch).shape).toEqual([2, 1]);
  });

  it("off-grid-run-windows: after a select between samples, windows start at the select's bound", async () => {
    // DASCore: the selected row's time_min is the bound (26.000001 ms), windows of 12 ms start
    // there and end a step before (34.000001 ms): 4 windows of the samples at 28–32, 40–44, ...
    const sp = rd({ length: 1, shape: [2, 20] }).select({ time: [T0 + 26_000_001n, null] }).chunk({ time: 0.012 });
    const got = await both(sp);
    expect(got.patches).toEqual([28, 40, 52, 64].map((t) => ({ min: T0 + ms(t), max: T0 + ms(t + 4), step: ms(4), n: 2 })));
    expect(got.rows).toEqual(got.patches);
  });
});
