// Child process of index.bench.ts: opens a directory index cold (new process, new DuckDB instance)
// and runs one time-window + station-glob query and its count. Prints JSON timings on stdout.
// Imports the query side only (not update/scan, which load every format reader).
import { openIndex } from "../../storage/index/open.ts";
import { countIndex, queryIndex } from "../../storage/index/query.ts";
import type { IndexQuery } from "../../storage/index/types.ts";

const t0 = performance.now();
const [dir, lo, hi, pattern] = process.argv.slice(2);
const q: IndexQuery = {
  predicates: [
    { kind: "range", column: "time", lo: BigInt(lo!), hi: BigInt(hi!) },
    { kind: "glob", column: "station", pattern: pattern! },
  ],
};
const index = await openIndex(dir!);
const rows = await queryIndex(index, q);
const t1 = performance.now();
const count = await countIndex(index, q);
const cpu = process.cpuUsage(); // since process start: node, tsx, imports, DuckDB, query
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(JSON.stringify({ rows: rows.length, count, queryMs: t1 - t0, countMs: performance.now() - t1, cpuMs }) + "\n");
