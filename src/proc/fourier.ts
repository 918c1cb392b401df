// dft and idft (DASCore transform/fourier.py): numpy's fftn/rfftn on a patch padded to fast
// lengths, scaled by the sample steps and shifted so frequencies ascend, on `ft_{dim}`
// coordinates; the old coordinates kept (over no dimension) so idft restores them exactly.
import { ParameterError } from "../errors.ts";
import type { Coord } from "../coords/Coord.ts";
import { coordRange } from "../coords/build.ts";
import type { PatchParts } from "../patch/construct.ts";
import { formatUnits, invert, multiply, parseQuantity, type Quantity } from "../units/index.ts";
import { complexStrided } from "./kernels/lineIo.ts";
import { rowMajor } from "./kernels/lines.ts";
import { fftLines, irfftLines, nextFastLen, rfftLines, truncateLines } from "./kernels/spectral.ts";
import { complexCopy, complexResult, dimShape, isComplex, realResult } from "./complexData.ts";
import { historyEntry } from "./history.ts";
import { axisOf, stepOf } from "./plumbing.ts";

/** Options of {@link dftParts} (DASCore's keywords). */
export interface DftOptions {
  /** The dimension to transform with a real FFT (`true`: the last one given). */
  real?: string | boolean | null;
  /** Zero-pad each transformed dimension to scipy's next fast length first (default true). */
  pad?: boolean;
  /** `"FFT"` (complex coefficients, default), `"AS"`, `"PS"` or `"PSD"`. */
  output?: "FFT" | "AS" | "PS" | "PSD";
  /** Decibels of AS/PS/PSD (`20·log10` for AS, `10·log10` else). */
  db?: boolean;
}

/** Number of elements of a shape. */
function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Whether `strides` are the row-major strides of `shape`. */
function isRowMajor(strides: readonly number[], shape: readonly number[]): boolean {
  const rm = rowMajor(shape);
  return strides.every((s, k) => s === rm[k] || shape[k] === 1);
}

/** pint's unit string of `q`, or null. */
function unitText(q: Quantity | null): string | null {
  return q === null ? null : formatUnits(q);
}

/** Units of a transformed coordinate: 1 / units, with `1 / s` written `Hz` (DASCore #693). */
export function invertedUnits(units: string | null): string | null {
  const q = parseQuantity(units);
  if (q === null) return null;
  const inv = invert(q);
  const t = formatUnits(inv);
  return t === "1 / s" ? "Hz" : t;
}

/** Product of the units of the named coordinates (skipping those without units), or null. */
function unitProduct(parts: PatchParts, names: readonly string[]): Quantity | null {
  let out: Quantity | null = null;
  for (const n of names) {
    const q = parseQuantity(parts.coords[n]!.units);
    if (q !== null) out = out === null ? q : multiply(out, q);
  }
  return out;
}

/** A range coordinate extended to `length` samples (the zero padding's coordinate). */
function extended(coord: Coord, length: number, dim: string): Coord {
  if (length === coord.length) return coord;
  if (coord.step === null) throw new ParameterError(`'${dim}' is not evenly sampled; dft needs a regular step`);
  return coordRange({ start: coord.min()!, step: coord.step, length, units: coord.units, dtype: coord.dtype });
}

/**
 * DASCore's `dft`: see {@link PatchProcessing.dft}.
 */
export function dftParts(parts: PatchParts, dim: string | readonly string[] | null, options: DftOptions): PatchParts {
  const output = (options.output ?? "FFT").toUpperCase() as NonNullable<DftOptions["output"]>;
  const db = options.db ?? false;
  const pad = options.pad ?? true;
  if (!["FFT", "AS", "PS", "PSD"].includes(output)) throw new ParameterError(`Unknown output='${output}'. Expected one of: ('FFT', 'AS', 'PS', 'PSD').`);
  if (output === "FFT" && db) throw new ParameterError("db=True is only supported for output='AS', 'PS', or 'PSD'.");
  let dims = dim === null ? [...parts.dims] : typeof dim === "string" ? [dim] : [...dim];
  for (const d of dims) if (!(d in parts.coords)) axisOf(parts, d, "dft");
  let real = options.real === true ? dims[dims.length - 1]! : options.real || null;
  const have = new Set(parts.dims);
  dims = dims.filter((d) => have.has(d) || !have.has(`ft_${d}`));
  if (real !== null && !dims.includes(real)) real = null;
  if (dims.length === 0) return parts;
  if (real !== null) dims = [...dims.filter((d) => d !== real), real];
  const axes = dims.map((d) => axisOf(parts, d, "dft"));
  const shape = dimShape(parts);
  const padded = shape.map((n, k) => (pad && axes.includes(k) ? nextFastLen(n) : n));
  const dxs = dims.map((d) => stepOf(parts.coords[d]!, d));

  const coords: Record<string, Coord> = {};
  const coordDims: Record<string, readonly string[]> = {};
  const dropped = new Set(dims);
  for (const [name, c] of Object.entries(parts.coords)) {
    const spans = parts.coordDims[name]!;
    if (!dropped.has(name) && spans.some((s) => dropped.has(s))) continue; // associated coords go
    coords[name] = c;
    coordDims[name] = spans;
  }
  const newDims = [...parts.dims];
  dims.forEach((d, i) => {
    const axis = axes[i]!;
    const n = padded[axis]!;
    const old = extended(parts.coords[d]!, n, d);
    const df = 1 / (n * dxs[i]!);
    const isReal = d === real;
    const ft = `ft_${d}`;
    coords[ft] = coordRange({ start: isReal ? 0 : -Math.floor(n / 2) * df, step: df, length: isReal ? Math.floor(n / 2) + 1 : n, units: invertedUnits(old.units), dtype: "float64" });
    coordDims[ft] = [ft];
    coords[d] = old;
    coordDims[d] = [];
    if (pad) {
      coords[`_${d}_unpadded`] = parts.coords[d]!;
      coordDims[`_${d}_unpadded`] = [];
    }
    newDims[axis] = ft;
  });

  // each transformed axis goes line by line from the patch's view (or the output, for the
  // second and later axes) into the output; the step scaling rides on the last transform, as
  // numpy's fftn(…) * scale, and the fftshift on each complex axis's own writes
  const complexAxes = real === null ? axes : axes.slice(0, -1);
  const scale = dxs.reduce((a, b) => a * b, 1);
  const complexIn = isComplex(parts);
  let outShape = padded;
  let z: Float64Array | null = null;
  if (real !== null) {
    const axis = axes[axes.length - 1]!;
    const keep = Math.floor(outShape[axis]! / 2) + 1;
    const cut = outShape.map((s, k) => (k === axis ? keep : s));
    const mul = complexAxes.length === 0 ? scale : 1;
    if (complexIn) {
      // a complex patch keeps its imaginary part through the full transform, then the cut
      const full = new Float64Array(2 * size(outShape));
      fftLines(parts.view, true, axis, full, outShape, { inverse: false, outMul: mul });
      z = truncateLines(complexStrided(full, outShape), axis, cut, 2, Float64Array);
    } else {
      z = new Float64Array(2 * size(cut));
      rfftLines(parts.view, axis, outShape[axis]!, z, cut, mul);
    }
    outShape = cut;
  }
  complexAxes.forEach((axis, i) => {
    const from = z === null ? parts.view : complexStrided(z, outShape);
    const fromComplex = z === null ? complexIn : true;
    z ??= new Float64Array(2 * size(outShape));
    fftLines(from, fromComplex, axis, z, outShape, { inverse: false, outMul: i === complexAxes.length - 1 ? scale : 1, shiftOut: true });
  });

  const dataUnits = parseQuantity(parts.attrs.data_units as string | null | undefined);
  const domain = unitProduct(parts, dims);
  const fftUnits = dataUnits === null ? null : domain === null ? dataUnits : multiply(dataUnits, domain);
  const attrs: Record<string, unknown> = {
    ...parts.attrs,
    data_units: unitText(fftUnits),
    _pre_dft_data_type: parts.attrs.data_type ?? "",
    data_type: "fourier_transform",
    _dft_output: output,
    _dft_padded: pad,
  };
  const entry = historyEntry("dft", { db, dim: dim === null ? null : typeof dim === "string" ? dim : [...dim], output, pad, real: options.real ?? null });
  // DASCore scales by np.prod(steps), a float64 scalar: complex64 results promote to complex128
  const out = complexResult({ ...parts, attrs }, z!, false, entry, { shape: outShape, coords, coordDims, dims: newDims });
  const result = { ...out, coords: Object.freeze(coords) };
  return output === "FFT" ? result : spectralAmplitudes(result, output, dims, db, fftUnits, domain);
}

/** DASCore's `_convert_dft_spectral_amplitudes`: |X| scaled to AS, PS or PSD, maybe in dB; units from the FFT's units ÷ the domain's. */
function spectralAmplitudes(parts: PatchParts, output: "AS" | "PS" | "PSD", dims: readonly string[], db: boolean, dataUnits: Quantity | null, domain: Quantity | null): PatchParts {
  const z = parts.view.toContiguous() as Float32Array | Float64Array;
  const single = z instanceof Float32Array;
  const out = single ? new Float32Array(z.length / 2) : new Float64Array(z.length / 2);
  let extent = 1;
  for (const d of dims) extent /= Math.abs(stepOf(parts.coords[`ft_${d}`]!, `ft_${d}`));
  const eps = single ? 2 ** -23 : 2 ** -52;
  for (let i = 0; i < out.length; i++) {
    const a = single ? Math.fround(Math.hypot(z[2 * i]!, z[2 * i + 1]!)) : Math.hypot(z[2 * i]!, z[2 * i + 1]!);
    let v = output === "AS" ? a / extent : output === "PS" ? (a * a) / (extent * extent) : (a * a) / extent;
    if (db) v = (output === "AS" ? 20 : 10) * Math.log10(v + eps);
    out[i] = v;
  }
  let units: string | null = null;
  if (db) units = "dB";
  else if (dataUnits !== null) {
    const original = domain === null ? dataUnits : multiply(dataUnits, invert(domain));
    const spectral = unitProduct(parts, dims.map((d) => `ft_${d}`));
    const sq = multiply(original, original);
    units = unitText(output === "AS" ? original : output === "PS" ? sq : spectral === null ? sq : multiply(sq, invert(spectral)));
  }
  const map = { AS: "amplitude_spectrum", PS: "power_spectrum", PSD: "power_spectral_density" } as const;
  return realResult({ ...parts, attrs: { ...parts.attrs, data_type: map[output], data_units: units } }, out, null);
}

/**
 * DASCore's `idft`: see {@link PatchProcessing.idft}. `reuse` lets a real inverse write its
 * samples over the spectrum's buffer (callers passing a spectrum of their own, never a user's).
 */
export function idftParts(parts: PatchParts, dim: string | readonly string[] | null, reuse = false): PatchParts {
  const kind = (parts.attrs._dft_output as string | undefined) ?? "FFT";
  if (kind !== "FFT") throw new ParameterError(`Only dft(output='FFT') can be inverted with idft, not '${kind}'.`);
  const have = new Set(parts.dims);
  const asked = dim === null ? parts.dims.filter((d) => d.startsWith("ft_")) : typeof dim === "string" ? [dim] : [...dim];
  let dims = asked.map((d) => (have.has(d) ? d : `ft_${d}`));
  const isReal = dims.map((d) => {
    const c = parts.coords[d];
    if (!c) axisOf(parts, d, "idft");
    stepOf(c!, d);
    return Number(c!.min()) === 0;
  });
  if (isReal.filter(Boolean).length > 1) throw new ParameterError("only one real axis allowed.");
  const real = isReal.includes(true) ? dims[isReal.indexOf(true)]! : null;
  if (real !== null) dims = [...dims.filter((d) => d !== real), real];
  const axes = dims.map((d) => axisOf(parts, d, "idft"));
  const padded = parts.attrs._dft_padded === true;

  const coords: Record<string, Coord> = {};
  const coordDims: Record<string, readonly string[]> = {};
  const newDims = [...parts.dims];
  const sizes: number[] = [];
  const keep: (number | null)[] = [];
  for (const [name, c] of Object.entries(parts.coords)) {
    if (dims.includes(name) || parts.coordDims[name]!.some((s) => dims.includes(s))) continue;
    coords[name] = c;
    coordDims[name] = parts.coordDims[name]!;
  }
  dims.forEach((d, i) => {
    const old = d.slice(3);
    const c = parts.coords[old];
    if (!c || parts.coordDims[old]!.length !== 0) {
      throw new ParameterError("Currently, IDFT can only be performed on patches which have been transformed to Fourier domain with dft method.");
    }
    sizes.push(c.length);
    coords[old] = c;
    coordDims[old] = [old];
    newDims[axes[i]!] = old;
    const unpadded = parts.coords[`_${old}_unpadded`];
    delete coords[`_${old}_unpadded`];
    delete coordDims[`_${old}_unpadded`];
    keep.push(padded && unpadded && unpadded.length < c.length ? unpadded.length : null);
    if (keep[i] !== null) coords[old] = unpadded!;
  });

  const shape = dimShape(parts);
  const scale = dims.reduce((a, d) => a * stepOf(coords[d.slice(3)] ?? parts.coords[d.slice(3)]!, d.slice(3)), 1);
  const complexAxes = real === null ? axes : axes.slice(0, -1);
  // numpy's ifftn(ifftshift(data / scale)): the division on the first transform's reads, each
  // axis's ifftshift on its own reads, ÷ n on its writes
  let z: Float64Array | null = null;
  complexAxes.forEach((axis, i) => {
    const from = z === null ? parts.view : complexStrided(z, shape);
    z ??= new Float64Array(2 * size(shape));
    fftLines(from, true, axis, z, shape, { inverse: true, inDiv: i === 0 ? scale : 1, outDiv: shape[axis]!, shiftIn: true });
  });
  if (z === null && real === null) {
    z = complexCopy(parts);
    for (let i = 0; i < z.length; i++) z[i] = z[i]! / scale;
  }

  const dataUnits = parseQuantity(parts.attrs.data_units as string | null | undefined);
  let units = dataUnits;
  if (dataUnits !== null) for (const d of dims) {
    const q = parseQuantity(parts.coords[d]!.units);
    if (q !== null) units = multiply(units!, q);
  }
  const { _dft_output: _o, _dft_padded: _p, _pre_dft_data_type: pre, ...rest } = parts.attrs as Record<string, unknown>;
  const attrs = { ...rest, data_units: unitText(units), ...(pre !== undefined ? { data_type: pre } : {}) };
  const entry = historyEntry("idft", { dim: dim === null ? null : typeof dim === "string" ? dim : [...dim] });
  const single = false; // divided by a float64 scalar (np.prod of the steps), as DASCore
  let outShape = shape;
  let result: PatchParts;
  if (real !== null) {
    const axis = axes[axes.length - 1]!;
    const n = sizes[sizes.length - 1]!;
    outShape = shape.map((s, k) => (k === axis ? (keep[keep.length - 1] ?? n) : s));
    const from = z === null ? parts.view : complexStrided(z, shape);
    // `reuse`: the caller's own spectrum (whiten's) may take the samples, rows along the last
    // axis: row j's n samples end before row j + 1's 2·(n//2 + 1) numbers start, and row j is
    // read whole before it is written. Fresh memory costs as much to touch as the transform.
    const base = from.base;
    const inPlace = reuse && from === parts.view && axis === shape.length - 1 && base instanceof Float64Array && parts.view.offset === 0 && isRowMajor(parts.view.strides, [...shape, 2]);
    let data = inPlace ? new Float64Array(base.buffer, base.byteOffset, size(outShape)) : new Float64Array(size(outShape));
    irfftLines(from, axis, n, z === null ? scale : 1, data, outShape);
    axes.forEach((ax, i) => {
      if (keep[i] === null || ax === axis) return;
      const cut = outShape.map((s, k) => (k === ax ? keep[i]! : s));
      data = truncateLines({ base: data, offset: 0, shape: outShape, strides: rowMajor(outShape) }, ax, cut, 1, Float64Array);
      outShape = cut;
    });
    result = realResult({ ...parts, attrs }, single ? Float32Array.from(data) : data, entry, { shape: outShape, coords, coordDims, dims: newDims });
  } else {
    let data = z!;
    axes.forEach((ax, i) => {
      if (keep[i] === null) return;
      const cut = outShape.map((s, k) => (k === ax ? keep[i]! : s));
      data = truncateLines(complexStrided(data, outShape), ax, cut, 2, Float64Array);
      outShape = cut;
    });
    result = complexResult({ ...parts, attrs }, data, single, entry, { shape: outShape, coords, coordDims, dims: newDims });
  }
  return { ...result, coords: Object.freeze(coords), coordDims: Object.freeze(coordDims) };
}

