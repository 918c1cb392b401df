// `npm run bench:curve` (issue 19, part 3): how daspool's and DASCore's costs grow with the number
// of files, over archives that DASCore writes as users' archives look (3 station folders of small
// DASDAE files, DASCore's default attributes). Per size, each library in fresh processes: first
// index, a no-change re-update, select(station, 1 h).getContents() in a new process and warm (a
// process that has run a query), and the peak RSS of the first index. Records a table in
// benchmarks/RESULTS.md and a log-log picture drawn by daspool's own dc.plot.
//
// Run: npx tsx benchmarks/costCurve.ts [--sizes 300,3000,30000] [--no-build]
// The 30,000-file archive (~0.9 GB) takes DASCore a few minutes to write; it is kept and reused.

import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import * as dc from "../src/index.ts";
import { buildPackage } from "./lib.ts";
import { dascorePython } from "./dascore/python.ts";
import { recordSection } from "./dascore/record.ts";
import { buildArchive, machineLine, runSide, type Figure, type Side } from "./dascore/sides.ts";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const STATIONS = 3;
/** Small files: 10 channels × 250 samples at 25 Hz (10 s each, ~30 kB). */
const [CHANNELS, SAMPLES, RATE] = [10, 250, 25];

const STEPS = [
  { step: "index", label: "first index" },
  { step: "reindex", label: "no-change re-update" },
  { step: "contents1h", label: "select(station, 1 h).getContents(), new process" },
  { step: "contents1hWarm", label: "select(station, 1 h).getContents(), warm" },
] as const;

/** The goals at 30,000 files, as checks on daspool's figures. */
function goalOf(step: string, files: number): string {
  if (files < 30_000) return "";
  switch (step) {
    case "index":
      return "≥ 1,000 files/s";
    case "reindex":
      return "≤ 0.5 s";
    case "contents1h":
      return "≤ 0.3 s";
    case "contents1hWarm":
      return "≤ 0.02 s";
    default:
      return "";
  }
}

function parseSizes(argv: string[]): number[] {
  const i = argv.indexOf("--sizes");
  const text = i >= 0 ? argv[i + 1]! : "300,3000,30000";
  return text.split(",").map((s) => Number(s.replace(/_/g, "")));
}

type Row = { files: number; step: string; label: string; figures: Record<Side, Figure> };

/**
 * A log-log chart of every series, drawn by dc.plot: the lines are rasterised into a patch over
 * (log10 s, log10 files) whose samples hold the series number (0 = background), shown as a
 * waterfall, so both axes are true log scales with daspool's own ticks.
 */
async function drawCurve(rows: readonly Row[], out: string): Promise<void> {
  const sizes = [...new Set(rows.map((r) => r.files))].sort((a, b) => a - b);
  const series: { name: string; values: number[] }[] = [];
  for (const { step, label } of STEPS) {
    for (const side of ["daspool", "dascore"] as const) {
      const values = sizes.map((n) => rows.find((r) => r.files === n && r.step === step)!.figures[side].ms / 1000);
      series.push({ name: `${side} ${step}`, values });
    }
  }
  const xs = sizes.map(Math.log10);
  const ys = series.flatMap((s) => s.values.map(Math.log10));
  const [x0, x1] = [Math.min(...xs) - 0.1, Math.max(...xs) + 0.1];
  const [y0, y1] = [Math.floor(Math.min(...ys) * 2) / 2 - 0.25, Math.ceil(Math.max(...ys) * 2) / 2 + 0.25];
  const [NX, NY] = [320, 240];
  const data = new Float64Array(NY * NX);
  const row = (y: number) => Math.round(((y1 - y) / (y1 - y0)) * (NY - 1)); // top row = largest time
  const col = (x: number) => Math.round(((x - x0) / (x1 - x0)) * (NX - 1));
  series.forEach((s, k) => {
    for (let j = 0; j + 1 < sizes.length; j++) {
      const [xa, xb, ya, yb] = [xs[j]!, xs[j + 1]!, Math.log10(s.values[j]!), Math.log10(s.values[j + 1]!)];
      for (let t = 0; t <= 400; t++) {
        const f = t / 400;
        const [r, c] = [row(ya + f * (yb - ya)), col(xa + f * (xb - xa))];
        for (const [dr, dc2] of [[0, 0], [1, 0], [0, 1]] as const) data[Math.min(NY - 1, r + dr) * NX + Math.min(NX - 1, c + dc2)] = k + 1;
      }
    }
  });
  const patch = new dc.Patch({
    data,
    dims: ["log10_seconds", "log10_files"],
    coords: {
      log10_seconds: Array.from({ length: NY }, (_, i) => y1 - (i * (y1 - y0)) / (NY - 1)),
      log10_files: Array.from({ length: NX }, (_, i) => x0 + (i * (x1 - x0)) / (NX - 1)),
    },
    attrs: { data_type: "series" },
  });
  // dc.plot's y axis grows downward (as distance does in a DAS waterfall): slower is lower.
  const title = "slower is lower; odd daspool, even DASCore: 1-2 index, 3-4 re-update, 5-6 select, 7-8 warm select";
  writeFileSync(out, await dc.plot(patch, { kind: "waterfall", cmap: "viridis", vmin: 0, vmax: series.length, clip: 100, title, width: 1100, height: 720 }));
}

/** Runs the curve and returns its markdown section (also printed). */
export async function runCurve(sizes: readonly number[], build: boolean): Promise<string | null> {
  const python = dascorePython();
  if (typeof python !== "string") {
    console.log(`costCurve skipped: ${python.skip}`);
    return null;
  }
  if (build) buildPackage();
  const rows: Row[] = [];
  const loads: number[] = [];
  for (const files of sizes) {
    const archive = `${HERE}data/dascore-small-${files}`;
    console.log(`archive ${archive}: ${buildArchive(python, archive, STATIONS, Math.round(files / STATIONS), CHANNELS, SAMPLES, RATE)}`);
    for (const { step, label } of STEPS) {
      const figures = {} as Record<Side, Figure>;
      for (const side of ["dascore", "daspool"] as const) {
        loads.push(loadavg()[0]!);
        figures[side] = runSide(side, python, step, archive);
        console.log(`${files} ${step} ${side}: ${figures[side].ms.toFixed(1)} ms, ${figures[side].rssMiB.toFixed(0)} MiB (check ${JSON.stringify(figures[side].check)})`);
      }
      if (JSON.stringify(figures.dascore.check) !== JSON.stringify(figures.daspool.check)) {
        throw new Error(`${files} files, ${step}: DASCore and daspool disagree: ${JSON.stringify(figures.dascore.check)} vs ${JSON.stringify(figures.daspool.check)}`);
      }
      rows.push({ files, step, label, figures });
    }
  }
  const png = `${HERE}cost-curve.png`;
  await drawCurve(rows, png);
  const table = rows.map(({ files, step, label, figures: { dascore: d, daspool: o } }) => {
    const rate = step === "index" ? ` (${Math.round(files / (o.ms / 1000))} files/s)` : "";
    const rss = step === "index" ? ` | ${d.rssMiB.toFixed(0)} / ${o.rssMiB.toFixed(0)}` : " | ";
    return `| ${files.toLocaleString("en")} | ${label} | ${(d.ms / 1000).toFixed(3)} | ${(o.ms / 1000).toFixed(3)}${rate} | ${(d.ms / o.ms).toFixed(2)}×${rss} | ${goalOf(step, files)} |`;
  });
  const section = [
    `Run ${new Date().toISOString().replace("T", " ").slice(0, 16)} UTC on ${machineLine()}; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}.`,
    `Archives written by DASCore: ${STATIONS} station folders of DASDAE files of ${CHANNELS} channels × ${SAMPLES} samples (${SAMPLES / RATE} s at ${RATE} Hz), DASCore's default attributes. One fresh process per library and step. Peak RSS is the whole process's (MiB).`,
    "",
    "| files | step | DASCore s | daspool s | speedup | peak RSS MiB (DASCore / daspool) | goal |",
    "| ---: | --- | ---: | ---: | ---: | ---: | --- |",
    ...table,
    "",
    "![cost curve](cost-curve.png)",
  ].join("\n");
  console.log(section);
  return section;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = await runCurve(parseSizes(process.argv.slice(2)), !process.argv.includes("--no-build"));
  if (section) recordSection("costCurve", section);
}
