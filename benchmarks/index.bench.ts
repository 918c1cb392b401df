// Directory-index benchmark (issue 5): first update of a 2,000-file DASDAE archive, a no-change
// re-update, and a 1-hour time-window + station-glob query on a 1,000,000-row index, cold (new
// process) and warm, each next to a baseline from the same run. Run: npx tsx benchmarks/index.bench.ts
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { scanFile } from "../storage/formats/registry.ts";
import { withConnection } from "../storage/index/duck.ts";
import { countIndex, openIndex, queryIndex, updateIndex, type IndexQuery } from "../storage/index/index.ts";
import { parquetPaths } from "../storage/index/open.ts";
import { walkTree } from "../storage/index/walk.ts";
import { buildDasdaeArchive, buildSyntheticIndex, SYNTH, SYNTH_T0 } from "./gen/indexArchive.ts";
import { benchRow, mainIfEntry, medianMs, type BenchRow } from "./lib.ts";

const ROOT = resolve(import.meta.dirname, "..");
const ROWS = Number(process.env["INDEX_BENCH_ROWS"] ?? 1_000_000);
const FILES = Number(process.env["INDEX_BENCH_FILES"] ?? 2_000);
const HOUR = 3_600_000_000_000n;
// An hour in the middle of the synthetic span (100 stations × 60 s patches).
const LO = SYNTH_T0 + (BigInt(ROWS / SYNTH.stations) * BigInt(SYNTH.patchSeconds) * 1_000_000_000n) / 2n + 1_234_000_000n;
const HI = LO + HOUR;
const PATTERN = "ST00*";

function wallMs(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Median CPU time (user + system, every thread of this process) of `fn` in ms. */
async function medianCpuMs(fn: () => Promise<unknown>, iterations: number): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    await fn();
    const d = process.cpuUsage(c0);
    samples.push((d.user + d.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1]!;
}

/** The same query by scanning every row in JS (columns loaded once, untimed). */
async function jsScanBaseline(dir: string): Promise<{ ms: number; loadMs: number; count: number }> {
  const index = await openIndex(dir);
  const files = parquetPaths(index);
  const t0 = performance.now();
  const [tmin, tmax, station] = await withConnection(async (c) => {
    const r = await c.runAndReadAll(`SELECT epoch_ns(time_min), epoch_ns(time_max), station FROM read_parquet($1)`, { 1: files[0]! });
    return r.getColumns() as [bigint[], bigint[], string[]];
  });
  const loadMs = performance.now() - t0;
  const re = /^ST00.*$/s;
  let count = 0;
  const ms = await medianMs(() => {
    count = 0;
    for (let i = 0; i < tmin.length; i++) if (tmax[i]! >= LO && tmin[i]! <= HI && re.test(station[i]!)) count++;
  }, 5);
  return { ms, loadMs, count };
}

/**
 * Runs the index benchmarks and returns one row per figure.
 * @example
 * ```ts
 * const rows = await run(); // [{ name: "first update (2000 files)", value: 95, unit: "files/s", ... }, ...]
 * ```
 */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const archive = await buildDasdaeArchive(FILES);
  const synthetic = await buildSyntheticIndex(ROWS);

  // First update of the archive; baseline: bare scanFile over a sample of the same files.
  rmSync(join(archive, ".daspool"), { recursive: true, force: true });
  const tree = [...(await walkTree(archive)).keys()].sort();
  for (const f of tree.slice(0, 20)) await scanFile(join(archive, f)); // warm h5wasm and the JIT
  const sample = tree.slice(0, 200);
  const t0 = performance.now();
  for (const f of sample) await scanFile(join(archive, f));
  const scanRate = sample.length / ((performance.now() - t0) / 1000);
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const first = await updateIndex(archive);
  const firstRate = first.scanned / ((performance.now() - t1) / 1000);
  const firstCpu = process.cpuUsage(c1); // all threads of this process, workers included
  rows.push(benchRow(`first update (${FILES} files)`, firstRate, "files/s", { baseline: scanRate, baselineName: "bare scanFile loop", target: "≥ 300 files/s" }));
  const perCpuSecond = first.scanned / ((firstCpu.user + firstCpu.system) / 1e6);
  rows.push(benchRow(`first update, files per CPU-second (× cores when idle)`, perCpuSecond, "files/CPU-s", { baseline: scanRate, baselineName: "bare scanFile loop, wall" }));

  // No-change re-update; baseline: the tree walk (stat of every file) alone.
  const walk = await medianMs(() => walkTree(archive), 3);
  const again = await medianMs(() => updateIndex(archive), 3);
  rows.push(benchRow(`no-change re-update (${FILES} files)`, again, "ms", { baseline: walk, baselineName: "walk + stat only", target: "≤ 1000 ms" }));

  // Query on 1M rows, warm (in process); baseline: the same filter over all rows in JS.
  const q: IndexQuery = { predicates: [{ kind: "range", column: "time", lo: LO, hi: HI }, { kind: "glob", column: "station", pattern: PATTERN }] };
  const index = await openIndex(synthetic);
  let found = 0;
  const warm = await medianMs(async () => (found = (await queryIndex(index, q)).length), 10, 2);
  const base = await jsScanBaseline(synthetic);
  if (base.count !== found) throw new Error(`index query found ${found} rows, the JS scan ${base.count}`);
  rows.push(benchRow(`1 h + station glob on ${ROWS} rows, warm (${found} rows)`, warm, "ms", { baseline: base.ms, baselineName: "JS scan of all rows", target: "≤ 20 ms" }));
  // CPU time (this process, all threads) is the figure that a loaded machine does not inflate.
  const cpuWarm = await medianCpuMs(() => queryIndex(index, q), 10);
  rows.push(benchRow(`same query, warm, CPU time`, cpuWarm, "ms", { baseline: base.ms, baselineName: "JS scan of all rows", target: "≤ 20 ms" }));
  rows.push(benchRow(`JS scan baseline incl. loading its 3 columns (1M rows)`, base.loadMs + base.ms, "ms", { baseline: warm, baselineName: "warm index query" }));
  const count = await medianMs(() => countIndex(index, q), 10, 2);
  rows.push(benchRow(`count() of that query, warm`, count, "ms", { baseline: base.ms, baselineName: "JS scan of all rows" }));

  // Cold: a new process (node + tsx + DuckDB instance + query); baseline: a bare `node -e ""`.
  const bare = await medianMs(() => wallMs(() => execFileSync(process.execPath, ["-e", ""])), 3, 1);
  let child = { queryMs: 0, rows: 0, cpuMs: 0 };
  const args = ["--import", "tsx", join(ROOT, "benchmarks/gen/coldIndexQuery.ts"), synthetic, String(LO), String(HI), PATTERN];
  const cold = await medianMs(() => wallMs(() => (child = JSON.parse(execFileSync(process.execPath, args, { cwd: ROOT }).toString()))), 3, 1);
  if (child.rows !== found) throw new Error(`cold query found ${child.rows} rows, expected ${found}`);
  rows.push(benchRow(`same query cold, new process incl. start`, cold, "ms", { baseline: bare, baselineName: "bare node start", target: "≤ 300 ms" }));
  rows.push(benchRow(`same query cold, inside the new process`, child.queryMs, "ms", { baseline: warm, baselineName: "warm query" }));
  rows.push(benchRow(`same query cold, CPU time of the whole new process`, child.cpuMs, "ms", { baseline: cpuWarm, baselineName: "warm query CPU" }));
  return rows;
}

await mainIfEntry(import.meta.url, run);
