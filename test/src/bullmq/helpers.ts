// Shared by the distributed-map tests: a private Redis on loopback, `daspool worker` processes
// from the built CLI, and a small generated archive.
//
// Redis: DASPOOL_TEST_REDIS (set by .ci/run) is used as is; otherwise a private redis-server is
// spawned on a free loopback port. With neither (no redis-server binary), the suites are skipped
// with the reason in their title and on stderr, except under CI=true, where they fail instead.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as dc from "../../../src/index.ts";
import { localRedis } from "../../../scripts/localRedis.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** The built CLI the worker processes run: the package's bin, the bundle (npm test builds it before vitest). */
export const CLI = join(root, "dist/bundle/cli.js");

/** Plain-JS tasks the worker threads import. */
export const TASKS = new URL("./tasks.mjs", import.meta.url).href;

/** Why the distributed suites cannot run here, or null when they can. */
export const REDIS_MISSING: string | null =
  process.env.DASPOOL_TEST_REDIS || spawnSync("redis-server", ["--version"]).status === 0
    ? null
    : "no redis-server on PATH and DASPOOL_TEST_REDIS unset (apt-get install redis-server)";

if (REDIS_MISSING && process.env.CI) throw new Error(`distributed-map tests need Redis in CI: ${REDIS_MISSING}`);
if (REDIS_MISSING) process.stderr.write(`skipping distributed-map tests: ${REDIS_MISSING}\n`);
if (!REDIS_MISSING && !existsSync(CLI)) throw new Error(`distributed-map tests run workers from ${CLI}: run npm run build first (npm test does)`);

/** A Redis for one test file: the CI one, or a private server stopped by `stop()`. */
export async function testRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { url, server } = await localRedis();
  return { url, stop: () => (server ? stopProcess(server) : Promise.resolve()) };
}

/** A running `daspool worker` process and what it wrote to stderr. */
export interface WorkerProcess {
  child: ChildProcess;
  log: () => string;
  /** Resolves once stderr contains `text`. */
  waitFor: (text: string | RegExp) => Promise<void>;
}

/** Starts `daspool worker` from the built CLI and waits for its start-up line. */
export async function startWorkerProcess(redis: string, queue: string, extra: string[] = []): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [CLI, "worker", "--redis", redis, "--queue", queue, ...extra], { stdio: ["ignore", "ignore", "pipe"] });
  let text = "";
  const waiters: { test: (s: string) => boolean; resolve: () => void }[] = [];
  child.stderr!.on("data", (chunk: Buffer) => {
    text += chunk.toString();
    for (const w of waiters.splice(0)) if (w.test(text)) w.resolve();
    else waiters.push(w);
  });
  const waitFor = (want: string | RegExp) =>
    new Promise<void>((resolve, reject) => {
      const test = (s: string) => (typeof want === "string" ? s.includes(want) : want.test(s));
      if (test(text)) return resolve();
      waiters.push({ test, resolve });
      child.once("exit", (code) => reject(new Error(`worker exited (${code}) before '${want}':\n${text}`)));
    });
  await waitFor("daspool worker: queue");
  return { child, log: () => text, waitFor };
}

/** Stops a child process (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * A directory archive of 4 contiguous 4 s DASDAE files (50 channels × 1000 samples at 250 Hz,
 * DASCore's seeded random_das) and its index.
 */
export async function smallArchive(): Promise<{ dir: string; spool: dc.Spool }> {
  const dir = mkdtempSync(join(tmpdir(), "daspool-dist-"));
  const patches = (await dc.getExampleSpool("random_das", { length: 4, shape: [50, 1000] }).collect()) as dc.Patch[];
  await Promise.all(patches.map((p, i) => dc.write(p, join(dir, `das_${i}.h5`), { format: "DASDAE" })));
  return { dir, spool: await dc.spool(dir).update() };
}
