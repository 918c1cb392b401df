// Child process of index.bench.ts: the floor under any cold index query — node starts, loads
// DuckDB's C API (@duckdb/node-bindings), opens an in-memory database and counts the same
// time-window + station-glob rows of the index's Parquet files once, with no daspool code.
// Usage: node coldDuckFloor.mjs INDEX_DIR LO_NS HI_NS PATTERN   (prints the count)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const [indexDir, lo, hi, pattern] = process.argv.slice(2);
const b = createRequire(import.meta.url)("@duckdb/node-bindings");
const config = b.create_config();
b.set_config(config, "threads", "1");
const db = await b.open(":memory:", config);
const conn = await b.connect(db);
const files = JSON.parse(readFileSync(join(indexDir, "manifest.json"), "utf8")).parquet.map((p) => join(indexDir, p));
const stmt = await b.prepare(
  conn,
  `SELECT count(*) FROM read_parquet([${files.map((_, i) => `$${i + 1}`).join(", ")}]) ` +
    `WHERE time_max >= $${files.length + 1} AND time_min <= $${files.length + 2} AND station GLOB $${files.length + 3}`,
);
files.forEach((f, i) => b.bind_varchar(stmt, i + 1, f));
b.bind_value(stmt, files.length + 1, b.create_timestamp_ns({ nanos: BigInt(lo) }));
b.bind_value(stmt, files.length + 2, b.create_timestamp_ns({ nanos: BigInt(hi) }));
b.bind_varchar(stmt, files.length + 3, pattern); // "ST00*" means the same in fnmatch and DuckDB GLOB
const result = await b.execute_prepared(stmt);
const chunk = await b.fetch_chunk(result);
const count = b.vector_get_data(b.data_chunk_get_vector(chunk, 0), 8);
process.stdout.write(`${new BigInt64Array(count.buffer, count.byteOffset, 1)[0]}\n`);
