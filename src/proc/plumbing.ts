// Shared plumbing of the processing methods: find a dimension's axis, walk the lines along it
// (reading the samples where they lie and writing a fresh output in the same pass, or on a float
// copy in place), and wrap the result as patch parts with a history entry. Knows patches;
// knows nothing of any one algorithm.
import { ParameterError, PatchCoordinateError } from "../errors.ts";
import type { TypedArray } from "../../storage/formats/types.ts";
import type { Coord } from "../coords/Coord.ts";
import type { PatchParts } from "../patch/construct.ts";
import { rowMajorStrides, StridedArray } from "../patch/StridedArray.ts";
import { forEachLine } from "./kernels/lines.ts";

/** A float output buffer: float32 stays float32, everything else computes in float64. */
export type FloatArray = Float32Array | Float64Array;

/** The axis of `dim`, or PatchCoordinateError naming the dimensions. */
export function axisOf(parts: PatchParts, dim: string, what = "process"): number {
  const axis = parts.dims.indexOf(dim);
  if (axis < 0) throw new PatchCoordinateError(`cannot ${what} along '${dim}': dimensions are ${parts.dims.join(", ")}`);
  return axis;
}

/** The one dimension keyed in `kwargs` (`{ time: … }`), as DASCore's `get_dim_axis_value`. */
export function oneDim<V>(parts: PatchParts, kwargs: Readonly<Record<string, V>>, what: string): { dim: string; axis: number; value: V } {
  const keys = Object.keys(kwargs);
  if (keys.length !== 1) throw new ParameterError(`${what} needs exactly one dimension key, got [${keys.join(", ")}]`);
  const dim = keys[0]!;
  return { dim, axis: axisOf(parts, dim, what), value: kwargs[dim]! };
}

/** Whether samples are floats that keep their type through processing. */
export function floatCtor(view: StridedArray): typeof Float32Array | typeof Float64Array {
  // the view's element type, so a deferred view is not computed just to learn it
  return view.ctor === Float32Array ? Float32Array : Float64Array;
}

/** A row-major float copy of the samples (made once; kernels then work on it in place). */
export function floatCopy(view: StridedArray, Ctor: typeof Float32Array | typeof Float64Array = floatCtor(view)): FloatArray {
  const out = new Ctor(view.size);
  if (view.base instanceof BigInt64Array || view.base instanceof BigUint64Array) {
    const tmp = view.toContiguous() as BigInt64Array;
    for (let i = 0; i < tmp.length; i++) out[i] = Number(tmp[i]!);
  } else view.copyInto(out as unknown as TypedArray, 0, rowMajorStrides(view.shape));
  return out;
}

/**
 * Run `fn` on every line along `axis` of the row-major `data` of `shape`: the kernel sees a
 * contiguous float64 line whatever the axis and dtype (a view of `data` for float64 lines along
 * the last axis, else a scratch line gathered and scattered), and changes it in place.
 */
export function mapLines(data: FloatArray, shape: readonly number[], axis: number, fn: (line: Float64Array) => void): void {
  mapLineGroups(data, shape, axis, fn, null);
}

/**
 * {@link mapLines} four (then two) lines at a time where `group` is given (kernels that
 * interleave independent recursions), the rest through `one`. `after(line, k)` sees each
 * filtered line with its index, in order, before it is written back.
 */
export function mapLineGroups(
  data: FloatArray,
  shape: readonly number[],
  axis: number,
  one: (line: Float64Array) => void,
  group: ((lines: readonly Float64Array[]) => void) | null,
  after: (line: Float64Array, k: number) => void = () => undefined,
): void {
  const strides = rowMajorStrides(shape);
  const n = shape[axis]!;
  const stride = strides[axis]!;
  const starts: number[] = [];
  forEachLine(shape, strides, 0, axis, (s) => void starts.push(s));
  // float64 lines along the last axis are filtered where they lie (views); others go through
  // scratch lines, gathered and scattered.
  const inPlace = stride === 1 && data instanceof Float64Array;
  const bufs = Array.from({ length: 4 }, () => new Float64Array(inPlace ? 0 : n));
  const lineOf = (slot: number, k: number): Float64Array => {
    if (inPlace) return data.subarray(starts[k]!, starts[k]! + n);
    const line = bufs[slot]!;
    if (stride === 1) line.set(data.subarray(starts[k]!, starts[k]! + n));
    else for (let i = 0, p = starts[k]!; i < n; i++, p += stride) line[i] = data[p]!;
    return line;
  };
  const store = (line: Float64Array, k: number) => {
    after(line, k);
    if (inPlace) return;
    if (stride === 1) data.set(line, starts[k]!);
    else for (let i = 0, p = starts[k]!; i < n; i++, p += stride) data[p] = line[i]!;
  };
  let k = 0;
  for (const width of group ? [4, 2] : []) {
    for (; k + width <= starts.length; k += width) {
      const lines = Array.from({ length: width }, (_, i) => lineOf(i, k + i));
      group!(lines);
      lines.forEach((l, i) => store(l, k + i));
    }
  }
  for (; k < starts.length; k++) {
    const line = lineOf(0, k);
    one(line);
    store(line, k);
  }
}

/**
 * Run `fn(src, dst, k)` on every line k along `axis` of `view` (row-major order of the other
 * axes), reading the samples where they lie and writing `out` (row-major over the view's shape
 * with `outN` samples along `axis`) in the same pass: no float copy of the input first. `src` is
 * the input line as float64 (a view of the samples when they are float64 with unit stride, else
 * a gathered scratch line; never write to it); `dst` is the output line (a view of `out` when it
 * is float64 with unit stride along `axis`, else a scratch line scattered after `fn`).
 *
 * @example
 * ```ts
 * const out = new Float64Array(view.size);
 * mapLinesInto(view, 1, out, view.shape[1]!, (src, dst) => { for (let i = 0; i < src.length; i++) dst[i] = 2 * src[i]!; });
 * ```
 */
export function mapLinesInto(view: StridedArray, axis: number, out: FloatArray, outN: number, fn: (src: Float64Array, dst: Float64Array, k: number) => void): void {
  mapLineGroupsInto(view, axis, out, outN, fn, null);
}

/**
 * {@link mapLinesInto} `widths[0]` lines at a time (then the smaller widths; default four, then
 * two) where `group` is given (kernels that run independent recursions side by side), the rest
 * one by one. Where `group32` is given and both the samples and `out` are float32 with unit
 * stride along `axis`, groups of its widths get float32 views of them instead: no conversion to
 * float64 and back for a kernel that computes in float32 anyway.
 *
 * @example
 * ```ts
 * mapLineGroupsInto(view, 1, out, n, (src, dst) => f.runInto(src, dst), (srcs, dsts) => f.runGroupInto!(srcs, dsts));
 * ```
 */
export function mapLineGroupsInto(
  view: StridedArray,
  axis: number,
  out: FloatArray,
  outN: number,
  one: (src: Float64Array, dst: Float64Array, k: number) => void,
  group: ((srcs: readonly Float64Array[], dsts: readonly Float64Array[]) => void) | null,
  widths: readonly number[] = [4, 2],
  group32: { run: (srcs: readonly Float32Array[], dsts: readonly Float32Array[]) => void; widths: readonly number[] } | null = null,
): void {
  const n = view.shape[axis]!;
  const outShape = [...view.shape];
  outShape[axis] = outN;
  const outStrides = rowMajorStrides(outShape);
  const ost = outStrides[axis]!;
  const ist = view.strides[axis]!;
  const base = view.base;
  const srcIsView = ist === 1 && base instanceof Float64Array;
  const dstIsView = ost === 1 && out instanceof Float64Array;
  const big = base instanceof BigInt64Array || base instanceof BigUint64Array;
  const slotCount = Math.max(1, ...widths);
  const sbufs = Array.from({ length: slotCount }, () => new Float64Array(srcIsView ? 0 : n));
  const dbufs = Array.from({ length: slotCount }, () => new Float64Array(dstIsView ? 0 : outN));
  const ins: number[] = [];
  const outs: number[] = [];
  forEachLine(view.shape, view.strides, view.offset, axis, (s) => void ins.push(s));
  forEachLine(outShape, outStrides, 0, axis, (s) => void outs.push(s));
  const srcOf = (slot: number, k: number): Float64Array => {
    const s0 = ins[k]!;
    if (srcIsView) return (base as Float64Array).subarray(s0, s0 + n);
    const buf = sbufs[slot]!;
    if (big) for (let i = 0, p = s0; i < n; i++, p += ist) buf[i] = Number(base[p]!);
    // a contiguous float32 (or integer) line: one block conversion, several times a loop's speed
    else if (ist === 1) buf.set((base as Float32Array).subarray(s0, s0 + n));
    else {
      const b = base as Float64Array;
      for (let i = 0, p = s0; i < n; i++, p += ist) buf[i] = b[p]!;
    }
    return buf;
  };
  const dstOf = (slot: number, k: number): Float64Array => (dstIsView ? (out as Float64Array).subarray(outs[k]!, outs[k]! + outN) : dbufs[slot]!);
  const store = (slot: number, k: number): void => {
    if (dstIsView) return;
    const buf = dbufs[slot]!;
    if (ost === 1) out.set(buf, outs[k]!);
    else for (let i = 0, p = outs[k]!; i < outN; i++, p += ost) out[p] = buf[i]!;
  };
  let k = 0;
  if (group32 && ist === 1 && ost === 1 && base instanceof Float32Array && out instanceof Float32Array) {
    for (const width of group32.widths) {
      for (; k + width <= ins.length; k += width) {
        const at = Array.from({ length: width }, (_, i) => k + i);
        group32.run(
          at.map((j) => base.subarray(ins[j]!, ins[j]! + n)),
          at.map((j) => out.subarray(outs[j]!, outs[j]! + outN)),
        );
      }
    }
  }
  for (const width of group ? widths : []) {
    for (; k + width <= ins.length; k += width) {
      const slots = Array.from({ length: width }, (_, i) => i);
      group!(
        slots.map((i) => srcOf(i, k + i)),
        slots.map((i) => dstOf(i, k + i)),
      );
      for (const i of slots) store(i, k + i);
    }
  }
  for (; k < ins.length; k++) {
    one(srcOf(0, k), dstOf(0, k), k);
    store(0, k);
  }
}

/** What an operation changes besides the samples. */
export interface PartsChange {
  shape?: readonly number[];
  coords?: Readonly<Record<string, Coord>>;
  dims?: readonly string[];
  coordDims?: Readonly<Record<string, readonly string[]>>;
}

/** Parts with new samples (row-major over `shape`), coords replaced where given, history added. */
export function withData(parts: PatchParts, data: TypedArray, entry: string | null, change: PartsChange = {}): PatchParts {
  return withView(parts, StridedArray.contiguous(data, change.shape ?? parts.view.shape), entry, change);
}

/** {@link withData} with the samples as a view (a deferred one, computed when first read). */
export function withView(parts: PatchParts, view: StridedArray, entry: string | null, change: PartsChange = {}): PatchParts {
  const coords = change.coords ? Object.freeze({ ...parts.coords, ...change.coords }) : parts.coords;
  const history = [...((parts.attrs.history as readonly string[] | undefined) ?? [])];
  if (entry) history.push(entry);
  return {
    view,
    dims: change.dims ? Object.freeze([...change.dims]) : parts.dims,
    coords,
    coordDims: change.coordDims ?? parts.coordDims,
    attrs: { ...parts.attrs, history },
  };
}

/** Sampling step of a dimension's coordinate in its units (seconds for time), or a ParameterError. */
export function stepOf(coord: Coord, dim: string): number {
  const step = coord.step;
  if (step === null) throw new ParameterError(`'${dim}' is not evenly sampled; this operation needs a regular step`);
  return typeof step === "bigint" ? Number(step) / 1e9 : step;
}
