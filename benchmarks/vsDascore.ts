// `npm run bench:dascore` (issue 19): DASCore's own workload on DASCore and on daspool, over the
// same DASDAE archive written by DASCore, in alternating rounds of fresh processes (host speed
// drifts within minutes, so both sides of a ratio are measured minutes apart at most).
//
// Steps: first index; select(station, 5 min).getContents() in a new spool; merge one station
// (chunk(time=None)[0]) and load it; chunk(time=30, overlap=5) + map max over time on 2 workers;
// band-pass, decimate and RMS per channel per minute with spool.map on 2 workers; import to
// first result. Each side prints a check value (row counts, shapes, sums) and the run
// fails when the two libraries disagree, so a fast wrong answer cannot pass.
//
// Run: npx tsx benchmarks/vsDascore.ts [--rounds 3] [--files 100] [--no-build]
// DASCore comes from $DASCORE_PYTHON, or a cached venv installed from ../shared/tools/dascore
// (benchmarks/data/dascore-venv); where it cannot be installed the benchmark skips, saying why.

import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { buildPackage } from "./lib.ts";
import { dascorePython } from "./dascore/python.ts";
import { recordSection } from "./dascore/record.ts";
import { buildArchive, machineLine, median, runSide, type Side } from "./dascore/sides.ts";

const HERE = fileURLToPath(new URL(".", import.meta.url));

interface Options {
  rounds: number;
  files: number;
  build: boolean;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string, dflt: number): number => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  return { rounds: get("rounds", 3), files: get("files", 100), build: !argv.includes("--no-build") };
}


const STEPS = [
  { step: "index", label: "first index of the archive" },
  { step: "contents", label: "select(station, 5-min window).getContents() in a new spool" },
  { step: "merge", label: "merge one station (chunk(time=None)[0]) and load" },
  { step: "map", label: "chunk(time=30, overlap=5) + map max over time, 2 workers" },
  { step: "bandRms", label: "band-pass 5–20 Hz, decimate 4, RMS per channel per minute: chunk(time=60) + map, 2 workers" },
  { step: "import", label: "import to first result (contents of a select)" },
] as const;

/** Runs the comparison and returns its markdown section (also printed). */
export async function runComparison(options: Options): Promise<string | null> {
  const python = dascorePython();
  if (typeof python !== "string") {
    console.log(`vsDascore skipped: ${python.skip}`);
    return null;
  }
  if (options.build) buildPackage();
  const archive = `${HERE}data/dascore-anchor-${options.files}`;
  console.log(`archive ${archive}: ${buildArchive(python, archive, 3, options.files, 300, 2500, 250)}`);
  const times: Record<string, Record<Side, number[]>> = {};
  const loads: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Alternate which side goes first, so neither always meets a warmer page cache.
    const order: Side[] = round % 2 === 0 ? ["dascore", "daspool"] : ["daspool", "dascore"];
    for (const { step } of STEPS) {
      const checks: Partial<Record<Side, unknown>> = {};
      for (const side of order) {
        loads.push(loadavg()[0]!);
        const f = runSide(side, python, step, archive);
        ((times[step] ??= { dascore: [], daspool: [] })[side]).push(f.ms);
        checks[side] = f.check;
        console.log(`round ${round + 1} ${step} ${side}: ${f.ms.toFixed(1)} ms (check ${JSON.stringify(f.check)})`);
      }
      if (JSON.stringify(checks.dascore) !== JSON.stringify(checks.daspool)) {
        throw new Error(`${step}: DASCore and daspool disagree: ${JSON.stringify(checks.dascore)} vs ${JSON.stringify(checks.daspool)}`);
      }
    }
  }
  const rows = STEPS.map(({ step, label }) => {
    const d = times[step]!.dascore;
    const o = times[step]!.daspool;
    const speedup = median(d) / median(o);
    const range = (xs: number[]): string => `${(Math.min(...xs) / 1000).toFixed(3)}–${(Math.max(...xs) / 1000).toFixed(3)}`;
    return `| ${label} | ${(median(d) / 1000).toFixed(3)} (${range(d)}) | ${(median(o) / 1000).toFixed(3)} (${range(o)}) | ${speedup.toFixed(2)}× | ≥ 3× |`;
  });
  const machine = machineLine();
  const when = new Date().toISOString().replace("T", " ").slice(0, 16);
  const section = [
    `Run ${when} UTC on ${machine}; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during the run.`,
    `Archive written by DASCore: 3 stations × ${options.files} DASDAE files of 300 channels × 2,500 float64 samples (10 s at 250 Hz), DASCore's default attributes.`,
    `Median of ${options.rounds} alternating rounds, each step a fresh process per library; seconds (min–max). Speedup = DASCore / daspool.`,
    "",
    "| step | DASCore s | daspool s | speedup | goal |",
    "| --- | ---: | ---: | ---: | --- |",
    ...rows,
  ].join("\n");
  console.log(section);
  return section;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = await runComparison(parseArgs(process.argv.slice(2)));
  if (section) recordSection("vsDascore", section);
}
