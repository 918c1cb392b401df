// Turns a planned item into a patch: loads its members and joins them as its assembly says,
// copying each source slice once into a preallocated output.

import { Patch } from "../../src/patch/Patch.ts";
import { coordRange, coordArray } from "../../src/coords/index.ts";
import { CoordPartial } from "../../src/coords/CoordPartial.ts";
import type { Coord } from "../../src/coords/Coord.ts";
import type { TypedArray } from "../../storage/formats/types.ts";
import type { Item } from "../items.ts";
import type { RunContext } from "../context.ts";
import { throwIfAborted } from "../abort.ts";
import { allocateLike } from "./copy.ts";
import { rowMajorStrides } from "../../src/patch/StridedArray.ts";

/** Loads one planned item as a patch. */
export async function loadItem(item: Item, ctx: RunContext): Promise<Patch> {
  throwIfAborted(ctx.signal);
  const a = item.assembly;
  switch (a.type) {
    case "single":
      return ctx.sources.load(item.members[0]!, ctx.signal);
    case "merge": {
      const parts: Patch[] = [];
      for (const m of item.members) parts.push(await ctx.sources.load(m, ctx.signal));
      return mergeWindow(item, parts);
    }
    case "concat": {
      const parts: Patch[] = [];
      for (const p of a.parts) parts.push(await loadItem(p, ctx));
      return a.newDim ? stackPatches(parts, a.dim) : joinPatches(parts, a.dim);
    }
  }
}

function coordsOf(p: Patch, skip: string): Record<string, Coord> {
  const out: Record<string, Coord> = {};
  for (const d of p.dims) if (d !== skip) out[d] = p.getCoord(d);
  return out;
}

/** Joins loaded members of a chunk window into its preallocated output. */
function mergeWindow(item: Item, parts: Patch[]): Patch {
  const a = item.assembly;
  if (a.type !== "merge") throw new Error("mergeWindow needs a merge item");
  if (parts.length === 1 && !a.snap && parts[0]!.getCoord(a.dim).length === a.samples) {
    return parts[0]!.updateAttrs(item.summary.attrs);
  }
  const first = parts[0]!;
  const axis = first.dims.indexOf(a.dim);
  const shape = [...first.shape];
  shape[axis] = a.samples;
  const out = allocateLike(parts.map((p) => p.view.base), shape.reduce((x, y) => x * y, 1));
  const strides = rowMajorStrides(shape);
  // Each source view (possibly strided, e.g. a time slice) is copied once, straight into place.
  parts.forEach((p, k) => p.view.copyInto(out, a.offsets[k]! * strides[axis]!, strides));
  const base = first.getCoord(a.dim);
  const coord = a.snap
    ? coordRange({ start: a.start, step: a.step, length: a.samples, units: base.units })
    : joinCoordValues(parts.map((p) => p.getCoord(a.dim)), base.units);
  return new Patch({
    data: out,
    dims: first.dims,
    coords: { ...coordsOf(first, a.dim), [a.dim]: coord },
    attrs: { ...item.summary.attrs, history: first.history },
  });
}

function joinCoordValues(coords: Coord[], units: string | null): Coord {
  const total = coords.reduce((n, c) => n + c.length, 0);
  const values = allocateLike(coords.map((c) => c.values()), total);
  let at = 0;
  for (const c of coords) {
    (values as unknown as { set(a: ArrayLike<unknown>, o: number): void }).set(c.values() as ArrayLike<unknown>, at);
    at += c.length;
  }
  return coordArray(values, { units });
}

/** Joins patches along an existing dimension, coordinate values as they are (gaps allowed). */
export function joinPatches(parts: Patch[], dim: string): Patch {
  const first = parts[0]!;
  const axis = first.dims.indexOf(dim);
  const shape = [...first.shape];
  shape[axis] = parts.reduce((n, p) => n + p.shape[axis]!, 0);
  const out = allocateLike(parts.map((p) => p.view.base), shape.reduce((x, y) => x * y, 1));
  const strides = rowMajorStrides(shape);
  let offset = 0;
  for (const p of parts) {
    p.view.copyInto(out, offset * strides[axis]!, strides);
    offset += p.shape[axis]!;
  }
  const coord = joinCoordValues(parts.map((p) => p.getCoord(dim)), first.getCoord(dim).units);
  return new Patch({
    data: out,
    dims: first.dims,
    coords: { ...coordsOf(first, dim), [dim]: coord },
    attrs: { ...stripCoordAttrs(first), history: [...first.history, "concatenate"] },
  });
}

/** Stacks patches along a new last dimension `dim` (a partial coordinate of their count). */
export function stackPatches(parts: Patch[], dim: string): Patch {
  const first = parts[0]!;
  const out: TypedArray = allocateLike(parts.map((p) => p.view.base), first.size * parts.length);
  const strides = rowMajorStrides([...first.shape, parts.length]).slice(0, -1);
  parts.forEach((p, k) => p.view.copyInto(out, k, strides));
  return new Patch({
    data: out,
    dims: [...first.dims, dim],
    coords: { ...coordsOf(first, dim), [dim]: new CoordPartial({ length: parts.length }) },
    attrs: { ...stripCoordAttrs(first), history: [...first.history, "concatenate"] },
  });
}

/** A patch's attrs without the flat coordinate summaries (they are derived from coords). */
function stripCoordAttrs(p: Patch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const coordKeys = new Set<string>();
  for (const d of Object.keys(p.coords)) for (const f of ["min", "max", "step", "units", "dtype"]) coordKeys.add(`${d}_${f}`);
  for (const [k, v] of Object.entries(p.attrs)) if (!coordKeys.has(k) && k !== "dims") out[k] = v;
  return out;
}
