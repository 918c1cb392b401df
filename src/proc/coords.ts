// Coordinate-shaping methods (DASCore proc/coords.py, proc/basic.py): transpose (a strided view,
// no copy), squeeze, renameCoords, dropCoords, flip, pad, dropna and fillna.
import { ParameterError, PatchCoordinateError } from "../errors.ts";
import type { TypedArray } from "../../storage/formats/types.ts";
import type { Coord } from "../coords/Coord.ts";
import { CoordArray } from "../coords/CoordArray.ts";
import { coordRange } from "../coords/build.ts";
import type { PatchParts } from "../patch/construct.ts";
import { rowMajorStrides, StridedArray } from "../patch/StridedArray.ts";
import { historyEntry } from "./history.ts";
import { axisOf, floatCopy, withData } from "./plumbing.ts";
import { sampleCount } from "./coordTools.ts";

/**
 * Reorder dimensions: a view with permuted shape and strides (no copy). `"..."` stands for the
 * dimensions not named, in order (numpy's ellipsis). No history, as DASCore.
 */
export function transposeParts(parts: PatchParts, dims: readonly string[]): PatchParts {
  let order = [...dims];
  if (order.length === 0) order = [...parts.dims].reverse();
  const e = order.indexOf("...");
  if (e >= 0) {
    const rest = parts.dims.filter((d) => !order.includes(d));
    order.splice(e, 1, ...rest);
  }
  if (order.length !== parts.dims.length || new Set(order).size !== order.length || order.some((d) => !parts.dims.includes(d))) {
    throw new ParameterError(`transpose needs a permutation of (${parts.dims.join(", ")}), got (${dims.join(", ")})`);
  }
  const perm = order.map((d) => parts.dims.indexOf(d));
  const v = parts.view;
  const view = new StridedArray(v.base, v.offset, perm.map((k) => v.shape[k]!), perm.map((k) => v.strides[k]!));
  return { ...parts, view, dims: Object.freeze(order) };
}

/** Drop length-1 dimensions (all, or the one named), with their coordinates. No history entry changes. */
export function squeezeParts(parts: PatchParts, dim?: string): PatchParts {
  const shape = parts.view.shape;
  let drop: string[];
  if (dim === undefined) drop = parts.dims.filter((_, k) => shape[k] === 1);
  else {
    const axis = axisOf(parts, dim, "squeeze");
    if (shape[axis] !== 1) throw new ParameterError(`cannot squeeze '${dim}': its length is ${shape[axis]}, not 1`);
    drop = [dim];
  }
  const keep = parts.dims.map((d, k) => [d, k] as const).filter(([d]) => !drop.includes(d));
  const v = parts.view;
  const view = new StridedArray(v.base, v.offset, keep.map(([, k]) => v.shape[k]!), keep.map(([, k]) => v.strides[k]!));
  const coords: Record<string, Coord> = {};
  const coordDims: Record<string, readonly string[]> = {};
  for (const [name, c] of Object.entries(parts.coords)) {
    const spans = parts.coordDims[name]!;
    if (spans.some((d) => drop.includes(d))) continue;
    coords[name] = c;
    coordDims[name] = spans;
  }
  if (drop.length === 0) return parts; // nothing to squeeze: the same patch, no history (as DASCore)
  const history = [...((parts.attrs.history as string[] | undefined) ?? []), historyEntry("squeeze", { dim: dim ?? null })];
  return { view, dims: Object.freeze(keep.map(([d]) => d)), coords: Object.freeze(coords), coordDims: Object.freeze(coordDims), attrs: { ...parts.attrs, history } };
}

/** Rename coordinates (and dimensions): `{ distance: "channel" }`. */
export function renameCoordsParts(parts: PatchParts, mapping: Readonly<Record<string, string>>): PatchParts {
  for (const k of Object.keys(mapping)) {
    if (!(k in parts.coords)) throw new PatchCoordinateError(`cannot rename unknown coordinate '${k}'; coordinates are ${Object.keys(parts.coords).join(", ")}`);
  }
  const rn = (d: string): string => mapping[d] ?? d;
  const coords: Record<string, Coord> = {};
  const coordDims: Record<string, readonly string[]> = {};
  for (const [name, c] of Object.entries(parts.coords)) {
    coords[rn(name)] = c;
    coordDims[rn(name)] = Object.freeze(parts.coordDims[name]!.map(rn));
  }
  const args = Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, v]));
  const history = [...((parts.attrs.history as string[] | undefined) ?? []), historyEntry("rename_coords", args)];
  return { ...parts, dims: Object.freeze(parts.dims.map(rn)), coords: Object.freeze(coords), coordDims: Object.freeze(coordDims), attrs: { ...parts.attrs, history } };
}

/** Drop non-dimensional coordinates by name (a dimension's coordinate cannot be dropped). */
export function dropCoordsParts(parts: PatchParts, names: readonly string[]): PatchParts {
  const coords: Record<string, Coord> = { ...parts.coords };
  const coordDims: Record<string, readonly string[]> = { ...parts.coordDims };
  for (const n of names) {
    if (parts.dims.includes(n)) throw new ParameterError(`cannot drop '${n}': it is a dimension's coordinate`);
    delete coords[n];
    delete coordDims[n];
  }
  return { ...parts, coords: Object.freeze(coords), coordDims: Object.freeze(coordDims) };
}

/** The coordinate reversed (a range keeps evenly spaced with a negative step). */
function reversedCoord(c: Coord): Coord {
  if (c.kind === "partial") return c;
  const v = c.values();
  const out = v.slice().reverse() as TypedArray;
  if (c.kind === "range" && c.step !== null && c.length > 0) {
    const step = typeof c.step === "bigint" ? -c.step : -c.step;
    return coordRange({ start: c.max()!, step, length: c.length, units: c.units, dtype: c.dtype });
  }
  return new CoordArray({ values: out, units: c.units, dtype: c.dtype });
}

/** Reverse the samples (and coordinates) along `dims`: a view with negative strides, no copy. */
export function flipParts(parts: PatchParts, dims: readonly string[], flipCoords: boolean): PatchParts {
  if (dims.length === 0) return parts;
  let v = parts.view;
  const coords: Record<string, Coord> = { ...parts.coords };
  for (const dim of dims) {
    const axis = axisOf(parts, dim, "flip");
    const n = v.shape[axis]!;
    const strides = [...v.strides];
    const offset = n > 0 ? v.offset + (n - 1) * strides[axis]! : v.offset;
    strides[axis] = -strides[axis]!;
    v = new StridedArray(v.base, offset, v.shape, strides);
    if (flipCoords) coords[dim] = reversedCoord(parts.coords[dim]!);
  }
  const view = v;
  const history = [...((parts.attrs.history as string[] | undefined) ?? []), historyEntry("flip", { dims: dims, flip_coords: flipCoords })];
  return { ...parts, view, coords: Object.freeze(coords), attrs: { ...parts.attrs, history } };
}

/** Replace NaN (and ±inf with `includeInf`, the default) with `value` (DASCore `fillna`). */
export function fillnaParts(parts: PatchParts, value: number, includeInf: boolean): PatchParts {
  const data = floatCopy(parts.view);
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    if (x !== x || (includeInf && !Number.isFinite(x))) data[i] = value;
  }
  return withData(parts, data, historyEntry("fillna", { include_inf: includeInf, value }));
}

/** Options of `pad`. */
export interface PadOptions {
  /** Only `"constant"` (DASCore's only mode). */
  mode?: "constant";
  /** The fill value (default 0). */
  constantValues?: number;
  /** Extend evenly sampled coordinates (default true); otherwise new positions get NaN/NaT. */
  expandCoords?: boolean;
  /** Widths are sample counts (default false: coordinate units, rounded up to samples). */
  samples?: boolean;
}

/** Pad dimensions with a constant: `{ time: 10 }` both ends, `{ time: [10, 0] }` start only. */
export function padParts(parts: PatchParts, widths: Readonly<Record<string, number | readonly [number, number]>>, options: PadOptions): PatchParts {
  const mode = options.mode ?? "constant";
  if (mode !== "constant") throw new ParameterError(`pad mode must be "constant", got ${JSON.stringify(mode)}`);
  const cval = options.constantValues ?? 0;
  const expand = options.expandCoords ?? true;
  const samples = options.samples ?? false;
  const shape = [...parts.view.shape];
  const pre = shape.map(() => 0);
  const coords: Record<string, Coord> = {};
  for (const [dim, w] of Object.entries(widths)) {
    const axis = axisOf(parts, dim, "pad");
    const coord = parts.coords[dim]!;
    const pair = Array.isArray(w) ? (w as [number, number]) : [w as number, w as number];
    const [a, b] = pair.map((x) => sampleCount(coord, x, samples, dim)) as [number, number];
    pre[axis] = a;
    shape[axis] = shape[axis]! + a + b;
    if (expand && coord.step !== null && coord.kind === "range") {
      const step = coord.step;
      const start = typeof step === "bigint" ? (coord.min() as bigint) - BigInt(a) * step : (coord.min() as number) - a * step;
      coords[dim] = coordRange({ start, step, length: shape[axis]!, units: coord.units, dtype: coord.dtype });
    } else {
      const v = coord.values();
      const isTime = v instanceof BigInt64Array;
      const out = isTime ? new BigInt64Array(shape[axis]!).fill(-(2n ** 63n)) : new Float64Array(shape[axis]!).fill(NaN);
      for (let i = 0; i < v.length; i++) (out as unknown as unknown[])[a + i] = isTime ? v[i] : Number(v[i]);
      coords[dim] = new CoordArray({ values: out, units: coord.units, dtype: isTime ? coord.dtype : "float64" });
    }
  }
  const Ctor = floatCopy(parts.view).constructor as typeof Float64Array;
  const out = new Ctor(shape.reduce((x, y) => x * y, 1)).fill(cval);
  const strides = rowMajorStrides(shape);
  const offset = pre.reduce((acc, p, k) => acc + p * strides[k]!, 0);
  parts.view.copyInto(out, offset, strides);
  const args: Record<string, unknown> = { constant_values: cval, expand_coords: expand, mode, samples, ...widths };
  return withData(parts, out, historyEntry("pad", args), { shape, coords });
}

/** Drop the positions along `dim` where any (`how: "any"`) or all samples are NaN (DASCore `dropna`). */
export function dropnaParts(parts: PatchParts, dim: string, how: "any" | "all", includeInf: boolean): PatchParts {
  const axis = axisOf(parts, dim, "dropna");
  if (how !== "any" && how !== "all") throw new ParameterError(`how must be "any" or "all", got ${JSON.stringify(how)}`);
  const v = parts.view;
  const n = v.shape[axis]!;
  const keep: number[] = [];
  const shape = v.shape;
  const others = shape.reduce((a, b, k) => (k === axis ? a : a * b), 1);
  for (let i = 0; i < n; i++) {
    const sub = v.slice(axis, i, i + 1);
    const flat = sub.toContiguous();
    let nan = 0;
    for (let j = 0; j < flat.length; j++) {
      const x = Number(flat[j]!);
      if (x !== x || (includeInf && !Number.isFinite(x))) nan++;
    }
    const drop = how === "any" ? nan > 0 : nan === others && others > 0;
    if (!drop) keep.push(i);
  }
  const idx = Int32Array.from(keep);
  const view = v.take(axis, idx);
  const coords: Record<string, Coord> = {};
  for (const [name, c] of Object.entries(parts.coords)) {
    coords[name] = parts.coordDims[name]![0] === dim ? takeCoord(c, idx) : c;
  }
  const history = [...((parts.attrs.history as string[] | undefined) ?? []), historyEntry("dropna", { dim, how, include_inf: includeInf })];
  const contiguous = view.toContiguous();
  return { ...parts, view: new StridedArray(contiguous, 0, view.shape, rowMajorStrides(view.shape)), coords: Object.freeze(coords), attrs: { ...parts.attrs, history } };
}

function takeCoord(c: Coord, idx: Int32Array): Coord {
  if (idx.length === c.length) return c;
  const v = c.values();
  const Ctor = v.constructor as new (n: number) => TypedArray;
  const out = new Ctor(idx.length);
  for (let i = 0; i < idx.length; i++) (out as unknown as unknown[])[i] = v[idx[i]!];
  return new CoordArray({ values: out, units: c.units, dtype: c.dtype });
}
