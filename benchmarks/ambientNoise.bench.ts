// Ambient-noise benchmark (issue 21): the examples/ambientNoise job (one-minute windows,
// whiten 2–30 Hz, correlate with channel 0, ±1 s lags, stacked) over a generated archive, on 2
// and 1 worker threads, next to DASCore doing the same (spool → chunk → whiten → correlate →
// select → mean) on a copy of the archive in the same run. Target: 2 workers ≥ 3× DASCore.
// Each daspool run is a fresh plain-node process over the built package (benchmarks/dascore/
// ambientJob.mjs), indexing from scratch as DASCore's side does, so neither side pays for tsx or
// profits from the other run's index.
// Run: npx tsx benchmarks/ambientNoise.bench.ts. BENCH_AMBIENT=<channels>x<minutes> sets the size
// (default 200x10 at 250 Hz: 120 MB of float32); BENCH_AMBIENT=8x2 is a smoke run.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchRow, buildPackage, mainIfEntry, type BenchRow } from "./lib.ts";
import { writeNoiseArchive } from "../examples/ambientNoise/synthetic.ts";

const JOB = fileURLToPath(new URL("./dascore/ambientJob.mjs", import.meta.url));
const BAND: [number, number] = [2, 30];
const MAX_LAG = 1;

function size(): { channels: number; minutes: number; rate: number } {
  const m = /^(\d+)x(\d+)$/.exec(process.env.BENCH_AMBIENT ?? "");
  return m ? { channels: Number(m[1]), minutes: Number(m[2]), rate: m[1] === "8" ? 100 : 250 } : { channels: 200, minutes: 10, rate: 250 };
}

function python(): string | null {
  return [process.env.DASCORE_PYTHON, "/work/dascore-venv/bin/python"].find((c): c is string => !!c && existsSync(c)) ?? null;
}

/** DASCore's wall time (ms) for the same job and its stack (channels × lags, row-major). */
function dascoreJob(exe: string, dir: string): { ms: number; stack: number[]; shape: number[] } {
  const script = `
import json, sys, time
import numpy as np, dascore as dc
t0 = time.perf_counter()
lag = np.timedelta64(${MAX_LAG * 1000}, "ms")
windows = []
for p in dc.spool(sys.argv[1]).update().chunk(time=60):
    cc = p.whiten(time=(${BAND[0]}, ${BAND[1]})).correlate(distance=0).select(lag_time=(-lag, lag)).squeeze("source_distance")
    windows.append(cc.transpose("distance", "lag_time").data)
stack = np.mean(windows, axis=0)
ms = (time.perf_counter() - t0) * 1e3
print(json.dumps(dict(ms=ms, shape=list(stack.shape), stack=stack.ravel().tolist())))
`;
  const out = execFileSync(exe, ["-c", script, dir], { encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" } });
  return JSON.parse(out.trim().split("\n").at(-1)!) as { ms: number; stack: number[]; shape: number[] };
}

/**
 * Times the job with 2 and 1 workers and DASCore's equivalent; checks the stacks agree.
 *
 * @example
 * ```ts
 * const rows = await run(); // [{ name: "ambient-noise job … 2 workers", value, baseline, ratio }, …]
 * ```
 */
export async function run(): Promise<BenchRow[]> {
  const { channels, minutes, rate } = size();
  const root = mkdtempSync(join(tmpdir(), "daspool-ambient-bench-"));
  try {
    const ours = join(root, "daspool");
    const theirs = join(root, "dascore");
    await writeNoiseArchive(ours, { channels, rate, files: minutes * 2, fileSeconds: 30, speed: 1000, spacing: 4 });
    cpSync(ours, theirs, { recursive: true }); // DASCore writes its index into the folder
    const label = `${channels} ch × ${minutes} min at ${rate} Hz`;
    buildPackage();
    const timeIt = (workers: number): [number, { data: number[]; shape: number[] }] => {
      const out = execFileSync(process.execPath, [JOB, ours, String(workers), String(BAND[0]), String(BAND[1]), String(MAX_LAG)], { encoding: "utf8", maxBuffer: 1 << 28 });
      const r = JSON.parse(out.trim().split("\n").at(-1)!) as { ms: number; shape: number[]; stack: number[] };
      return [r.ms, { data: r.stack, shape: r.shape }];
    };
    const [ms2, cc] = timeIt(2);
    const [ms1] = timeIt(1);
    const exe = python();
    const base = exe ? dascoreJob(exe, theirs) : null;
    const rows = [
      benchRow(`ambient-noise job (${label}), 2 workers`, ms2, "ms", base ? { baseline: base.ms, baselineName: "DASCore, 1 process", target: "≤ 0.33× DASCore (≥ 3× faster)" } : { target: "≥ 3× DASCore (not installed here)" }),
      benchRow(`ambient-noise job (${label}), 1 worker`, ms1, "ms", base ? { baseline: base.ms, baselineName: "DASCore, 1 process" } : {}),
    ];
    if (base) {
      let diff = 0;
      let scale = 0;
      for (let i = 0; i < base.stack.length; i++) {
        diff = Math.max(diff, Math.abs(cc.data[i]! - base.stack[i]!));
        scale = Math.max(scale, Math.abs(base.stack[i]!));
      }
      const same = base.shape.join("x") === cc.shape.join("x");
      rows.push(benchRow(`stack: max abs(daspool − DASCore) / max abs(DASCore) (shapes ${same ? "equal" : `differ: ${cc.shape.join("x")} vs ${base.shape.join("x")}`})`, diff / scale, ""));
    }
    return rows;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await mainIfEntry(import.meta.url, run);
