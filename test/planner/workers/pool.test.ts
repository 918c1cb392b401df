import { afterEach, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as dc from "../../../src/index.ts";
import { createMapPool, discardPrestarted, heldPrestart, prestartMapPool } from "../../../planner/workers/pool.ts";
import { prestartFor } from "../../../planner/pipeline.ts";
import type { LogicalPlan, MapSpec } from "../../../planner/plan.ts";
import type { RunContext } from "../../../planner/context.ts";

afterEach(() => discardPrestarted());

type Pool = ReturnType<typeof createMapPool>;

/** Resolves when all of `pool`'s threads have exited (a destroyed pool keeps none). */
async function threadsGone(pool: Pool): Promise<boolean> {
  for (let i = 0; i < 100 && pool.threads.length > 0; i++) await new Promise((r) => setTimeout(r, 20));
  return pool.threads.length === 0;
}

describe("prestarted map pools", () => {
  it("hands the prestarted pool to the next run of the same size, once", async () => {
    const early = prestartMapPool(1);
    expect(prestartMapPool(1)).toBe(early); // asking again while it is held does not start another
    const claimed = createMapPool(1);
    expect(claimed).toBe(early);
    const next = createMapPool(1);
    expect(next).not.toBe(early);
    expect(claimed.threads.length).toBe(1); // started, not destroyed on hand-over
    await Promise.all([claimed.destroy(), next.destroy()]);
  });

  it("destroys a prestarted pool of another size instead of handing it over", async () => {
    const early = prestartMapPool(2);
    expect(early.threads.length).toBe(2);
    const claimed = createMapPool(1);
    expect(claimed).not.toBe(early);
    expect(claimed.options.maxThreads).toBe(1);
    await claimed.destroy();
    expect(await threadsGone(early)).toBe(true);
  });

  it("discards an unclaimed pool on request", async () => {
    const early = prestartMapPool(1);
    expect(early.threads.length).toBe(1);
    await discardPrestarted();
    expect(early.threads.length).toBe(0);
    const fresh = createMapPool(1);
    expect(fresh).not.toBe(early);
    await fresh.destroy();
  });
});

describe("prestartFor (a run's pool starts before its source's schema lookup)", () => {
  const source: LogicalPlan = { kind: "source", source: { type: "directory", path: "/nowhere" } };
  const map = (input: LogicalPlan, workers: number, type: "worker" | "function" = "worker"): LogicalPlan => {
    const task: MapSpec["task"] = type === "worker" ? { type, moduleUrl: "file:///task.mjs", exportName: "f" } : { type, handle: "h", name: "f" };
    return { kind: "map", input, spec: { task, workers, ordered: true, hooks: null } };
  };
  const ctx = { hooks: new Map() } as unknown as RunContext;

  it("starts the pool of the innermost worker map, which runs first", async () => {
    const plan = map({ kind: "concatenate", input: map(source, 1), dim: "window", groupSize: null } as LogicalPlan, 2);
    const release = await prestartFor(plan, ctx, false);
    expect(heldPrestart()).toBe(1);
    await release();
    expect(heldPrestart()).toBeNull();
  });

  it("starts nothing when only counting a map on top, or for a map in the main thread", async () => {
    await prestartFor(map(source, 2), ctx, true);
    expect(heldPrestart()).toBeNull();
    await prestartFor(map(source, 2, "function"), ctx, false);
    expect(heldPrestart()).toBeNull();
    await prestartFor(map(source, 2), ctx, false);
    expect(heldPrestart()).toBe(2);
  });

  it("frees the pool when the run fails before claiming it (a folder removed after spool())", async () => {
    const root = mkdtempSync(join(tmpdir(), "daspool-prestart-"));
    try {
      const task = dc.workerTask(new URL("./tasks/tasks.ts", import.meta.url), "identity");
      const gone = join(root, "gone");
      mkdirSync(gone);
      const run = dc.spool(gone).map(task, { workers: 1 });
      rmSync(gone, { recursive: true });
      await expect(run.collect()).rejects.toThrow(/gone/);
      expect(heldPrestart()).toBeNull();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
