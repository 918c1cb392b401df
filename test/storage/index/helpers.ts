// Fixtures for the directory-index tests: temp folders, small generated DASDAE files and copies of
// real files (originals are never touched), and a private XDG cache per test file.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { writeFile } from "../../../storage/formats/registry.ts";
import type { RawPatch } from "../../../storage/formats/types.ts";

/** Real data files, read-only. */
export const REAL = new URL("../../../../shared/data/real", import.meta.url).pathname;

/** 2020-01-03T00:00:00Z in ns. */
export const T0 = 1_578_009_600_000_000_000n;
export const SEC = 1_000_000_000n;

/** A fresh temp folder (removed by the returned cleanup). */
export function tempDir(prefix = "daspool-index-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Points the user cache at a temp folder for the duration of a test file. */
export function isolateCache(): () => void {
  const old = process.env["XDG_CACHE_HOME"];
  const { dir, cleanup } = tempDir("daspool-cache-");
  process.env["XDG_CACHE_HOME"] = dir;
  return () => {
    if (old === undefined) delete process.env["XDG_CACHE_HOME"];
    else process.env["XDG_CACHE_HOME"] = old;
    cleanup();
  };
}

/** Options of {@link smallPatch}. */
export interface SmallPatchOptions {
  station?: string;
  network?: string;
  tag?: string;
  /** Start time in ns (default T0). */
  t0?: bigint;
  /** Samples along time (default 50) at `step` ns (default 10 ms). */
  nt?: number;
  step?: bigint;
  nd?: number;
  distance0?: number;
}

/** A small distance×time RawPatch with DASDAE-style attributes. */
export function smallPatch(o: SmallPatchOptions = {}): RawPatch {
  const nd = o.nd ?? 4;
  const nt = o.nt ?? 50;
  return {
    data: new Float32Array(nd * nt),
    dims: ["distance", "time"],
    shape: [nd, nt],
    coords: {
      distance: { kind: "range", start: o.distance0 ?? 0, step: 1, length: nd, units: "m", dtype: "float64" },
      time: { kind: "range", start: o.t0 ?? T0, step: o.step ?? 10_000_000n, length: nt, units: "s", dtype: "datetime64" },
    },
    attrs: {
      station: o.station ?? "STA",
      network: o.network ?? "NET",
      tag: o.tag ?? "raw",
      data_type: "strain_rate",
      data_category: "DAS",
    },
  };
}

/** Writes a one-patch DASDAE file at `path` (folders created). */
export async function writeDasdae(path: string, o: SmallPatchOptions = {}): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  await writeFile([smallPatch(o)], path, "DASDAE");
}

/** Copies a real file into `dest` (folders created); optionally sets its mtime (seconds). */
export function copyReal(name: string, dest: string, mtimeSec?: number): void {
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(join(REAL, name), dest);
  if (mtimeSec !== undefined) utimesSync(dest, mtimeSec, mtimeSec);
}
