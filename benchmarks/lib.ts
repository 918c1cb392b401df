// Shared benchmark plumbing: the row every benchmark reports, timing helpers, table output, and
// building and running the built package in fresh node processes.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Builds the package as `npm run build` does (tsc into dist/, then the bundle in dist/bundle/),
 * so that benchmark children run the current code as users run it. A type error does not stop
 * it: tsc still emits (someone's work in progress must not block a benchmark).
 * @example
 * ```ts
 * buildPackage(); // dist/ and dist/bundle/ now match the sources
 * ```
 */
export function buildPackage(): void {
  try {
    execFileSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "ignore" });
  } catch (e) {
    if (!existsSync(`${ROOT}dist/src/index.js`)) throw e;
  }
  execFileSync(process.execPath, [`${ROOT}scripts/bundle.mjs`], { cwd: ROOT, stdio: "inherit" });
}

/**
 * Runs an ESM `script` in a fresh plain-node process (its own peak RSS and CPU) and returns the
 * JSON object on the last line it prints.
 * @example
 * ```ts
 * const figures = runNodeScript<{ wallMs: number }>(`process.stdout.write(JSON.stringify({ wallMs: 1 }))`);
 * ```
 */
export function runNodeScript<T>(script: string): T {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
    timeout: 30 * 60_000,
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as T;
}

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
