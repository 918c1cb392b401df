// interpolate (DASCore proc/resample.py → scipy.interpolate.interp1d, kind "linear",
// extrapolating) and resample (scipy.signal.resample's FFT method, then interpolation when the
// new step does not fit): new samples along one dimension.
import { ParameterError } from "../errors.ts";
import type { TypedArray } from "../../storage/formats/types.ts";
import type { Coord } from "../coords/Coord.ts";
import { coordArray, coordRange } from "../coords/build.ts";
import type { PatchParts } from "../patch/construct.ts";
import { toDatetime64, toTimedelta64 } from "../time.ts";
import { irfftFrom, rfftTo } from "./kernels/fft.ts";
import { readLine } from "./kernels/lineIo.ts";
import { forEachLine, rowMajor } from "./kernels/lines.ts";
import { resamplePairs } from "./kernels/spectralPairs.ts";
import { historyEntry } from "./history.ts";
import { oneDim, withData } from "./plumbing.ts";

/** Options of `interpolate`. */
export interface InterpolateOptions {
  /** Only `"linear"` (DASCore's default) is available. */
  kind?: "linear";
}

/** New coordinate values as numbers (ns for time) and as a coordinate. */
function targets(coord: Coord, values: unknown, dim: string): { x: Float64Array | BigInt64Array; coord: Coord } {
  if (values === null || values === undefined) {
    if (coord.step === null) throw new ParameterError(`interpolate needs values for '${dim}': its coordinate is not evenly sampled`);
    return { x: coord.values() as Float64Array | BigInt64Array, coord };
  }
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) throw new ParameterError(`interpolate values for '${dim}' must be an array, got ${typeof values}`);
  const list = Array.from(values as ArrayLike<unknown>);
  if (coord.isTime) {
    const ns = BigInt64Array.from(list.map((v) => toDatetime64(v as bigint)));
    return { x: ns, coord: coordArray(ns, { units: coord.units }) };
  }
  const f = Float64Array.from(list.map(Number));
  return { x: f, coord: coordArray(f, { units: coord.units }) };
}

/**
 * The parts of `patch.interpolate({ dim: values | null }, { kind })`: linear interpolation of
 * every line at the new coordinate values (extrapolating beyond the ends, as DASCore asks
 * interp1d to). `null` re-grids onto the coordinate's evenly spaced values. Output float64.
 */
export function interpolateParts(parts: PatchParts, kwargs: Readonly<Record<string, unknown>>, options: InterpolateOptions): PatchParts {
  const { dim, axis, value } = oneDim(parts, kwargs, "interpolate");
  if ((options.kind ?? "linear") !== "linear") throw new ParameterError(`interpolate supports kind "linear" only, got ${JSON.stringify(options.kind)}`);
  const coord = parts.coords[dim]!;
  const old = coord.values();
  if (old.length < 2) throw new ParameterError(`interpolate needs at least 2 samples along '${dim}'`);
  const { x: xNew, coord: newCoord } = targets(coord, value, dim);
  // interp1d sorts x; DASCore coordinates along a dimension are sorted, so argsort is identity here
  const num = (a: TypedArray, i: number): number => Number(a[i]!);
  const n = old.length;
  const m = xNew.length;
  // interval of each new point: searchsorted(left), clipped to [1, n-1]
  const lo = new Int32Array(m);
  const frac = new Float64Array(m); // x_new − x_lo (exact integer ns for time)
  const width = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const v = xNew[j]!;
    let a = 0;
    let b = n;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((old[mid] as number | bigint) < v) a = mid + 1;
      else b = mid;
    }
    const hi = Math.min(Math.max(a, 1), n - 1);
    lo[j] = hi - 1;
    if (typeof v === "bigint") {
      frac[j] = Number(v - (old[hi - 1] as bigint));
      width[j] = Number((old[hi] as bigint) - (old[hi - 1] as bigint));
    } else {
      frac[j] = v - num(old, hi - 1);
      width[j] = num(old, hi) - num(old, hi - 1);
    }
  }
  const shape = [...parts.view.shape];
  shape[axis] = m;
  const out = new Float64Array(shape.reduce((p, q) => p * q, 1));
  const outStrides = rowMajor(shape);
  const starts: number[] = [];
  forEachLine(shape, outStrides, 0, axis, (s) => void starts.push(s));
  const v = parts.view;
  const st = v.strides[axis]!;
  let k = 0;
  forEachLine(v.shape, v.strides, v.offset, axis, (s) => {
    const o = starts[k++]!;
    for (let j = 0; j < m; j++) {
      const yLo = Number(v.base[s + lo[j]! * st]!);
      const yHi = Number(v.base[s + (lo[j]! + 1) * st]!);
      const slope = (yHi - yLo) / width[j]!;
      out[o + j * outStrides[axis]!] = slope * frac[j]! + yLo;
    }
  });
  return withData(parts, out, historyEntry("interpolate", { kind: "linear", [dim]: value === null || value === undefined ? null : "…" }), { shape, coords: { [dim]: newCoord } });
}

/** Options of `resample`. */
export interface ResampleOptions {
  /** The value is the new number of samples rather than the new step (default false). */
  samples?: boolean;
  /** Interpolation used when the new step does not divide the extent evenly (only "linear"). */
  interpKind?: "linear";
}

/**
 * The parts of `patch.resample({ dim: newStep })`: scipy.signal.resample (FFT, no window) to
 * round(n · step / newStep) samples, then, when that count is not (close to) an integer, linear
 * interpolation onto the exact new step, as DASCore does.
 */
export function resampleParts(parts: PatchParts, kwargs: Readonly<Record<string, number | string | bigint>>, options: ResampleOptions): PatchParts {
  const { dim, axis, value } = oneDim(parts, kwargs, "resample");
  const coord = parts.coords[dim]!;
  if (coord.step === null || !coord.sorted) throw new ParameterError(`resample needs '${dim}' sorted and evenly sampled`);
  const samples = options.samples ?? false;
  const n = parts.view.shape[axis]!;
  let newLen: number;
  let newStep: number | bigint | null = null;
  if (samples) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new ParameterError(`resample with samples needs a positive integer for '${dim}', got ${String(value)}`);
    newLen = value;
  } else if (typeof coord.step === "bigint") {
    newStep = toTimedelta64(value);
    newLen = n * (Number(coord.step) / Number(newStep));
  } else {
    newStep = Number(value);
    newLen = n * (coord.step / newStep);
  }
  const num = Math.round(newLen);
  if (num < 1) throw new ParameterError(`resample of '${dim}' to ${String(value)} leaves no samples`);
  const sFac = n / num;
  const m = Math.min(num, n);
  const m2 = (m >> 1) + 1;
  const shape = [...parts.view.shape];
  shape[axis] = num;
  const Out = parts.view.base instanceof Float32Array ? Float32Array : Float64Array;
  const out = new Out(shape.reduce((p, q) => p * q, 1));
  const outStrides = rowMajor(shape);
  const starts: number[] = [];
  forEachLine(shape, outStrides, 0, axis, (s) => void starts.push(s));
  const v = parts.view;
  const st = v.strides[axis]!;
  const line = new Float64Array(n);
  const spec = new Float64Array(2 * ((n >> 1) + 1));
  const y = new Float64Array(num);
  const ost = outStrides[axis]!;
  const into = out instanceof Float64Array && ost === 1;
  const srcStarts: number[] = [];
  forEachLine(v.shape, v.strides, v.offset, axis, (s) => void srcStarts.push(s));
  const nyq = m % 2 === 0 && num !== n ? (num < n ? 2 : 0.5) : 1;
  // two lines at a time where the SIMD FFT takes both lengths; the rest (or all) one by one
  const todo = resamplePairs([...srcStarts.keys()], v.base, srcStarts, starts, st, n, num, m, nyq, sFac, out, ost);
  for (const k of todo) {
    rfftTo(readLine(v.base, srcStarts[k]!, st, n, line), spec, 0, 2, 1);
    // scipy.signal.resample: the first m//2 + 1 bins, the shared Nyquist bin of an even m
    // doubled (downsampling) or halved (upsampling), ÷ (n / num), inverse to num samples
    if (nyq !== 1) {
      spec[m] = spec[m]! * nyq;
      spec[m + 1] = spec[m + 1]! * nyq;
    }
    const o = starts[k]!;
    // a contiguous float64 output line takes the inverse directly; others go through y
    if (into) irfftFrom(spec, 0, 2, m2, sFac, num, (out as Float64Array).subarray(o, o + num));
    else {
      irfftFrom(spec, 0, 2, m2, sFac, num, y);
      for (let j = 0, q = o; j < num; j++, q += ost) out[q] = y[j]!;
    }
  }
  const start = coord.min()!;
  const newCoord =
    typeof coord.step === "bigint"
      ? coordRange({ start: start as bigint, step: BigInt(Math.trunc(Number(coord.step) * sFac)), length: num, units: coord.units, dtype: coord.dtype })
      : coordRange({ start: start as number, step: coord.step * sFac, length: num, units: coord.units, dtype: "float64" });
  const entry = historyEntry("resample", { interp_kind: options.interpKind ?? "linear", samples, [dim]: value });
  const resampled = withData(parts, out, entry, { shape, coords: { [dim]: newCoord } });
  if (samples || Math.abs(newLen - num) <= 1e-8 + 1e-5 * Math.abs(num)) return resampled; // np.isclose
  // the new step does not divide the extent: interpolate onto it, as DASCore
  const targetsList: (number | bigint)[] = [];
  const stop = typeof newCoord.step === "bigint" ? (newCoord.max() as bigint) + newCoord.step : (newCoord.max() as number) + (newCoord.step as number);
  if (typeof newStep === "bigint") for (let t = start as bigint; t < (stop as bigint); t += newStep) targetsList.push(t);
  else for (let i = 0; (start as number) + i * (newStep as number) < (stop as number); i++) targetsList.push((start as number) + i * (newStep as number));
  const interpolated = interpolateParts(resampled, { [dim]: targetsList }, {});
  return { ...interpolated, attrs: resampled.attrs };
}
