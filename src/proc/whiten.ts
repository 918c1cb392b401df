// whiten (DASCore proc/whiten.py): flatten the amplitude spectrum along one dimension — unit
// amplitudes, or the amplitude divided by its running mean over `smoothSize` Hz (wrapped, with a
// water level) — keep the phase, optionally taper to a frequency band, and transform back.
import { ParameterError } from "../errors.ts";
import type { Coord } from "../coords/Coord.ts";
import type { PatchParts } from "../patch/construct.ts";
import { complexStrided, linePairs } from "./kernels/lineIo.ts";
import { rowMajor } from "./kernels/lines.ts";
import { magnitude, nextFastLen, uniformWrap } from "./kernels/spectral.ts";
import { phasor, whitenLines } from "./kernels/whitenLines.ts";
import { taperWindow } from "./kernels/windows.ts";
import { complexResult, dimShape } from "./complexData.ts";
import { sampleCount } from "./coordTools.ts";
import { dftParts, idftParts } from "./fourier.ts";
import { historyEntry } from "./history.ts";
import { axisOf, stepOf } from "./plumbing.ts";
import { selectParts } from "../patch/select.ts";
import { StridedArray } from "../patch/StridedArray.ts";

/** Options of `whiten` (DASCore's `smooth_size`, `water_level`). */
export interface WhitenOptions {
  /** Width in Hz (the transformed coordinate's units) of the running mean the amplitude is divided by; null: unit amplitudes. */
  smoothSize?: number | null;
  /** Floor of the running mean as a fraction (0–1) of its maximum. */
  waterLevel?: number | null;
}

/** A frequency band: `[lo, hi]` (taper from 0 to lo and from hi to the end) or `[f1, f2, f3, f4]`. */
export type WhitenBand = readonly [number, number] | readonly [number | null, number, number, number | null];

/** DASCore's `_get_range_envelope` of taper_range: 0 outside, Hann halves between the corners, 1 inside. */
function bandEnvelope(coord: Coord, band: readonly (number | null)[], dim: string): Float64Array {
  const n = coord.length;
  if (band.length !== 2 && band.length !== 4) throw new ParameterError("A len 2 or 4 sequence is required for taper values");
  const next = (v: number | null, k: number): number => {
    if (v === null) {
      if (band.length === 2) throw new ParameterError("Cannot use ... or None when only two values provided");
      return k / band.length < 0.5 ? 0 : n - 1;
    }
    const { slice } = coord.select([v, null]);
    if (slice[1] <= slice[0]) throw new ParameterError(`whiten band value ${v} is past the end of '${dim}'`);
    return slice[0];
  };
  let idx = band.map(next);
  if (idx.length === 2) idx = [0, idx[0]!, idx[1]!, n];
  const [i1, i2, i3, i4] = idx as [number, number, number, number];
  const out = new Float64Array(n);
  const curve = (a: number, b: number): Float64Array => taperWindow("hann", (b - a) * 2 + 1).slice(0, b - a);
  const left = curve(i1, i2);
  const right = curve(i3, i4).reverse();
  for (let i = i1; i < i2; i++) out[i] = out[i]! + left[i - i1]!;
  for (let i = i3; i < i4; i++) out[i] = out[i]! + right[i - i3]!;
  for (let i = i2; i < i3; i++) out[i] = out[i]! + 1;
  return out;
}

/**
 * |re + i·im| bound once: called per bin, an imported function costs a getter call each time
 * under the CommonJS interop tsx (which runs the benchmarks) compiles imports to.
 */
const abs = magnitude;

/** DASCore's `whiten`: see {@link PatchProcessing.whiten}. */
export function whitenParts(parts: PatchParts, band: Readonly<Record<string, WhitenBand | null>> | null, options: WhitenOptions): PatchParts {
  const keys = band ? Object.keys(band) : [];
  if (keys.length > 1) throw new ParameterError(`Whiten kwargs must specify a single patch dimension, got [${keys.join(", ")}]`);
  let dim = "time";
  let range: WhitenBand | null = null;
  if (keys.length === 0) {
    if (!parts.dims.includes("time") && !parts.dims.includes("ft_time")) throw new ParameterError("No dim name provided in kwargs and patch has no time dimension.");
  } else {
    dim = keys[0]!;
    range = band![dim] ?? null;
    if (!parts.dims.includes(dim) && !parts.dims.includes(`ft_${dim}`)) throw new ParameterError(`passed dim of ${dim} to whiten but it is not in patch dimensions.`);
  }
  const smooth = options.smoothSize ?? null;
  const water = options.waterLevel ?? null;
  const ft = `ft_${dim}`;
  const real = parts.dtype !== "complex64" && parts.dtype !== "complex128";
  // the line-by-line path takes real samples along an increasing range coordinate (the chain
  // keeps a negative step's spectrum complex); an empty patch takes the chain, which
  // whitenDirect runs over no lines for the metadata
  const c = parts.coords[dim];
  const rising = c !== undefined && c.kind === "range" && c.step !== null && c.step > 0;
  const empty = parts.view.shape.some((n) => n === 0);
  if (real && smooth === null && rising && !empty && parts.dims.includes(dim) && parts.dims.length >= 2) return whitenDirect(parts, dim, range, options);
  const fftParts = dftParts(parts, dim, { real });
  const inputFft = fftParts === parts;
  const coord = fftParts.coords[ft]!;
  const axis = axisOf(fftParts, ft, "whiten");
  const shape = dimShape(fftParts);
  // the spectrum is whitened in place: dft's fresh output, or a copy of a patch already transformed
  const spectrum = fftParts.view.toContiguous();
  const z = inputFft || !(spectrum instanceof Float64Array) ? Float64Array.from(spectrum as Float64Array) : spectrum;
  let window = 0;
  if (smooth !== null) {
    if (water !== null && (water < 0 || water > 1)) throw new ParameterError("water_level must be a float between 0 and 1.");
    if (smooth <= 0) throw new ParameterError("Frequency smoothing size must be positive");
    if (smooth >= Number(coord.max())) throw new ParameterError("Frequency smoothing size is larger than Nyquist");
    window = sampleCount(coord, smooth, false, ft, true);
  }
  const n = shape[axis]!;
  const { dst: lines } = linePairs(complexStrided(z, shape), shape, axis, 2);
  const st = 2 * rowMajor(shape)[axis]!;
  if (smooth !== null) {
    // amplitudes divided by their running mean over `window` bins, floored by the water level:
    // a fraction of the largest running mean over the whole patch
    // (the running means of every line are kept only when a water level needs their maximum)
    const mag = new Float64Array(n);
    const all = new Float64Array(water === null ? n : lines.length * n);
    const means = (j: number): Float64Array => (water === null ? all : all.subarray(j * n, (j + 1) * n));
    const smoothLine = (j: number): void => {
      for (let i = 0, q = lines[j]!; i < n; i++, q += st) mag[i] = abs(z[q]!, z[q + 1]!);
      uniformWrap(mag, window, means(j));
    };
    let level = -Infinity;
    if (water !== null) {
      for (let j = 0; j < lines.length; j++) smoothLine(j);
      let max = -Infinity;
      for (let u = 0; u < all.length; u++) if (all[u]! > max) max = all[u]!;
      level = water * max;
    }
    for (let j = 0; j < lines.length; j++) {
      if (water === null) smoothLine(j);
      const u = means(j);
      for (let i = 0, q = lines[j]!; i < n; i++, q += st) phasor(z, q, u[i]! < level ? level : u[i]!);
    }
  } else for (let q = 0; q < z.length; q += 2) phasor(z, q, null);
  if (range) {
    const lo = Number(coord.step) * 2;
    for (let i = 1; i < range.length; i++) {
      const a = range[i - 1];
      const b = range[i];
      if (a !== null && b !== null && a !== undefined && b !== undefined && b - a < lo) throw new ParameterError("Frequency range is too narrow");
    }
    const env = bandEnvelope(coord, range as readonly (number | null)[], ft);
    for (const d of lines) for (let i = 0, q = d; i < n; i++, q += st) (z[q] = z[q]! * env[i]!), (z[q + 1] = z[q + 1]! * env[i]!);
  }
  const whitened = complexResult(fftParts, z, false, null, { shape });
  const out = inputFft ? whitened : idftParts(whitened, null, true); // z is dft's fresh output: the inverse may overwrite it
  const history = [...((out.attrs.history as string[] | undefined) ?? []), historyEntry("whiten", { smooth_size: smooth, water_level: water, [dim]: range ? [...range] : null })];
  return { ...out, attrs: { ...out.attrs, history } };
}

/**
 * whiten of real samples with unit amplitudes, line by line (kernels/whitenLines.ts): the
 * numbers of the dft → bin pass → idft chain above without its patch-sized spectrum. The
 * metadata (coordinates, units, history, errors) is the chain's own, run over no lines: the
 * patch emptied along another dimension, whose coordinates are then put back.
 */
function whitenDirect(parts: PatchParts, dim: string, range: WhitenBand | null, options: WhitenOptions): PatchParts {
  const axis = parts.dims.indexOf(dim);
  const other = parts.dims[axis === 0 ? 1 : 0]!;
  const shadow = selectParts(parts, { [other]: [0, 0] }, { samples: true });
  const meta = whitenParts(shadow, { [dim]: range }, options);
  const ftCoord = dftParts(shadow, dim, { real: dim }).coords[`ft_${dim}`]!;
  const envelope = range ? bandEnvelope(ftCoord, range as readonly (number | null)[], `ft_${dim}`) : null;
  const N = nextFastLen(parts.view.shape[axis]!); // dft's padded length
  const keep = meta.view.shape[axis]!;
  const shape = parts.view.shape.map((n, k) => (k === axis ? keep : n));
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  whitenLines(parts.view, axis, N, keep, stepOf(parts.coords[dim]!, dim), envelope, data, shape);
  // coordinates that do not follow `dim` are the patch's own (the shadow's were emptied)
  const coords: Record<string, Coord> = {};
  for (const [name, c] of Object.entries(meta.coords)) coords[name] = meta.coordDims[name]!.includes(dim) ? c : parts.coords[name] ?? c;
  return { ...meta, view: StridedArray.contiguous(data, shape), coords: Object.freeze(coords) };
}
