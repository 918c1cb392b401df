// Child process of index.bench.ts: the cold query as a user writes it with the public API —
// import the built package, spool a directory, select a time window and a station glob, count
// the outputs, and (with "contents") then read their contents table. Plain JavaScript so that
// `node` runs it as is. Prints JSON timings on stdout.
// Usage: node coldSpoolQuery.mjs DIST_ROOT DIR LO_NS HI_NS PATTERN [count|contents]
import { join } from "node:path";
import { pathToFileURL } from "node:url";

// Timed as coldIndexQuery.mjs is (process.hrtime / process.uptime: no node:perf_hooks).
const now = () => Number(process.hrtime.bigint()) / 1e6;
const t0 = now();
const [dist, dir, lo, hi, pattern, then = "count"] = process.argv.slice(2);
const dc = await import(pathToFileURL(join(dist, "bundle/index.js")).href); // the package entry
const tImported = now();
const sp = dc.spool(dir).select({ time: [BigInt(lo), BigInt(hi)], station: pattern });
const count = await sp.count();
const tCounted = now();
const contents = then === "contents" ? await sp.getContents() : null;
const cpu = process.cpuUsage(); // since process start
process.stdout.write(
  JSON.stringify({
    count,
    contentsRows: contents?.numRows ?? null,
    importMs: tImported - t0,
    countMs: tCounted - tImported,
    contentsMs: now() - tCounted,
    cpuMs: (cpu.user + cpu.system) / 1000,
    // process.uptime() counts from the process's start: node's own start-up is before t0.
    countedSinceStartMs: process.uptime() * 1000 - (now() - tCounted),
    sinceStartMs: process.uptime() * 1000,
  }) + "\n",
);
