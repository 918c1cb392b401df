// Splits source rows into the groups chunk works on: partition keys, then sampling step, then
// contiguity judged inside each (partition, step) group — so one station never bridges another's gap.

import type { Arith } from "./arith.ts";
import type { ChunkSourceRow, ChunkValue } from "./types.ts";

/** The attributes whose values must match for patches to be chunked together. */
export const PARTITION_KEYS = ["network", "station", "dims", "data_type", "tag"] as const;

/** Steps within this relative difference count as the same sampling (DASCore's 5 %). */
const SAMPLING_TOLERANCE = 0.05;

/** A row with its position in the input and a non-null step. */
export interface PreparedRow {
  row: ChunkSourceRow;
  /** Position in the input rows (groups are ordered by their first member). */
  index: number;
  step: ChunkValue;
}

/** One contiguous group of rows: what a chunk window may draw from. */
export interface RowGroup {
  /** Members in input order. */
  rows: PreparedRow[];
  /** Smallest input position among the members. */
  firstIndex: number;
}

function keyPart(value: unknown): string {
  if (Array.isArray(value)) return value.join(",");
  if (value === undefined || value === null) return "";
  return typeof value === "bigint" ? value.toString() : String(value);
}

/** The partition key of a row: its network, station, dims, data_type and tag. */
export function partitionKey(row: ChunkSourceRow): string {
  return JSON.stringify(PARTITION_KEYS.map((k) => keyPart(row.attrs[k])));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const bucket = map.get(k);
    if (bucket === undefined) map.set(k, [item]);
    else bucket.push(item);
  }
  return [...map.values()];
}

/** Splits rows into sampling groups: sorted by step, a new group where a step jumps > 5 %. */
function splitBySampling(rows: readonly PreparedRow[], ops: Arith<ChunkValue>): PreparedRow[][] {
  const sorted = [...rows].sort((a, b) => ops.cmp(a.step, b.step) || a.index - b.index);
  const out: PreparedRow[][] = [];
  let previous: number | null = null;
  for (const r of sorted) {
    const step = ops.toNumber(r.step);
    if (previous === null || (step - previous) / step > SAMPLING_TOLERANCE) out.push([]);
    (out[out.length - 1] as PreparedRow[]).push(r);
    previous = step;
  }
  return out;
}

/**
 * Splits rows of one sampling group into contiguous runs: sorted by start, a row starts a new
 * run when it begins more than `tolerance · step` after the furthest end seen so far.
 */
function splitByContiguity(
  rows: readonly PreparedRow[],
  tolerance: number,
  ops: Arith<ChunkValue>,
): PreparedRow[][] {
  const sorted = [...rows].sort((a, b) => ops.cmp(a.row.min, b.row.min) || a.index - b.index);
  const out: PreparedRow[][] = [];
  let furthest: ChunkValue | null = null;
  for (const r of sorted) {
    // The gap is compared as a float: exact for gaps under ~104 days of ns, and far larger gaps
    // are unambiguous anyway.
    const gap = furthest === null ? null : ops.toNumber(ops.sub(r.row.min, furthest));
    if (gap === null || gap > ops.toNumber(r.step) * tolerance) out.push([]);
    (out[out.length - 1] as PreparedRow[]).push(r);
    if (furthest === null || ops.cmp(r.row.max, furthest) > 0) furthest = r.row.max;
  }
  return out;
}

/**
 * Groups rows for chunking. Groups come out in the order of their first member in the input
 * (as DASCore orders them); members keep input order.
 */
export function groupRows(
  rows: readonly PreparedRow[],
  tolerance: number,
  ops: Arith<ChunkValue>,
): RowGroup[] {
  const groups: RowGroup[] = [];
  for (const partition of groupBy(rows, (r) => partitionKey(r.row))) {
    for (const sampling of splitBySampling(partition, ops)) {
      for (const run of splitByContiguity(sampling, tolerance, ops)) {
        const members = [...run].sort((a, b) => a.index - b.index);
        groups.push({ rows: members, firstIndex: (members[0] as PreparedRow).index });
      }
    }
  }
  return groups.sort((a, b) => a.firstIndex - b.firstIndex);
}
