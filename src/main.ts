// `npm start`: the main job on an embedded default (DuckDB runs in-process: nothing to start).
// Generates a seeded demo archive if absent, indexes it with a progress bar, runs a fluent query
// (select → chunk with overlap → map on worker threads → concatenate), prints explain with
// measured figures, and writes a waterfall PNG of the result: the channel energy of station BBB,
// where a vehicle drives along the fibre (a diagonal), an earthquake lights every channel at
// 00:14, and two missing files leave a gap. A second run reuses archive and index.

import { realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as dc from "./index.ts";
import { ensureDemoArchive } from "./examples/demoArchive.ts";
import { Progress } from "./cli/progress.ts";

/** The demo's question: per-channel energy of station BBB from 00:08 to 00:18 in 60 s windows, 10 s overlap. */
export function demoQuery(archive: dc.Spool, energy: dc.WorkerTask | ((p: dc.Patch) => dc.Patch), workers = 2): dc.Spool {
  return archive
    .select({ station: "B*", time: ["2024-01-01T00:08:00", "2024-01-01T00:18:00"] })
    .chunk({ time: 60, overlap: 10 })
    .map(energy as dc.WorkerTask, { workers })
    .concatenate({ time: null });
}

/** The demo figure's options: energy is one-signed, so a sequential map. */
export const DEMO_PLOT: dc.PlotOptions = {
  title: "station BBB: channel energy in 60 s windows",
  width: 900,
  height: 500,
};

async function main(): Promise<void> {
  const mode = process.stderr.isTTY ? "bar" : "lines";
  const t0 = performance.now();
  console.log("daspool demo: DASCore's Spool model, lazy, over a DuckDB-indexed archive\n");

  const gen = new Progress("generating demo archive", mode, { write: (t) => process.stderr.write(t) });
  const { dir, created } = await ensureDemoArchive((p, path) => dc.write(p, path), { onProgress: (e) => gen.update(e) });
  if (created) gen.finish();
  console.log(`archive: ${dir} (${created ? "generated now" : "reused"})`);

  const idx = new Progress("indexing", mode, { write: (t) => process.stderr.write(t) });
  const tIndex = performance.now();
  const archive = await dc.spool(dir).update({ onProgress: (e) => idx.update(e) });
  idx.finish();
  const report = archive.lastUpdate!;
  console.log(
    `index: ${report.rows} patches; this update: ${report.added} new, ${report.changed} changed, ` +
      `${report.removed} deleted, ${report.failed.length} failed, ${report.unchanged} unchanged ` +
      `(${(performance.now() - tIndex).toFixed(0)} ms)`,
  );
  console.log(`\n${archive.toString()}`);
  const contents = await archive.getContents();
  console.log(`contents: ${contents.numRows} rows × ${contents.numCols} columns, from the index alone`);

  // The task module sits beside this file: tasks.ts from source (tsx), tasks.js when built.
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const energy = dc.workerTask(new URL(`./examples/tasks.${ext}`, import.meta.url), "channelEnergy");
  const query = demoQuery(archive, energy);

  const tRun = performance.now();
  console.log(`\n${await query.explain({ analyze: true })}`);
  const result = (await query.get(0)) as dc.Patch;
  const runMs = performance.now() - tRun;

  console.log(`\nresult: ${result.toString()}`);
  const png = join(dir, "..", "demo-energy.png");
  writeFileSync(png, await dc.plot(result, DEMO_PLOT));
  console.log(`\nwaterfall: ${png}`);
  console.log(`query (explain --analyze, then get): ${runMs.toFixed(0)} ms; whole demo: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

// Run only as the entry point, so scripts/readme-plot.ts can import the query and figure options.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof dc.DaspoolError ? `daspool: ${error.message}` : error);
    process.exitCode = 1;
  });
}
