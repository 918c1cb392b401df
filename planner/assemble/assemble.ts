// Turns a planned item into a patch: loads its members and joins them as its assembly says,
// copying each source slice once into a preallocated output.

import { Patch } from "../../src/patch/Patch.ts";
import { CoordMergeError } from "../../src/errors.ts";
import { coordRange, coordArray } from "../../src/coords/index.ts";
import { CoordPartial } from "../../src/coords/CoordPartial.ts";
import { CoordArray } from "../../src/coords/CoordArray.ts";
import type { Coord } from "../../src/coords/Coord.ts";
import type { CoordSummary, TypedArray } from "../../storage/formats/types.ts";
import type { Item, Member } from "../items.ts";
import type { RunContext } from "../context.ts";
import { throwIfAborted } from "../abort.ts";
import { allocateLike, allocateOutput, ctorOf, joinedDtype, type Output } from "./copy.ts";
import { StridedArray, rowMajorStrides } from "../../src/patch/StridedArray.ts";
import { commonTag, isComplexTag, newComplexOutput } from "./tagged.ts";

/**
 * Loads one planned item as a patch. Each output's samples are allocated once: by the resolver
 * when it supplies buffers (`dc.read(path, { into })`), else new. Members without residual
 * ranges are read straight into their place in the output (strided rows for a time merge); the
 * rest are loaded and copied once. `callerBuffers: false` is for the parts of a concatenation:
 * temporaries, which must not take the caller's buffer.
 */
export async function loadItem(item: Item, ctx: RunContext, callerBuffers = true): Promise<Patch> {
  throwIfAborted(ctx.signal);
  const a = item.assembly;
  switch (a.type) {
    case "single":
      return loadSingle(item.members[0]!, ctx, callerBuffers);
    case "merge": {
      const placed = await mergeInPlace(item, ctx, callerBuffers);
      if (placed) return placed;
      const parts: Patch[] = [];
      for (const m of item.members) parts.push(await ctx.sources.load(m, ctx.signal));
      return mergeWindow(item, parts, output(ctx, callerBuffers));
    }
    case "concat": {
      const parts: Patch[] = [];
      for (const p of a.parts) parts.push(await loadItem(p, ctx, false));
      const out = output(ctx, callerBuffers);
      if (a.window) return joinWindow(item, parts, out);
      if (a.newDim) return stackPatches(parts, a.dim, out);
      // The planner decided the joined axis is uneven (see trimConcat): keep it an array.
      // attributes are the concatenated patch's (its first part's), even where a later select
      // trimmed that part away, as DASCore selects from the joined patch
      const joined = joinPatches(parts, a.dim, out, item.summary.coords[a.dim]);
      const { history: _history, ...declared } = item.summary.attrs as Record<string, unknown>;
      return joined.updateAttrs(declared);
    }
  }
}

/** Allocates an output of a dtype and length (the caller's buffer where allowed, else new). */
type Allocate = (dtype: string, length: number) => Output;

function output(ctx: RunContext, callerBuffers: boolean): Allocate {
  return (dtype, length) =>
    callerBuffers ? allocateOutput(ctx.sources, dtype, length) : { data: new (ctorOf(dtype) ?? Float64Array)(length), zeroed: true };
}

/**
 * One member as one output. Without a caller's buffer the reader's own new array is the output
 * (no copy, whatever the format); with one, the member is read straight into it.
 */
async function loadSingle(m: Member, ctx: RunContext, callerBuffers: boolean): Promise<Patch> {
  const src = ctx.sources;
  if (!callerBuffers || !src.allocate) return src.load(m, ctx.signal);
  const shape = placeableShape(m);
  if (shape && src.loadInto) {
    const given = src.allocate(m.row.summary.dataDtype, product(shape));
    if (!given) return src.load(m, ctx.signal);
    return src.loadInto(m, { data: given, offset: 0, strides: rowMajorStrides(shape) }, ctx.signal);
  }
  const p = await src.load(m, ctx.signal);
  const given = src.allocate(p.dtype, p.size);
  if (!given) return p;
  p.view.copyInto(given, 0, rowMajorStrides(p.shape));
  return Patch.fromParts({ ...p.parts, view: StridedArray.contiguous(given, p.shape) });
}

function product(shape: readonly number[]): number {
  return shape.reduce((x, y) => x * y, 1);
}

/** A member's shape before reading, when it can be read into place (no residual, known dtype). */
function placeableShape(m: Member): number[] | null {
  if (Object.keys(m.residual).length > 0 || !ctorOf(m.row.summary.dataDtype)) return null;
  const { dims, shape } = m.row.summary;
  if (dims.length !== shape.length) return null;
  return dims.map((d, k) => {
    const r = m.index[d];
    return r ? r[1] - r[0] : shape[k]!;
  });
}

/** True when the half-open runs `[offset, offset + length)` cover `[0, total)`. */
function covers(runs: Array<[number, number]>, total: number): boolean {
  let end = 0;
  for (const [at, len] of [...runs].sort((x, y) => x[0] - y[0])) {
    if (at > end) return false;
    end = Math.max(end, at + len);
  }
  return end >= total;
}

/**
 * A chunk window read member by member straight into its one output (each member's rows land
 * at their offset along the merge axis), or null when some member cannot be placed before it
 * is read (residual ranges, unknown dtype, mixed dtypes or shapes): then load-and-copy.
 */
async function mergeInPlace(item: Item, ctx: RunContext, callerBuffers: boolean): Promise<Patch | null> {
  const a = item.assembly;
  const src = ctx.sources;
  if (a.type !== "merge" || !src.loadInto) return null;
  const first = item.members[0]!.row.summary;
  const axis = first.dims.indexOf(a.dim);
  const shapes = item.members.map(placeableShape);
  if (axis < 0 || shapes.some((s) => s === null)) return null;
  const ok = item.members.every((m, k) => {
    const s = m.row.summary;
    const len = shapes[k]![axis]!;
    return (
      s.dataDtype === first.dataDtype &&
      s.dims.join() === first.dims.join() &&
      shapes[k]!.every((n, d) => d === axis || n === shapes[0]![d]) &&
      a.offsets[k]! >= 0 &&
      a.offsets[k]! + len <= a.samples
    );
  });
  if (!ok) return null;
  const shape = [...shapes[0]!];
  shape[axis] = a.samples;
  const given = callerBuffers ? (src.allocate?.(first.dataDtype, product(shape)) ?? null) : null;
  // One member that is the whole window: its reader's own array is the output (no copy for any
  // format), unless the caller gave a buffer.
  if (!given && item.members.length === 1 && !a.snap && shapes[0]![axis] === a.samples) return null;
  const out: Output = given ? { data: given, zeroed: false } : { data: new (ctorOf(first.dataDtype) ?? Float64Array)(product(shape)), zeroed: true };
  const runs = shapes.map((s, k): [number, number] => [a.offsets[k]!, s![axis]!]);
  // A reused buffer holds old samples: zero it where no member lands (a new one already is).
  if (!out.zeroed && !covers(runs, a.samples)) zeroFill(out.data);
  const strides = rowMajorStrides(shape);
  // Several members load at once: each one's samples are read on libuv's thread pool while this
  // thread reads the next one's metadata (the members write disjoint parts of the output).
  const inFlight = ctx.loadsInFlight ?? MERGE_LOADS_IN_FLIGHT;
  const background = inFlight > 1;
  const parts = await inOrder(item.members.length, inFlight, (k) => {
    throwIfAborted(ctx.signal);
    return src.loadInto!(item.members[k]!, { data: out.data, offset: a.offsets[k]! * strides[axis]!, strides, background }, ctx.signal);
  });
  return mergeWindow(item, parts, output(ctx, callerBuffers), out.data);
}

/** Member loads of one merge in flight at once by default (libuv's pool has 4 threads). */
const MERGE_LOADS_IN_FLIGHT = 4;

/**
 * Runs `task(0..n-1)` with at most `limit` in flight and returns the results in index order.
 * On the first failure it stops starting tasks, waits for the running ones (they may be writing
 * into a shared output) and rethrows.
 */
async function inOrder<T>(n: number, limit: number, task: (k: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(n);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (failure === null && next < n) {
      const k = next++;
      try {
        results[k] = await task(k);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, lane));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}

function zeroFill(a: TypedArray): void {
  if (a instanceof BigInt64Array || a instanceof BigUint64Array) a.fill(0n);
  else a.fill(0);
}

function coordsOf(p: Patch, skip: string): Record<string, Coord> {
  const out: Record<string, Coord> = {};
  for (const d of p.dims) if (d !== skip) out[d] = p.getCoord(d);
  return out;
}

/**
 * Joins loaded members of a chunk window into one output. `placed` is the output when the
 * members were read into it already (their patches view it); else it is allocated and each
 * member copied once, straight into place.
 */
function mergeWindow(item: Item, parts: Patch[], allocate: Allocate, placed?: TypedArray): Patch {
  const a = item.assembly;
  if (a.type !== "merge") throw new Error("mergeWindow needs a merge item");
  const first = parts[0]!;
  const whole = parts.length === 1 && !a.snap && first.getCoord(a.dim).length === a.samples;
  let out = placed;
  const tag = commonTag(parts);
  const complex = isComplexTag(tag);
  if (!out) {
    const axis = first.dims.indexOf(a.dim);
    const shape = [...first.shape];
    shape[axis] = a.samples;
    // complex samples never go to a caller's buffer (its dtype names no complex array)
    const o = complex ? { data: newComplexOutput(tag!, product(shape)), zeroed: true } : allocate(joinedDtype(parts.map((p) => p.view.base)), product(shape));
    // The member's own array is the output unless the caller supplied one.
    if (whole && o.zeroed) return first.updateAttrs(item.summary.attrs);
    if (!o.zeroed) zeroFill(o.data);
    out = o.data;
    const viewShape = complex ? [...shape, 2] : shape;
    const strides = rowMajorStrides(viewShape);
    // Each source view (possibly strided, e.g. a time slice) is copied once, straight into place.
    parts.forEach((p, k) => p.view.copyInto(out!, a.offsets[k]! * strides[axis]!, strides));
    if (whole) return Patch.fromParts({ ...first.parts, view: StridedArray.contiguous(out, viewShape) }).updateAttrs(item.summary.attrs);
  } else if (whole) {
    return first.updateAttrs(item.summary.attrs);
  }
  const base = first.getCoord(a.dim);
  const coord = a.snap
    ? coordRange({ start: a.start, step: a.step, length: a.samples, units: base.units })
    : joinCoordValues(parts.map((p) => p.getCoord(a.dim)), base.units);
  return new Patch({
    data: out,
    dims: first.dims,
    coords: { ...coordsOf(first, a.dim), [a.dim]: coord },
    attrs: { ...item.summary.attrs, history: first.history },
    ...(tag ? { dtype: tag } : {}),
  });
}

function newOutput(dtype: string, length: number): Output {
  return { data: new (ctorOf(dtype) ?? Float64Array)(length), zeroed: true };
}

function joinCoordValues(coords: Coord[], units: string | null, uneven = false): Coord {
  const total = coords.reduce((n, c) => n + c.length, 0);
  const values = allocateLike(coords.map((c) => c.values()), total);
  let at = 0;
  for (const c of coords) {
    (values as unknown as { set(a: ArrayLike<unknown>, o: number): void }).set(c.values() as ArrayLike<unknown>, at);
    at += c.length;
  }
  if (uneven) return new CoordArray({ values, units: coords[0]!.isTime ? "s" : units, dtype: coords[0]!.dtype });
  return coordArray(values, { units });
}

/**
 * The joined coordinate as the planner described it: values as they are (an array where the
 * plan says uneven), or, for a single sample the plan gives a step (a range of an evenly
 * sampled joined axis), that sample on the planned step — values alone cannot tell it.
 */
function joinedCoord(coords: Coord[], units: string | null, planned?: CoordSummary): Coord {
  const total = coords.reduce((n, c) => n + c.length, 0);
  if (total === 1 && planned?.step !== null && planned?.step !== undefined && planned.min !== null) {
    const only = coords.find((c) => c.length === 1)!;
    return coordRange({ start: only.min() as bigint | number, step: planned.step, length: 1, units: only.units, dtype: only.dtype });
  }
  return joinCoordValues(coords, units, planned?.step === null);
}

/**
 * Every part must have the first part's coordinates along the other dimensions: the planner
 * checked their summaries, and this checks the values it could not see (uneven coordinates).
 */
function checkOtherCoords(parts: readonly Patch[], skip: string): void {
  const first = parts[0]!;
  for (const d of first.dims) {
    if (d === skip) continue;
    const c = first.getCoord(d);
    parts.forEach((p, k) => {
      if (k > 0 && !c.equals(p.getCoord(d))) {
        throw new CoordMergeError(`cannot join patches along ${skip}: coordinate '${d}' of part ${k} differs from part 0's`);
      }
    });
  }
}

/**
 * Joins the parts of a chunk window that draws on concatenated sources: as a merge window, with
 * the window's attributes, the first part's history and, when snapped, the window's even grid.
 */
function joinWindow(item: Item, parts: Patch[], allocate: Allocate): Patch {
  const a = item.assembly;
  if (a.type !== "concat" || !a.window) throw new Error("joinWindow needs a concat window item");
  const joined = joinPatches(parts, a.dim, allocate);
  const w = a.window;
  const base = joined.getCoord(a.dim);
  // one sample cannot carry the window's step in its values: it comes from the plan
  const coord = w.step !== null && (w.snap || w.samples === 1) ? coordRange({ start: w.start, step: w.step, length: w.samples, units: base.units, dtype: base.dtype }) : base;
  return new Patch({
    data: joined.view.base,
    dims: joined.dims,
    coords: { ...coordsOf(joined, a.dim), [a.dim]: coord },
    attrs: { ...item.summary.attrs, history: parts[0]!.history },
  });
}

/** Joins patches along an existing dimension, coordinate values as they are (gaps allowed). */
export function joinPatches(parts: Patch[], dim: string, allocate: Allocate = newOutput, planned?: CoordSummary): Patch {
  checkOtherCoords(parts, dim);
  const first = parts[0]!;
  const tag = commonTag(parts);
  const complex = isComplexTag(tag);
  const axis = first.dims.indexOf(dim);
  const shape = [...first.shape];
  shape[axis] = parts.reduce((n, p) => n + p.shape[axis]!, 0);
  const out = complex ? newComplexOutput(tag!, product(shape)) : allocate(joinedDtype(parts.map((p) => p.view.base)), product(shape)).data; // parts fill it whole
  const strides = rowMajorStrides(complex ? [...shape, 2] : shape);
  let offset = 0;
  for (const p of parts) {
    p.view.copyInto(out, offset * strides[axis]!, strides);
    offset += p.shape[axis]!;
  }
  const coord = joinedCoord(parts.map((p) => p.getCoord(dim)), first.getCoord(dim).units, planned);
  return new Patch({
    data: out,
    dims: first.dims,
    coords: { ...coordsOf(first, dim), [dim]: coord },
    attrs: { ...stripCoordAttrs(first), history: [...first.history, "concatenate"] },
    ...(tag ? { dtype: tag } : {}),
  });
}

/** Stacks patches along a new last dimension `dim` (a partial coordinate of their count). */
export function stackPatches(parts: Patch[], dim: string, allocate: Allocate = newOutput): Patch {
  checkOtherCoords(parts, dim);
  const first = parts[0]!;
  const tag = commonTag(parts);
  const complex = isComplexTag(tag);
  const out: TypedArray = complex ? newComplexOutput(tag!, first.size * parts.length) : allocate(joinedDtype(parts.map((p) => p.view.base)), first.size * parts.length).data; // filled whole
  // the new axis sits after the dims (and before a complex pair axis): each part lands at k on it
  const all = rowMajorStrides(complex ? [...first.shape, parts.length, 2] : [...first.shape, parts.length]);
  const at = all[first.shape.length]!;
  const strides = all.filter((_, i) => i !== first.shape.length);
  parts.forEach((p, k) => p.view.copyInto(out, k * at, strides));
  return new Patch({
    data: out,
    dims: [...first.dims, dim],
    coords: { ...coordsOf(first, dim), [dim]: new CoordPartial({ length: parts.length }) },
    attrs: { ...stripCoordAttrs(first), history: [...first.history, "concatenate"] },
    ...(tag ? { dtype: tag } : {}),
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
