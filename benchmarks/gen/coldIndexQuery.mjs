// Child process of index.bench.ts: what a user's script does on a cold start — import the built
// package's index modules (dist/, no tsx), open a directory index (new process, new DuckDB
// database) and run one time-window + station-glob query and its count. Plain JavaScript so that
// `node` runs it as is. Prints JSON timings on stdout.
// Usage: node coldIndexQuery.mjs DIST_ROOT DIR LO_NS HI_NS PATTERN
import { join } from "node:path";
import { pathToFileURL } from "node:url";

// Timed with process.hrtime and process.uptime, not performance.now(): the global `performance`
// loads node:perf_hooks (~2 ms) on first use, which a user's query script would not pay.
const now = () => Number(process.hrtime.bigint()) / 1e6;
const t0 = now();
const [dist, dir, lo, hi, pattern] = process.argv.slice(2);
const load = (p) => import(pathToFileURL(join(dist, p)).href);
const { openIndex } = await load("storage/index/open.js");
const { queryIndex, countIndex } = await load("storage/index/query.js");
const tImported = now();
/** @type {import("../../storage/index/types.ts").IndexQuery} */
const q = {
  predicates: [
    { kind: "range", column: "time", lo: BigInt(lo), hi: BigInt(hi) },
    { kind: "glob", column: "station", pattern },
  ],
};
const index = await openIndex(dir);
const rows = await queryIndex(index, q);
const t1 = now();
const count = await countIndex(index, q);
const cpu = process.cpuUsage(); // since process start: node, imports, DuckDB, query
process.stdout.write(
  JSON.stringify({
    rows: rows.length,
    count,
    importMs: tImported - t0,
    queryMs: t1 - t0,
    countMs: now() - t1,
    cpuMs: (cpu.user + cpu.system) / 1000,
    // process.uptime() counts from the process's start: node's own start-up is before t0.
    sinceStartMs: process.uptime() * 1000,
  }) + "\n",
);
