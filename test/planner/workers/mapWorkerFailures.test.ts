// Worker maps fail loudly and never hang: a throwing task, a crashing worker, a missing export,
// and cancellation through an AbortSignal (issue 7).

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { SHOT, task } from "./helpers.ts";

describe("Spool.map with worker tasks: failures", () => {
  it("turns a task error into a MapError with the item index, its sources and the worker's stack", async () => {
    const sp = dc.getExampleSpool("random_das").map(task("boomLate"), { workers: 2 });
    const err = (await sp.collect().catch((e: unknown) => e)) as dc.MapError;
    expect(err).toBeInstanceOf(dc.MapError);
    expect(err.itemIndex).toBe(2);
    expect(err.sources).toEqual(["memory[2]"]);
    expect(err.message).toMatch(/map task failed on item 2 \(sources: memory\[2\]\): boom from the worker/);
    const cause = err.cause as Error;
    expect(cause.name).toBe("RangeError");
    expect(cause.stack).toMatch(/boomLate/);
    expect(err.stack).toMatch(/--- worker stack ---[\s\S]*boomLate/);
  });

  it("names the source file of a failing file-backed item", async () => {
    const sp = dc.spool(SHOT).map(task("boomLate"), { workers: 1 });
    const err = (await sp.collect().catch((e: unknown) => e)) as dc.MapError;
    expect(err).toBeInstanceOf(dc.MapError);
    expect(err.itemIndex).toBe(0);
    expect(err.sources[0]!.startsWith(SHOT)).toBe(true);
    expect(err.sources[0]).toMatch(/example_triggered_shot\.hdf5/);
  });

  it("reports a worker that exits as a MapError instead of hanging", async () => {
    const sp = dc.getExampleSpool("random_das").map(task("crashOnSecond"), { workers: 2 });
    const err = (await sp.collect().catch((e: unknown) => e)) as dc.MapError;
    expect(err).toBeInstanceOf(dc.MapError);
    expect(err.itemIndex).toBe(1);
    expect(err.message).toMatch(/map worker crashed on item 1 .*exited with code: 3/);
  });

  it("reports a result that cannot cross back as a MapError", async () => {
    const sp = dc.getExampleSpool("random_das").map(task("uncloneable"), { workers: 1 });
    const err = (await sp.collect().catch((e: unknown) => e)) as dc.MapError;
    expect(err).toBeInstanceOf(dc.MapError);
    expect(err.itemIndex).toBe(0);
    expect(err.message).toMatch(/^map task result cannot be sent back on item 0 \(sources: memory\[0\]\): .*could not be cloned/);
  });

  it("reports a missing export as a MapError", async () => {
    const sp = dc.getExampleSpool("random_das").map(task("noSuchTask"), { workers: 1 });
    await expect(sp.collect()).rejects.toThrow(/could not import the task on item 0.*no exported function 'noSuchTask'/);
  });

  it("cancels queued and running work through an AbortSignal", async () => {
    const controller = new AbortController();
    const done: number[] = [];
    let abortedAt = 0;
    // Items 0 and 1 finish at once; the rest would each stall a worker for 20 s.
    const sp = dc.getExampleSpool("random_das").chunk({ time: 1 }).map(task("stallAfterTwo"), {
      workers: 2,
      signal: controller.signal,
      onProgress: ({ done: n }) => {
        done.push(n);
        if (n === 2) {
          abortedAt = performance.now();
          controller.abort("enough");
        }
      },
    });
    const err = await sp.collect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(dc.AbortError);
    expect((err as Error).message).toMatch(/cancelled: enough/);
    expect(done).toEqual([1, 2]);
    // Running tasks are not waited for: destroying the pool terminates their threads.
    expect(performance.now() - abortedAt).toBeLessThan(5_000);
  });

  it("rejects at once when the signal is already aborted", async () => {
    const sp = dc.getExampleSpool("random_das").map(task("slow"), { workers: 1, signal: AbortSignal.abort() });
    await expect(sp.collect()).rejects.toThrow(dc.AbortError);
  });
});

describe("Spool.map with worker tasks: callbacks", () => {
  it("rejects with the error an onProgress callback throws", async () => {
    const sp = dc.getExampleSpool("random_das").map(task("timeMin"), {
      workers: 1,
      onProgress: () => {
        throw new Error("progress bar broke");
      },
    });
    await expect(sp.collect()).rejects.toThrow("progress bar broke");
  });
});
