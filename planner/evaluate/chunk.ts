// Evaluates chunk on planned items: flattens them to their source hyperslabs (chunk re-plans from
// the original sources), hands rows to the chunk planner and turns its windows into merge items.

import type { CoordSummary } from "../../storage/formats/types.ts";
import type { Item, Member } from "../items.ts";
import type { ChunkSpec } from "../plan.ts";
import type { ChunkSourceRow, ChunkWindow, DimSummary } from "../chunk/types.ts";
import { planChunks } from "../chunk/index.ts";
import { DaspoolError } from "../../src/errors.ts";
import { formatDatetime64 } from "../../src/time.ts";
import { memberCoord, memberSummary } from "./trim.ts";

function dimSummary(c: CoordSummary): DimSummary | null {
  if (c.min === null || c.max === null) return null;
  return { min: c.min, max: c.max, step: c.step, length: c.length };
}

/** The chunk planner's row for one member, or null when it lacks the dimension. */
function memberRow(member: Member, id: number, dim: string): ChunkSourceRow | null {
  const s = memberSummary(member);
  const c = s.coords[dim];
  if (!c || c.min === null || c.max === null || c.length === 0) return null;
  const otherDims: Record<string, DimSummary> = {};
  for (const d of s.dims) {
    if (d === dim) continue;
    const o = s.coords[d] && dimSummary(s.coords[d]!);
    if (o) otherDims[d] = o;
  }
  return {
    id,
    attrs: { ...s.attrs, dims: s.dims.join(",") },
    min: c.min,
    max: c.max,
    step: member.residual[dim] ? null : c.step,
    length: c.length,
    offset: member.index[dim]?.[0] ?? 0,
    otherDims,
  };
}

/** Plans chunk windows over the members of `items`. */
export function evaluateChunk(items: readonly Item[], spec: ChunkSpec): Item[] {
  const members = items.flatMap((item) => item.members);
  const rows: ChunkSourceRow[] = [];
  members.forEach((m, id) => {
    const row = memberRow(m, id, spec.dim);
    if (row) rows.push(row);
  });
  let windows: ChunkWindow[];
  try {
    windows = planChunks(rows, {
      dim: spec.dim,
      length: spec.length,
      overlap: spec.overlap,
      keepPartial: spec.keepPartial,
      snapCoords: spec.snapCoords,
      tolerance: spec.tolerance,
      conflict: spec.conflict,
    });
  } catch (e) {
    throw nameSource(e, members, spec.dim);
  }
  return windows.map((w) => windowItem(w, members));
}

/**
 * A chunk planner error about "source N" rewritten to name that source's file and the selects
 * that leave it out: the planner only knows row positions, the user only knows files.
 */
function nameSource(e: unknown, members: readonly Member[], dim: string): unknown {
  if (!(e instanceof DaspoolError)) return e;
  const m = /source (\d+)/.exec(e.message);
  const member = m ? members[Number(m[1])] : undefined;
  if (!member || member.row.locator.type !== "file") return e;
  const file = member.row.relPath ?? member.row.locator.path;
  const c = memberSummary(member).coords[dim];
  const show = (v: bigint | number) => (typeof v === "bigint" ? formatDatetime64(v) : String(v));
  const hint =
    c && c.min !== null && c.max !== null
      ? `; it spans ${dim} ${show(c.min)} to ${show(c.max)}: leave it out with a select on ${dim} that ends before ` +
        `or starts after that span, or exclude it from the index (update({ exclude: ["${file}"] }), daspool index --exclude ${file})`
      : "";
  e.message = e.message.replace(m![0], `file ${file}${member.row.locator.key ? ` (patch ${member.row.locator.key})` : ""}`).replace(/\.$/, "") + hint;
  return e;
}

function windowItem(w: ChunkWindow, members: readonly Member[]): Item {
  const parts: Member[] = w.members.map((cm) => {
    const m = members[cm.id]!;
    return { ...m, index: { ...m.index, [w.dim]: cm.slice } };
  });
  const first = memberSummary(parts[0]!);
  const base = memberCoord(members[w.members[0]!.id]!, w.dim)!;
  const coords: Record<string, CoordSummary> = {
    ...first.coords,
    [w.dim]: { ...base, min: w.start, max: w.stop, step: w.step, length: w.samples },
  };
  const { dims: _dims, ...attrs } = w.attrs;
  return {
    summary: {
      ...first,
      attrs: attrs as Item["summary"]["attrs"],
      coords,
      shape: first.dims.map((d, i) => coords[d]?.length ?? first.shape[i]!),
    },
    members: parts,
    assembly: {
      type: "merge",
      dim: w.dim,
      start: w.start,
      step: w.step ?? base.step ?? 0,
      samples: w.samples,
      offsets: w.members.map((cm) => cm.outOffset),
      snap: w.step !== null,
    },
  };
}
