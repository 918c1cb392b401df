// Processing benchmark (issue 20): each processing method on a 300 × 250,000 float64 patch,
// next to DASCore (SciPy) on the same patch in the same run when its Python is available
// (DASCORE_PYTHON, or the venv of ../shared/tools/dascore). Run: npx tsx benchmarks/processing.bench.ts
// BENCH_PROC_SHAPE=20x3000 shrinks the patch for a smoke run; BENCH_PROC_CASES=<regex> keeps the
// cases whose name matches.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { benchRow, mainIfEntry, type BenchRow } from "./lib.ts";
import { getExamplePatch } from "../src/examples/index.ts";
import { Patch } from "../src/patch/Patch.ts";

/** [name, daspool call, DASCore call, dtype]: the same operation in both libraries (float64 unless said). */
const CASES: [string, (p: Patch) => unknown, string, "float32"?][] = [
  ["passFilter 1–10 Hz", (p) => p.passFilter({ time: [1, 10] }), "p.pass_filter(time=(1, 10))"],
  ["notchFilter 50 Hz", (p) => p.notchFilter(30, { time: 50 }), "p.notch_filter(q=30, time=50)"],
  ["decimate ×4 (iir)", (p) => p.decimate({ time: 4 }), "p.decimate(time=4)"],
  ["passFilter 1–10 Hz, float32 data", (p) => p.passFilter({ time: [1, 10] }), "p.pass_filter(time=(1, 10))", "float32"],
  ["decimate ×4 (iir), float32 data", (p) => p.decimate({ time: 4 }), "p.decimate(time=4)", "float32"],
  ["decimate ×4 (fir)", (p) => p.decimate({ time: 4 }, { filterType: "fir" }), "p.decimate(time=4, filter_type='fir')"],
  ["detrend linear", (p) => p.detrend("time"), "p.detrend('time')"],
  ["demean", (p) => p.demean("time"), "p.demean('time')"],
  ["taper 5 %", (p) => p.taper({ time: 0.05 }), "p.taper(time=0.05)"],
  ["normalize l2", (p) => p.normalize("time"), "p.normalize('time')"],
  ["standardize", (p) => p.standardize("time"), "p.standardize('time')"],
  ["rolling 0.2 s mean", (p) => p.rolling({ time: 0.2 }).mean(), "p.rolling(time=0.2).mean()"],
  ["rolling 0.2 s max, step 0.1 s", (p) => p.rolling({ time: 0.2 }, { step: 0.1 }).max(), "p.rolling(time=0.2, step=0.1).max()"],
  ["rolling 0.2 s median, step 0.1 s", (p) => p.rolling({ time: 0.2 }, { step: 0.1 }).median(), "p.rolling(time=0.2, step=0.1).median()"],
  ["medianFilter 5 samples", (p) => p.medianFilter({ time: 5 }, { samples: true }), "p.median_filter(time=5, samples=True)"],
  ["savgolFilter order 2, 11 samples", (p) => p.savgolFilter(2, { time: 11 }, { samples: true }), "p.savgol_filter(2, time=11, samples=True)"],
  ["resample to 8 ms", (p) => p.resample({ time: 0.008 }), "p.resample(time=0.008)"],
  ["differentiate", (p) => p.differentiate("time"), "p.differentiate('time')"],
  ["integrate", (p) => p.integrate("time"), "p.integrate('time')"],
  ["add patch", (p) => p.add(p), "p + p"],
  ["transpose + copy", (p) => p.transpose("time", "distance").data, "np.ascontiguousarray(p.transpose('time', 'distance').data)"],
  // transforms (issue 21): FFT lengths are DASCore's (padded to SciPy's next_fast_len)
  ["dft real time", (p) => p.dft("time", { real: true }), "p.dft('time', real=True)"],
  ["dft complex time", (p) => p.dft("time"), "p.dft('time')"],
  ["idft of real dft", (p) => p.dft("time", { real: true }).idft(), "p.dft('time', real=True).idft()"],
  ["spectrogram default", (p) => p.spectrogram("time"), "p.spectrogram('time')"],
  ["spectrogram nperseg 256, overlap 128", (p) => p.spectrogram("time", { nperseg: 256, noverlap: 128 }), "p.spectrogram('time', nperseg=256, noverlap=128)"],
  ["whiten", (p) => p.whiten(), "p.whiten()"],
  ["whiten smooth 1 Hz, band 1–40 Hz", (p) => p.whiten({ time: [1, 40] }, { smoothSize: 1 }), "p.whiten(smooth_size=1, time=(1, 40))"],
  ["correlate with channel 0", (p) => p.correlate({ distance: 0 }, { samples: true }), "p.correlate(distance=0, samples=True)"],
  ["hilbert", (p) => p.hilbert("time"), "p.hilbert('time')"],
  ["envelope", (p) => p.envelope("time"), "p.envelope('time')"],
  ["stalta 0.05 / 0.5 s", (p) => p.stalta({ time: [0.05, 0.5] }), "p.stalta(time=(0.05, 0.5))"],
];

/** The cases to run: all, or those whose name matches BENCH_PROC_CASES (a regular expression). */
function selectedCases(): typeof CASES {
  const pattern = process.env.BENCH_PROC_CASES;
  return pattern ? CASES.filter(([name]) => new RegExp(pattern).test(name)) : CASES;
}

function shape(): [number, number] {
  const m = /^(\d+)x(\d+)$/.exec(process.env.BENCH_PROC_SHAPE ?? "");
  return m ? [Number(m[1]), Number(m[2])] : [300, 250_000];
}

function dascorePython(): string | null {
  const candidates = [process.env.DASCORE_PYTHON, "/work/dascore-venv/bin/python"].filter((x): x is string => !!x);
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** DASCore's median ms per case on the same example patch, in one Python process (one thread). */
function dascoreTimes(python: string, [rows, cols]: [number, number], cases: typeof CASES): number[] {
  const script = `
import json, os, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np, dascore as dc
p64 = dc.get_example_patch("random_das", shape=(${rows}, ${cols}))
p32 = p64.new(data=p64.data.astype(np.float32))
out = []
for expr, dtype in ${JSON.stringify(cases.map((c) => [c[2], c[3] ?? "float64"]))}:
    p = p32 if dtype == "float32" else p64
    ts = []
    for _ in range(3):
        t0 = time.perf_counter(); eval(expr); ts.append((time.perf_counter() - t0) * 1e3)
    out.append(sorted(ts)[1])
print(json.dumps(out))
`;
  // DASCore runs as installed: glibc settings given to daspool's side (GLIBC_TUNABLES) stay there.
  const { GLIBC_TUNABLES: _tunables, ...env } = process.env;
  const text = execFileSync(python, ["-c", script], { encoding: "utf8", env: { ...env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" }, maxBuffer: 1 << 20 });
  return JSON.parse(text.trim().split("\n").at(-1)!) as number[];
}

function medianOf3(fn: () => unknown): number {
  const ts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return ts.sort((a, b) => a - b)[1]!;
}

/**
 * Times each processing method (median of 3) and DASCore's equivalent when available.
 *
 * @example
 * ```ts
 * const rows = await run(); // [{ name: "passFilter 1–10 Hz", value: …, baseline: …, ratio: … }, …]
 * ```
 */
/** The result with its samples computed: a zero-phase filter's are deferred until read, DASCore's are not. */
function computed(result: unknown): unknown {
  return result instanceof Patch ? result.data : result;
}

export async function run(): Promise<BenchRow[]> {
  const dims = shape();
  const patch = getExamplePatch("random_das", { shape: dims });
  const patch32 = patch.new({ data: Float32Array.from(patch.data as Float64Array) });
  const python = dascorePython();
  const cases = selectedCases();
  const base = python ? dascoreTimes(python, dims, cases) : null;
  return cases.map(([name, fn, , dtype], i) =>
    benchRow(`${name} (${dims.join("×")} ${dtype ?? "float64"})`, medianOf3(() => computed(fn(dtype === "float32" ? patch32 : patch))), "ms", base ? { baseline: base[i]!, baselineName: "DASCore", target: "≤ DASCore" } : { target: "≤ DASCore (not installed here)" }),
  );
}

await mainIfEntry(import.meta.url, run);
