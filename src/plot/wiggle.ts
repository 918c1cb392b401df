// Wiggle plots: a line per trace along x (time, or distance for a single OTDR trace), each sample
// at its true coordinate and the line broken at gaps. One trace gets a y axis in data units;
// up to eight share the height, each in its own band labelled with its coordinate.

import type { Patch } from "../index.ts";
import { ParameterError } from "../index.ts";
import { axisInfo, drawAxes, labelWithUnits, type AxisInfo, type Frame } from "./axes.ts";
import { Canvas } from "./Canvas.ts";
import type { Rgb } from "./colormap.ts";
import { GAP_FACTOR, pixelOf, placeAxis, relativeValues, type Placement } from "./placement.ts";
import { samplesOf, type Samples } from "./scale.ts";
import { numericTicks, shortNumber } from "./ticks.ts";
import { defaultTitle, frameOf, TITLE_SCALE, type WaterfallOptions } from "./waterfall.ts";

const BLACK: Rgb = [0, 0, 0];
const TRACE: Rgb = [20, 60, 140];
const ZERO: Rgb = [200, 200, 200];

/** Most traces a wiggle plot draws; more become a waterfall. */
export const MAX_WIGGLE_TRACES = 8;

/** The x dim and the trace dim (null for a single trace) of a wiggle plot of `patch`. */
export function wiggleAxes(patch: Patch): { x: string; y: string | null } {
  const long = patch.dims.filter((_, i) => patch.shape[i]! > 1);
  if (long.length === 0) throw new ParameterError(`nothing to plot: every dimension of the patch has length ${patch.shape.join(", ")}`);
  if (long.length === 1) return { x: long[0]!, y: null };
  if (long.length > 2) throw new ParameterError(`a plot needs at most 2 dimensions longer than 1, got ${long.join(", ")}`);
  const x = long.includes("time") ? "time" : long[1]!;
  return { x, y: long.find((d) => d !== x)! };
}

/** Draws one trace's line into rows [top, top + h): `yOf(v)` maps a value to a canvas row. */
function drawTrace(c: Canvas, f: Frame, s: Samples, iy: number, px: Placement, yOf: (v: number) => number): void {
  const n = px.order.length;
  if (n <= f.w) {
    // Few samples: straight segments between neighbours, none across a gap.
    let prev: [number, number] | null = null;
    let prevV = 0;
    for (let k = 0; k < n; k++) {
      const i = px.order[k]!;
      const v = s.value(i, iy);
      const xv = px.values[i]!;
      const point: [number, number] = [f.x0 + pixelOf(px, xv), yOf(v)];
      const gap = prev !== null && xv - prevV > GAP_FACTOR * px.step;
      if (!Number.isFinite(v)) prev = null;
      else {
        if (prev && !gap) c.line(prev[0], prev[1], point[0], point[1], TRACE);
        else c.set(Math.round(point[0]), Math.round(point[1]), TRACE);
        prev = point;
      }
      prevV = xv;
    }
    return;
  }
  // Many samples per pixel: the min-max span of each column, joined to the next column.
  let last: number | null = null;
  for (let p = 0; p < px.pixels; p++) {
    const a = px.start[p]!;
    if (a < 0) {
      last = null;
      continue;
    }
    let lo = Infinity;
    let hi = -Infinity;
    let first = Number.NaN;
    let end = Number.NaN;
    for (let k = a; k < px.end[p]!; k++) {
      const v = s.value(px.order[k]!, iy);
      if (!Number.isFinite(v)) continue;
      if (Number.isNaN(first)) first = v;
      end = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (Number.isNaN(first)) {
      last = null;
      continue;
    }
    const x = f.x0 + p;
    if (last !== null) c.line(x - 1, last, x, yOf(first), TRACE);
    c.line(x, yOf(lo), x, yOf(hi), TRACE);
    last = yOf(end);
  }
}

function amplitude(s: Samples, clip: number): number {
  const abs: number[] = [];
  for (let j = 0; j < s.ny; j++) for (let i = 0; i < s.nx; i++) {
    const v = s.value(i, j);
    if (Number.isFinite(v)) abs.push(Math.abs(v));
  }
  if (abs.length === 0) return 1;
  abs.sort((a, b) => a - b);
  const c = abs[Math.min(abs.length - 1, Math.max(0, Math.ceil((clip / 100) * abs.length) - 1))]!;
  return c > 0 ? c : abs[abs.length - 1]! > 0 ? abs[abs.length - 1]! : 1;
}

/**
 * Draws `patch` as a wiggle plot on a new canvas: one trace with a y axis in data units (e.g. an
 * OTDR trace in dB along distance), or up to {@link MAX_WIGGLE_TRACES} traces in bands.
 *
 * @example
 * ```ts
 * const canvas = drawWiggle(dc.getExamplePatch().select({ distance: [0, 3] }));
 * ```
 * @throws ParameterError for more than 8 traces or more than 2 dimensions longer than one.
 */
export function drawWiggle(patch: Patch, options: WaterfallOptions = {}): Canvas {
  const { width = 900, height = 560, demean = false } = options;
  const f = frameOf(width, height);
  const { x, y } = wiggleAxes(patch);
  const s = samplesOf(patch, x, y, demean);
  if (s.ny > MAX_WIGGLE_TRACES) throw new ParameterError(`a wiggle plot draws at most ${MAX_WIGGLE_TRACES} traces, this patch has ${s.ny} along ${y}; use kind "waterfall" or select fewer`);
  const px = placeAxis(patch.getCoord(x), f.w);
  const c = new Canvas(width, height);
  const units = (patch.attrs as Record<string, unknown>).data_units;
  let yInfo: AxisInfo;
  if (y === null) {
    let lo = options.vmin ?? Infinity;
    let hi = options.vmax ?? -Infinity;
    if (options.vmin === undefined || options.vmax === undefined) {
      for (let i = 0; i < s.nx; i++) {
        const v = s.value(i, 0);
        if (!Number.isFinite(v)) continue;
        if (options.vmin === undefined && v < lo) lo = v;
        if (options.vmax === undefined && v > hi) hi = v;
      }
    }
    if (!(hi > lo)) (lo = Number.isFinite(lo) ? lo - 0.5 : 0), (hi = lo + 1);
    const pad = (hi - lo) * 0.05;
    const [a, b] = [lo - pad, hi + pad];
    const yOf = (v: number) => f.y0 + (f.h - 1) * (1 - (Math.min(b, Math.max(a, v)) - a) / (b - a));
    drawTrace(c, f, s, 0, px, yOf);
    const ticks = numericTicks(a, b, Math.max(2, Math.floor(f.h / 60))).map((t) => ({ ...t, at: 1 - t.at }));
    yInfo = { ticks, label: labelWithUnits(patch.attrs.data_type || "amplitude", typeof units === "string" ? units : null) };
  } else {
    const band = f.h / s.ny;
    const amp = amplitude(s, options.clip ?? options.clipPercentile ?? 99);
    const values = relativeValues(patch.getCoord(y)).values;
    const origin = relativeValues(patch.getCoord(y)).origin;
    for (let j = 0; j < s.ny; j++) {
      const mid = f.y0 + band * (j + 0.5);
      c.fillRect(f.x0, Math.round(mid), f.w, 1, ZERO);
      drawTrace(c, f, s, j, px, (v) => mid - Math.max(-1, Math.min(1, v / amp)) * band * 0.48);
    }
    const yName = patch.getCoord(y);
    const label = (k: number) => (typeof origin === "bigint" ? shortNumber(values[k]! / 1e9) : shortNumber(values[k]!));
    yInfo = {
      ticks: Array.from({ length: s.ny }, (_, j) => ({ at: (band * (j + 0.5)) / (f.h - 1), label: label(j) })),
      label: labelWithUnits(y, yName.units),
    };
    const note = `half band = ${shortNumber(amp)} ${typeof units === "string" ? units : ""}`.trim();
    c.text(note, f.x0 + f.w, f.y0 - 6, { align: "right", valign: "bottom", color: BLACK });
  }
  drawAxes(c, f, axisInfo(patch, x, px, Math.max(2, Math.floor(f.w / 150))), yInfo, TITLE_SCALE);
  c.text(options.title ?? defaultTitle(patch), f.x0 + f.w / 2, 12, { align: "center", scale: TITLE_SCALE, color: BLACK });
  return c;
}
