// Runs one benchmark step on DASCore (steps.py) or on daspool (daspoolSteps.mjs), each in a fresh
// process, and the small statistics both side-by-side benchmarks share.

import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));

/** The archive's first sample (2024-01-01), as archive.py writes it. */
export const T0_NS = 1704067200000000000n;

export type Side = "dascore" | "daspool";

/** One step's wall time, the value both libraries must agree on, and the process's peak RSS. */
export interface Figure {
  ms: number;
  check: unknown;
  rssMiB: number;
}

/**
 * Runs `step` over `archive` on one side, in a new process.
 * @example
 * ```ts
 * runSide("daspool", python, "index", "benchmarks/data/dascore-anchor-100").ms;
 * ```
 */
export function runSide(side: Side, python: string, step: string, archive: string, station = "s1"): Figure {
  const args = [step, archive, station, T0_NS.toString()];
  const out =
    side === "dascore"
      ? execFileSync(python, [`${HERE}steps.py`, ...args], { encoding: "utf8", maxBuffer: 1 << 24 })
      : execFileSync(process.execPath, [`${HERE}daspoolSteps.mjs`, ...args], { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split("\n").at(-1)!) as Figure;
}

/** The median (upper median for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** The machine line of a RESULTS.md section. */
export function machineLine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** Builds (or reuses) a DASCore-written archive with archive.py; returns archive.py's report. */
export function buildArchive(python: string, dir: string, stations: number, files: number, channels: number, samples: number, rate: number): string {
  return execFileSync(python, [`${HERE}archive.py`, dir, String(stations), String(files), String(channels), String(samples), String(rate)], {
    encoding: "utf8",
  }).trim();
}
