// Issue 9: the executor seam of worker maps. A map hands its items to `options.executor` (the local
// thread pool by default); the stage keeps the first result of each index and restores input order.

import { describe, expect, it } from "vitest";
import * as dc from "../../src/index.ts";
import { localExecutor } from "../../planner/executorLocal.ts";
import { SHOT, task } from "./workers/helpers.ts";

/** An executor that answers with each item's time_min, shuffled and with every result twice. */
function shuffledTwice(log: string[]): dc.Executor {
  return {
    name: "shuffled",
    async *run(items, t, options) {
      log.push(`${t.exportName} ordered=${options.ordered} workers=${options.workers}`);
      const order = items.map((_, i) => i).reverse();
      let done = 0;
      for (const index of order) {
        const value = items[index]!.summary.coords.time!.min;
        options.onProgress?.({ done: ++done, total: items.length });
        yield { index, value };
        yield { index, value: "a duplicate delivery" };
      }
    },
  };
}

describe("map executors", () => {
  it("puts an executor's shuffled, duplicated results back in input order, once each", async () => {
    const log: string[] = [];
    const progress: number[] = [];
    const sp = dc.getExampleSpool("random_das").chunk({ time: 2 });
    const mapped = sp.map(task("timeMin"), { executor: shuffledTwice(log), workers: 3, onProgress: (p) => progress.push(p.done) });
    const expected = await sp.map(task("timeMin"), { workers: 1 }).collect();
    expect(await mapped.collect()).toEqual(expected);
    expect(expected).toHaveLength(12);
    expect(log).toEqual(["timeMin ordered=true workers=3"]);
    expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("streams unordered results as the executor delivers them", async () => {
    const sp = dc.getExampleSpool("random_das").map(task("timeMin"), { executor: shuffledTwice([]), ordered: false });
    const t0 = dc.toDatetime64("2020-01-03");
    expect(await sp.collect()).toEqual([t0 + 16_000_000_000n, t0 + 8_000_000_000n, t0]);
  });

  it("fails when an executor ends without delivering every item", async () => {
    const lazy: dc.Executor = {
      name: "lazy",
      async *run() {
        yield { index: 0, value: 1 };
      },
    };
    const sp = dc.getExampleSpool("random_das").map(task("timeMin"), { executor: lazy });
    await expect(sp.collect()).rejects.toThrow("executor 'lazy' ended without a result for item 1 (1 of 3 delivered)");
  });

  it("uses the local thread pool by default, and accepts it explicitly", async () => {
    const sp = dc.getExampleSpool("random_das");
    const byDefault = await sp.map(task("timeMin"), { workers: 1 }).collect();
    expect(await sp.map(task("timeMin"), { workers: 1, executor: localExecutor }).collect()).toEqual(byDefault);
  });

  it("refuses an executor for a function task, and a value that is not an executor", () => {
    const sp = dc.getExampleSpool("random_das");
    expect(() => sp.map((p) => p, { executor: localExecutor })).toThrow(/runs worker tasks only/);
    expect(() => sp.map(task("timeMin"), { executor: {} as dc.Executor })).toThrow(dc.ParameterError);
  });

  it("names the executor in explain's map stage (the local one shows its workers)", async () => {
    const sp = dc.getExampleSpool("random_das");
    expect(await sp.map(task("timeMin"), { executor: shuffledTwice([]) }).explain()).toContain("Map stage: Load → Map fused in workers: timeMin from");
    expect(await sp.map(task("timeMin"), { executor: shuffledTwice([]) }).explain()).toMatch(/tasks\.ts executor=shuffled ordered$/m);
    expect(await sp.map(task("timeMin"), { workers: 2 }).explain()).toMatch(/tasks\.ts workers=2 ordered$/m);
  });

  it("leaves the executor out of the plan's JSON", () => {
    const sp = dc.spool(SHOT).map(dc.workerTask("file:///t.js", "f"), { executor: shuffledTwice([]) });
    expect(JSON.stringify(sp)).not.toContain("shuffled");
  });
});
