// Issue 9: a worker on a machine that mounts the archive elsewhere. The coordinator plans over
// its own path; the archive's files exist only under the worker's path (`--prefix-map FROM=TO`),
// and patch results go to the worker's `--output` folder, whose paths come back to the coordinator.

import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { bullmqExecutor } from "../../../src/bullmq/index.ts";
import { REDIS_MISSING, smallArchive, startWorkerProcess, stopProcess, TASKS, testRedis, type WorkerProcess } from "./helpers.ts";

const QUEUE = "prefix-test";

describe.skipIf(REDIS_MISSING)(`a worker with a prefix map${REDIS_MISSING ? ` (skipped: ${REDIS_MISSING})` : ""}`, () => {
  let redis: { url: string; stop: () => Promise<void> };
  let archive: { dir: string; spool: dc.Spool };
  let elsewhere: string;
  let output: string;
  let worker: WorkerProcess;

  beforeAll(async () => {
    redis = await testRedis();
    archive = await smallArchive();
    elsewhere = mkdtempSync(join(tmpdir(), "daspool-mount-"));
    output = join(elsewhere, "results");
    cpSync(archive.dir, join(elsewhere, "das"), { recursive: true });
    // Only the index stays at the coordinator's path: a worker reading there would fail.
    for (const f of readdirSync(archive.dir)) if (f.endsWith(".h5")) rmSync(join(archive.dir, f));
    worker = await startWorkerProcess(redis.url, QUEUE, ["--concurrency", "2", "--prefix-map", `${archive.dir}=${join(elsewhere, "das")}`, "--output", output]);
  }, 60_000);

  afterAll(async () => {
    if (worker) await stopProcess(worker.child);
    await redis?.stop();
    for (const d of [archive?.dir, elsewhere]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it("reads the archive through the map and returns patches written to its --output", async () => {
    const sp = archive.spool.chunk({ time: 2 });
    const executor = bullmqExecutor({ redis: redis.url, queue: QUEUE, outputDir: join(archive.dir, "never-used") });
    const got = (await sp.map(dc.workerTask(TASKS, "maxOverTime"), { executor }).collect()) as dc.Patch[];
    expect(got).toHaveLength(8);
    expect(got.every((p) => p.shape.join() === "50,1")).toBe(true);
    expect(readdirSync(output).filter((f) => f.endsWith(".h5"))).toHaveLength(8);
    expect(existsSync(join(archive.dir, "never-used"))).toBe(false);
    const direct = (await dc.spool(join(elsewhere, "das")).update()).chunk({ time: 2 });
    const want = (await direct.map((p) => (p as dc.Patch).aggregate("time", "max")).collect()) as dc.Patch[];
    got.forEach((p, i) => expect([...(p.data as Float64Array)]).toEqual([...(want[i]!.data as Float64Array)]));
  });
});
