// Issue 9: maps through BullMQ on a real Redis (loopback) with real `daspool worker` processes:
// results equal the local executor's, patch results travel as DASDAE files, a poison task ends in
// MapError, cancellation removes queued jobs, and an unreachable Redis fails fast.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { bullmqExecutor, RedisUnavailableError } from "../../../src/bullmq/index.ts";
import { CLI, REDIS_MISSING, smallArchive, startWorkerProcess, stopProcess, TASKS, testRedis, type WorkerProcess } from "./helpers.ts";

const QUEUE = "dist-test";

describe.skipIf(REDIS_MISSING)(`distributed map over BullMQ${REDIS_MISSING ? ` (skipped: ${REDIS_MISSING})` : ""}`, () => {
  let redis: { url: string; stop: () => Promise<void> };
  let archive: { dir: string; spool: dc.Spool };
  let workers: WorkerProcess[] = [];
  let outputDir: string;
  const executor = (extra: Partial<Parameters<typeof bullmqExecutor>[0]> = {}) =>
    bullmqExecutor({ redis: redis.url, queue: QUEUE, outputDir, ...extra });

  beforeAll(async () => {
    redis = await testRedis();
    archive = await smallArchive();
    outputDir = join(archive.dir, ".results");
    workers = await Promise.all([1, 2].map(() => startWorkerProcess(redis.url, QUEUE, ["--concurrency", "2"])));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopProcess(w.child)));
    await redis?.stop();
    if (archive) rmSync(archive.dir, { recursive: true, force: true });
  });

  it("returns the local executor's values, in order, with progress to the total", async () => {
    const sp = archive.spool.chunk({ time: 0.5 });
    const progress: number[] = [];
    const remote = (await sp.map(dc.workerTask(TASKS, "rms"), { executor: executor(), onProgress: (p) => progress.push(p.done) }).collect()) as Float64Array[];
    const local = (await sp.map(dc.workerTask(TASKS, "rms"), { workers: 2 }).collect()) as Float64Array[];
    expect(remote).toHaveLength(32);
    expect(remote.every((r) => r instanceof Float64Array && r.length === 50)).toBe(true);
    expect(remote).toEqual(local);
    expect(progress).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it("sends patch results back as DASDAE files with one fixed name per item, and reads them as patches", async () => {
    const sp = archive.spool.chunk({ time: 1 });
    const remote = (await sp.map(dc.workerTask(TASKS, "maxOverTime"), { executor: executor() }).collect()) as dc.Patch[];
    const local = (await sp.map((p) => (p as dc.Patch).aggregate("time", "max")).collect()) as dc.Patch[];
    expect(remote).toHaveLength(16);
    remote.forEach((p, i) => {
      // Samples are exact; DASDAE stores the distance coordinate as values, so its float step
      // comes back re-derived (equal within 1e-12), hence `close`.
      expect(p.equals(local[i]!, { close: true })).toBe(true);
      expect([...(p.data as Float64Array)]).toEqual([...(local[i]!.data as Float64Array)]);
    });
    const files = readdirSync(outputDir);
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const names = files.filter((f) => f.endsWith(".h5")).map((f) => f.replace(/^[0-9a-f]{16}-/, "")).sort();
    expect(names).toEqual(Array.from({ length: 16 }, (_, i) => `${String(i).padStart(6, "0")}.h5`));
  });

  it("streams unordered results as jobs finish, each item once", async () => {
    const sp = archive.spool.chunk({ time: 0.5 });
    const got = (await sp.map(dc.workerTask(TASKS, "slowTimeMin"), { executor: executor(), ordered: false }).collect()) as { start: bigint }[];
    const want = (await sp.getContents()).getChild("time_min")!.data[0]!.values as BigInt64Array;
    expect(got.map((g) => g.start).sort((a, b) => (a < b ? -1 : 1))).toEqual([...want]);
  });

  it("fails with MapError naming the item and its source after the configured attempts (poison task)", async () => {
    const sp = archive.spool.chunk({ time: 2 });
    const error = await sp.map(dc.workerTask(TASKS, "poison"), { executor: executor({ attempts: 2, backoffMs: 10 }) }).collect().catch((e) => e);
    expect(error).toBeInstanceOf(dc.MapError);
    expect(error.itemIndex).toBe(0);
    expect(error.sources).toHaveLength(1);
    expect(error.sources[0]).toMatch(new RegExp(`^${join(archive.dir, "das_0.h5")}#/waveforms/`));
    expect(error.message).toContain("map task failed on item 0 (sources: ");
    expect(error.message).toContain("after 2 attempts on BullMQ queue 'dist-test': map task failed: RangeError: poisoned window at");
  });

  it("cancels: rejects with AbortError, removes the queued jobs, stops waiting", async () => {
    const sp = archive.spool.chunk({ time: 0.5 });
    const controller = new AbortController();
    const t0 = performance.now();
    const run = sp.map(dc.workerTask(TASKS, "verySlow"), { executor: executor(), signal: controller.signal }).collect();
    setTimeout(() => controller.abort(), 500);
    await expect(run).rejects.toThrow(dc.AbortError);
    expect(performance.now() - t0).toBeLessThan(4000); // not the 16 s the 32 jobs would take on 4 slots
    const queue = new Queue(QUEUE, { connection: { url: redis.url } });
    try {
      const counts = await queue.getJobCounts("waiting", "delayed", "prioritized");
      expect(counts).toEqual({ waiting: 0, delayed: 0, prioritized: 0 });
    } finally {
      await queue.close();
    }
  });

  it("shows the jobs and their wall time in explain({ analyze: true })", async () => {
    const sp = archive.spool.chunk({ time: 2 }).map(dc.workerTask(TASKS, "rms"), { executor: executor() });
    expect(await sp.explain({ analyze: true })).toMatch(/^Bullmq jobs: items=8 bytes=0 B time=[1-9]\d*\.\d ms$/m);
  });

  it("refuses items held in this process's memory", async () => {
    const sp = dc.getExampleSpool("random_das").map(dc.workerTask(TASKS, "rms"), { executor: executor() });
    await expect(sp.collect()).rejects.toThrow(/held in this process's memory/);
  });
});

describe("an unreachable Redis", () => {
  it("fails the coordinator at start with RedisUnavailableError, within the connect timeout", async () => {
    const sp = dc.spool(join(import.meta.dirname, "../../../../shared/data/real/example_triggered_shot.hdf5"));
    const t0 = performance.now();
    const run = sp.map(dc.workerTask(TASKS, "rms"), { executor: bullmqExecutor({ redis: "redis://127.0.0.1:9", connectTimeoutMs: 1000 }) }).collect();
    await expect(run).rejects.toThrow(RedisUnavailableError);
    await expect(run).rejects.toThrow("Redis is unreachable at redis://127.0.0.1:9: ECONNREFUSED");
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it.runIf(existsSync(CLI))("makes `daspool worker` exit 1 with a one-line message", () => {
    const r = spawnSync(process.execPath, [CLI, "worker", "--redis", "redis://127.0.0.1:9"], { encoding: "utf8", timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("daspool: RedisUnavailableError: Redis is unreachable at redis://127.0.0.1:9: ECONNREFUSED\n");
  });
});
