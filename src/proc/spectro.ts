// spectrogram (DASCore transform/spectro.py, deprecated there for stft but still public):
// scipy.signal.spectrogram along one dimension; the dimension becomes `ft_{dim}` (frequencies)
// and a new last dimension `{dim}` holds the segments' centre times.
import { ParameterError } from "../errors.ts";
import type { Coord } from "../coords/Coord.ts";
import { coordArray, coordRange } from "../coords/build.ts";
import type { PatchParts } from "../patch/construct.ts";
import { formatUnits, invert, multiply, parseQuantity } from "../units/index.ts";
import { linePairs, readLine } from "./kernels/lineIo.ts";
import { rowMajor } from "./kernels/lines.ts";
import { spectrogramLayout, spectrogramLine, spectrogramWork, tukey } from "./kernels/spectrogram.ts";
import { WINDOWS } from "./kernels/windows.ts";
import { isComplex, isSingle, realResult } from "./complexData.ts";
import { historyEntry } from "./history.ts";
import { axisOf, stepOf } from "./plumbing.ts";

/** scipy.signal.spectrogram's keywords, camelCase. */
export interface SpectrogramOptions {
  /** Segment length in samples (default 256, cut to the dimension's length). */
  nperseg?: number;
  /** Samples shared by neighbouring segments (default nperseg // 8). */
  noverlap?: number;
  /** Window: `"tukey"` (default, α = 0.25, as scipy) or a taper name (`"hann"`, `"boxcar"`…), periodic. */
  window?: string;
  /** Per-segment detrend: `"constant"` (default), `"linear"` or false. */
  detrend?: "constant" | "linear" | false;
  /** `"density"` (default, per Hz) or `"spectrum"`. */
  scaling?: "density" | "spectrum";
}

/** A periodic window (scipy get_window with fftbins=True): the symmetric one of m + 1, cut. */
function periodicWindow(name: string, m: number): Float64Array {
  if (name === "tukey") return tukey(m, 0.25, false);
  const f = WINDOWS[name];
  if (!f) throw new ParameterError(`unknown spectrogram window '${name}'; use tukey or one of ${Object.keys(WINDOWS).join(", ")}`);
  return m <= 1 ? new Float64Array(m).fill(1) : f(m + 1).slice(0, m);
}

/** DASCore's `spectrogram`: see {@link PatchProcessing.spectrogram}. */
export function spectrogramParts(parts: PatchParts, dim: string, options: SpectrogramOptions): PatchParts {
  const axis = axisOf(parts, dim, "spectrogram");
  if (isComplex(parts)) throw new ParameterError("spectrogram of complex data is not supported (DASCore gives a two-sided spectrum); take .real() or .abs() first");
  const coord = parts.coords[dim]!;
  const dx = stepOf(coord, dim);
  const fs = 1 / dx;
  const shape = parts.view.shape;
  const n = shape[axis]!;
  let nperseg = options.nperseg ?? 256;
  if (nperseg > n) nperseg = n; // scipy warns and shortens
  const noverlap = options.noverlap ?? Math.floor(nperseg / 8);
  if (!(nperseg >= 1) || noverlap >= nperseg || noverlap < 0) throw new ParameterError(`noverlap must be less than nperseg (got ${noverlap} and ${nperseg})`);
  const layout = spectrogramLayout(n, nperseg, noverlap);
  const win = periodicWindow(options.window ?? "tukey", nperseg);
  let w2 = 0;
  let w1 = 0;
  for (const v of win) (w2 += v * v), (w1 += v);
  const scale = (options.scaling ?? "density") === "density" ? 1 / (fs * w2) : 1 / (w1 * w1);

  const outShape = [...shape];
  outShape[axis] = layout.bins;
  outShape.push(layout.segments);
  const outS = rowMajor(outShape);
  const out = new Float64Array(outShape.reduce((a, b) => a * b, 1));
  const line = new Float64Array(n);
  const work = spectrogramWork(layout);
  const v = parts.view;
  const resShape = [...shape];
  resShape[axis] = 1;
  // one output block (bins × segments) per line: the line's start in the view and in the output
  const { src: starts } = linePairs(v, resShape, axis, 1);
  const outStarts = starts.map((_, j) => {
    // line j's position off the axis (row-major over the other axes) in the output's strides
    let r = j;
    let pos = 0;
    for (let k = shape.length - 1; k >= 0; k--) {
      if (k === axis) continue;
      pos += (r % shape[k]!) * outS[k]!;
      r = Math.floor(r / shape[k]!);
    }
    return pos;
  });
  for (let j = 0; j < starts.length; j++) {
    spectrogramLine(readLine(v.base, starts[j]!, v.strides[axis]!, n, line), layout, win, scale, options.detrend ?? "constant", out, outStarts[j]!, outS[axis]!, work);
  }

  const times = Array.from({ length: layout.segments }, (_, s) => (nperseg / 2 + s * layout.step) / fs);
  let newDimCoord: Coord;
  if (typeof coord.step === "bigint") {
    const t0 = coord.min() as bigint;
    newDimCoord = coordArray(BigInt64Array.from(times, (t) => t0 + BigInt(Math.round(t * 1e9))), { units: coord.units, dtype: coord.dtype });
  } else {
    const t0 = Number(coord.min());
    newDimCoord = coordArray(Float64Array.from(times, (t) => t0 + t), { units: coord.units });
  }
  const coordUnits = parseQuantity(coord.units);
  const ft = `ft_${dim}`;
  const df = fs / nperseg;
  const ftCoord = coordRange({ start: 0, step: df, length: layout.bins, units: coordUnits === null ? null : formatUnits(invert(coordUnits)), dtype: "float64" });
  const dims = [...parts.dims];
  dims[axis] = ft;
  dims.push(dim);
  const coordDims: Record<string, readonly string[]> = { ...parts.coordDims, [ft]: [ft], [dim]: [dim] };
  const dataUnits = parseQuantity(parts.attrs.data_units as string | null | undefined);
  const attrs = {
    ...parts.attrs,
    data_type: "fourier_transform",
    data_units: dataUnits === null ? null : formatUnits(coordUnits === null ? dataUnits : multiply(dataUnits, coordUnits)),
  };
  const data = isSingle(parts) ? Float32Array.from(out) : out;
  // DASCore's deprecation wrapper makes the entry `spectrogram(args='(Patch...,time)')`
  const o = options;
  const entry = historyEntry("spectrogram", { args: `(Patch...,${dim})`, nperseg: o.nperseg, noverlap: o.noverlap, window: o.window, detrend: o.detrend, scaling: o.scaling });
  const out2 = realResult({ ...parts, attrs }, data, entry, { shape: outShape, dims, coords: { [ft]: ftCoord, [dim]: newDimCoord }, coordDims });
  // coordinates along the transformed dimension (other than itself) no longer fit: dropped
  const coords = Object.fromEntries(Object.entries(out2.coords).filter(([k]) => k === dim || !parts.coordDims[k]?.includes(dim)));
  // DASCore rebuilds the other dimensions from bare arrays: their units are lost (time keeps s)
  for (const d of parts.dims) if (d !== dim && !coords[d]!.isTime) coords[d] = coords[d]!.withUnits(null);
  const cd = Object.fromEntries(Object.entries(coordDims).filter(([k]) => k in coords));
  return { ...out2, coords: Object.freeze(coords), coordDims: Object.freeze(cd) };
}
