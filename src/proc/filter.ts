// passFilter (DASCore `pass_filter`): a Butterworth band/low/high-pass designed as
// scipy.signal.iirfilter → zpk2sos and run as sosfiltfilt (zero phase) or sosfilt along a dim.
import { ParameterError } from "../errors.ts";
import type { PatchParts } from "../patch/construct.ts";
import { buttap, iirZpk } from "./kernels/iirDesign.ts";
import { sosFiltFilter, sosfiltInPlace } from "./kernels/sosfilt.ts";
import { zpk2sos } from "./kernels/zpk2sos.ts";
import { historyEntry } from "./history.ts";
import { floatCopy, mapLines, oneDim, stepOf, withData } from "./plumbing.ts";

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

/** Run sections along `axis` of a fresh float copy: zero phase (sosfiltfilt) or causal (sosfilt). */
export function filterParts(parts: PatchParts, axis: number, sos: Float64Array[], zerophase: boolean, entry: string): PatchParts {
  const data = floatCopy(parts.view);
  const n = parts.view.shape[axis]!;
  const coeffs = forDtype(sos, data instanceof Float32Array);
  if (zerophase) {
    let run: (line: Float64Array) => void;
    try {
      run = sosFiltFilter(coeffs, n, data instanceof Float32Array).run;
    } catch (e) {
      throw new ParameterError(`cannot filter ${n} samples along '${parts.dims[axis]}': ${(e as Error).message}`);
    }
    mapLines(data, parts.view.shape, axis, run);
  } else {
    const z = new Float64Array(2 * coeffs.length);
    mapLines(data, parts.view.shape, axis, (line) => {
      z.fill(0);
      sosfiltInPlace(coeffs, line, n, z, false, data instanceof Float32Array);
    });
  }
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
