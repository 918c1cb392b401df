// Evaluates chunk on planned items (SPEC §6.2 "Composition"): the chunk re-plans from exactly the
// source patches beneath the rows it is given (their lineage), hands one row per source to the
// chunk planner and turns its windows into items that read those sources' hyperslabs.

import { ChunkError } from "../../src/errors.ts";
import type { CoordSummary, PatchSummary } from "../../storage/formats/types.ts";
import type { Item, Member } from "../items.ts";
import type { ChunkSpec } from "../plan.ts";
import type { ChunkSourceRow, ChunkWindow, DimSummary } from "../chunk/types.ts";
import { planChunks } from "../chunk/index.ts";
import { compareValues, valueAt } from "../coordMath.ts";
import { memberSummary, trimItem } from "./trim.ts";
import { chunkSourcesOf } from "./lineage.ts";
import { nameSource } from "./chunkErrors.ts";

function dimSummary(c: CoordSummary): DimSummary | null {
  if (c.min === null || c.max === null) return null;
  return { min: c.min, max: c.max, step: c.step, length: c.length };
}

/** A source patch as the chunk planner sees it: a whole row, or a concatenation. */
interface ChunkSource {
  item: Item;
  summary: PatchSummary;
  /** Whether its coordinate along the chunk dim is a residual value range (uneven samples). */
  uneven: boolean;
  /** Index of the summary's first sample inside the underlying row (single items only). */
  offset: number;
}

/**
 * Throws ChunkError when a concatenation's values along `dim` do not increase from part to part
 * (parts joined out of order, or overlapping): windows over it would be ambiguous (SPEC §6.2).
 */
function checkMonotonic(item: Item, dim: string): void {
  const a = item.assembly;
  if (a.type !== "concat" || a.newDim || a.dim !== dim) return;
  let previous: bigint | number | null = null;
  for (const part of a.parts) {
    const c = part.summary.coords[dim];
    if (!c || c.min === null || c.max === null || c.length === 0) continue;
    if (previous !== null && compareValues(c.min, previous) <= 0) {
      throw new ChunkError(
        `Cannot chunk along ${dim}: a concatenated patch's ${dim} coordinate is not monotonic ` +
          "(its parts overlap or are out of order); sort or select before concatenating.",
      );
    }
    previous = c.max;
  }
}

function chunkSource(item: Item, dim: string): ChunkSource {
  checkMonotonic(item, dim);
  if (item.assembly.type === "single") {
    const m = item.members[0]!;
    return {
      item,
      summary: { ...memberSummary(m), attrs: item.summary.attrs },
      uneven: m.residual[dim] !== undefined,
      offset: m.index[dim]?.[0] ?? 0,
    };
  }
  return { item, summary: item.summary, uneven: false, offset: 0 };
}

/** The chunk planner's row for one source, or null when it has no values along the dimension. */
function plannerRow(source: ChunkSource, id: number, dim: string): ChunkSourceRow | null {
  const s = source.summary;
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
    step: source.uneven ? null : c.step,
    length: c.length,
    offset: source.offset,
    otherDims,
    ...(source.item.runBounds?.[dim] ? { runMin: source.item.runBounds[dim]![0], runMax: source.item.runBounds[dim]![1] } : {}),
  };
}

/**
 * Plans chunk windows over the sources beneath `items`. A source that is not evenly sampled along
 * the dimension (a concatenation across a gap, an uneven file coordinate) cannot be judged
 * contiguous with others, so it is a run of its own: with `length: null` it is kept whole; with a
 * length it is cut into value windows `[lo, lo + length]` as DASCore cuts a coordinate without a
 * step. Those outputs follow the merged runs.
 */
export function evaluateChunk(items: readonly Item[], spec: ChunkSpec): Item[] {
  const sources = inSourceOrder(chunkSourcesOf(items)).map((item) => chunkSource(item, spec.dim));
  const rows: ChunkSourceRow[] = [];
  const uneven: Item[] = [];
  sources.forEach((source, id) => {
    const row = plannerRow(source, id, spec.dim);
    if (!row) return;
    if (row.step === null) uneven.push(source.item);
    else rows.push(row);
  });
  const options = {
    dim: spec.dim,
    length: spec.length,
    overlap: spec.overlap,
    keepPartial: spec.keepPartial,
    snapCoords: spec.snapCoords,
    tolerance: spec.tolerance,
    conflict: spec.conflict,
  };
  const alone = uneven.flatMap((item) => unevenWindows(item, spec));
  let windows: ChunkWindow[] = [];
  try {
    windows = rows.length === 0 && uneven.length > 0 ? [] : planChunks(rows, options);
  } catch (error) {
    // The even runs were too short, but an uneven source still gave windows: those stand.
    if (!(error instanceof ChunkError && /No segments/.test(error.message) && alone.length > 0)) {
      throw nameSource(error, sources, spec.dim);
    }
  }
  if (uneven.length > 0 && windows.length + alone.length === 0) {
    throw new ChunkError("Could not chunk. No segments with sufficient length found.");
  }
  return [...windows.map((w) => windowItem(w, sources)), ...alone];
}

/**
 * Windows over one unevenly sampled source: value ranges `[lo, lo + length]` (both ends
 * inclusive, as DASCore's intervals without a step) starting at its first value every
 * `length − overlap`, each kept while it ends inside the source (or cut there with keepPartial).
 */
function unevenWindows(item: Item, spec: ChunkSpec): Item[] {
  if (spec.length === null) return [item];
  const c = item.summary.coords[spec.dim]!;
  const min = c.min!;
  const max = c.max!;
  const big = typeof min === "bigint";
  const num = (v: bigint | number): number => Number(v);
  const length = big ? BigInt(spec.length) : num(spec.length);
  const advance = big ? (length as bigint) - BigInt(spec.overlap ?? 0n) : (length as number) - num(spec.overlap ?? 0);
  const out: Item[] = [];
  for (let lo: bigint | number = min; compareValues(lo, max) <= 0; lo = big ? (lo as bigint) + (advance as bigint) : (lo as number) + (advance as number)) {
    let hi: bigint | number = big ? (lo as bigint) + (length as bigint) : (lo as number) + (length as number);
    if (compareValues(hi, max) > 0) {
      if (!spec.keepPartial) break;
      hi = max;
    }
    const window = trimItem(item, spec.dim, lo, hi);
    if (window) out.push({ ...window, lineage: [item] });
  }
  return out;
}

/**
 * Sources in the order they have in their source when all come from one (a sort before the
 * chunk does not reorder its windows, as in DASCore); otherwise in the order given.
 */
function inSourceOrder(items: Item[]): Item[] {
  if (!items.every((i) => i.position !== undefined)) return items;
  return items.map((item, k) => ({ item, k })).sort((a, b) => a.item.position! - b.item.position! || a.k - b.k).map((x) => x.item);
}

/** The window's summary: the first part's, with the merged attrs and the window's coordinate. */
function windowSummary(w: ChunkWindow, first: PatchSummary, base: CoordSummary): PatchSummary {
  const coords: Record<string, CoordSummary> = {
    ...first.coords,
    [w.dim]: { ...base, min: w.start, max: w.stop, step: w.step, length: w.samples },
  };
  const { dims: _dims, ...attrs } = w.attrs;
  return {
    ...first,
    attrs: attrs as PatchSummary["attrs"],
    coords,
    shape: first.dims.map((d, i) => coords[d]?.length ?? first.shape[i]!),
  };
}

function windowItem(w: ChunkWindow, sources: readonly ChunkSource[]): Item {
  const used = [...new Set(w.members.map((cm) => sources[cm.id]!.item))];
  if (w.members.every((cm) => sources[cm.id]!.item.assembly.type === "single")) {
    return { ...rowWindow(w, sources), lineage: used };
  }
  return { ...concatWindow(w, sources), lineage: used };
}

/** A window over whole source rows: members are hyperslabs placed on the window's grid. */
function rowWindow(w: ChunkWindow, sources: readonly ChunkSource[]): Item {
  const parts: Member[] = w.members.map((cm) => {
    const m = sources[cm.id]!.item.members[0]!;
    return { ...m, index: { ...m.index, [w.dim]: cm.slice } };
  });
  const first = { ...memberSummary(parts[0]!), attrs: sources[w.members[0]!.id]!.summary.attrs };
  const base = sources[w.members[0]!.id]!.summary.coords[w.dim]!;
  return {
    summary: windowSummary(w, first, base),
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

/**
 * A window that draws on at least one concatenation: each source's slice becomes a part (a row
 * hyperslab, or the concatenation trimmed to the slice's values), joined along the dimension.
 */
function concatWindow(w: ChunkWindow, sources: readonly ChunkSource[]): Item {
  const parts = w.members.map((cm) => slicePart(sources[cm.id]!, w.dim, cm.slice));
  const first = parts[0]!.summary;
  const summary = windowSummary(w, first, first.coords[w.dim]!);
  if (parts.length === 1 && !w.regridded) return { ...parts[0]!, summary };
  return {
    summary,
    members: parts.flatMap((p) => p.members),
    assembly: {
      type: "concat",
      dim: w.dim,
      newDim: false,
      parts,
      window: { start: w.start, step: w.step, samples: w.samples, snap: w.regridded },
    },
  };
}

/** Samples `[i0, i1)` of a source along `dim` as an item of its own. */
function slicePart(source: ChunkSource, dim: string, [i0, i1]: [number, number]): Item {
  const item = source.item;
  if (item.assembly.type === "single") {
    const m = item.members[0]!;
    const member = { ...m, index: { ...m.index, [dim]: [i0, i1] as [number, number] } };
    return { summary: { ...memberSummary(member), attrs: item.summary.attrs }, members: [member], assembly: { type: "single" } };
  }
  const c = source.summary.coords[dim]!;
  if (c.step === null || c.min === null) {
    throw new ChunkError(`Cannot chunk along ${dim}: a concatenated patch is not evenly sampled along it.`);
  }
  const lo = valueAt(c.min, c.step, i0 - source.offset);
  const hi = valueAt(c.min, c.step, i1 - 1 - source.offset);
  const trimmed = trimItem(item, dim, lo, hi);
  if (!trimmed || trimmed.summary.coords[dim]!.length !== i1 - i0) {
    throw new ChunkError(
      `Cannot chunk along ${dim}: samples ${i0}..${i1} of a concatenated patch do not map onto its coordinate.`,
    );
  }
  return trimmed;
}
