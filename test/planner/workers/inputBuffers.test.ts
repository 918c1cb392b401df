// Map workers read each item into a buffer they already touched unless the previous result took it
// (issue 19): reuse must never change a result that crossed back, however the result holds the input.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { buffersReachedBy, InputLoan } from "../../../planner/workers/inputBuffers.ts";
import { samePatches, task } from "./helpers.ts";

describe("buffersReachedBy", () => {
  it("finds buffers through views, nested objects, arrays, maps and sets, as a structured clone would", () => {
    const a = new Float64Array(new SharedArrayBuffer(64));
    const b = new Float32Array(8);
    const c = new ArrayBuffer(4);
    const reached = buffersReachedBy({ x: [1, { deep: a.subarray(2) }], m: new Map([["k", b]]), s: new Set([c]) });
    expect(reached).not.toBe("unknown");
    expect([...(reached as Set<ArrayBufferLike>)]).toEqual(expect.arrayContaining([a.buffer, b.buffer, c]));
    expect(buffersReachedBy(42)).toEqual(new Set());
  });

  it("reaches a patch's samples and its array coordinates", () => {
    const p = dc.getExamplePatch();
    const reached = buffersReachedBy({ result: p }) as Set<ArrayBufferLike>;
    expect(reached.has(p.data.buffer)).toBe(true);
  });

  it("answers unknown for a graph too large to walk", () => {
    const big = Array.from({ length: 200_000 }, (_, i) => ({ i }));
    expect(buffersReachedBy(big)).toBe("unknown");
  });
});

describe("InputLoan", () => {
  it("lends an idle buffer again once a result does not reach it, and never one a result took", () => {
    const first = new InputLoan();
    const a = first.lend("float64", 1000)!;
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    first.settle({ max: 1 });
    const second = new InputLoan();
    const again = second.lend("float64", 1000)!;
    expect(again).toBe(a);
    second.settle({ view: again.subarray(10) }); // the result takes it
    const third = new InputLoan();
    expect(third.lend("float64", 1000)).not.toBe(a);
    expect(third.lend("float32", 1000)).toBeInstanceOf(Float32Array);
    expect(third.lend("complex-thing", 10)).toBeNull();
    third.settle(undefined);
  });
});

describe("worker maps over files with reused input buffers", () => {
  let dir: string;
  let spool: dc.Spool;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "daspool-reuse-"));
    const patches = (await dc.getExampleSpool("random_das", { length: 2, shape: [20, 500] }).collect()) as dc.Patch[];
    for (const [k, p] of patches.entries()) await dc.write(p, join(dir, `p${k}.h5`), { format: "DASDAE" });
    // 10 windows of the same size: one worker reads them one after another.
    spool = dc.spool(dir).chunk({ time: 0.4 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("returns inputs that crossed back unchanged by later loads (identity and views)", async () => {
    const inThread = (await spool.collect()) as dc.Patch[];
    expect(inThread).toHaveLength(10);
    const back = await spool.map(task("identity"), { workers: 1 }).collect();
    expect(samePatches(back, inThread)).toBe(true);
    const rows = (await spool.map(task("firstRowView"), { workers: 1 }).collect()) as Array<{ row: Float64Array }>;
    rows.forEach((r, k) => expect(Array.from(r.row)).toEqual(Array.from(inThread[k]!.data.subarray(0, 100) as Float64Array)));
  });

  it("gives reducing tasks the same results as the main thread while reusing buffers", async () => {
    const maxOverTime = (p: unknown) => (p as dc.Patch).aggregate("time", "max");
    const inWorkers = await spool.map(task("maxOverTime"), { workers: 1 }).collect();
    expect(samePatches(inWorkers, await spool.map(maxOverTime).collect())).toBe(true);
    // From the second item on, each input lands in the buffer of the one before: it was reused.
    const same = (await spool.map(task("sameBufferAsLast"), { workers: 1 }).collect()) as boolean[];
    expect(same).toEqual([false, true, true, true, true, true, true, true, true, true]);
  });

  it("computes a kept deferred band-pass from its own input before that buffer is read into again", async () => {
    const band = (p: dc.Patch) => p.passFilter({ time: [2, 20] });
    const expected = (await spool.map((p) => Array.from(band(p as dc.Patch).data).reduce((a, b) => a + b, 0)).collect()) as number[];
    const sums = (await spool.map(task("sumOfKeptBandPass"), { workers: 1 }).collect()) as Array<number | null>;
    expect(sums[0]).toBeNull();
    // item k reports item k-1's band-pass, read after item k's samples landed in the reused buffer
    sums.slice(1).forEach((s, k) => expect(s).toBe(expected[k]));
    // the reuse happened: the same buffers serve the items
    const same = (await spool.map(task("sameBufferAsLast"), { workers: 1 }).collect()) as boolean[];
    expect(same.slice(1).every(Boolean)).toBe(true);
  });

  it("never computes a band-pass that a decimation folded away, yet gives the main thread's values", async () => {
    const expected = (await spool.map((p) => Array.from((p as dc.Patch).passFilter({ time: [2, 20] }).decimate({ time: 2 }).data).reduce((a, b) => a + b, 0)).collect()) as number[];
    const out = (await spool.map(task("decimatedBandAndLast"), { workers: 1 }).collect()) as Array<{ last: string; sum: number }>;
    expect(out.map((o) => o.sum)).toEqual(expected);
    expect(out[0]!.last).toBe("none");
    // Before reusing the buffer the worker checks the previous band-pass: dead, so not computed.
    // (A worker that never ends a job between tasks keeps it alive and computes it.)
    for (const o of out.slice(1)) expect(o.last).not.toBe("computed");
  });
});

describe("worker collections", () => {
  let dir: string;
  let spool: dc.Spool;
  const ITEM_BYTES = 100 * 6000 * 8; // one 24 s window of 100 channels at 250 Hz, float64: 4.8 MB
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "daspool-collect-"));
    const patches = (await dc.getExampleSpool("random_das", { length: 2, shape: [100, 30_000] }).collect()) as dc.Patch[];
    for (const [k, p] of patches.entries()) await dc.write(p, join(dir, `p${k}.h5`), { format: "DASDAE" });
    spool = dc.spool(dir).chunk({ time: 24 }); // 10 windows above the 4 MiB floor
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("skips the full collection when a reducing task leaves no dead samples (inputs reuse their buffers)", async () => {
    const counts = (await spool.map(task("majorGcsSoFar"), { workers: 1 }).collect()) as number[];
    expect(counts).toHaveLength(10);
    // One collection before every item (the old rule for items above 4 MiB) would count ≥ 9.
    expect(counts.at(-1)!).toBeLessThanOrEqual(3);
  });

  it("still collects when a task leaves dead samples behind, so a worker holds a few items, not dozens", async () => {
    const held = (await spool.map(task("allocateAndDrop"), { workers: 1 }).collect()) as number[];
    expect(held).toHaveLength(10);
    // Each item drops 4 items' worth; without collections ten items would pile up ~40 of them.
    expect(Math.max(...held)).toBeLessThan(12 * ITEM_BYTES);
  });
});
