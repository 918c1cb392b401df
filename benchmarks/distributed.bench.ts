// Distributed map benchmark (issue 9): the anchor `chunk({ time: 10 }) → map(firRms)` workload
// through BullMQ on Redis with 1 and 2 `daspool worker` processes, next to the local executor
// (1 and 2 threads) in the same run, plus the per-job overhead of a trivial task on tiny items.
// Every coordinator runs in its own plain-node process over the built package (as map.bench does).
// Run: npx tsx benchmarks/distributed.bench.ts [seconds=240] [--no-build]
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { localRedis } from "../scripts/localRedis.ts";
import { ARCHIVE, DEFAULT_ARCHIVE, generateArchive } from "./gen/archive.ts";
import { benchRow, buildPackage, runNodeScript, table, type BenchRow } from "./lib.ts";

const CHUNK_SECONDS = 10;
const CHUNK_BYTES = CHUNK_SECONDS * ARCHIVE.rateHz * ARCHIVE.channels * 4;
const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const CLI = join(dist, "bundle/cli.js"); // the package's bin

/** How a coordinator runs the map: local threads, or BullMQ jobs on worker processes. */
type Mode = { kind: "local"; threads: number } | { kind: "bullmq"; redis: string; queue: string };

/** What one coordinator run measured (printed as JSON by the child). */
interface RunFigures {
  items: number;
  wallMs: number;
  checksum: number;
}

/** A coordinator script: plain node over the package entries, mapping `task` over `spoolCode`'s outputs. */
function coordinatorScript(mode: Mode, spoolCode: string, taskUrl: string, task: string): string {
  const lib = JSON.stringify(pathToFileURL(join(dist, "bundle/index.js")).href);
  const bullmq = JSON.stringify(pathToFileURL(join(dist, "bundle/bullmq.js")).href);
  const options =
    mode.kind === "local"
      ? `{ workers: ${mode.threads} }`
      : `{ executor: (await import(${bullmq})).bullmqExecutor({ redis: ${JSON.stringify(mode.redis)}, queue: ${JSON.stringify(mode.queue)} }) }`;
  return `
    import * as dc from ${lib};
    const sp = ${spoolCode};
    const mapped = sp.map(dc.workerTask(${JSON.stringify(taskUrl)}, ${JSON.stringify(task)}), ${options});
    const t0 = performance.now();
    let items = 0, checksum = 0;
    for await (const r of mapped) { items++; if (typeof r === "number") checksum += r; else for (const v of r) checksum += v; }
    process.stdout.write(JSON.stringify({ items, wallMs: performance.now() - t0, checksum }) + "\\n");`;
}

function runCoordinator(mode: Mode, spoolCode: string, taskUrl: string, task: string): RunFigures {
  return runNodeScript<RunFigures>(coordinatorScript(mode, spoolCode, taskUrl, task));
}

/** The FIR task transpiled to JS, and a trivial task, beside the archive (benchmarks/data is git-ignored). */
function writeTasks(outDir: string): string {
  const source = readFileSync(new URL("./gen/firRms.ts", import.meta.url), "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const out = join(outDir, "distributedTasks.mjs");
  writeFileSync(out, `${js.outputText}\n/** Nothing but the trip (per-job overhead). */\nexport function nothing() { return 0; }\n`);
  return pathToFileURL(out).href;
}

/** DASPOOL_TEST_REDIS, or a private redis-server on a free loopback port. */
async function startRedis(): Promise<{ url: string; stop: () => void }> {
  if (!process.env["DASPOOL_TEST_REDIS"] && spawnSync("redis-server", ["--version"]).status !== 0) {
    throw new Error("distributed bench needs redis-server on PATH (or DASPOOL_TEST_REDIS)");
  }
  const { url, server } = await localRedis();
  return { url, stop: () => server?.kill() };
}

/** Starts n `daspool worker` processes of one thread each and waits until they listen. */
async function startWorkers(n: number, redis: string, queue: string): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const child = spawn(process.execPath, [CLI, "worker", "--redis", redis, "--queue", queue, "--concurrency", "1"], { stdio: ["ignore", "ignore", "pipe"] });
      let text = "";
      await new Promise<void>((resolve, reject) => {
        child.stderr!.on("data", (c: Buffer) => {
          text += c.toString();
          if (text.includes("daspool worker: queue")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`worker exited ${code}: ${text}`)));
      });
      return child;
    }),
  );
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((c) => new Promise((r) => (c.once("exit", r), c.kill("SIGTERM")))));
}

/** Builds the package so workers and coordinators run the current code. */
function ensureBuilt(rebuild: boolean): void {
  if (rebuild || !existsSync(CLI)) buildPackage();
}

/** A small DASDAE file cut into many tiny windows: per-job overhead dominates the work. */
async function tinyItemsFile(dir: string): Promise<string> {
  const path = join(dir, "distributed-tiny.h5");
  if (existsSync(path)) return path;
  const dc = await import("../src/index.ts");
  await dc.write(dc.getExampleSpool("random_das", { length: 1, shape: [10, 2000] }), path, { format: "DASDAE" });
  return path;
}

/**
 * Runs the distributed benchmark over the first `seconds` of the map benchmark's archive.
 *
 * @example
 * ```ts
 * const rows = await run({ seconds: 240 }); // wall times of local 1/2 threads and BullMQ 1/2 workers
 * ```
 */
export async function run(options: { seconds?: number; rebuild?: boolean; tinyItems?: number } = {}): Promise<BenchRow[]> {
  const path = await generateArchive(DEFAULT_ARCHIVE, 500);
  ensureBuilt(options.rebuild ?? true);
  const dataDir = dirname(path);
  mkdirSync(dataDir, { recursive: true });
  const taskUrl = writeTasks(dataDir);
  const seconds = options.seconds ?? 240;
  const t0 = `dc.toDatetime64(${BigInt(Date.UTC(2024, 0, 1)) * 1_000_000n}n)`;
  const anchor = `dc.spool(${JSON.stringify(path)}, { format: "DASDAE" }).select({ time: [${t0}, ${t0} + ${BigInt(seconds) * 1_000_000_000n}n] }).chunk({ time: ${CHUNK_SECONDS} })`;
  const tinyPath = await tinyItemsFile(dataDir);
  const tinyWindow = 8 / (options.tinyItems ?? 400); // seconds per window of the 8 s patch
  const tiny = `dc.spool(${JSON.stringify(tinyPath)}, { format: "DASDAE" }).chunk({ time: ${tinyWindow} })`;
  const tinyOne = `${tiny}.slice(0, 1)`;

  const redis = await startRedis();
  try {
    const local1 = runCoordinator({ kind: "local", threads: 1 }, anchor, taskUrl, "firRms");
    const local2 = runCoordinator({ kind: "local", threads: 2 }, anchor, taskUrl, "firRms");
    // Marginal cost per job: (wall of n items − wall of 1 item) / (n − 1), so start-up costs
    // (a thread pool, Redis connections) cancel out.
    const tinyLocal = runCoordinator({ kind: "local", threads: 1 }, tiny, taskUrl, "nothing");
    const tinyLocalOne = runCoordinator({ kind: "local", threads: 1 }, tinyOne, taskUrl, "nothing");
    const figures: Record<string, RunFigures> = {};
    for (const n of [1, 2]) {
      const queue = `bench-${n}-${process.pid}`;
      const workers = await startWorkers(n, redis.url, queue);
      try {
        const mode: Mode = { kind: "bullmq", redis: redis.url, queue };
        figures[`bullmq${n}`] = runCoordinator(mode, anchor, taskUrl, "firRms");
        if (n === 1) {
          figures.tiny = runCoordinator(mode, tiny, taskUrl, "nothing");
          figures.tinyOne = runCoordinator(mode, tinyOne, taskUrl, "nothing");
        }
      } finally {
        await stopWorkers(workers);
      }
    }
    const b1 = figures.bullmq1!;
    const b2 = figures.bullmq2!;
    const sums = [local1, local2, b1, b2].map((f) => f.checksum.toPrecision(12));
    if (new Set(sums).size !== 1) throw new Error(`executors disagree: checksums ${sums.join(" ")}`);
    const s = (f: RunFigures) => f.wallMs / 1000;
    const perJob = (many: RunFigures, one: RunFigures) => (many.wallMs - one.wallMs) / (many.items - one.items);
    const remoteJob = perJob(figures.tiny!, figures.tinyOne!);
    const localJob = perJob(tinyLocal, tinyLocalOne);
    return [
      benchRow(`chunks of ${CHUNK_SECONDS} s (${(CHUNK_BYTES / 2 ** 20).toFixed(1)} MiB each), firRms`, local1.items, "items"),
      benchRow("wall, local executor, 1 thread", s(local1), "s"),
      benchRow("wall, local executor, 2 threads", s(local2), "s", { baseline: s(local1), baselineName: "local, 1 thread" }),
      benchRow("wall, BullMQ, 1 worker process", s(b1), "s", { baseline: s(local1), baselineName: "local, 1 thread" }),
      benchRow("wall, BullMQ, 2 worker processes", s(b2), "s", { baseline: s(local2), baselineName: "local, 2 threads" }),
      benchRow("speedup, BullMQ 2 workers over 1", s(b1) / s(b2), "×", { baseline: s(local1) / s(local2), baselineName: "local 2 threads over 1" }),
      benchRow(`per-job time, trivial task on ${figures.tiny!.items} tiny items, BullMQ 1 worker (marginal)`, remoteJob, "ms", {
        baseline: localJob,
        baselineName: "local executor, 1 thread",
      }),
      benchRow("per-job overhead of BullMQ over the local executor", remoteJob - localJob, "ms"),
    ];
  } finally {
    redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const secs = args.find((a) => /^\d+$/.test(a));
  console.log(table(await run({ seconds: secs ? Number(secs) : 240, rebuild: !args.includes("--no-build") })));
}
