// Maps one window onto the sources of its group: which samples of which source land where, and
// the output coordinate (re-gridded to an even step when the joined values are uneven).

import type { Arith } from "./arith.ts";
import { assertSameOtherDims } from "./attrs.ts";
import type { PreparedRow } from "./groups.ts";
import type { ChunkMember, ChunkValue } from "./types.ts";

/** A group member with the start it keeps once overlaps with earlier members are removed. */
export interface TrimmedSource {
  source: PreparedRow;
  /** First value this source contributes; samples before it are covered by earlier sources. */
  start: ChunkValue;
  /** The largest `max` among this source and every source before it (monotonic; for search). */
  reach: ChunkValue;
  /** Whether an earlier source ends strictly after this one (it lies wholly inside it). */
  nested: boolean;
}

/**
 * Sorts a group by start and removes overlaps so each sample appears once: a source starting
 * at or before the furthest end seen so far keeps only values after that end (one step of the
 * source that reached it later). DASCore compares with the previous source only; comparing with
 * the furthest end also handles a source nested inside an earlier one.
 */
export function removeOverlaps(rows: readonly PreparedRow[], ops: Arith<ChunkValue>, dim: string): TrimmedSource[] {
  const sorted = [...rows].sort((a, b) => ops.cmp(a.row.min, b.row.min) || a.index - b.index);
  const out: TrimmedSource[] = [];
  let furthest: PreparedRow | null = null;
  for (const r of sorted) {
    let start = r.row.min;
    const nested = furthest !== null && ops.cmp(r.row.max, furthest.row.max) < 0;
    if (furthest !== null && ops.cmp(start, furthest.row.max) <= 0) {
      // Samples of `r` are replaced by the covering source's: only the same samples may be
      // (e.g. chunk along distance over patches of other times would lose one patch's data).
      assertSameOtherDims(furthest.row, r.row, dim);
      start = ops.add(furthest.row.max, furthest.step);
    }
    if (furthest === null || ops.cmp(r.row.max, furthest.row.max) > 0) furthest = r;
    out.push({ source: r, start, reach: furthest.row.max, nested });
  }
  return out;
}

/** Index of the last source starting at or before `lo` (0 when none does). */
function lastStartingBy(sources: readonly TrimmedSource[], lo: ChunkValue, ops: Arith<ChunkValue>): number {
  let a = 0;
  let b = sources.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (ops.cmp((sources[mid] as TrimmedSource).start, lo) <= 0) a = mid + 1;
    else b = mid;
  }
  return Math.max(0, a - 1);
}

/** Index of the first source ending at or after `hi` (the last source when none does). */
function firstEndingBy(sources: readonly TrimmedSource[], from: number, hi: ChunkValue, ops: Arith<ChunkValue>): number {
  for (let k = from; k < sources.length; k++) {
    if (ops.cmp((sources[k] as TrimmedSource).source.row.max, hi) >= 0) return k;
  }
  return sources.length - 1;
}

/** One member's samples inside a window, with their first and last values. */
interface Piece {
  source: PreparedRow;
  i0: number;
  i1: number;
  first: ChunkValue;
  last: ChunkValue;
}

/** Samples `[i0, i1]` (inclusive, row-relative) of `row` inside `[lo, hi]`, or null if none. */
export function samplesWithin(
  source: PreparedRow,
  lo: ChunkValue,
  hi: ChunkValue,
  ops: Arith<ChunkValue>,
): [number, number] | null {
  const { row, step } = source;
  const i0 = Math.max(0, ops.indexCeil(ops.sub(lo, row.min), step));
  const i1 = Math.min(row.length - 1, ops.indexFloor(ops.sub(hi, row.min), step));
  return i1 >= i0 ? [i0, i1] : null;
}

/**
 * The samples each source gives the window `[lo, hi]`, as DASCore's chunk instructions take them:
 * the sources from the last one starting at or before `lo` to the first one ending at or after
 * `hi`, each cut to `[max(start, lo), min(max, hi)]`. Where the run's sources are off one grid
 * (a gap of a fraction of a step inside the tolerance), that range is reversed for the first or
 * last source, and DASCore's select swaps a reversed pair (SPEC §6.1): the window then takes that
 * source's sample nearest to it, and is re-gridded with the rest (SPEC §6.2 "merged coordinates
 * are re-gridded to an even step").
 */
function piecesFor(
  sources: readonly TrimmedSource[],
  lo: ChunkValue,
  hi: ChunkValue,
  ops: Arith<ChunkValue>,
): Piece[] {
  const out: Piece[] = [];
  const from = lastStartingBy(sources, lo, ops);
  const to = firstEndingBy(sources, from, hi, ops);
  for (let k = from; k <= to; k++) {
    const { source, start, nested } = sources[k] as TrimmedSource;
    // A source wholly inside an earlier one gives nothing (planChunks' declared deviation). One
    // ending with it (a duplicate) gives, as in DASCore, its last sample when its range reverses.
    if (nested) continue;
    let a = ops.cmp(start, lo) > 0 ? start : lo;
    let b = ops.cmp(source.row.max, hi) < 0 ? source.row.max : hi;
    if (ops.cmp(a, b) > 0) [a, b] = [b, a];
    const range = samplesWithin(source, a, b, ops);
    if (range === null) continue;
    const [i0, i1] = range;
    const first = ops.add(source.row.min, ops.times(source.step, i0));
    const last = ops.add(source.row.min, ops.times(source.step, i1));
    out.push({ source, i0, i1, first, last });
  }
  return out;
}

/** The output coordinate of a window along the chunk dim. */
export interface WindowCoord {
  start: ChunkValue;
  stop: ChunkValue;
  step: ChunkValue | null;
  samples: number;
  regridded: boolean;
}

function stepsAgree(pieces: readonly Piece[], ops: Arith<ChunkValue>): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of pieces) {
    const step = ops.toNumber(p.source.step);
    lo = Math.min(lo, step);
    hi = Math.max(hi, step);
  }
  return ops.kind === "bigint" ? lo === hi : (hi - lo) / hi <= 1e-3;
}

function isEven(pieces: readonly Piece[], ops: Arith<ChunkValue>): boolean {
  const step = (pieces[0] as Piece).source.step;
  for (let k = 1; k < pieces.length; k++) {
    const prev = pieces[k - 1] as Piece;
    const cur = pieces[k] as Piece;
    if (ops.cmp(cur.source.step, step) !== 0) return false;
    if (ops.cmp(ops.sub(cur.first, prev.last), step) !== 0) return false;
  }
  return true;
}

/**
 * The output coordinate of joined pieces. Even joins keep the members' step; uneven ones are
 * snapped like DASCore's `CoordArray.snap` when `snap` is set and the steps agree: same min and
 * sample count, step = round((max − min)/(n − 1)), so the last value may move slightly.
 */
function joinedCoord(pieces: readonly Piece[], snap: boolean, ops: Arith<ChunkValue>): WindowCoord {
  const samples = pieces.reduce((n, p) => n + p.i1 - p.i0 + 1, 0);
  const first = pieces[0] as Piece;
  const last = pieces[pieces.length - 1] as Piece;
  const start = first.first;
  if (isEven(pieces, ops)) {
    return { start, stop: last.last, step: first.source.step, samples, regridded: false };
  }
  if (!snap || !stepsAgree(pieces, ops) || samples < 2) {
    return { start, stop: last.last, step: null, samples, regridded: false };
  }
  const span = ops.toNumber(ops.sub(last.last, start));
  const step = ops.fromNumber(span / (samples - 1));
  const stop = ops.add(start, ops.times(step, samples - 1));
  return { start, stop, step, samples, regridded: true };
}

/** The members and output coordinate of the window `[lo, hi]`, or null if it holds no sample. */
export function planWindowMembers(
  sources: readonly TrimmedSource[],
  lo: ChunkValue,
  hi: ChunkValue,
  snap: boolean,
  ops: Arith<ChunkValue>,
): { members: ChunkMember[]; sources: PreparedRow[]; coord: WindowCoord } | null {
  const pieces = piecesFor(sources, lo, hi, ops);
  if (pieces.length === 0) return null;
  const members: ChunkMember[] = [];
  let outOffset = 0;
  for (const p of pieces) {
    const offset = p.source.row.offset ?? 0;
    members.push({ id: p.source.row.id, slice: [offset + p.i0, offset + p.i1 + 1], outOffset });
    outOffset += p.i1 - p.i0 + 1;
  }
  return { members, sources: pieces.map((p) => p.source), coord: joinedCoord(pieces, snap, ops) };
}
