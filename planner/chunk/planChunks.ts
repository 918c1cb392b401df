// Chunk planning from metadata rows only: source rows in, output windows (members + coordinate
// + attrs) out, matching DASCore's ChunkManager. Pure; reads no samples.

import { ChunkError, ParameterError } from "../../src/errors.ts";
import { arithFor, type Arith } from "./arith.ts";
import { mergeAttrs, mergeOtherDims } from "./attrs.ts";
import { groupRows, type PreparedRow, type RowGroup } from "./groups.ts";
import { windowBounds } from "./intervals.ts";
import { planWindowMembers, removeOverlaps } from "./members.ts";
import type { ChunkOptions, ChunkSourceRow, ChunkValue, ChunkWindow, ResolvedChunkOptions } from "./types.ts";
import { validateChunkOptions } from "./validate.ts";

function isNullish(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

/** The dims the rows declare (attrs.dims), or undefined when none declares any. */
function declaredDims(rows: readonly ChunkSourceRow[]): string[] | undefined {
  const dims = new Set<string>();
  for (const row of rows) {
    const d = row.attrs["dims"];
    const list = Array.isArray(d) ? d.map(String) : typeof d === "string" && d !== "" ? d.split(",") : [];
    for (const name of list) dims.add(name);
  }
  return dims.size === 0 ? undefined : [...dims];
}

function prepareRows(rows: readonly ChunkSourceRow[], dim: string, timeLike: boolean): PreparedRow[] {
  const out: PreparedRow[] = [];
  const kind = timeLike ? "bigint" : "number";
  rows.forEach((row, index) => {
    // Sources without values along the dim cannot be placed (DASCore drops NaN bounds too).
    if (isNullish(row.min) || isNullish(row.max) || row.length <= 0) return;
    if (typeof row.min !== kind || typeof row.max !== kind || (row.step !== null && typeof row.step !== kind)) {
      throw new ParameterError(
        `Cannot chunk along ${dim}: source ${row.id} mixes time (bigint ns) and numeric values ` +
          `with the other sources.`,
      );
    }
    const step = row.step;
    if (step === null || isNullish(step) || Number(step) <= 0) {
      throw new ChunkError(
        `Cannot chunk along ${dim}: source ${row.id} is not evenly sampled (step ${String(step)}) ` +
          "along it.",
      );
    }
    out.push({ row, index, step });
  });
  return out;
}

function windowsOfGroup(
  group: RowGroup,
  options: ResolvedChunkOptions,
  ops: Arith<ChunkValue>,
): ChunkWindow[] | null {
  const rows = group.rows;
  const first = rows[0] as PreparedRow;
  // a select's bounds inside a source stand for its extent, as in DASCore's frame
  const lo = (r: PreparedRow): ChunkValue => r.row.runMin ?? r.row.min;
  const hi = (r: PreparedRow): ChunkValue => r.row.runMax ?? r.row.max;
  let start = lo(first);
  let stop = hi(first);
  for (const r of rows) {
    if (ops.cmp(lo(r), start) < 0) start = lo(r);
    if (ops.cmp(hi(r), stop) > 0) stop = hi(r);
  }
  // DASCore takes the step of the group's first source (input order) for the window grid.
  const bounds = windowBounds(
    {
      start,
      stop,
      step: first.step,
      length: options.length,
      overlap: options.overlap,
      keepPartial: options.keepPartial,
    },
    ops,
  );
  if (bounds === null) return null;
  const sources = removeOverlaps(rows, ops, options.dim);
  const out: ChunkWindow[] = [];
  for (const [lo, hi] of bounds) {
    const planned = planWindowMembers(sources, lo, hi, options.snapCoords, ops);
    if (planned === null) continue;
    const memberRows = planned.sources.map((s) => s.row);
    out.push({
      dim: options.dim,
      ...planned.coord,
      bounds: [lo, hi],
      members: planned.members,
      attrs: mergeAttrs(memberRows, options.dim, options.conflict),
      otherDims: mergeOtherDims(memberRows, options.dim),
    });
  }
  return out;
}

/**
 * A window shorter than one sample step would hold at most one sample wherever it falls, so
 * its count depends on where the grid happens to lie (SPEC §6.2 decides: ChunkError).
 */
function checkLengthCoversAStep(rows: readonly PreparedRow[], options: ResolvedChunkOptions, ops: Arith<ChunkValue>): void {
  if (options.length === null) return;
  for (const r of rows) {
    if (ops.cmp(options.length, r.step) < 0) {
      const show = (v: ChunkValue) => (typeof v === "bigint" ? `${Number(v) / 1e9} s` : String(v));
      throw new ChunkError(
        `Cannot chunk along ${options.dim}: the chunk length ${show(options.length)} is shorter than ` +
          `one sample step (${show(r.step)}) of source ${r.row.id}.`,
      );
    }
  }
}

/**
 * Plans the outputs of `chunk` over source rows (one per source patch, in spool order).
 *
 * Rows are partitioned by network, station, dims, data_type and tag, then by sampling step
 * (a new group when steps differ by more than 5 %), then into contiguous runs (a gap of at most
 * `tolerance · step` is contiguous). Each run is cut into windows starting at
 * `start + k·(length − overlap)`; `length: null` makes each run one window. Overlapping sources
 * are trimmed so each sample appears once. Windows come out group by group (groups in the order
 * of their first source), in time order within a group.
 *
 * Throws `ParameterError` for invalid options (see {@link validateChunkOptions}),
 * `ChunkError` ("No segments with sufficient length") when no run is long enough, and
 * `CoordMergeError` when a window's members disagree on an attribute (per `conflict`).
 *
 * Where daspool deliberately differs from DASCore (all 69 oracle cases still match):
 * - contiguity is judged per partition, not across all stations at once;
 * - attributes are compared per window (SPEC §6.2), not across the whole contiguous run;
 * - overlap removal compares with the furthest end so far, so a source nested inside an
 *   earlier one contributes nothing instead of re-adding samples.
 *
 * @example
 * ```ts
 * const windows = planChunks(rows, { dim: "time", length: 2_000_000_000n });
 * windows[0].members; // [{ id: 0, slice: [0, 500], outOffset: 0 }]
 * ```
 */
export function planChunks(rows: readonly ChunkSourceRow[], options: ChunkOptions): ChunkWindow[] {
  const sample = rows.find((r) => !isNullish(r.min));
  const timeLike = typeof sample?.min === "bigint";
  const resolved = validateChunkOptions(options, timeLike, declaredDims(rows));
  const prepared = prepareRows(rows, resolved.dim, timeLike);
  if (prepared.length === 0) return [];
  const ops = arithFor((prepared[0] as PreparedRow).row.min);
  checkLengthCoversAStep(prepared, resolved, ops);
  const out: ChunkWindow[] = [];
  let anyLongEnough = false;
  for (const group of groupRows(prepared, resolved.tolerance, ops)) {
    const windows = windowsOfGroup(group, resolved, ops);
    if (windows === null) continue;
    anyLongEnough = true;
    for (const w of windows) out.push(w);
  }
  if (!anyLongEnough) {
    throw new ChunkError("Could not chunk. No segments with sufficient length found.");
  }
  return out;
}
