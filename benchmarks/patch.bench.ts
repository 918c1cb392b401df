// Patch model benchmark: example generation, O(1) selection (shown on a 10× larger patch) and
// aggregation, each next to a baseline measured in the same run. Run: npx tsx benchmarks/patch.bench.ts
import { benchRow, mainIfEntry, type BenchRow } from "./lib.ts";
import { getExamplePatch, MT19937 } from "../src/examples/index.ts";
import type { Patch } from "../src/patch/Patch.ts";

/** Median time per call in ms over `iterations` calls (after a short warm-up). */
function timeIt(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < Math.min(200, iterations); i++) fn(); // warm the JIT so order does not matter
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1]!;
}

function row(name: string, value: number, unit: string, baseline?: number): BenchRow {
  return benchRow(name, value, unit, baseline === undefined ? {} : { baseline });
}

/** Select the middle 10 % of the time axis (the last axis) by value. */
function selectTenPercent(p: Patch): Patch {
  const t = p.getCoord("time");
  const n = t.length;
  return p.select({ time: [t.get(Math.floor(n * 0.45)) as bigint, t.get(Math.floor(n * 0.55) - 1) as bigint] });
}

/** Per-row max over a contiguous Float64Array: the readable loop aggregate() is measured against. */
function plainRowMax(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    for (let c = 0, p = r * cols; c < cols; c++, p++) if (data[p]! > m) m = data[p]!;
    out[r] = m;
  }
  return out;
}

/**
 * Run the patch benchmarks and return one row per figure.
 *
 * @example
 * ```ts
 * const rows = await run(); // [{ name: "getExamplePatch (cold)", value: 9.1, unit: "ms", ... }, ...]
 * ```
 */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const rng = timeIt(() => new MT19937(13).random(300 * 2000), 5);
  const t0 = performance.now();
  const patch = getExamplePatch("random_das", { shape: [301, 2000] }); // uncached shape: cold path
  const cold = performance.now() - t0;
  rows.push(row("getExamplePatch (cold, incl. RNG)", cold, "ms", rng));
  rows.push(row("getExamplePatch (warm: cached RNG output, fresh copy)", timeIt(() => getExamplePatch(), 50), "ms"));

  const small = getExamplePatch();
  const big = getExamplePatch("random_das", { shape: [300, 20_000] });
  timeIt(() => selectTenPercent(big), 2000); // warm both paths before measuring either
  const selSmall = timeIt(() => selectTenPercent(small), 2000);
  rows.push(row("select 10% of time (300×2000)", selSmall * 1000, "µs"));
  rows.push(row("select 10% of time (300×20000, 10× bigger)", timeIt(() => selectTenPercent(big), 2000) * 1000, "µs", selSmall * 1000));

  const copyBaseline = timeIt(() => (small.data as Float64Array).slice(0, 300 * 200), 50);
  rows.push(row("select 10% + read .data (materialise)", timeIt(() => selectTenPercent(small).data, 50), "ms", copyBaseline));

  const plain = timeIt(() => plainRowMax(small.data as Float64Array, 300, 2000), 20);
  rows.push(row('aggregate("time", "max")', timeIt(() => small.aggregate("time", "max"), 20), "ms", plain));
  void patch;
  return rows;
}

await mainIfEntry(import.meta.url, run);
