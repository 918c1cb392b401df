// The ambient-noise job (examples/ambientNoise/run.ts) over the built package in a fresh plain
// node process, as a user runs it: index from scratch, one-minute windows mapped on worker
// threads, concatenated on a `window` dimension and averaged. Prints one JSON line:
// {"ms": wall time from the first call (index included, as DASCore's side includes its update),
//  "shape": [...], "stack": [...]}.
// usage: node ambientJob.mjs DIR WORKERS BAND_LO BAND_HI MAX_LAG_S
import { rmSync } from "node:fs";

const [dir, workers, lo, hi, maxLag] = process.argv.slice(2);
const dc = await import(new URL("../../dist/bundle/index.js", import.meta.url).href);
rmSync(`${dir}/.daspool`, { recursive: true, force: true });
const t = performance.now();
const args = { band: [Number(lo), Number(hi)], source: 0, maxLag: Number(maxLag) };
const task = dc.workerTask(new URL("./noiseCorrelation.mjs", import.meta.url).href, "noiseCorrelation", args);
const stacked = await dc.spool(dir).chunk({ time: 60 }).map(task, { workers: Number(workers) }).concatenate({ window: null }).get(0);
const cc = stacked.aggregate("window", "mean").squeeze("window");
const ms = performance.now() - t;
process.stdout.write(JSON.stringify({ ms, shape: [...cc.shape], stack: Array.from(cc.data) }) + "\n");
