// Field-by-field comparison of DASCore's answer with daspool's: count, contents rows, and every
// output patch's dims, shape, coordinates and data checksum. Returns the differences as text.

import type { Answer, ContentsRow, CoordSummary, PatchSummary } from "./fixtures.ts";
import { isError, type DaspoolAnswer } from "./run.ts";

const REL = 1e-9;

function close(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) <= REL * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return false;
}

function coordDiffs(where: string, e: CoordSummary, g: CoordSummary | undefined, out: string[]): void {
  if (!g) return void out.push(`${where}: missing`);
  for (const k of ["len", "min", "max", "step"] as const) {
    if (!close(e[k], g[k])) out.push(`${where}.${k}: DASCore ${e[k]} daspool ${g[k]}`);
  }
  if (e.values || g.values) {
    const ev = e.values ?? [];
    const gv = g.values ?? [];
    const bad = ev.findIndex((v, i) => !close(v, gv[i]));
    if (ev.length && gv.length && (bad >= 0 || ev.length !== gv.length)) {
      out.push(`${where}.values differ at ${bad}: DASCore ${ev[bad]} daspool ${gv[bad]}`);
    }
  }
}

function patchDiffs(i: number, e: PatchSummary, g: PatchSummary, out: string[]): void {
  const at = `patch[${i}]`;
  if (e.dims.join(",") !== g.dims.join(",")) out.push(`${at}.dims: DASCore ${e.dims} daspool ${g.dims}`);
  if (e.shape.join(",") !== g.shape.join(",")) out.push(`${at}.shape: DASCore ${e.shape} daspool ${g.shape}`);
  for (const d of e.dims) coordDiffs(`${at}.${d}`, e.coords[d]!, g.coords[d], out);
  for (const k of ["network", "station", "tag"]) {
    if ((e.attrs[k] ?? "") !== (g.attrs[k] ?? "")) out.push(`${at}.${k}: DASCore "${e.attrs[k]}" daspool "${g.attrs[k]}"`);
  }
  for (const [k, v] of Object.entries(e.check)) {
    if (!close(v, g.check[k])) out.push(`${at}.data ${k}: DASCore ${v} daspool ${g.check[k]}`);
  }
}

function rowDiffs(i: number, e: ContentsRow, g: ContentsRow, out: string[]): void {
  for (const [k, v] of Object.entries(e)) {
    // DASCore writes a missing data_category as "" in memory and None in some paths
    const ev = v === null && k !== "time_step" && k !== "distance_step" ? "" : v;
    const gv = g[k] === null && k !== "time_step" && k !== "distance_step" ? "" : g[k];
    if (!close(ev, gv)) out.push(`contents[${i}].${k}: DASCore ${v} daspool ${g[k]}`);
  }
}

/** Differences between a successful DASCore answer and daspool's; [] when they agree. */
export function diffAnswers(e: Answer, g: DaspoolAnswer, limit = 6): string[] {
  const out: string[] = [];
  if (e.count !== undefined) {
    if (isError(g.count)) out.push(`count: DASCore ${e.count}, daspool raised ${g.count.class}: ${g.count.message}`);
    else if (e.count !== g.count) out.push(`count: DASCore ${e.count} daspool ${g.count}`);
  }
  if (e.contents !== undefined) {
    if (isError(g.contents)) out.push(`contents: daspool raised ${g.contents.class}: ${g.contents.message}`);
    else {
      if (e.contents.length !== g.contents.length) out.push(`contents rows: DASCore ${e.contents.length} daspool ${g.contents.length}`);
      const rows = g.contents;
      e.contents.forEach((row, i) => rows[i] && rowDiffs(i, row, rows[i], out));
    }
  }
  if (e.patches !== undefined) {
    if (isError(g.patches)) out.push(`patches: daspool raised ${g.patches.class}: ${g.patches.message}`);
    else {
      if (e.patches.length !== g.patches.length) out.push(`patches: DASCore ${e.patches.length} daspool ${g.patches.length}`);
      const patches = g.patches;
      e.patches.forEach((p, i) => patches[i] && patchDiffs(i, p, patches[i], out));
    }
  }
  return out.slice(0, limit);
}
