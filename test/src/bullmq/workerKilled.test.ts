// Issue 9: at-least-once delivery. A worker process killed (SIGKILL) while holding jobs loses its
// locks; BullMQ's stalled-job check on the surviving worker puts those jobs back, and the map still
// yields every item exactly once, in order.

import { rmSync } from "node:fs";
import { join } from "node:path";
import { QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { bullmqExecutor } from "../../../src/bullmq/index.ts";
import { REDIS_MISSING, smallArchive, startWorkerProcess, stopProcess, TASKS, testRedis, type WorkerProcess } from "./helpers.ts";

const QUEUE = "kill-test";
// Short locks so a dead worker's jobs come back within ~1.5 s (the defaults are 30 s).
const FAST_STALL = ["--concurrency", "2", "--lock-duration", "1000", "--stalled-interval", "500", "--verbose"];

describe.skipIf(REDIS_MISSING)(`a worker killed mid-run${REDIS_MISSING ? ` (skipped: ${REDIS_MISSING})` : ""}`, () => {
  let redis: { url: string; stop: () => Promise<void> };
  let archive: { dir: string; spool: dc.Spool };
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    redis = await testRedis();
    archive = await smallArchive();
    workers = await Promise.all([1, 2].map(() => startWorkerProcess(redis.url, QUEUE, FAST_STALL)));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopProcess(w.child)));
    await redis?.stop();
    if (archive) rmSync(archive.dir, { recursive: true, force: true });
  });

  it("still yields complete, non-duplicated results: its jobs are retried on the other worker", async () => {
    const sp = archive.spool.chunk({ time: 0.5 });
    const events = new QueueEvents(QUEUE, { connection: { url: redis.url } });
    const stalled: string[] = [];
    events.on("stalled", ({ jobId }) => stalled.push(jobId));
    await events.waitUntilReady();
    const [victim, survivor] = workers as [WorkerProcess, WorkerProcess];
    try {
      const executor = bullmqExecutor({ redis: redis.url, queue: QUEUE, outputDir: join(archive.dir, ".results") });
      const run = sp.map(dc.workerTask(TASKS, "slowTimeMin"), { executor }).collect();
      // Kill the victim right after it finishes its first job: BullMQ has handed it the next one.
      await victim.waitFor(/job \S+ \(item \d+\) done/);
      victim.child.kill("SIGKILL");
      const got = (await run) as { start: bigint; pid: number }[];
      const want = (await sp.getContents()).getChild("time_min")!.data[0]!.values as BigInt64Array;
      expect(got.map((g) => g.start)).toEqual([...want]); // every window once, in order
      expect(new Set(got.map((g) => g.start)).size).toBe(32);
      expect(stalled.length).toBeGreaterThan(0); // the victim's jobs were taken back...
      expect(survivor.log()).toMatch(/done/); // ...and finished by the survivor
      expect(got.filter((g) => g.pid === survivor.child.pid).length).toBeGreaterThan(16);
    } finally {
      await events.close();
    }
  });
});
