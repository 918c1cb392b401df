// Trims planned items to a value range along one coordinate, from metadata alone. Even
// coordinates become sample-index hyperslabs; uneven ones keep a residual value range that the
// loader applies once the coordinate's values are read.

import type { CoordSummary, PatchSummary } from "../../storage/formats/types.ts";
import {
  compareValues,
  intersects,
  rangeIndices,
  sliceSummary,
  type CoordValue,
} from "../coordMath.ts";
import { ChunkError } from "../../src/errors.ts";
import type { Item, Member } from "../items.ts";

/** The coordinate summary of a member: its row's coordinate narrowed to the member's index. */
export function memberCoord(member: Member, dim: string): CoordSummary | undefined {
  const c = member.row.summary.coords[dim];
  if (!c) return undefined;
  const idx = member.index[dim];
  const narrowed = idx ? sliceSummary(c, idx[0], idx[1]) : c;
  const residual = member.residual[dim];
  if (!residual || narrowed.min === null || narrowed.max === null) return narrowed;
  const [lo, hi] = residual;
  return {
    ...narrowed,
    min: lo !== null && compareValues(lo, narrowed.min) > 0 ? lo : narrowed.min,
    max: hi !== null && compareValues(hi, narrowed.max) < 0 ? hi : narrowed.max,
  };
}

/** Trims one member; null when nothing of it is left. */
export function trimMember(
  member: Member,
  dim: string,
  lo: CoordValue | null,
  hi: CoordValue | null,
): Member | null {
  const c = memberCoord(member, dim);
  if (!c) return null;
  if (c.length === 0 || c.min === null || c.max === null) return null;
  if (!intersects(c.min, c.max, lo, hi)) return null;
  if (c.step !== null && !member.residual[dim]) {
    const [i0, i1] = rangeIndices(c.min, c.step, c.length, lo, hi);
    if (i1 <= i0) return null;
    const base = member.index[dim]?.[0] ?? 0;
    return { ...member, index: { ...member.index, [dim]: [base + i0, base + i1] } };
  }
  const prev = member.residual[dim];
  const newLo = prev?.[0] ?? null;
  const newHi = prev?.[1] ?? null;
  return {
    ...member,
    residual: {
      ...member.residual,
      [dim]: [tighterLo(newLo, lo), tighterHi(newHi, hi)],
    },
  };
}

function tighterLo(a: CoordValue | null, b: CoordValue | null): CoordValue | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareValues(a, b) >= 0 ? a : b;
}

function tighterHi(a: CoordValue | null, b: CoordValue | null): CoordValue | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareValues(a, b) <= 0 ? a : b;
}

/** A member's summary with its coordinates narrowed and shape recomputed. */
export function memberSummary(member: Member): PatchSummary {
  const s = member.row.summary;
  const coords: Record<string, CoordSummary> = {};
  for (const name of Object.keys(s.coords)) coords[name] = memberCoord(member, name)!;
  return { ...s, coords, shape: s.dims.map((d, i) => coords[d]?.length ?? s.shape[i]!) };
}

/**
 * Trims an item along `dim` to `[lo, hi]`; null when the item no longer intersects. A chunk
 * window's lineage is trimmed alike, so a chunk after `chunk → select` re-plans from the selected
 * part of the sources (DASCore fails on that combination; this is daspool's reading of SPEC §6.2).
 */
export function trimItem(
  item: Item,
  dim: string,
  lo: CoordValue | null,
  hi: CoordValue | null,
): Item | null {
  const out = trimAssembly(item, dim, lo, hi);
  if (!out || !item.lineage) return out;
  const lineage: Item[] = [];
  for (const source of item.lineage) {
    const t = trimItem(source, dim, lo, hi);
    if (t) lineage.push(t);
  }
  return { ...out, lineage };
}

/**
 * The extent a later chunk lays its windows on: DASCore's select sets a row's `{dim}_min/_max`
 * to the select's bounds where they fall inside it (between samples too), and its chunk starts
 * a run's windows there, not at the first kept sample.
 */
function narrowBounds(item: Item, dim: string, lo: CoordValue | null, hi: CoordValue | null): Item["runBounds"] {
  const c = item.summary.coords[dim];
  const was = item.runBounds?.[dim] ?? (c && c.min !== null && c.max !== null ? ([c.min, c.max] as const) : undefined);
  if (!was) return item.runBounds;
  const from = lo !== null && compareValues(lo, was[0]) > 0 && typeof lo === typeof was[0] ? lo : was[0];
  const to = hi !== null && compareValues(hi, was[1]) < 0 && typeof hi === typeof was[1] ? hi : was[1];
  return { ...item.runBounds, [dim]: [from, to] };
}

function trimAssembly(
  item: Item,
  dim: string,
  lo: CoordValue | null,
  hi: CoordValue | null,
): Item | null {
  const a = item.assembly;
  if (a.type === "single") {
    const m = trimMember(item.members[0]!, dim, lo, hi);
    return m ? { ...item, members: [m], summary: { ...memberSummary(m), attrs: item.summary.attrs }, runBounds: narrowBounds(item, dim, lo, hi) } : null;
  }
  if (a.type === "merge" && a.dim === dim) return trimWindow(item, lo, hi);
  if (a.type === "concat") return trimConcat(item, a, dim, lo, hi);
  // A window trimmed along another dimension: its members share that coordinate, so one without
  // overlap means the output has none.
  const members: Member[] = [];
  for (const m of item.members) {
    const t = trimMember(m, dim, lo, hi);
    if (!t) return null;
    members.push(t);
  }
  const first = memberSummary(members[0]!);
  const coords = { ...item.summary.coords, [dim]: first.coords[dim]! };
  return { ...item, members, summary: withCoords(item.summary, coords) };
}

function trimConcat(
  item: Item,
  a: Extract<Item["assembly"], { type: "concat" }>,
  dim: string,
  lo: CoordValue | null,
  hi: CoordValue | null,
): Item | null {
  if (a.newDim && dim === a.dim) return item;
  if (a.window?.snap && dim === a.dim) {
    throw new ChunkError(
      `Cannot select along ${dim} inside a re-gridded chunk window built from concatenated ` +
        "patches: select before the chunk instead.",
    );
  }
  const parts: Item[] = [];
  for (const part of a.parts) {
    const t = trimItem(part, dim, lo, hi);
    if (t) parts.push(t);
    else if (dim !== a.dim) return null;
  }
  if (parts.length === 0) return null;
  const trimmed = concatItem(parts, a.dim, a.newDim, item.summary);
  // A range of an evenly sampled joined axis keeps its step, even down to one sample (DASCore
  // selects on the joined patch's coordinate range).
  const was = item.summary.coords[a.dim];
  const joined = a.newDim || !was || was.step === null ? trimmed : withStep(trimmed, a.dim, was.step);
  if (!a.window) return joined;
  const c = joined.summary.coords[a.dim]!;
  return { ...joined, assembly: { ...joined.assembly, window: { ...a.window, start: c.min!, samples: c.length } } as Item["assembly"] };
}

/** Joins planned items along `dim` (or stacks them on a new last dimension). */
export function concatItem(parts: Item[], dim: string, newDim: boolean, base?: PatchSummary): Item {
  const head = base ?? parts[0]!.summary;
  let summary: PatchSummary;
  if (newDim) {
    const coords: Record<string, CoordSummary> = {
      ...parts[0]!.summary.coords,
      [dim]: { min: null, max: null, step: null, length: parts.length, units: null, dtype: "float64" },
    };
    const dims = [...parts[0]!.summary.dims, dim];
    summary = { ...head, dims, coords, shape: dims.map((d) => coords[d]!.length) };
  } else {
    const coords = { ...parts[0]!.summary.coords, [dim]: joinSummaries(parts.map((p) => p.summary.coords[dim]!)) };
    summary = withCoords({ ...head, dims: parts[0]!.summary.dims }, coords);
  }
  return {
    summary,
    members: parts.flatMap((p) => p.members),
    assembly: { type: "concat", dim, newDim, parts },
  };
}

function withStep(item: Item, dim: string, step: CoordValue): Item {
  const coords = { ...item.summary.coords, [dim]: { ...item.summary.coords[dim]!, step } };
  return { ...item, summary: withCoords(item.summary, coords) };
}

function withCoords(s: PatchSummary, coords: Record<string, CoordSummary>): PatchSummary {
  return { ...s, coords, shape: s.dims.map((d, i) => coords[d]?.length ?? s.shape[i]!) };
}

/** Narrows a chunk window on its own grid and re-targets its members. */
function trimWindow(item: Item, lo: CoordValue | null, hi: CoordValue | null): Item | null {
  const a = item.assembly;
  if (a.type !== "merge") return item;
  const [j0, j1] = rangeIndices(a.start, a.step, a.samples, lo, hi);
  if (j1 <= j0) return null;
  const members: Member[] = [];
  const offsets: number[] = [];
  item.members.forEach((m, k) => {
    const o = a.offsets[k]!;
    const span = memberCoord(m, a.dim)!.length;
    const from = Math.max(o, j0);
    const to = Math.min(o + span, j1);
    if (to <= from) return;
    const base = m.index[a.dim]?.[0] ?? 0;
    members.push({ ...m, index: { ...m.index, [a.dim]: [base + from - o, base + to - o] } });
    offsets.push(from - j0);
  });
  const c = item.summary.coords[a.dim]!;
  const start = typeof a.start === "bigint" ? a.start + BigInt(j0) * BigInt(a.step) : a.start + j0 * Number(a.step);
  const assembly = { ...a, start, samples: j1 - j0, offsets };
  const coord = sliceSummary({ ...c, min: a.start, step: a.step, length: a.samples }, j0, j1);
  return { summary: withCoords(item.summary, { ...item.summary.coords, [a.dim]: coord }), members, assembly };
}

/**
 * The summary of coordinates joined end to end (gaps allowed). The joined values are judged as
 * the loaded coordinate judges them (SPEC §2: every diff within 1e-3 relative of the middle unique
 * diff makes an even range), from the parts' steps and the diffs where they meet, so that a
 * contents row describes its output exactly: a gap leaves no step.
 */
export function joinSummaries(parts: CoordSummary[]): CoordSummary {
  const first = parts[0]!;
  const length = parts.reduce((n, p) => n + p.length, 0);
  let min = first.min;
  let max = first.max;
  for (const p of parts) {
    if (p.min !== null && (min === null || compareValues(p.min, min) < 0)) min = p.min;
    if (p.max !== null && (max === null || compareValues(p.max, max) > 0)) max = p.max;
  }
  return { ...first, length, min, max, step: joinedStep(parts) };
}

function joinedStep(parts: readonly CoordSummary[]): CoordValue | null {
  const diffs: CoordValue[] = [];
  let previous: CoordSummary | null = null;
  for (const p of parts) {
    if (p.length === 0) continue;
    if (p.length > 1) {
      if (p.step === null) return null;
      diffs.push(p.step);
    }
    if (previous !== null) {
      if (previous.max === null || p.min === null) return null;
      diffs.push(typeof p.min === "bigint" ? p.min - BigInt(previous.max) : p.min - Number(previous.max));
    }
    previous = p;
  }
  // one sample in all: DASCore's joined coordinate has no step (a select later keeps one, see
  // trimConcat)
  if (diffs.length === 0) return null;
  const uniq = [...new Set(diffs.map((d) => (typeof d === "bigint" ? `${d}n` : String(d))))]
    .map((k) => (k.endsWith("n") ? BigInt(k.slice(0, -1)) : Number(k)))
    .sort(compareValues);
  const mid = uniq[uniq.length >> 1]!;
  const m = Math.abs(Number(mid));
  if (m === 0 || Number(uniq[0]!) * Number(uniq[uniq.length - 1]!) <= 0) return null;
  if (uniq.some((d) => !(Math.abs(Number(d) - Number(mid)) <= m * 1e-3))) return null;
  return mid;
}
