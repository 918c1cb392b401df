// Worker maps give what function maps give: same results and order, progress, files read in the
// workers, 200 items through 2 workers, and unordered streaming (issue 7).

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { samePatches, SHOT, task } from "./helpers.ts";

const maxOverTime = (p: unknown) => (p as dc.Patch).aggregate("time", "max");

describe("Spool.map with worker tasks", () => {
  it("gives the same patches as a function task on the chunked example spool, in order", async () => {
    const sp = dc.getExampleSpool("random_das").chunk({ time: 5, overlap: 1 });
    const inWorkers = await sp.map(task("maxOverTime"), { workers: 2 }).collect();
    const inThread = await sp.map(maxOverTime).collect();
    expect(inWorkers).toHaveLength(5);
    expect(samePatches(inWorkers, inThread)).toBe(true);
  });

  it("reads a real file inside the workers and matches the function task", async () => {
    const sp = dc.spool(SHOT).chunk({ time: 0.5 });
    const inWorkers = await sp.map(task("maxOverTime"), { workers: 2 }).collect();
    const inThread = await sp.map(maxOverTime).collect();
    expect(inWorkers.length).toBeGreaterThan(1);
    expect(samePatches(inWorkers, inThread)).toBe(true);
  });

  it("round-trips whole patches and leaves the in-memory sources intact", async () => {
    const patches = (await dc.getExampleSpool("random_das").collect()) as dc.Patch[];
    const before = patches.map((p) => p.data.length);
    const back = await dc.spool(patches).map(task("identity"), { workers: 2 }).collect();
    expect(samePatches(back, patches)).toBe(true);
    // Sending a held patch copies its samples before moving them: the sources are not detached.
    expect(patches.map((p) => p.data.length)).toEqual(before);
  });

  it("returns non-patch values (bigints, typed arrays) in input order", async () => {
    const sp = dc.getExampleSpool("random_das");
    const t0 = dc.toDatetime64("2020-01-03");
    expect(await sp.map(task("timeMin"), { workers: 2 }).collect()).toEqual([t0, t0 + 8_000_000_000n, t0 + 16_000_000_000n]);
    const rows = (await sp.map(task("firstRow"), { workers: 1 }).collect()) as Float64Array[];
    expect(rows.map((r) => r.length)).toEqual([2000, 2000, 2000]);
    const first = (await sp.get(0)) as dc.Patch;
    expect(rows[0]![7]).toBe(first.getArray()[7]);
  });

  it("reports progress up to the total", async () => {
    const progress: string[] = [];
    const sp = dc.getExampleSpool("random_das").map(task("timeMin"), {
      workers: 2,
      onProgress: ({ done, total }) => progress.push(`${done}/${total}`),
    });
    await sp.collect();
    expect(progress).toEqual(["1/3", "2/3", "3/3"]);
  });

  it("maps a 200-item spool with 2 workers, in order", async () => {
    const sp = dc.getExampleSpool("random_das").chunk({ time: 0.12 });
    expect(await sp.count()).toBe(200);
    const starts = (await sp.map(task("timeMin"), { workers: 2 }).collect()) as bigint[];
    expect(starts).toHaveLength(200);
    expect(starts.every((t, i) => i === 0 || t > starts[i - 1]!)).toBe(true);
    const expected = await sp.map((p) => (p as dc.Patch).getCoord("time").min()).collect();
    expect(starts).toEqual(expected);
  });

  it("streams results as they finish with ordered: false (same set of results)", async () => {
    const sp = dc.getExampleSpool("random_das").chunk({ time: 1 });
    const got = (await sp.map(task("jittered"), { workers: 2, ordered: false }).collect()) as bigint[];
    const expected = (await sp.map(task("jittered"), { workers: 2 }).collect()) as bigint[];
    expect(got).toHaveLength(24);
    expect([...got].sort((a, b) => (a < b ? -1 : 1))).toEqual(expected);
    expect(got).not.toEqual(expected); // even seconds sleep 30 ms, so odd ones overtake them
  });

  it("runs the seed pipeline chunk → worker map → concatenate like the function task", async () => {
    const sp = dc.getExampleSpool("random_das").chunk({ time: 5, overlap: 1 });
    const inWorkers = await sp.map(task("maxOverTime"), { workers: 2 }).concatenate({ time: null }).collect();
    const inThread = await sp.map(maxOverTime).concatenate({ time: null }).collect();
    expect((inWorkers[0] as dc.Patch).shape).toEqual([300, 5]);
    expect(samePatches(inWorkers, inThread)).toBe(true);
  });

  it("stops the pool when the consumer stops early", async () => {
    const sp = dc.getExampleSpool("random_das").chunk({ time: 1 }).map(task("timeMin"), { workers: 2 });
    const seen: unknown[] = [];
    for await (const t of sp) if (seen.push(t) === 3) break;
    expect(seen).toEqual([0n, 1_000_000_000n, 2_000_000_000n].map((d) => dc.toDatetime64("2020-01-03") + d));
  });
});
