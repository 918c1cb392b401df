// The colour (or amplitude) scale of a plot: reading samples as numbers (optionally demeaned per
// trace), percentile limits, and the choice between a sequential and a diverging map.

import type { Patch } from "../index.ts";
import { ParameterError } from "../index.ts";
import { COLORMAP_ALIASES, COLORMAPS, isDiverging, type ColormapName } from "./colormap.ts";

/** Samples of a 2-D view of a patch: `value(ix, iy)` along the x and y dims. */
export interface Samples {
  nx: number;
  ny: number;
  value(ix: number, iy: number): number;
}

/**
 * A 2-D view of `patch` over dims `x` and `y` (other dims must have length 1; `y` may be absent
 * for a single trace). With `demean`, each trace (fixed y) has its mean along x removed, as
 * DASCore users do before plotting raw strain rate with a DC offset.
 */
export function samplesOf(patch: Patch, x: string, y: string | null, demean: boolean): Samples {
  const shape = patch.shape;
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const ix = patch.dims.indexOf(x);
  const iy = y === null ? -1 : patch.dims.indexOf(y);
  const nx = shape[ix]!;
  const ny = iy < 0 ? 1 : shape[iy]!;
  const sx = strides[ix]!;
  const sy = iy < 0 ? 0 : strides[iy]!;
  const data = patch.data;
  const raw: (i: number) => number =
    data instanceof BigInt64Array || data instanceof BigUint64Array ? (i) => Number(data[i]!) : (i) => data[i] as number;
  const means = new Float64Array(ny);
  if (demean) {
    for (let j = 0; j < ny; j++) {
      let sum = 0;
      let count = 0;
      for (let i = 0; i < nx; i++) {
        const v = raw(j * sy + i * sx);
        if (Number.isFinite(v)) (sum += v), count++;
      }
      means[j] = count ? sum / count : 0;
    }
  }
  return { nx, ny, value: (i, j) => raw(j * sy + i * sx) - means[j]! };
}

/** Scale options shared by every plot kind. */
export interface ScaleOptions {
  cmap?: string;
  vmin?: number;
  vmax?: number;
  clip?: number;
}

/** A resolved scale: the colour limits and map. */
export interface Scale {
  lo: number;
  hi: number;
  cmap: ColormapName;
}

function percentile(sorted: Float64Array, p: number): number {
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k]!;
}

/** The map name `cmap` stands for, or a ParameterError listing the choices. */
export function colormapName(cmap: string): ColormapName {
  const name = cmap.toLowerCase();
  if ((COLORMAPS as readonly string[]).includes(name)) return name as ColormapName;
  const alias = Object.hasOwn(COLORMAP_ALIASES, name) ? COLORMAP_ALIASES[name] : undefined;
  if (alias) return alias;
  throw new ParameterError(`unknown cmap "${cmap}"; choose one of ${COLORMAPS.join(", ")}`);
}

/**
 * The scale for `values` (finite ones count). Signed data (negative and positive values) get the
 * diverging RdBu map with limits ±(the `clip` percentile of |v|), centred on 0; one-signed data
 * get viridis between the (100 − clip) and clip percentiles. `cmap`, `vmin` and `vmax` override;
 * a diverging map keeps 0 in the middle unless both limits are given.
 *
 * @example
 * ```ts
 * scaleOf(Float64Array.of(18, 25, 42), { clip: 100 }); // { lo: 18, hi: 42, cmap: "viridis" }
 * ```
 */
export function scaleOf(values: ArrayLike<number>, options: ScaleOptions = {}): Scale {
  const { clip = 99, vmin, vmax } = options;
  if (!(clip > 0 && clip <= 100)) throw new ParameterError(`clip must be a percentile in (0, 100], got ${clip}`);
  if (vmin !== undefined && vmax !== undefined && !(vmin < vmax)) throw new ParameterError(`vmin (${vmin}) must be below vmax (${vmax})`);
  const finite: number[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    finite.push(v);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const signed = min < 0 && max > 0;
  const cmap = options.cmap !== undefined ? colormapName(options.cmap) : signed ? "rdbu" : "viridis";
  if (finite.length === 0) return { lo: vmin ?? 0, hi: vmax ?? 1, cmap };
  let lo: number;
  let hi: number;
  if (isDiverging(cmap)) {
    const abs = Float64Array.from(finite, Math.abs).sort();
    let c = percentile(abs, clip);
    if (!(c > 0)) c = abs[abs.length - 1]! > 0 ? abs[abs.length - 1]! : 1;
    lo = vmin ?? (vmax !== undefined ? -Math.abs(vmax) : -c);
    hi = vmax ?? (vmin !== undefined ? Math.abs(vmin) : c);
  } else {
    const sorted = Float64Array.from(finite).sort();
    lo = vmin ?? percentile(sorted, 100 - clip);
    hi = vmax ?? percentile(sorted, clip);
  }
  if (!(hi > lo)) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.01 : 0.5;
    if (vmin === undefined) lo -= pad;
    if (vmax === undefined) hi += pad;
  }
  return { lo, hi, cmap };
}
