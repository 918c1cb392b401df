// Reduces a patch's samples to a plot-sized grid (peak-preserving: each cell keeps its sample of
// largest magnitude, so short events survive downsampling) and picks a robust colour clip.

import type { Patch } from "../index.ts";

/** A row-major grid: `values[gy * nx + gx]`, gy along the y dimension, gx along x. */
export interface Grid {
  nx: number;
  ny: number;
  values: Float64Array;
}

/**
 * Bins `patch` over dims `x` and `y` into at most `maxX` × `maxY` cells. Smaller patches keep one
 * cell per sample (the renderer repeats cells to fill the image). Other dimensions must have
 * length 1. NaN samples are skipped; an all-NaN cell stays NaN.
 *
 * @example
 * ```ts
 * const g = binGrid(patch, "time", "distance", 700, 440);
 * ```
 */
export function binGrid(patch: Patch, x: string, y: string, maxX: number, maxY: number): Grid {
  const shape = patch.shape;
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const ix = patch.dims.indexOf(x);
  const iy = patch.dims.indexOf(y);
  const lenX = shape[ix]!;
  const lenY = shape[iy]!;
  const sx = strides[ix]!;
  const sy = strides[iy]!;
  const nx = Math.max(1, Math.min(maxX, lenX));
  const ny = Math.max(1, Math.min(maxY, lenY));
  const data = patch.data;
  const read: (i: number) => number =
    data instanceof BigInt64Array || data instanceof BigUint64Array ? (i) => Number(data[i]!) : (i) => data[i] as number;
  const values = new Float64Array(nx * ny);
  for (let gy = 0; gy < ny; gy++) {
    const ya = Math.floor((gy * lenY) / ny);
    const yb = Math.max(ya + 1, Math.floor(((gy + 1) * lenY) / ny));
    for (let gx = 0; gx < nx; gx++) {
      const xa = Math.floor((gx * lenX) / nx);
      const xb = Math.max(xa + 1, Math.floor(((gx + 1) * lenX) / nx));
      let best = Number.NaN;
      let bestAbs = -1;
      for (let yy = ya; yy < yb; yy++) {
        for (let xx = xa; xx < xb; xx++) {
          const v = read(yy * sy + xx * sx);
          const a = Math.abs(v);
          if (a > bestAbs) {
            bestAbs = a;
            best = v;
          }
        }
      }
      values[gy * nx + gx] = best;
    }
  }
  return { nx, ny, values };
}

/**
 * The `percentile` of |v| over the finite values, used as a symmetric colour limit. Falls back to
 * the largest |v| when the percentile is zero (sparse data), and to 1 for all-zero or empty data.
 *
 * @example
 * ```ts
 * robustClip(grid.values, 99); // colours saturate beyond ±clip
 * ```
 */
export function robustClip(values: ArrayLike<number>, percentile: number): number {
  const abs: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) abs.push(Math.abs(v));
  }
  if (abs.length === 0) return 1;
  const sorted = Float64Array.from(abs).sort();
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((percentile / 100) * sorted.length) - 1));
  const clip = sorted[k]!;
  if (clip > 0) return clip;
  const max = sorted[sorted.length - 1]!;
  return max > 0 ? max : 1;
}
