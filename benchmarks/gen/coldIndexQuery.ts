// Child process of index.bench.ts: opens a directory index cold (new process, new DuckDB instance)
// and runs one time-window + station-glob query and its count. Prints JSON timings on stdout.
import { countIndex, openIndex, queryIndex } from "../../storage/index/index.ts";
import type { IndexQuery } from "../../storage/index/index.ts";

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
process.stdout.write(JSON.stringify({ rows: rows.length, count, queryMs: t1 - t0, countMs: performance.now() - t1 }) + "\n");
