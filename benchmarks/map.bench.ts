// Map benchmark (issue 7): a CPU-bound task (64-tap FIR + per-channel RMS) over chunk({time: 10})
// of a generated, seeded archive, in the main thread and on 1 and 2 workers, in the same run.
// Each mode runs in its own plain-node process over the built package, so peak RSS and CPU are its own.
// Run: npx tsx benchmarks/map.bench.ts [megabytes=2000] [--no-build]   (the 2 GB: ~4 min on
// 2 quiet cores; the archive is generated once per size). Rebuilds dist/ first (~40 s) unless --no-build.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { ARCHIVE, DEFAULT_ARCHIVE, generateArchive } from "./gen/archive.ts";

/** The archive size. */
const DEFAULT_MEGABYTES = 2000;

/** One archive file per size, beside the default one, so runs of different sizes do not regenerate each other's. */
function archivePath(megabytes: number): string {
  return DEFAULT_ARCHIVE.replace(/\.h5$/, `-${megabytes}mb.h5`);
}
import { benchRow, buildPackage, runNodeScript, table, type BenchRow } from "./lib.ts";

/** Where a mode runs the task: the calling thread, or a pool of n workers. */
type Mode = "main" | "workers1" | "workers2";

/** What one mode measured (printed as JSON by the child process). */
interface ModeFigures {
  mode: Mode;
  items: number;
  wallMs: number;
  /** CPU of the whole process (all threads), user + system. */
  cpuMs: number;
  /** CPU of the main thread alone (Linux /proc per-thread counters; else event-loop busy time). */
  mainCpuMs: number;
  peakRssMb: number;
  /** Sum of all RMS values: equal across modes when results agree. */
  checksum: number;
}

const CHUNK_SECONDS = 10;
const CHUNK_BYTES = CHUNK_SECONDS * ARCHIVE.rateHz * ARCHIVE.channels * 4;

/**
 * The child script of one mode: plain node over the built package (`dist/`) and the task
 * transpiled to JS. Under tsx every thread would first pay tsx's transform of the h5wasm bundle
 * (~20 s and ~600 MB per thread on the loaded 2-core VM), which is not what this measures.
 */
function childScript(mode: Mode, path: string, taskUrl: string, part: Part): string {
  const lib = JSON.stringify(new URL("../dist/bundle/index.js", import.meta.url).href); // the package entry
  const workers = mode === "main" ? 0 : mode === "workers1" ? 1 : 2;
  return `
    import * as dc from ${lib};
    import { firRms } from ${JSON.stringify(taskUrl)};
    const all = dc.spool(${JSON.stringify(path)}, { format: "DASDAE" }).chunk({ time: ${CHUNK_SECONDS} });
    const n = await all.count();
    const sp = all.slice(Math.floor((n * ${part.index}) / ${part.of}), Math.floor((n * ${part.index + 1}) / ${part.of}));
    const mapped = ${workers} === 0 ? sp.map(firRms) : sp.map(dc.workerTask(${JSON.stringify(taskUrl)}, "firRms"), { workers: ${workers} });
    import { readFileSync } from "node:fs";
    // utime + stime of the main thread (its task id is the pid), in ms; USER_HZ is 100 on Linux.
    const mainCpu = () => { try { const f = readFileSync("/proc/self/task/" + process.pid + "/stat", "utf8").split(") ")[1].split(" ");
      return (Number(f[11]) + Number(f[12])) * 10; } catch { return NaN; } };
    const main0 = mainCpu();
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let items = 0, checksum = 0;
    for await (const rms of mapped) { items++; for (const v of rms) checksum += v; }
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const elu = performance.eventLoopUtilization(elu0);
    process.stdout.write(JSON.stringify({ mode: ${JSON.stringify(mode)}, items, wallMs, cpuMs: (cpu.user + cpu.system) / 1000,
      mainCpuMs: Number.isNaN(main0) ? elu.active : mainCpu() - main0, peakRssMb: process.resourceUsage().maxRSS / 1024, checksum }) + "\\n");`;
}

/** Which share of the chunks a child process runs: `index` of `of` equal, consecutive shares. */
interface Part {
  index: number;
  of: number;
}

/**
 * How many rounds the modes take turns in. Why: this VM's CPU speed drifts by up to 1.6× over
 * minutes (other tenants on the host; the same single-threaded loop measured 207 then 330 ms a few
 * minutes apart), so three long runs one after another compare different machines. In rounds, each
 * mode runs a quarter of the chunks per round, in rotating order, and the figures are summed.
 */
const ROUNDS = 4;

/** Sums the figures of one mode's rounds (peak RSS: the largest). */
function summed(parts: ModeFigures[]): ModeFigures {
  return parts.reduce((a, b) => ({
    mode: a.mode,
    items: a.items + b.items,
    wallMs: a.wallMs + b.wallMs,
    cpuMs: a.cpuMs + b.cpuMs,
    mainCpuMs: a.mainCpuMs + b.mainCpuMs,
    peakRssMb: Math.max(a.peakRssMb, b.peakRssMb),
    checksum: a.checksum + b.checksum,
  }));
}

/** Transpiles the task module to plain JS beside the archive (benchmarks/data is git-ignored). */
function transpileTask(outDir: string): string {
  const source = readFileSync(new URL("./gen/firRms.ts", import.meta.url), "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const out = join(outDir, "firRms.mjs");
  writeFileSync(out, js.outputText);
  return pathToFileURL(out).href;
}

/** Runs `mode` in a fresh node process (so peak RSS and CPU are its own). */
function runChild(mode: Mode, path: string, taskUrl: string, part: Part): ModeFigures {
  return runNodeScript<ModeFigures>(childScript(mode, path, taskUrl, part));
}

/** Builds the package so the children run the current code; without `rebuild`, only if missing. */
function ensureBuilt(rebuild: boolean): void {
  if (rebuild || !existsSync(new URL("../dist/bundle/worker.js", import.meta.url))) buildPackage();
}

/**
 * Runs the map benchmark over an archive of about `megabytes` MB (generated once, seeded).
 *
 * @example
 * ```ts
 * const rows = await run({ megabytes: 2000 }); // [{ name: "wall, main thread", value: 41.2, unit: "s" }, ...]
 * ```
 */
export async function run(options: { megabytes?: number; path?: string; rebuild?: boolean } = {}): Promise<BenchRow[]> {
  const megabytes = options.megabytes ?? DEFAULT_MEGABYTES;
  const path = await generateArchive(options.path ?? archivePath(megabytes), megabytes);
  ensureBuilt(options.rebuild ?? true);
  const taskUrl = transpileTask(dirname(path));
  const modes: Mode[] = ["main", "workers1", "workers2"];
  const runs = new Map<Mode, ModeFigures[]>(modes.map((m) => [m, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < modes.length; k++) {
      const mode = modes[(r + k) % modes.length]!;
      runs.get(mode)!.push(runChild(mode, path, taskUrl, { index: r, of: ROUNDS }));
    }
  }
  const [main, w1, w2] = modes.map((m) => summed(runs.get(m)!)) as [ModeFigures, ModeFigures, ModeFigures];
  if (new Set([main, w1, w2].map((f) => f.checksum.toPrecision(12))).size !== 1) {
    throw new Error(`modes disagree: checksums ${main.checksum} ${w1.checksum} ${w2.checksum}`);
  }
  const budget = (workers: number) => ((2 * workers + 2) * CHUNK_BYTES) / 2 ** 20 + 300;
  const s = (f: ModeFigures) => f.wallMs / 1000;
  const mib = (f: ModeFigures) => (f.items * CHUNK_BYTES) / 2 ** 20;
  return [
    benchRow(`chunks of ${CHUNK_SECONDS} s (${(CHUNK_BYTES / 2 ** 20).toFixed(1)} MiB each)`, main.items, "items"),
    benchRow("wall, main thread", s(main), "s"),
    benchRow("wall, 1 worker", s(w1), "s", { baseline: s(main), baselineName: "main thread" }),
    benchRow("wall, 2 workers", s(w2), "s", { baseline: s(main), baselineName: "main thread" }),
    benchRow("speedup, 2 workers over 1", s(w1) / s(w2), "×", { target: "≥ 1.7 on 2 cores" }),
    benchRow("throughput, 2 workers", mib(w2) / s(w2), "MiB/s", { baseline: mib(main) / s(main), baselineName: "main thread" }),
    benchRow("peak RSS, main thread", main.peakRssMb, "MiB"),
    benchRow("peak RSS, 1 worker", w1.peakRssMb, "MiB", { baseline: budget(1), baselineName: "budget", target: "≤ (2w+2)×chunk + 300 MB" }),
    benchRow("peak RSS, 2 workers", w2.peakRssMb, "MiB", { baseline: budget(2), baselineName: "budget", target: "≤ (2w+2)×chunk + 300 MB" }),
    benchRow("main-thread CPU share, 2 workers", (100 * w2.mainCpuMs) / w2.cpuMs, "%", { target: "< 20 %" }),
    benchRow("process CPU, 2 workers", w2.cpuMs / 1000, "s", { baseline: main.cpuMs / 1000, baselineName: "main thread" }),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const mb = args.find((a) => /^\d+$/.test(a));
  console.log(table(await run({ megabytes: mb ? Number(mb) : DEFAULT_MEGABYTES, rebuild: !args.includes("--no-build") })));
}
