// `npm start`: the main job on an embedded default (DuckDB runs in-process: nothing to start).
// Generates a seeded demo archive if absent, indexes it with a progress bar, runs a fluent query
// (select → chunk with overlap → map on worker threads → concatenate), prints explain with
// measured figures, and writes a waterfall PNG of the result. A second run reuses archive and index.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as dc from "./index.ts";
import { ensureDemoArchive } from "./examples/demoArchive.ts";
import { Progress } from "./cli/progress.ts";
import { renderWaterfall } from "./plot/index.ts";

const mode = process.stderr.isTTY ? "bar" : "lines";

async function main(): Promise<void> {
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
  const query = archive
    .select({ station: "B*", time: ["2024-01-01T00:08:00", "2024-01-01T00:18:00"] })
    .chunk({ time: 60, overlap: 10 })
    .map(energy, { workers: 2 })
    .concatenate({ time: null });

  const tRun = performance.now();
  console.log(`\n${await query.explain({ analyze: true })}`);
  const result = (await query.get(0)) as dc.Patch;
  const runMs = performance.now() - tRun;

  console.log(`\nresult: ${result.toString()}`);
  const png = join(dir, "..", "demo-energy.png");
  writeFileSync(png, renderWaterfall(result, { title: "channel energy, station BBB (60 s windows, 10 s overlap)" }));
  console.log(`\nwaterfall: ${png}`);
  console.log(`query (explain --analyze, then get): ${runMs.toFixed(0)} ms; whole demo: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof dc.DaspoolError ? `daspool: ${error.message}` : error);
  process.exitCode = 1;
});
