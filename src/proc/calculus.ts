// differentiate and integrate (DASCore transform/differentiate.py, integrate.py) along one
// evenly sampled dimension: numpy.gradient (edge order 2), cumulative or definite trapezoids.
import { ParameterError } from "../errors.ts";
import type { Coord } from "../coords/Coord.ts";
import { CoordArray } from "../coords/CoordArray.ts";
import type { PatchParts } from "../patch/construct.ts";
import { cumulativeTrapezoid64, cumulativeTrapezoidInto, gradientLine, gradientLine64, pairwiseSum, trapezoid } from "./kernels/calculus.ts";
import { rowMajor } from "./kernels/lines.ts";
import { forEachLine } from "./kernels/lines.ts";
import { historyEntry } from "./history.ts";
import { axisOf, floatCopy, floatCtor, mapLines, mapLinesInto, stepOf, withData } from "./plumbing.ts";

const same = (x: number): number => x;

/**
 * Whether DASCore's spacing for `dim` is a Python float (numeric coordinates), which numpy treats
 * as "weak" (float32 data stay float32 in every operation), rather than a float64 scalar (time).
 */
function weakSpacing(parts: PatchParts, dim: string): boolean {
  return typeof parts.coords[dim]!.step !== "bigint";
}

/** Options of `differentiate`. */
export interface DifferentiateOptions {
  /** Accuracy order; only 2 (numpy.gradient), DASCore's default, is available (others need findiff). */
  order?: number;
  /** Differentiate every step-th sample (interleaved sub-series, each with spacing step·dx). */
  step?: number;
}

/** data_units after dividing (differentiate) or multiplying (integrate) by the coordinate's units. */
function newUnits(parts: PatchParts, dim: string, op: "/" | "*"): Record<string, unknown> {
  const du = parts.attrs.data_units as string | null | undefined;
  const cu = parts.coords[dim]!.units;
  if (du === null || du === undefined || du === "" || !cu) return {};
  return { data_units: `${du}${op}${cu}` };
}

/** The parts of `patch.differentiate(dim, { order, step })`. */
export function differentiateParts(parts: PatchParts, dim: string, options: DifferentiateOptions): PatchParts {
  const order = options.order ?? 2;
  const step = options.step ?? 1;
  if (order !== 2) throw new ParameterError(`differentiate supports order 2 (numpy.gradient) only, got ${order}; DASCore needs findiff for other orders`);
  if (!Number.isInteger(step) || step < 1) throw new ParameterError(`differentiate step must be a positive integer, got ${step}`);
  const axis = axisOf(parts, dim, "differentiate");
  const dx = stepOf(parts.coords[dim]!, dim);
  const data = new (floatCtor(parts.view))(parts.view.size);
  const f32 = data instanceof Float32Array;
  const r = f32 ? Math.fround : same;
  const q = weakSpacing(parts, dim) ? r : same;
  const n = parts.view.shape[axis]!;
  const sub = new Float64Array(Math.ceil(n / step));
  const out = new Float64Array(sub.length);
  mapLinesInto(parts.view, axis, data, n, (line, y) => {
    // the shortest interleaved sub-series (the last) needs 3 samples
    if (Math.ceil((n - step + 1) / step) < 3) {
      throw new ParameterError(`Shape of the array along '${dim}' is too small to calculate a numerical gradient, at least (edge_order + 1) = 3 elements are required.`);
    }
    if (step === 1) {
      if (f32) gradientLine(line, n, dx, y, r, q);
      else gradientLine64(line, n, dx, y);
      return;
    }
    for (let s = 0; s < step; s++) {
      const m = Math.ceil((n - s) / step);
      for (let i = 0; i < m; i++) sub[i] = line[s + i * step]!;
      gradientLine(sub, m, dx * step, out, r, q);
      for (let i = 0; i < m; i++) y[s + i * step] = out[i]!;
    }
  });
  const next = withData(parts, data, historyEntry("differentiate", { dim, order, step }));
  return { ...next, attrs: { ...next.attrs, data_type: "", ...newUnits(parts, dim, "/") } };
}

/** DASCore's `_quasi_mean` of a coordinate: the float64 mean of its values (time: of the ns ints, truncated). */
function quasiMean(c: Coord): Coord {
  const v = c.values();
  if (v instanceof BigInt64Array) {
    const f = Float64Array.from(v, (x) => Number(x));
    const m = chunkedMean(f);
    return new CoordArray({ values: BigInt64Array.of(BigInt(Math.trunc(m))), units: c.units, dtype: c.dtype });
  }
  const f = Float64Array.from(v as ArrayLike<number>);
  return new CoordArray({ values: Float64Array.of(chunkedMean(f)), units: c.units, dtype: c.dtype === "float32" ? "float32" : "float64" });
}

/** np.mean of a cast array: pairwise sums over buffers of 8192, added in turn. */
function chunkedMean(f: Float64Array): number {
  let s = 0;
  for (let i = 0; i < f.length; i += 8192) s += pairwiseSum(f, i, Math.min(8192, f.length - i));
  return s / f.length;
}

/** The parts of `patch.integrate(dim, { definite })`. */
export function integrateParts(parts: PatchParts, dim: string, definite: boolean): PatchParts {
  const axis = axisOf(parts, dim, "integrate");
  const coord = parts.coords[dim]!;
  const dx = stepOf(coord, dim);
  const r = parts.view.base instanceof Float32Array ? Math.fround : same;
  const weak = weakSpacing(parts, dim);
  const q = weak ? r : same;
  const entry = historyEntry("integrate", { definite, dim });
  const units = newUnits(parts, dim, "*");
  if (!definite) {
    const out = new (floatCtor(parts.view))(parts.view.size);
    const f32 = out instanceof Float32Array;
    mapLinesInto(parts.view, axis, out, parts.view.shape[axis]!, (line, y) => {
      if (f32) cumulativeTrapezoidInto(line, y, dx, r, q);
      else cumulativeTrapezoid64(line, y, dx);
    });
    const next = withData(parts, out, entry);
    return { ...next, attrs: { ...next.attrs, ...units } };
  }
  const data = floatCopy(parts.view);
  const shape = [...parts.view.shape];
  shape[axis] = 1;
  // numpy.trapezoid: float64 with a float64 spacing (time), the data's dtype with a Python float
  const out = new (weak ? (data.constructor as typeof Float64Array) : Float64Array)(shape.reduce((a, b) => a * b, 1));
  const outStrides = rowMajor(shape);
  const starts: number[] = [];
  forEachLine(shape, outStrides, 0, axis, (s) => void starts.push(s));
  let k = 0;
  mapLines(data, parts.view.shape, axis, (line) => {
    out[starts[k++]!] = trapezoid(line, dx, r, q);
  });
  const lo = coord.slice(0, 1);
  const hi = coord.slice(coord.length - 1, coord.length);
  const next = withData(parts, out, entry, {
    shape,
    coords: { [dim]: quasiMean(coord), [`pre_integrate_${dim}_min`]: lo, [`pre_integrate_${dim}_max`]: hi },
    coordDims: { ...parts.coordDims, [`pre_integrate_${dim}_min`]: [dim], [`pre_integrate_${dim}_max`]: [dim] },
  });
  return { ...next, attrs: { ...next.attrs, ...units } };
}
