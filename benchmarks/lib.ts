// Shared benchmark plumbing: the row every benchmark reports, timing helpers, and table output.

import { pathToFileURL } from "node:url";

/** One benchmark figure; `ratio` is value / baseline when a baseline was measured in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  baselineName?: string;
  ratio?: number;
  /** The target the issue sets, in words (e.g. "≤ 50 ms"). */
  target?: string;
}

/** A row, with the ratio computed when there is a baseline. */
export function benchRow(
  name: string,
  value: number,
  unit: string,
  extra: { baseline?: number; baselineName?: string; target?: string } = {},
): BenchRow {
  const r: BenchRow = { name, value, unit, ...extra };
  if (extra.baseline !== undefined && extra.baseline !== 0) r.ratio = value / extra.baseline;
  return r;
}

/** Median wall time in ms of `fn` over `iterations` runs, after `warmup` runs. */
export async function medianMs(fn: () => unknown, iterations = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1]!;
}

function fmt(v: number | undefined): string {
  if (v === undefined) return "";
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

/** A markdown table of rows. */
export function table(rows: readonly BenchRow[]): string {
  const lines = [
    "| benchmark | value | unit | baseline | ratio | target |",
    "| --- | ---: | --- | ---: | ---: | --- |",
  ];
  for (const r of rows) {
    const base = r.baseline === undefined ? "" : `${fmt(r.baseline)}${r.baselineName ? ` (${r.baselineName})` : ""}`;
    lines.push(`| ${r.name} | ${fmt(r.value)} | ${r.unit} | ${base} | ${r.ratio === undefined ? "" : `${fmt(r.ratio)}×`} | ${r.target ?? ""} |`);
  }
  return lines.join("\n");
}

/** Runs `run` and prints its table when the calling module is the process entry point. */
export async function mainIfEntry(metaUrl: string, run: () => Promise<BenchRow[]>): Promise<void> {
  if (process.argv[1] && pathToFileURL(process.argv[1]).href === metaUrl) {
    console.log(table(await run()));
  }
}
