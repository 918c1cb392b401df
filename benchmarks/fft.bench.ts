// FFT choice by measurement (issue 21 item 3): daspool's own FFT (src/proc/kernels/fft.ts) and
// the npm candidates against SciPy (scipy.fft, pocketfft, one thread) on powers of two, 3·5·7
// composites and primes, complex forward and real forward. Both sides run alternately (a
// Python child serves the SciPy timings) so the machine's load shifts them alike.
// Run: npx tsx benchmarks/fft.bench.ts. BENCH_FFT_QUICK=1 for a short run; FFT_CANDIDATES=<dir>
// points at a folder whose node_modules holds the candidates (none is a dependency of daspool:
// `npm i --prefix <dir> fft.js ml-fft @echogarden/kissfft-wasm @echogarden/pffft-wasm`).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { benchRow, mainIfEntry, type BenchRow } from "./lib.ts";
import { dft, rfftTo } from "../src/proc/kernels/fft.ts";

/** The lengths measured: [label, n]. */
function lengths(): [string, number][] {
  const all: [string, number][] = [
    ["2^10", 1024],
    ["2^16", 65_536],
    ["2^20", 1_048_576],
    ["3·5·7", 105],
    ["3²·5²·7²", 11_025],
    ["3²·5³·7³", 385_875],
    ["prime", 101],
    ["prime", 10_007],
    ["prime", 1_000_003],
    ["2^5·5^6 (DASCore's pad of 250,000)", 500_000],
  ];
  return process.env.BENCH_FFT_QUICK ? all.filter(([, n]) => n < 100_000) : all;
}

/** A transform bound to one length: runs on (re, im) copies, returns the interleaved spectrum. */
type Transform = (re: Float64Array, im: Float64Array) => ArrayLike<number>;

/** A candidate library: the lengths it accepts and its transform at a length. */
interface Candidate {
  name: string;
  precision: "float64" | "float32";
  make(n: number): Transform | null;
}

function python(): string | null {
  return [process.env.DASCORE_PYTHON, "/work/dascore-venv/bin/python"].find((c): c is string => !!c && existsSync(c)) ?? null;
}

/** SciPy's side: "fft|rfft n reps" → median ms per call over reps calls on a fixed random line. */
const SERVER = `
import sys, time, numpy as np, scipy.fft as F
rng = np.random.default_rng(21); cache = {}
for line in sys.stdin:
    kind, n, reps = line.split(); n = int(n); reps = int(reps)
    x = cache.setdefault((kind, n), rng.standard_normal(n) + (1j * rng.standard_normal(n) if kind == "fft" else 0))
    f = F.fft if kind == "fft" else F.rfft
    f(x); ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); f(x); ts.append((time.perf_counter() - t0) * 1e3)
    print(sorted(ts)[len(ts) // 2], flush=True)
`;

class Scipy {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  constructor(exe: string) {
    this.child = spawn(exe, ["-c", SERVER], { env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" } });
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }
  async time(kind: "fft" | "rfft", n: number, reps: number): Promise<number> {
    this.child.stdin.write(`${kind} ${n} ${reps}\n`);
    const { value, done } = await this.lines.next();
    if (done) throw new Error("the SciPy timing process ended");
    return Number(value);
  }
  close(): void {
    this.child.stdin.end();
  }
}

/** Median ms per call of `fn` over `reps` calls, after warm-up calls (the JIT tiers up small lengths late). */
function timeJs(fn: () => unknown, reps: number): number {
  for (let i = 0; i < Math.min(reps, 20); i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return ts.sort((a, b) => a - b)[reps >> 1]!;
}

function largestFactor(n: number): number {
  let p = 1;
  for (let f = 2; f * f <= n; f++) while (n % f === 0) (p = f), (n /= f);
  return n > 1 ? n : p;
}

const pow2 = (n: number): boolean => n >= 4 && (n & (n - 1)) === 0;

/** The candidates found in FFT_CANDIDATES (or daspool's own node_modules); absent ones are skipped. */
async function candidates(): Promise<Candidate[]> {
  const dir = process.env.FFT_CANDIDATES ?? process.cwd();
  const req = createRequire(join(dir, "package.json"));
  const load = async (spec: string): Promise<Record<string, unknown> | null> => {
    try {
      return (await import(pathToFileURL(req.resolve(spec)).href)) as Record<string, unknown>;
    } catch {
      return null;
    }
  };
  const out: Candidate[] = [];
  const fftjs = await load("fft.js");
  if (fftjs) {
    const FFT = fftjs.default as new (n: number) => { transform(out: Float64Array, input: Float64Array): void };
    out.push({
      name: "fft.js 4.0.4",
      precision: "float64",
      make: (n) => {
        if (!pow2(n)) return null;
        const f = new FFT(n);
        const input = new Float64Array(2 * n);
        const res = new Float64Array(2 * n);
        return (re, im) => {
          for (let i = 0; i < n; i++) (input[2 * i] = re[i]!), (input[2 * i + 1] = im[i]!);
          f.transform(res, input);
          return res;
        };
      },
    });
  }
  const mlfft = await load("ml-fft");
  if (mlfft) {
    const FFT = (mlfft.default as { FFT: { init(n: number): void; fft(re: Float64Array, im: Float64Array): void } }).FFT;
    out.push({
      name: "ml-fft 1.3.5",
      precision: "float64",
      make: (n) => {
        if (!pow2(n)) return null;
        const res = new Float64Array(2 * n);
        return (re, im) => {
          FFT.init(n); // module-level tables: a user transforming several lengths re-inits
          FFT.fft(re, im);
          for (let i = 0; i < n; i++) (res[2 * i] = re[i]!), (res[2 * i + 1] = im[i]!);
          return res;
        };
      },
    });
  }
  type Emscripten = Record<string, (...a: number[]) => number> & { HEAPF32: Float32Array };
  const kiss = await load("@echogarden/kissfft-wasm");
  if (kiss) {
    const m = (await (kiss.default as () => Promise<Emscripten>)()) as Emscripten;
    out.push({
      name: "kissfft (@echogarden/kissfft-wasm 0.2.0)",
      precision: "float32",
      make: (n) => {
        // kissfft's generic butterfly is O(n·p) for a prime factor p: 1,000,003 would take ~30 min
        if (n * largestFactor(n) > 2e8) return null;
        const cfg = m._kiss_fft_alloc!(n, 0, 0, 0);
        const inp = m._malloc!(8 * n);
        const res = m._malloc!(8 * n);
        return (re, im) => {
          const f = new Float32Array(m.HEAPF32.buffer, inp, 2 * n);
          for (let i = 0; i < n; i++) (f[2 * i] = re[i]!), (f[2 * i + 1] = im[i]!);
          m._kiss_fft!(cfg, inp, res);
          return new Float32Array(m.HEAPF32.buffer, res, 2 * n);
        };
      },
    });
  }
  const pffft = await load("@echogarden/pffft-wasm");
  if (pffft) {
    const m = (await (pffft.default as () => Promise<Emscripten>)()) as Emscripten;
    out.push({
      name: "pffft (@echogarden/pffft-wasm 0.4.2)",
      precision: "float32",
      make: (n) => {
        const setup = m._pffft_new_setup!(n, 1); // PFFFT_COMPLEX; 0 when n is not 2^a·3^b·5^c (× 16)
        if (setup === 0) return null;
        const inp = m._pffft_aligned_malloc!(8 * n);
        const res = m._pffft_aligned_malloc!(8 * n);
        const work = m._pffft_aligned_malloc!(8 * n);
        return (re, im) => {
          const f = new Float32Array(m.HEAPF32.buffer, inp, 2 * n);
          for (let i = 0; i < n; i++) (f[2 * i] = re[i]!), (f[2 * i + 1] = im[i]!);
          m._pffft_transform_ordered!(setup, inp, res, work, 0);
          return new Float32Array(m.HEAPF32.buffer, res, 2 * n);
        };
      },
    });
  }
  return out;
}

/** max |x − ref| / max |ref| over interleaved spectra. */
function relError(x: ArrayLike<number>, ref: ArrayLike<number>): number {
  let e = 0;
  let r = 0;
  for (let i = 0; i < ref.length; i++) {
    e = Math.max(e, Math.abs(x[i]! - ref[i]!));
    r = Math.max(r, Math.abs(ref[i]!));
  }
  return e / r;
}

/**
 * Times each transform next to SciPy's at the same length, alternating sides for 3 rounds, and
 * reports the median ratios; candidates also report their error against daspool's float64 result.
 *
 * @example
 * ```ts
 * const rows = await run(); // [{ name: "complex fft n=1024 (2^10): daspool", value, baseline, ratio }, …]
 * ```
 */
export async function run(): Promise<BenchRow[]> {
  const exe = python();
  const scipy = exe ? new Scipy(exe) : null;
  const libs = await candidates();
  const rows: BenchRow[] = [];
  const load0 = loadavg()[0]!;
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  try {
    for (const [label, n] of lengths()) {
      const reps = Math.max(3, Math.min(400, Math.round(2e6 / (n * Math.log2(n + 1)))));
      const re0 = Float64Array.from({ length: n }, () => Math.random() - 0.5);
      const im0 = Float64Array.from({ length: n }, () => Math.random() - 0.5);
      const ref = (() => {
        const re = Float64Array.from(re0);
        const im = Float64Array.from(im0);
        dft(re, im, false);
        return Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 ? im[k >> 1]! : re[k >> 1]!));
      })();
      // in-place transforms get a copy of the line in reused buffers (fresh memory is slow to touch here)
      const wr = new Float64Array(n);
      const wi = new Float64Array(n);
      const fresh = (): [Float64Array, Float64Array] => (wr.set(re0), wi.set(im0), [wr, wi]);
      const spectrum = new Float64Array(2 * ((n >> 1) + 1));
      const sides: { name: string; kind: "fft" | "rfft"; fn: () => unknown; error?: number; precision?: string }[] = [
        { name: "daspool", kind: "fft", fn: () => dft(...fresh(), false) },
        // into a reused interleaved line, as daspool's kernels call it (rfftLines, analyticLines)
        { name: "daspool", kind: "rfft", fn: () => rfftTo(re0, spectrum, 0, 2, 1) },
      ];
      for (const lib of libs) {
        const t = lib.make(n);
        if (!t) continue;
        const error = relError(t(...fresh()), ref);
        sides.push({ name: lib.name, kind: "fft", fn: () => t(...fresh()), error, precision: lib.precision });
      }
      const ours: number[][] = sides.map(() => []);
      const theirs: Record<string, number[]> = { fft: [], rfft: [] };
      for (let round = 0; round < 3; round++) {
        sides.forEach((s, i) => ours[i]!.push(timeJs(s.fn, reps)));
        if (scipy) for (const kind of ["fft", "rfft"] as const) theirs[kind]!.push(await scipy.time(kind, n, reps));
      }
      sides.forEach((s, i) => {
        const base = scipy ? median(theirs[s.kind]!) : undefined;
        const note = s.error === undefined ? "" : `, ${s.precision}, error ${s.error.toExponential(0)}`;
        rows.push(
          benchRow(`${s.kind} n=${n} (${label}): ${s.name}${note}`, median(ours[i]!), "ms", base === undefined ? { target: "≤ 2× SciPy (SciPy not found)" } : { baseline: base, baselineName: "SciPy", target: "≤ 2× SciPy" }),
        );
      });
    }
  } finally {
    scipy?.close();
  }
  rows.push(benchRow("load average (1 min) at the start", load0, ""), benchRow("load average (1 min) at the end", loadavg()[0]!, ""));
  return rows;
}

await mainIfEntry(import.meta.url, run);
