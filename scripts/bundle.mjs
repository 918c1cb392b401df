// Bundles the built package (dist/, emitted by tsc) into dist/bundle/: one ESM file per entry
// point (the library, daspool/bullmq, the CLI and the two worker-thread entries) plus shared
// chunks, with dependencies left in node_modules (but DuckDB's JavaScript API: see the end).
// Run after `tsc -p tsconfig.build.json`.
//
// Why: Node 20 loads ESM module by module (resolve, stat, read, compile, link); the library is
// ~135 modules and importing it took ~120 ms, bundled ~45 ms, which every script and every CLI
// call pays before its first query. The entries share chunks, so the library, the CLI, and the
// worker threads (whose user task modules import "daspool") all see one copy of each class.
// The worker entries keep their names beside the chunks: pool.ts and scanPool.ts find
// `./worker.js` and `./scanWorker.js` next to their own module, bundled or not.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const dist = join(root, "dist");
const outdir = join(dist, "bundle");

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    index: join(dist, "src/index.js"),
    bullmq: join(dist, "src/bullmq/index.js"),
    cli: join(dist, "src/cli/main.js"),
    worker: join(dist, "planner/workers/worker.js"),
    scanWorker: join(dist, "storage/index/scanWorker.js"),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external", // duckdb, h5wasm, zod, … load from node_modules as they are
  chunkNames: "chunk-[hash]",
  logLevel: "warning",
});

// DuckDB's JavaScript API (not its native module) as one CommonJS file: `require` of the package
// loads its ~60 modules one by one (~50 ms of every index update), this file ~22 ms. Nothing of it
// reaches users (unlike Apache Arrow's Table, which must stay the package's own copy), and
// storage/index/duck.ts falls back to the package when the file is missing or would load another
// copy of the native bindings.
await build({
  entryPoints: [join(root, "node_modules/@duckdb/node-api/lib/index.js")],
  outfile: join(outdir, "duckdb-node-api.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["@duckdb/node-bindings"],
  logLevel: "warning",
});
