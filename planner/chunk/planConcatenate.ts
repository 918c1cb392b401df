// Concatenate planning from rows (SPEC §6.3): which sources join into which output, and the
// output's dims and coordinate along the joined dim. Coordinate values are joined as they are.

import { ParameterError, PatchCoordinateError } from "../../src/errors.ts";
import { arithFor } from "./arith.ts";
import type { ChunkValue, DimSummary } from "./types.ts";

/** One source patch as concatenate sees it: its dims and a summary of each dimension. */
export interface ConcatSourceRow {
  id: number;
  attrs: Readonly<Record<string, unknown>>;
  dims: readonly string[];
  coords: Readonly<Record<string, DimSummary>>;
}

/** One output of concatenate. */
export interface ConcatGroup {
  /** Source ids in output order. */
  ids: number[];
  dim: string;
  /** True when `dim` is not a dimension of the sources: it becomes a new last dimension. */
  newDim: boolean;
  /** Output dims (the sources' dims, plus `dim` last when it is new). */
  dims: string[];
  /**
   * The output coordinate along `dim`. A new dim has `length` = group size and null values (a
   * partial coordinate); an existing one joins the members' values, with `step` null unless the
   * joins continue the members' common step exactly.
   */
  coord: { min: ChunkValue | null; max: ChunkValue | null; step: ChunkValue | null; length: number };
  /** The first member's attrs with `concatenate` appended to `history`. */
  attrs: Record<string, unknown>;
}

/** What planConcatenate returns: the outputs and the sources left out as incompatible. */
export interface ConcatPlan {
  groups: ConcatGroup[];
  /** Sources whose other coordinates differ from the first source's (DASCore skips them). */
  skipped: number[];
}

function sameSummary(a: DimSummary | undefined, b: DimSummary | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && Object.is(a.min, b.min) && Object.is(a.max, b.max) && Object.is(a.step, b.step);
}

function joinedCoord(rows: readonly ConcatSourceRow[], dim: string): ConcatGroup["coord"] {
  const parts = rows.map((r) => r.coords[dim] as DimSummary);
  const first = parts[0] as DimSummary;
  const length = parts.reduce((n, p) => n + p.length, 0);
  const last = parts[parts.length - 1] as DimSummary;
  let step = first.step;
  for (let k = 1; k < parts.length && step !== null; k++) {
    const prev = parts[k - 1] as DimSummary;
    const cur = parts[k] as DimSummary;
    const ops = arithFor(cur.min);
    const even =
      cur.step !== null && ops.cmp(cur.step, step) === 0 && ops.cmp(ops.sub(cur.min, prev.max), step) === 0;
    if (!even) step = null;
  }
  if (step === null) {
    const ops = arithFor(first.min);
    let min = first.min;
    let max = first.max;
    for (const p of parts) {
      if (ops.cmp(p.min, min) < 0) min = p.min;
      if (ops.cmp(p.max, max) > 0) max = p.max;
    }
    return { min, max, step: null, length };
  }
  return { min: first.min, max: last.max, step, length };
}

/**
 * Plans `concatenate({ [dim]: n })`: `n: null` joins all sources into one output, a positive
 * integer joins consecutive groups of `n` (the last may be shorter). Sources whose dims differ
 * throw `PatchCoordinateError`; sources whose other coordinates differ from the first source's
 * are skipped (reported in `skipped`), as DASCore does.
 *
 * @example
 * ```ts
 * planConcatenate(rows, { dim: "time", n: 3 }).groups.map((g) => g.ids); // [[0, 1, 2], [3, 4, 5]]
 * ```
 */
export function planConcatenate(
  rows: readonly ConcatSourceRow[],
  options: { dim: string; n: number | null },
): ConcatPlan {
  const { dim, n } = options;
  if (n !== null && !(Number.isInteger(n) && n > 0)) {
    throw new ParameterError(`concatenate group size must be a positive integer or null; got ${String(n)}`);
  }
  if (rows.length === 0) return { groups: [], skipped: [] };
  const first = rows[0] as ConcatSourceRow;
  const dimsKey = first.dims.join(",");
  for (const r of rows) {
    if (r.dims.join(",") !== dimsKey) {
      throw new PatchCoordinateError(
        `Cannot concatenate patches with different dimensions: (${first.dims.join(", ")}) and ` +
          `(${r.dims.join(", ")}) (source ${r.id}).`,
      );
    }
  }
  const newDim = !first.dims.includes(dim);
  const compatible: ConcatSourceRow[] = [];
  const skipped: number[] = [];
  for (const r of rows) {
    const ok = first.dims.every((d) => d === dim || sameSummary(first.coords[d], r.coords[d]));
    if (ok) compatible.push(r);
    else skipped.push(r.id);
  }
  const size = n ?? compatible.length;
  const groups: ConcatGroup[] = [];
  for (let i = 0; i < compatible.length; i += size) {
    const members = compatible.slice(i, i + size);
    const lead = members[0] as ConcatSourceRow;
    const history = Array.isArray(lead.attrs["history"]) ? (lead.attrs["history"] as unknown[]) : [];
    groups.push({
      ids: members.map((m) => m.id),
      dim,
      newDim,
      dims: newDim ? [...first.dims, dim] : [...first.dims],
      coord: newDim ? { min: null, max: null, step: null, length: members.length } : joinedCoord(members, dim),
      attrs: { ...lead.attrs, history: [...history, "concatenate"] },
    });
  }
  return { groups, skipped };
}
