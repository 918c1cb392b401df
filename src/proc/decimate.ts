// decimate (DASCore proc/resample.py → scipy.signal.decimate): an anti-alias filter (IIR:
// Chebyshev I order 8, 0.05 dB, cutoff 0.8/q, run zero-phase; FIR: see below), then every q-th sample.
import { ParameterError } from "../errors.ts";
import type { PatchParts } from "../patch/construct.ts";
import { cheb1ap, iirZpk } from "./kernels/iirDesign.ts";
import { sosFiltFilter } from "./kernels/sosfilt.ts";
import { zpk2sos } from "./kernels/zpk2sos.ts";
import { everyNth } from "./coordTools.ts";
import { forDtype } from "./filter.ts";
import { historyEntry } from "./history.ts";
import { firDecimateLine, firDecimateTaps } from "./kernels/firDecimate.ts";
import { floatCtor, mapLineGroupsInto, mapLinesInto, oneDim, withData } from "./plumbing.ts";
import { forEachLine, rowMajor } from "./kernels/lines.ts";
import { chainAfter, runChain } from "./lineFilters.ts";

/** Options of `decimate`. */
export interface DecimateOptions {
  /** Anti-alias filter: `"iir"` (default), `"fir"`, or `null` for plain slicing. */
  filterType?: "iir" | "fir" | null;
}

/** The parts of `patch.decimate({ dim: q }, { filterType })`. */
export function decimateParts(parts: PatchParts, kwargs: Readonly<Record<string, number>>, options: DecimateOptions): PatchParts {
  const { dim, axis, value } = oneDim(parts, kwargs, "decimate");
  const q = value;
  if (!Number.isInteger(q) || q < 1) throw new ParameterError(`decimation factor for '${dim}' must be a positive integer, got ${q}`);
  const filterType = options.filterType === undefined ? "iir" : options.filterType;
  if (filterType !== "iir" && filterType !== "fir" && filterType !== null) {
    throw new ParameterError(`filterType must be "iir", "fir" or null, got ${JSON.stringify(filterType)}`);
  }
  const shape = parts.view.shape;
  const n = shape[axis]!;
  const outShape = [...shape];
  outShape[axis] = Math.ceil(n / q);
  const entry = historyEntry("decimate", { copy: true, filter_type: filterType ?? null, [dim]: q });
  const coords = { [dim]: everyNth(parts.coords[dim]!, q) };
  const Ctor = filterType === null ? null : floatCtor(parts.view);
  if (filterType === "iir") {
    const f32 = Ctor === Float32Array;
    const sos = forDtype(zpk2sos(iirZpk(cheb1ap(8, 0.05), [0.8 / q], "lowpass")), f32);
    let filter: ReturnType<typeof sosFiltFilter>;
    try {
      filter = sosFiltFilter(sos, n, f32);
    } catch (e) {
      throw new ParameterError(`Scipy decimation failed. This can happen for dimensions with few elements. Consider setting filterType to null. The raised exception was ${(e as Error).message}`);
    }
    // filter each line in the padded buffer and keep only every q-th sample: no full-size copy;
    // a pending band-pass along the axis runs in the same pass (lineFilters.ts)
    return withData(parts, runChain(chainAfter(parts.view, axis, { filter, q })), entry, { shape: outShape, coords });
  }
  if (filterType === "fir") {
    const out = new Ctor!(outShape.reduce((a, b) => a * b, 1));
    const taps = firDecimateTaps(q);
    const f32 = out instanceof Float32Array;
    mapLinesInto(parts.view, axis, out!, outShape[axis]!, (line, y) => firDecimateLine(line, taps, q, y, f32));
    return withData(parts, out!, entry, { shape: outShape, coords });
  }
  // no filter: every q-th sample, in the stored dtype
  const sliced = parts.view;
  const Same = sliced.base.constructor as new (k: number) => typeof sliced.base;
  const res = new Same(outShape.reduce((a, b) => a * b, 1));
  const outStrides = rowMajor(outShape);
  const starts: number[] = [];
  forEachLine(outShape, outStrides, 0, axis, (s) => void starts.push(s));
  let k = 0;
  forEachLine(sliced.shape, sliced.strides, sliced.offset, axis, (s) => {
    const o = starts[k++]!;
    for (let i = 0; i < outShape[axis]!; i++) (res as Float64Array)[o + i * outStrides[axis]!] = sliced.base[s + i * q * sliced.strides[axis]!] as number;
  });
  return withData(parts, res, entry, { shape: outShape, coords });
}
