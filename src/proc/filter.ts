// The filters of DASCore proc/filter.py: passFilter (Butterworth, scipy.signal.iirfilter →
// zpk2sos → sosfiltfilt or sosfilt), notchFilter (iirnotch + filtfilt), medianFilter
// (ndimage.median_filter) and savgolFilter (signal.savgol_filter).
import { ParameterError } from "../errors.ts";
import type { PatchParts } from "../patch/construct.ts";
import { buttap, iirZpk } from "./kernels/iirDesign.ts";
import { sosFiltFilter, sosfiltInPlace } from "./kernels/sosfilt.ts";
import { zpk2sos } from "./kernels/zpk2sos.ts";
import { historyEntry, PyFloat } from "./history.ts";
import { axisOf, floatCopy, floatCtor, type FloatArray, mapLineGroups, mapLineGroupsInto, mapLines, mapLinesInto, oneDim, stepOf, withData, withView } from "./plumbing.ts";
import { sampleCount } from "./coordTools.ts";
import { chainAfter, deferredChain } from "./lineFilters.ts";
import { medianFilterNd, medianLine, type NdMode } from "./kernels/median.ts";
import { savgolLine, savgolWeights } from "./kernels/savgol.ts";
import { simdMedianLine } from "./kernels/wasmSimdMedian.ts";

/** A filter band: `[lo, hi]` with `null` for an open end (lowpass / highpass). */
export type FilterBand = readonly [number | null, number | null];

/** Options of `passFilter`. */
export interface PassFilterOptions {
  /** Filter order (DASCore `corners`, default 4). */
  corners?: number;
  /** Run forwards and backwards (sosfiltfilt) for zero phase (default true). */
  zerophase?: boolean;
}

/** DASCore's `_get_sos`: Butterworth sections for a band in the coordinate's units (Hz for time). */
export function butterSos(sr: number, lo: number | null, hi: number | null, corners: number): Float64Array[] {
  const nyquist = 0.5 * sr;
  const low = lo === null ? null : lo / nyquist;
  const high = hi === null ? null : hi / nyquist;
  if (low !== null && (low < 0 || low > 1)) throw new ParameterError(`possible filter bounds are [0, ${nyquist}] you passed ${lo}`);
  if (high !== null && (high < 0 || high > 1)) throw new ParameterError(`possible filter bounds are [0, ${nyquist}] you passed ${hi}`);
  if (low !== null && high !== null && high <= low) {
    throw new ParameterError(`Low filter param must be less than high filter param, you passed:filt_min = ${lo}, filt_max = ${hi}`);
  }
  for (const w of [low, high]) {
    if (w !== null && (w <= 0 || w >= 1)) throw new ParameterError(`Digital filter critical frequencies must be 0 < Wn < 1, got ${w} (of Nyquist ${nyquist})`);
  }
  if (!Number.isInteger(corners) || corners < 1) throw new ParameterError(`corners must be a positive integer, got ${corners}`);
  const proto = buttap(corners);
  if (low !== null && high !== null) return zpk2sos(iirZpk(proto, [low, high], "bandpass"));
  if (low !== null) return zpk2sos(iirZpk(proto, [low], "highpass"));
  if (high !== null) return zpk2sos(iirZpk(proto, [high], "lowpass"));
  throw new ParameterError("passFilter needs at least one finite bound, e.g. { time: [1, null] }");
}

/** Sections rounded to float32 when the data are float32 (DASCore casts the sos to the dtype). */
export function forDtype(sos: Float64Array[], float32: boolean): Float64Array[] {
  return float32 ? sos.map((s) => s.map(Math.fround)) : sos;
}

/** Run sections along `axis`: zero phase (sosfiltfilt, each line read into its padded buffer and written to the output) or causal (sosfilt, on a float copy in place). */
export function filterParts(parts: PatchParts, axis: number, sos: Float64Array[], zerophase: boolean, entry: string): PatchParts {
  const n = parts.view.shape[axis]!;
  const f32 = parts.view.base instanceof Float32Array;
  const coeffs = forDtype(sos, f32);
  if (zerophase) {
    let filter: ReturnType<typeof sosFiltFilter>;
    try {
      filter = sosFiltFilter(coeffs, n, f32);
    } catch (e) {
      throw new ParameterError(`cannot filter ${n} samples along '${parts.dims[axis]}': ${(e as Error).message}`);
    }
    // Deferred: the samples are computed when first read, or folded into a following zero-phase
    // filter (a decimation) along the same axis (lineFilters.ts).
    return withView(parts, deferredChain(chainAfter(parts.view, axis, { filter, q: 1 })), entry);
  }
  const data = floatCopy(parts.view);
  const z = new Float64Array(2 * coeffs.length);
  mapLines(data, parts.view.shape, axis, (line) => {
    z.fill(0);
    sosfiltInPlace(coeffs, line, n, z, false, f32);
  });
  return withData(parts, data, entry);
}

function parseBand(value: unknown, dim: string): [number | null, number | null] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new ParameterError(`passFilter band for '${dim}' must be [lo, hi] (null for an open end), got ${JSON.stringify(value)}`);
  }
  const f = (v: unknown): number | null => {
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return null;
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ParameterError(`passFilter bound for '${dim}' must be a number or null, got ${String(v)}`);
    return v;
  };
  return [f(value[0]), f(value[1])];
}

/**
 * The parts of `patch.passFilter({ dim: [lo, hi] }, { corners, zerophase })`.
 *
 * @example
 * ```ts
 * passFilterParts(p.parts, { time: [1, 10] }, {});
 * ```
 */
export function passFilterParts(parts: PatchParts, band: Readonly<Record<string, FilterBand>>, options: PassFilterOptions): PatchParts {
  const { dim, axis, value } = oneDim(parts, band, "passFilter");
  const [lo, hi] = parseBand(value, dim);
  const corners = options.corners ?? 4;
  const zerophase = options.zerophase ?? true;
  const sr = 1 / stepOf(parts.coords[dim]!, dim);
  const sos = butterSos(sr, lo, hi, corners);
  const entry = historyEntry("pass_filter", { corners, zerophase, [dim]: [lo, hi] });
  return filterParts(parts, axis, sos, zerophase, entry);
}

/** Options of `medianFilter` and `savgolFilter`. */
export interface NdFilterOptions {
  /** Window lengths are sample counts (default false: coordinate units, rounded up). */
  samples?: boolean;
  /** Edge handling, as scipy.ndimage (`"reflect"` default for medianFilter, `"interp"` for savgolFilter). */
  mode?: NdMode | "interp";
  /** Fill value for `mode: "constant"` (default 0). */
  cval?: number;
}

/**
 * The parts of `patch.notchFilter(q, { dim: frequency })`: scipy.signal.iirnotch(w0, Q, fs) run
 * with filtfilt along each given dimension (output float64, as SciPy's filtfilt promotes).
 */
export function notchFilterParts(parts: PatchParts, q: number, freqs: Readonly<Record<string, number>>): PatchParts {
  if (typeof q !== "number" || !(q > 0)) throw new ParameterError(`notchFilter quality factor q must be a positive number, got ${String(q)}`);
  const dims = Object.keys(freqs);
  if (dims.length === 0) throw new ParameterError("notchFilter needs at least one dimension, e.g. notchFilter(30, { time: 60 })");
  const data = floatCopy(parts.view, Float64Array);
  for (const dim of dims) {
    const axis = axisOf(parts, dim, "notchFilter");
    const w0 = freqs[dim]!;
    const sr = 1 / stepOf(parts.coords[dim]!, dim);
    const nyquist = 0.5 * sr;
    if (w0 > nyquist) throw new ParameterError(`possible filter values are in [0, ${nyquist}] you passed ${w0}`);
    const w = (2 * w0) / sr;
    if (w > 1 || w < 0) throw new ParameterError("w0 should be such that 0 < w0 < 1");
    const bw = (w / q) * Math.PI;
    const wr = w * Math.PI;
    const gain = 1.0 / (1.0 + Math.tan(bw / 2.0));
    const cos = Math.cos(wr);
    const sos = [Float64Array.of(gain * 1.0, gain * (-2.0 * cos), gain * 1.0, 1.0, -2.0 * gain * cos, 2.0 * gain - 1.0)];
    let filter: ReturnType<typeof sosFiltFilter>;
    try {
      filter = sosFiltFilter(sos, parts.view.shape[axis]!);
    } catch (e) {
      throw new ParameterError(`cannot notch-filter along '${dim}': ${(e as Error).message}`);
    }
    mapLineGroups(data, parts.view.shape, axis, filter.run, filter.runGroup);
  }
  return withData(parts, data, historyEntry("notch_filter", { q, ...freqs }));
}

const ND_MODES = ["reflect", "constant", "nearest", "mirror", "wrap"];

/** Window sizes per axis (1 where no dimension is given), as DASCore's `_create_size_and_axes`. */
function windowSizes(parts: PatchParts, windows: Readonly<Record<string, number>>, samples: boolean): { size: number[]; axes: number[] } {
  const size = parts.dims.map(() => 1);
  const axes: number[] = [];
  for (const [dim, v] of Object.entries(windows)) {
    const axis = axisOf(parts, dim, "filter");
    size[axis] = sampleCount(parts.coords[dim]!, v, samples, dim);
    axes.push(axis);
  }
  if (axes.length === 0) throw new ParameterError("a window filter needs at least one dimension, e.g. { time: 0.02 }");
  return { size, axes };
}

/** The parts of `patch.medianFilter({ dim: length, … }, options)` (scipy.ndimage.median_filter). */
export function medianFilterParts(parts: PatchParts, windows: Readonly<Record<string, number>>, options: NdFilterOptions): PatchParts {
  const samples = options.samples ?? false;
  const mode = options.mode ?? "reflect";
  const cval = options.cval ?? 0;
  if (!ND_MODES.includes(mode)) throw new ParameterError(`medianFilter mode must be one of ${ND_MODES.join(", ")}, got ${JSON.stringify(mode)}`);
  const { size } = windowSizes(parts, windows, samples);
  const boxed = size.filter((s) => s > 1).length;
  let out: FloatArray;
  if (boxed <= 1) {
    // one axis: slide a sorted window along each line, in place on the copy
    const axis = Math.max(0, size.findIndex((s) => s > 1));
    const w = size[axis]!;
    out = new (floatCtor(parts.view))(parts.view.size);
    // windows of 3 and 5: a SIMD min/max network (lines without NaN), else the sliding sort
    mapLinesInto(parts.view, axis, out, parts.view.shape[axis]!, (line, res) => {
      if (!simdMedianLine(line, w, mode as NdMode, cval, res)) medianLine(line, w, mode as NdMode, cval, res);
    });
  } else {
    const src = floatCopy(parts.view);
    out = new (src.constructor as typeof Float64Array)(src.length);
    medianFilterNd(src, parts.view.shape, size, mode as NdMode, cval, out);
  }
  return withData(parts, out, historyEntry("median_filter", { cval: new PyFloat(cval), mode, samples, ...windows }));
}

/** The parts of `patch.savgolFilter(polyorder, { dim: length }, options)` (scipy.signal.savgol_filter). */
export function savgolFilterParts(parts: PatchParts, polyorder: number, windows: Readonly<Record<string, number>>, options: NdFilterOptions): PatchParts {
  const samples = options.samples ?? false;
  const mode = options.mode ?? "interp";
  const cval = options.cval ?? 0;
  if (mode !== "interp" && !ND_MODES.includes(mode)) throw new ParameterError(`savgolFilter mode must be "interp" or one of ${ND_MODES.join(", ")}, got ${JSON.stringify(mode)}`);
  if (!Number.isInteger(polyorder) || polyorder < 0) throw new ParameterError(`polyorder must be a non-negative integer, got ${polyorder}`);
  const { size, axes } = windowSizes(parts, windows, samples);
  // as DASCore: each listed axis filters the original data, and the last one is kept
  const axis = axes[axes.length - 1]!;
  const w = size[axis]!;
  const n = parts.view.shape[axis]!;
  if (polyorder >= w) throw new ParameterError("polyorder must be less than window_length.");
  if (mode === "interp" && w > n) throw new ParameterError("If mode is 'interp', window_length must be less than or equal to the size of x.");
  const weights = savgolWeights(w, polyorder);
  const data = new (floatCtor(parts.view))(parts.view.size);
  mapLinesInto(parts.view, axis, data, n, (x, y) => savgolLine(x, weights, polyorder, mode, cval, y));
  return withData(parts, data, historyEntry("savgol_filter", { cval: new PyFloat(cval), mode, polyorder, samples, ...windows }));
}
