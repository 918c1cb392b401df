// Where samples land on a plot axis: each pixel gets the samples whose coordinate falls inside
// it, or the one sample whose cell covers it, or none (a gap). Samples are placed by their
// coordinate values, never by their index, so gaps stay gaps and uneven samples sit where they are.

import type { Coord } from "../index.ts";

/** The samples of each pixel along one axis. */
export interface Placement {
  /** Pixels along the axis. */
  pixels: number;
  /** Axis extent in coordinate units relative to `origin`: first sample − half a step … last + half a step. */
  lo: number;
  hi: number;
  /** Value subtracted from the coordinate (the first time, for datetimes; 0 otherwise). */
  origin: bigint | number;
  /** Sample indices in coordinate order. */
  order: Int32Array;
  /** Per pixel: the samples `order[start[p]] … order[end[p] - 1]`; start −1 marks a gap. */
  start: Int32Array;
  end: Int32Array;
  /** Sample coordinates relative to `origin`, by sample index. */
  values: Float64Array;
  /** The typical spacing (median step). */
  step: number;
}

/** Coordinate values as numbers relative to the first one for times (ns, exact below 104 days). */
export function relativeValues(coord: Coord): { values: Float64Array; origin: bigint | number } {
  const raw = coord.values();
  const n = raw.length;
  const values = new Float64Array(n);
  if (raw instanceof BigInt64Array || raw instanceof BigUint64Array) {
    let origin = raw[0] ?? 0n;
    for (let i = 1; i < n; i++) if (raw[i]! < origin) origin = raw[i]!;
    for (let i = 0; i < n; i++) values[i] = Number(BigInt(raw[i]!) - BigInt(origin));
    return { values, origin: BigInt(origin) };
  }
  for (let i = 0; i < n; i++) values[i] = Number(raw[i]);
  return { values, origin: 0 };
}

function medianStep(sorted: Float64Array): number {
  const d: number[] = [];
  for (let i = 1; i < sorted.length; i++) if (sorted[i]! > sorted[i - 1]!) d.push(sorted[i]! - sorted[i - 1]!);
  if (d.length === 0) return 1;
  d.sort((a, b) => a - b);
  return d[Math.floor(d.length / 2)]!;
}

/** A step more than this many typical steps apart is a gap. */
export const GAP_FACTOR = 1.5;

/**
 * Places the samples of `coord` on `pixels` pixels. A pixel with samples inside keeps them all
 * (the renderer keeps the peak); a pixel between samples takes the nearest one when it lies within
 * that sample's cell (half the distance to its neighbours, or half a typical step at a gap);
 * otherwise it is a gap.
 *
 * @example
 * ```ts
 * const px = placeAxis(patch.getCoord("time"), 700);
 * px.start[350] < 0; // true when pixel 350 falls in a data gap
 * ```
 */
export function placeAxis(coord: Coord, pixels: number): Placement {
  const { values, origin } = relativeValues(coord);
  const n = values.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const sorted = Float64Array.from(order, (i) => values[i]!);
  const step = medianStep(sorted);
  const lo = (sorted[0] ?? 0) - step / 2;
  const hi = (sorted[n - 1] ?? 0) + step / 2;
  const width = (hi - lo) / pixels;
  const start = new Int32Array(pixels).fill(-1);
  const end = new Int32Array(pixels).fill(-1);
  // Half-cells: how far each sample reaches towards its neighbours.
  const reach = (k: number, dir: 1 | -1) => {
    const j = k + dir;
    if (j < 0 || j >= n) return step / 2;
    const d = Math.abs(sorted[j]! - sorted[k]!);
    return d > GAP_FACTOR * step ? step / 2 : d / 2;
  };
  let a = 0;
  for (let p = 0; p < pixels; p++) {
    const e0 = lo + p * width;
    const e1 = p === pixels - 1 ? hi + width : lo + (p + 1) * width;
    while (a < n && sorted[a]! < e0) a++;
    let b = a;
    while (b < n && sorted[b]! < e1) b++;
    if (b > a) {
      start[p] = a;
      end[p] = b;
      continue;
    }
    const c = (e0 + e1) / 2;
    const right = a < n ? a : -1;
    const left = a - 1;
    const near = [left, right].filter((k) => k >= 0 && k < n);
    for (const k of near) {
      const d = c - sorted[k]!;
      if ((d >= 0 && d <= reach(k, 1)) || (d < 0 && -d <= reach(k, -1))) {
        start[p] = k;
        end[p] = k + 1;
        break;
      }
    }
  }
  return { pixels, lo, hi, origin, order, start, end, values, step };
}

/** The pixel (fractional) at which coordinate value `v` (relative to the origin) lies. */
export function pixelOf(pl: Placement, v: number): number {
  return ((v - pl.lo) / (pl.hi - pl.lo)) * pl.pixels;
}
