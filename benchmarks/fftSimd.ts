// The two-line WebAssembly SIMD FFT against the scalar FFT in the FFT-bound patch methods: each
// method on the same patch with the SIMD path off, then on (useSimdFft), in alternating rounds,
// CPU time (process.cpuUsage: time spent waiting for a core on a shared machine is left out),
// and a check that both give the same bits. Standalone (not in `npm run bench`):
// npx tsx benchmarks/fftSimd.ts   (BENCH_PROC_SHAPE=60x250000 by default; ROUNDS=5)
import { benchRow, mainIfEntry, type BenchRow } from "./lib.ts";
import { getExamplePatch } from "../src/examples/index.ts";
import type { Patch } from "../src/patch/Patch.ts";
import { useSimdFft } from "../src/proc/kernels/fftSimd.ts";

const CASES: [string, (p: Patch) => Patch][] = [
  ["dft real time", (p) => p.dft("time", { real: true })],
  ["dft complex time", (p) => p.dft("time")],
  ["idft of real dft", (p) => p.dft("time", { real: true }).idft()],
  ["hilbert", (p) => p.hilbert("time")],
  ["envelope", (p) => p.envelope("time")],
  ["resample to 8 ms", (p) => p.resample({ time: 0.008 })],
  ["whiten", (p) => p.whiten()],
  ["correlate with channel 0", (p) => p.correlate({ distance: 0 }, { samples: true })],
];

function shape(): [number, number] {
  const m = /^(\d+)x(\d+)$/.exec(process.env.BENCH_PROC_SHAPE ?? "");
  return m ? [Number(m[1]), Number(m[2])] : [60, 250_000];
}

/** CPU ms of one call, and its result. */
function cpu<T>(fn: () => T): [number, T] {
  const c0 = process.cpuUsage();
  const out = fn();
  const c = process.cpuUsage(c0);
  return [(c.user + c.system) / 1000, out];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/**
 * Each case's median CPU ms with the SIMD FFT, against the scalar FFT as baseline.
 *
 * @example
 * ```ts
 * const rows = await run(); // [{ name: "dft real time (SIMD vs scalar) …", value, baseline, ratio }, …]
 * ```
 */
export async function run(): Promise<BenchRow[]> {
  const dims = shape();
  const rounds = Number(process.env.ROUNDS ?? 5);
  const patch = getExamplePatch("random_das", { shape: dims });
  const rows: BenchRow[] = [];
  for (const [name, fn] of CASES) {
    const off: number[] = [];
    const on: number[] = [];
    let same = true;
    // warm-up of both paths: plans, compiled passes, JIT
    useSimdFft(false);
    fn(patch);
    useSimdFft(true);
    fn(patch);
    for (let r = 0; r < rounds; r++) {
      useSimdFft(false);
      const [a, x] = cpu(() => fn(patch));
      useSimdFft(true);
      const [b, y] = cpu(() => fn(patch));
      off.push(a);
      on.push(b);
      if (r === 0) {
        const [dx, dy] = [x.data as ArrayLike<number>, y.data as ArrayLike<number>];
        same = dx.length === dy.length && Array.prototype.every.call(dx, (v: number, i: number) => Object.is(v, dy[i]));
      }
    }
    rows.push(benchRow(`${name} (${dims.join("×")}), SIMD vs scalar FFT, CPU ms${same ? "" : " — RESULTS DIFFER"}`, median(on), "ms", { baseline: median(off), baselineName: "scalar", target: "< scalar, same bits" }));
  }
  return rows;
}

await mainIfEntry(import.meta.url, run);
