// correlate (DASCore proc/correlate.py): cross-correlation of every line of a 2-D patch with
// source lines, through the frequency domain (pad to a fast length ≥ 2n − 1, real FFT, multiply
// by the source's conjugate, inverse FFT, shift so lag 0 is in the middle, undo the step scaling).
// The result gains a `source_{dim}` dimension and `{other}` becomes `lag_{other}`.
import { ParameterError } from "../errors.ts";
import type { Coord, SelectRange } from "../coords/Coord.ts";
import { selectParts } from "../patch/select.ts";
import { coordArray, coordRange } from "../coords/build.ts";
import type { PatchParts } from "../patch/construct.ts";
import { StridedArray } from "../patch/StridedArray.ts";
import { forEachLine, rowMajor } from "./kernels/lines.ts";
import { nextFastLen } from "./kernels/spectral.ts";
import { complexResult, dimShape, isComplex } from "./complexData.ts";
import { padParts } from "./coords.ts";
import { correlateLines } from "./kernels/correlation.ts";
import { formatUnits, multiply, parseQuantity } from "../units/index.ts";
import { dftParts, idftParts, invertedUnits } from "./fourier.ts";
import { axisOf, stepOf } from "./plumbing.ts";

/** Source positions along `dim`: coordinate values (the next sample at or after each) or, with `samples`, indices. */
function sourceIndices(coord: Coord, source: number | readonly number[] | null, samples: boolean, dim: string): number[] {
  if (source === null) return Array.from({ length: coord.length }, (_, i) => i);
  const list = typeof source === "number" ? [source] : [...source];
  return list.map((v) => {
    if (samples) {
      const i = v < 0 ? coord.length + v : v;
      if (!Number.isInteger(i) || i < 0 || i >= coord.length) throw new ParameterError(`source index ${v} is outside '${dim}' (length ${coord.length})`);
      return i;
    }
    const { slice } = coord.select([v, null]);
    if (slice[0] >= coord.length || slice[1] <= slice[0]) throw new ParameterError(`source value ${v} is past the end of '${dim}'`);
    return slice[0];
  });
}

/** The history text of a source (DASCore prints lists with brackets). */
function sourceText(source: number | readonly number[] | null): string {
  if (source === null) return "None";
  return typeof source === "number" ? String(source) : `[${source.join(",")}]`;
}

/**
 * DASCore's `correlate`: see {@link PatchProcessing.correlate}. `lags`, when given, keeps only
 * those lags, as a select on `lag_{dim}` afterwards would (the direct path writes only them).
 */
export function correlateParts(parts: PatchParts, sources: Readonly<Record<string, number | readonly number[] | null>>, samples: boolean, lags?: SelectRange): PatchParts {
  if (parts.dims.length !== 2) throw new ParameterError(`correlate needs a 2-D patch, got dimensions (${parts.dims.join(", ")})`);
  const keys = Object.keys(sources);
  if (keys.length !== 1) throw new ParameterError(`correlate needs exactly one source dimension key, got [${keys.join(", ")}]`);
  const dim = keys[0]!;
  const sourceAxis = axisOf(parts, dim, "correlate");
  const source = sources[dim]!;
  const fftAxis = 1 - sourceAxis;
  const fftDim = parts.dims[fftAxis]!;
  const inputDft = fftDim.startsWith("ft_");
  if (lags !== undefined && (!Array.isArray(lags) || lags.length !== 2)) {
    throw new ParameterError(`correlate's lags must be a range [lo, hi] of lag_${fftDim} values, got ${JSON.stringify(lags, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`);
  }
  if (inputDft && lags !== undefined) throw new ParameterError(`correlate of '${fftDim}' gives the product spectrum, which has no lags to keep; drop 'lags' or correlate samples`);
  let p = parts;
  if (!inputDft) {
    if (isComplex(parts)) throw new ParameterError("correlate of complex data is not supported; correlate the real parts");
    const c = parts.coords[fftDim]!;
    if (c.kind === "range" && c.step !== null) return correlateDirect(parts, dim, sourceAxis, source, samples, lags);
    const n = parts.view.shape[fftAxis]!;
    const padded = padParts(parts, { [fftDim]: [0, nextFastLen(2 * n - 1) - n] }, { samples: true });
    p = dftParts({ ...padded, attrs: parts.attrs }, fftDim, { real: fftDim });
    p = { ...p, attrs: { ...p.attrs, history: parts.attrs.history ?? [] } };
  }
  const idx = sourceIndices(p.coords[dim]!, source, samples, dim);
  const shape = dimShape(p);
  const z = p.view.toContiguous() as Float64Array | Float32Array;
  const S = idx.length;
  const outShape = [...shape, S];
  const out = new Float64Array(2 * outShape.reduce((a, b) => a * b, 1));
  const inS = rowMajor(shape);
  const outS = rowMajor(outShape);
  const [n0, n1] = shape as [number, number];
  for (let i = 0; i < n0; i++) {
    for (let j = 0; j < n1; j++) {
      const a = 2 * (i * inS[0]! + j);
      const ar = z[a]!;
      const ai = z[a + 1]!;
      for (let s = 0; s < S; s++) {
        // the source line: same position along the FFT axis, source index along the other
        const b = 2 * (sourceAxis === 0 ? idx[s]! * inS[0]! + j : i * inS[0]! + idx[s]!);
        const br = z[b]!;
        const bi = -z[b + 1]!;
        const o = 2 * (i * outS[0]! + j * outS[1]! + s);
        out[o] = ar * br - ai * bi;
        out[o + 1] = ar * bi + ai * br;
      }
    }
  }
  const srcCoord = parts.coords[dim]!;
  // DASCore labels sources with the values given (indices when `samples`), or the whole coordinate
  const sourceValues = Float64Array.from(typeof source === "number" ? [source] : source === null ? Array.from(srcCoord.values() as ArrayLike<number>, Number) : source);
  const srcName = `source_${dim}`;
  const prod = complexResult(p, out, false, null, {
    shape: outShape,
    dims: [...p.dims, srcName],
    coords: { [srcName]: coordArray(sourceValues) },
    coordDims: { ...p.coordDims, [srcName]: [srcName] },
  });
  const args = [`${dim}='${sourceText(source)}'`, `samples='${samples ? "True" : "False"}'`].sort();
  const entry = `correlate(${args.join(",")})`;
  const finish = (q: PatchParts): PatchParts => {
    const done: PatchParts = { ...q, attrs: { ...q.attrs, data_type: "correlation", history: [...((parts.attrs.history as string[] | undefined) ?? []), entry] } };
    return lags === undefined ? done : selectParts(done, { [`lag_${fftDim}`]: lags }, {});
  };
  if (inputDft) return finish(prod);
  return finish(correlateShift(idftParts(prod, null), fftDim));
}

/**
 * correlate of real samples along an evenly sampled range coordinate, line by line
 * (kernels/correlation.ts): the numbers and metadata of the pad → dft → product → idft →
 * correlate_shift chain below, without its five whole-patch intermediates.
 */
function correlateDirect(parts: PatchParts, dim: string, sourceAxis: number, source: number | readonly number[] | null, samples: boolean, lags: SelectRange | undefined): PatchParts {
  const fftAxis = (1 - sourceAxis) as 0 | 1;
  const fftDim = parts.dims[fftAxis]!;
  const coord = parts.coords[fftDim]!;
  const n = parts.view.shape[fftAxis]!;
  const N = nextFastLen(2 * n - 1);
  const dx = stepOf(coord, fftDim);
  const idx = sourceIndices(parts.coords[dim]!, source, samples, dim);
  // a range coordinate selects a contiguous slice: only those lags are computed into the output
  let lag = lagCoord(coord, N);
  let kept: [number, number] = [0, N];
  if (lags !== undefined) {
    const sel = lag.select(lags);
    lag = sel.coord;
    kept = [sel.slice[0], sel.slice[1]];
  }
  const [M, keptM] = shorterLength(n, N, kept);
  const data = correlateLines(parts.view, fftAxis, M, idx, dx, keptM);
  const shape = [...parts.view.shape];
  shape[fftAxis] = kept[1] - kept[0];
  shape.push(idx.length);
  // data units: × the coordinate's units (dft), × their inverse (idft), as the chain multiplies them
  const dataUnits = parseQuantity(parts.attrs.data_units as string | null | undefined);
  let units = dataUnits;
  const domain = parseQuantity(coord.units);
  if (units !== null && domain !== null) units = parseQuantity(formatUnits(multiply(units, domain))); // idft re-reads dft's text
  const ftUnits = parseQuantity(invertedUnits(coord.units));
  if (units !== null && ftUnits !== null) units = multiply(units, ftUnits);
  const srcCoord = parts.coords[dim]!;
  const sourceValues = Float64Array.from(typeof source === "number" ? [source] : source === null ? Array.from(srcCoord.values() as ArrayLike<number>, Number) : source);
  const srcName = `source_${dim}`;
  const lagName = `lag_${fftDim}`;
  const coords: Record<string, Coord> = {};
  const coordDims: Record<string, readonly string[]> = {};
  for (const [k, c] of Object.entries(parts.coords)) {
    const spans = parts.coordDims[k]!;
    if (k === fftDim || spans.includes(fftDim)) continue; // dft drops the coordinates along the transformed dimension
    coords[k] = c;
    coordDims[k] = spans;
  }
  coords[lagName] = lag;
  coordDims[lagName] = [lagName];
  coords[srcName] = coordArray(sourceValues);
  coordDims[srcName] = [srcName];
  const args = [`${dim}='${sourceText(source)}'`, `samples='${samples ? "True" : "False"}'`].sort();
  const history = [...((parts.attrs.history as string[] | undefined) ?? []), `correlate(${args.join(",")})`];
  const { dtype: _drop, ...rest } = parts;
  return {
    ...rest,
    view: StridedArray.contiguous(data, shape),
    dims: Object.freeze([...parts.dims.map((d) => (d === fftDim ? lagName : d)), srcName]),
    coords: Object.freeze(coords),
    coordDims: Object.freeze(coordDims),
    attrs: { ...parts.attrs, data_units: units === null ? null : formatUnits(units), data_type: "correlation", history },
  };
}

/**
 * The FFT length and kept positions that give the kept lags of an N-point correlation of n
 * samples. Position j of the shifted N-point line holds lag j − ⌊N/2⌋, and the circular
 * correlation of a zero-padded line of length M is free of wrap-around at lag k while |k| ≤ M − n.
 * So when every kept lag is within K of 0, M = {@link evenFastLen}(n + K) gives the same lags
 * (equal to rounding: a different FFT length sums in another order) at about half the cost of
 * N ≥ 2n − 1 when K ≪ n, as an ambient-noise job's ±1 s of a minute is.
 */
function shorterLength(n: number, N: number, kept: readonly [number, number]): [number, [number, number]] {
  const [a, b] = kept;
  if (b <= a) return [N, [a, b]];
  const sh = N >> 1;
  const K = Math.max(Math.abs(a - sh), Math.abs(b - 1 - sh));
  const M = evenFastLen(n + K);
  const shM = M >> 1;
  // every kept lag k must also have a position k + ⌊M/2⌋ in [0, M)
  if (M >= N || a - sh + shM < 0 || b - sh + shM > M) return [N, [a, b]];
  return [M, [a - sh + shM, b - sh + shM]];
}

/**
 * The least even length ≥ m whose half has no prime factor above 5: the real FFT runs two lines
 * at a time through the SIMD passes only for even lengths (nextFastLen may give an odd one, as
 * 15,309 = 3⁷·7 for 15,250).
 */
function evenFastLen(m: number): number {
  for (let h = Math.ceil(m / 2); ; h++) {
    let r = h;
    for (const p of [2, 3, 5]) while (r % p === 0) r /= p;
    if (r === 1) return 2 * h;
  }
}

/** The lag coordinate of N samples of `coord`'s step, lag 0 at ⌊N/2⌋ (DASCore's correlate_shift). */
function lagCoord(coord: Coord, n: number): Coord {
  const half = Math.ceil((n - 1) / 2);
  const step = coord.step!;
  return typeof step === "bigint"
    ? coordRange({ start: -BigInt(half) * step, step, length: n, units: coord.units, dtype: "timedelta64" })
    : coordRange({ start: -half * step, step, length: n, units: coord.units });
}

/** DASCore's `correlate_shift`: fftshift along `dim`, ÷ step, the coordinate → `lag_{dim}` centred on 0. */
function correlateShift(parts: PatchParts, dim: string): PatchParts {
  const axis = axisOf(parts, dim, "correlate");
  const coord = parts.coords[dim]!;
  const dx = stepOf(coord, dim);
  const shape = parts.view.shape;
  const real = parts.view.toContiguous() as Float64Array;
  // fftshift along the axis and ÷ step in one pass: element i moves to (i + ⌊n/2⌋) mod n
  const data = new Float64Array(real.length);
  const len = shape[axis]!;
  const sh = len >> 1;
  const st = rowMajor(shape)[axis]!;
  forEachLine(shape, rowMajor(shape), 0, axis, (start) => {
    for (let i = 0, p = start, q = start + sh * st; i < len - sh; i++, p += st, q += st) data[q] = real[p]! / dx;
    for (let i = len - sh, p = start + i * st, q = start; i < len; i++, p += st, q += st) data[q] = real[p]! / dx;
  });
  const lag = lagCoord(coord, coord.length);
  const name = `lag_${dim}`;
  const dims = parts.dims.map((d) => (d === dim ? name : d));
  const coords: Record<string, Coord> = {};
  const coordDims: Record<string, readonly string[]> = {};
  for (const [k, c] of Object.entries(parts.coords)) {
    if (k === dim) continue;
    coords[k] = c;
    coordDims[k] = parts.coordDims[k]!;
  }
  coords[name] = lag;
  coordDims[name] = [name];
  return { ...parts, view: StridedArray.contiguous(data, shape), dims: Object.freeze(dims), coords: Object.freeze(coords), coordDims: Object.freeze(coordDims) };
}
