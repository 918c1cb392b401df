// Spool planner benchmark on a 1,000-patch in-memory spool: building the plan, getContents,
// chunk().count() from metadata, and iterating chunk({time: null}) — the merge's throughput next
// to a plain TypedArray.set of the same bytes. Run: npx tsx benchmarks/spool.bench.ts

import * as dc from "../src/index.ts";
import { benchRow, mainIfEntry, medianMs, type BenchRow } from "./lib.ts";

const PATCHES = 1000;
/** Metadata figures do not depend on sample counts: small patches keep GC noise out of them. */
const META_SHAPE: [number, number] = [10, 1000];
/** Merge figures: 100 channels × 1000 samples of float64 (800 kB) per patch, 80 MB in all. */
const MERGE_PATCHES = 100;
const MERGE_SHAPE: [number, number] = [100, 1000];

/** Runs the spool benchmarks. */
export async function run(): Promise<BenchRow[]> {
  const sp = dc.getExampleSpool("random_das", { length: PATCHES, shape: META_SHAPE });
  await sp.count(); // summarise the in-memory patches once, as any first call does
  const rows: BenchRow[] = [];

  const build = await medianMs(() => sp.select({ time: ["2020-01-03T00:10:00", null] }).chunk({ time: 60, overlap: 10 }), 20);
  rows.push(benchRow("build a select → chunk plan (1,000 patches)", build, "ms", { target: "< 50 ms" }));

  const contents = await medianMs(() => sp.getContents(), 9, 3);
  rows.push(benchRow("getContents() of 1,000 patches", contents, "ms", { target: "< 50 ms" }));

  const count = await medianMs(() => sp.chunk({ time: 60 }).count(), 9, 3);
  rows.push(benchRow("chunk({time: 60}).count() on 1,000 patches", count, "ms", { target: "< 50 ms" }));

  rows.push(await mergeThroughput());
  return rows;
}

/**
 * Iterating chunk({time: null}) merges every source into one preallocated output. The baseline
 * does the same copies with TypedArray.set into a fresh buffer of the same size: on these VMs
 * first-touching fresh memory dominates both, so the baseline pays it too.
 */
async function mergeThroughput(): Promise<BenchRow> {
  const sp = dc.getExampleSpool("random_das", { length: MERGE_PATCHES, shape: MERGE_SHAPE });
  const sources = (await sp.collect()) as dc.Patch[];
  const arrays = sources.map((p) => p.getArray() as Float64Array);
  const [rowsPerPatch, cols] = MERGE_SHAPE;
  const bytes = MERGE_PATCHES * rowsPerPatch * cols * 8;
  const merged = sp.chunk({ time: null });
  const mergeMs = await medianMs(async () => {
    for await (const _ of merged);
  }, 3);
  const setMs = await medianMs(() => {
    const out = new Float64Array(bytes / 8);
    const width = cols * MERGE_PATCHES;
    arrays.forEach((d, k) => {
      for (let r = 0; r < rowsPerPatch; r++) out.set(d.subarray(r * cols, (r + 1) * cols), r * width + k * cols);
    });
    return out;
  }, 3);
  return benchRow(
    `iterate chunk({time: null}) over ${MERGE_PATCHES} patches (${(bytes / 1e6).toFixed(0)} MB)`,
    bytes / 1e6 / (mergeMs / 1000),
    "MB/s",
    { baseline: bytes / 1e6 / (setMs / 1000), baselineName: "TypedArray.set into a fresh buffer", target: "ratio ≥ 0.5" },
  );
}

await mainIfEntry(import.meta.url, run);
