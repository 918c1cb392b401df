// Merges the attributes of a window's members per the conflict rule, and checks that the other
// dimensions agree (always, whatever the rule — DASCore never relaxes coordinate checks).

import { CoordMergeError } from "../../src/errors.ts";
import type { ChunkSourceRow, ConflictMode, DimSummary } from "./types.ts";

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  return false;
}

function mergeError(dim: string, key: string): CoordMergeError {
  return new CoordMergeError(
    `Cannot merge on dim ${dim} because all values for ${key} are not equal. ` +
      "Consider using the `conflict` argument to loosen this restriction.",
  );
}

function dimsOf(row: ChunkSourceRow): string[] {
  const dims = row.attrs["dims"];
  if (Array.isArray(dims)) return dims.map(String);
  return typeof dims === "string" && dims !== "" ? dims.split(",") : [];
}

/** `true` for attribute keys that describe a coordinate (`{coord}_min`, `time_step`, ...). */
function coordPrefix(key: string, coords: ReadonlySet<string>): string | null {
  for (const c of coords) if (key.startsWith(`${c}_`)) return c;
  return null;
}

/**
 * The attributes of a window made of `rows`. Keys of the chunk dim's coordinate and private
 * keys (`_…`) are skipped, `history` comes from the first member. A key whose values differ
 * raises `CoordMergeError` naming it ("all values for my_attr"), unless `conflict` is `"drop"`
 * (the key is left out) or `"keep_first"` (the first member's value is kept). Keys of the other
 * coordinates must always agree.
 *
 * @example
 * ```ts
 * mergeAttrs([a, b], "time", "drop"); // differing extras dropped
 * ```
 */
export function mergeAttrs(
  rows: readonly ChunkSourceRow[],
  dim: string,
  conflict: ConflictMode,
): Record<string, unknown> {
  const first = rows[0] as ChunkSourceRow;
  const coords = new Set([...dimsOf(first), ...Object.keys(first.otherDims ?? {}), dim]);
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r.attrs)) {
      if (seen.has(k)) continue;
      seen.add(k);
      keys.push(k);
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (key.startsWith("_")) continue;
    const prefix = coordPrefix(key, coords);
    if (prefix === dim) continue;
    const value = first.attrs[key];
    if (key === "history") {
      out[key] = value;
      continue;
    }
    const agree = rows.length === 1 || rows.every((r) => same(r.attrs[key], value));
    if (agree) out[key] = value;
    else if (conflict === "raise" || prefix !== null) throw mergeError(dim, key);
    else if (conflict === "keep_first") out[key] = value;
  }
  return out;
}

/** Throws CoordMergeError unless two sources have the same other dimensions. */
export function assertSameOtherDims(first: ChunkSourceRow, r: ChunkSourceRow, dim: string): void {
  const base = first.otherDims ?? {};
  const other = r.otherDims ?? {};
  const names = new Set([...Object.keys(base), ...Object.keys(other)]);
  for (const name of names) {
    const a = base[name];
    const b = other[name];
    for (const field of ["min", "max", "step", "length"] as const) {
      if (!same(a?.[field], b?.[field])) throw mergeError(dim, `${name}_${field}`);
    }
  }
}

/** The other dimensions of a window's members, which must be identical. */
export function mergeOtherDims(rows: readonly ChunkSourceRow[], dim: string): Record<string, DimSummary> {
  const first = rows[0] as ChunkSourceRow;
  for (const r of rows.length > 1 ? rows : []) assertSameOtherDims(first, r, dim);
  return { ...(first.otherDims ?? {}) };
}
