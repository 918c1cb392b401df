// Runs one case on daspool: applies the ops to the source spool through the public API and
// summarises the answer exactly as gen/dascore_run.py summarises DASCore's (count, contents rows,
// every output patch), recording any error with the stage it came from.

import type { Table } from "apache-arrow";
import * as dc from "../../src/index.ts";
import { decode, type Answer, type ContentsRow, type CoordSummary, type ErrorSummary, type Op, type PatchSummary } from "./fixtures.ts";

const ATTRS = ["network", "station", "tag", "data_type", "data_category", "dims"] as const;
const DIMS = ["time", "distance"] as const;
const CHUNK_KEYS: Record<string, string> = {
  overlap: "overlap",
  keep_partial: "keepPartial",
  tolerance: "tolerance",
  snap_coords: "snapCoords",
  conflict: "conflict",
};

export function applyOp(sp: dc.Spool, op: Op): dc.Spool {
  switch (op[0]) {
    case "select": {
      const q: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(op[1])) q[k] = decode(v);
      return sp.select(q as Parameters<dc.Spool["select"]>[0]);
    }
    case "slice":
      return sp.slice(...op[1]);
    case "sort":
      return sp.sort(op[1]);
    case "chunk": {
      const { dim, length, ...rest } = op[1];
      const args: Record<string, unknown> = { [dim]: decode(length) };
      for (const [k, v] of Object.entries(rest)) args[CHUNK_KEYS[k] ?? k] = decode(v);
      return sp.chunk(args as dc.ChunkArgs);
    }
    case "concatenate":
      return sp.concatenate({ [op[1].dim]: op[1].n });
  }
}

/** A time, duration or number as the fixtures hold it: ns as a decimal string, else a number. */
function enc(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return Number.isNaN(v) ? null : v;
  return String(v);
}

function coordSummary(c: dc.Coord): CoordSummary {
  const out: CoordSummary = { len: c.length, min: null, max: null, step: enc(c.step) };
  if (c.length > 0) {
    out.min = enc(c.min());
    out.max = enc(c.max());
    if (out.step === null) out.values = Array.from(c.values() as ArrayLike<unknown>, enc);
  }
  return out;
}

/** Sum, sum of squares and index-weighted sums per dimension (row-major data over dims). */
export function checksum(data: ArrayLike<number>, dims: readonly string[], shape: readonly number[]): Record<string, number> {
  const out: Record<string, number> = { sum: 0, sumsq: 0 };
  const w = dims.map(() => 0);
  const idx = shape.map(() => 0);
  for (let i = 0; i < data.length; i++) {
    const x = Number(data[i]);
    out["sum"]! += x;
    out["sumsq"]! += x * x;
    for (let a = 0; a < dims.length; a++) w[a]! += x * idx[a]!;
    for (let a = shape.length - 1; a >= 0; a--) {
      if (++idx[a]! < shape[a]!) break;
      idx[a] = 0;
    }
  }
  dims.forEach((d, a) => (out[`w_${d}`] = w[a]!));
  return out;
}

function patchSummary(p: dc.Patch): PatchSummary {
  const coords: Record<string, CoordSummary> = {};
  for (const d of p.dims) coords[d] = coordSummary(p.getCoord(d));
  const attrs = p.attrs as unknown as Record<string, unknown>;
  return {
    dims: [...p.dims],
    shape: [...p.shape],
    coords,
    attrs: { network: String(attrs["network"] ?? ""), station: String(attrs["station"] ?? ""), tag: String(attrs["tag"] ?? "") },
    check: checksum(p.data as ArrayLike<number>, p.dims, p.shape),
  };
}

/** A table cell as the fixtures hold it (time columns may arrive as bigint or as Arrow's ms). */
function cell(table: Table, name: string, row: number): string | number | null {
  const col = table.getChild(name);
  if (!col || !col.isValid(row)) return null;
  const typeId = String(col.type);
  if (/Timestamp|Duration/i.test(typeId)) {
    // read the raw int64 so no precision is lost through a JS number
    let offset = row;
    for (const chunk of col.data) {
      if (offset < chunk.length) return (chunk.values as BigInt64Array)[chunk.offset + offset]!.toString();
      offset -= chunk.length;
    }
  }
  return enc(col.get(row));
}

function contentsRows(table: Table): ContentsRow[] {
  const names = new Set(table.schema.fields.map((f) => f.name));
  const rows: ContentsRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: ContentsRow = {};
    for (const a of ATTRS) row[a] = cell(table, a, i);
    for (const d of DIMS) {
      if (!names.has(`${d}_min`)) continue;
      for (const f of ["min", "max", "step"]) row[`${d}_${f}`] = cell(table, `${d}_${f}`, i);
    }
    rows.push(row);
  }
  return rows;
}

/** Anything thrown: a DaspoolError keeps its class; anything else is marked as escaped. */
export function errorOf(e: unknown, stage: ErrorSummary["stage"]): ErrorSummary {
  const err = e instanceof Error ? e : new Error(String(e));
  const escaped = !(e instanceof dc.DaspoolError);
  return { class: escaped ? `ESCAPED:${err.constructor.name}` : err.name, message: err.message.slice(0, 300), stage };
}

/** Each terminal call is run separately, so a failing one leaves the others' answers. */
export interface DaspoolAnswer {
  count: number | ErrorSummary;
  contents: ContentsRow[] | ErrorSummary;
  patches: PatchSummary[] | ErrorSummary;
}

export async function runCase(source: dc.Spool, ops: readonly Op[]): Promise<DaspoolAnswer> {
  let sp: dc.Spool;
  try {
    sp = ops.reduce(applyOp, source);
  } catch (e) {
    const err = errorOf(e, "build");
    return { count: err, contents: err, patches: err };
  }
  const attempt = async <T>(stage: ErrorSummary["stage"], f: () => Promise<T>): Promise<T | ErrorSummary> => {
    try {
      return await f();
    } catch (e) {
      return errorOf(e, stage);
    }
  };
  return {
    count: await attempt("count", () => sp.count()),
    contents: await attempt("contents", async () => contentsRows(await sp.getContents())),
    patches: await attempt("iter", async () => ((await sp.collect()) as dc.Patch[]).map(patchSummary)),
  };
}

export function isError(v: unknown): v is ErrorSummary {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "class" in v && "stage" in v;
}
