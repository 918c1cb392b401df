// Waterfall rendering of a 2-D patch: time (or the second dim) along x, the other dim down y,
// every sample drawn where its coordinate falls (gaps stay blank, uneven samples sit at their
// true coordinate), peak-preserving where several samples share a pixel, a sequential or
// diverging colormap (scale.ts), tick-labelled axes with units and a colour bar.

import type { Patch } from "../index.ts";
import { ParameterError } from "../index.ts";
import { axisInfo, drawAxes, type Frame } from "./axes.ts";
import { Canvas } from "./Canvas.ts";
import { GAP_COLOR, mapColor, NAN_COLOR, type Rgb } from "./colormap.ts";
import { textWidth } from "./font.ts";
import { encodePng } from "./png.ts";
import { placeAxis, type Placement } from "./placement.ts";
import { samplesOf, scaleOf, type Samples, type Scale, type ScaleOptions } from "./scale.ts";

/** Options of {@link drawWaterfall}. */
export interface WaterfallOptions extends ScaleOptions {
  /** Image width in pixels (default 900). */
  width?: number;
  /** Image height in pixels (default 560). */
  height?: number;
  /** Percentile where colours saturate (default 99); the older name of `clip`. */
  clipPercentile?: number;
  /** Remove each trace's mean along x first. */
  demean?: boolean;
  /** Title line; defaults to network, station, tag, data type and shape. */
  title?: string;
}

const BLACK: Rgb = [0, 0, 0];
const GREY: Rgb = [90, 90, 90];
/** Font pixels → canvas pixels for titles: 10×14 px glyphs stay legible on screens. */
export const TITLE_SCALE = 2;
/** Margins around the data area. */
export const MARGIN = { left: 96, right: 130, top: 44, bottom: 74 };

/** Which patch dimensions go on the x and y axes (length-1 dimensions are ignored). */
export function waterfallAxes(patch: Patch): { x: string; y: string } {
  const dims = patch.dims.filter((_, i) => patch.shape[i]! > 1);
  if (dims.length === 1) dims.push(...patch.dims.filter((d) => !dims.includes(d)).slice(0, 1));
  if (dims.length !== 2) {
    throw new ParameterError(
      `a waterfall needs a patch with 2 dimensions longer than 1, got shape (${patch.shape.join(", ")}) over ${patch.dims.join(", ")}`,
    );
  }
  const x = dims.includes("time") ? "time" : dims[1]!;
  return { x, y: dims.find((d) => d !== x)! };
}

/** The default title: network, station, tag, data type and the shape. */
export function defaultTitle(patch: Patch): string {
  const a = patch.attrs as Record<string, unknown>;
  const parts = [a.network, a.station, a.tag, a.data_type].filter((v) => typeof v === "string" && v !== "");
  return [parts.join(" "), `(${patch.shape.join(" x ")})`].filter(Boolean).join(" ");
}

/** The image cells: the peak sample of each pixel, NaN for a NaN peak, undefined for a gap. */
function cellValues(s: Samples, px: Placement, py: Placement): Float64Array {
  const out = new Float64Array(px.pixels * py.pixels).fill(Number.POSITIVE_INFINITY); // +Inf marks a gap
  for (let gy = 0; gy < py.pixels; gy++) {
    const y0 = py.start[gy]!;
    if (y0 < 0) continue;
    for (let gx = 0; gx < px.pixels; gx++) {
      const x0 = px.start[gx]!;
      if (x0 < 0) continue;
      let best = Number.NaN;
      let bestAbs = -1;
      for (let a = y0; a < py.end[gy]!; a++) {
        const iy = py.order[a]!;
        for (let b = x0; b < px.end[gx]!; b++) {
          const v = s.value(px.order[b]!, iy);
          const m = Math.abs(v);
          if (m > bestAbs) (bestAbs = m), (best = v);
        }
      }
      out[gy * px.pixels + gx] = best;
    }
  }
  return out;
}

/** A colour-bar label: 3 significant digits ("0.0803", "42.1", "1.59e-4"). */
function barLabel(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(3))) : v.toExponential(2).replace(/\.?0+e/, "e");
}

function drawColorbar(c: Canvas, scale: Scale, units: string, x0: number, y0: number, h: number): void {
  const w = 18;
  for (let py = 0; py < h; py++) c.fillRect(x0, y0 + py, w, 1, mapColor(scale.cmap, 1 - py / (h - 1)));
  c.strokeRect(x0 - 1, y0 - 1, w + 2, h + 2, BLACK);
  const mid = (scale.lo + scale.hi) / 2;
  for (const [v, py] of [[scale.hi, 0], [mid, (h - 1) / 2], [scale.lo, h - 1]] as const) {
    c.fillRect(x0 + w, y0 + Math.round(py), 4, 1, BLACK);
    c.text(barLabel(Math.abs(v) < 1e-12 * Math.abs(scale.hi - scale.lo) ? 0 : v), x0 + w + 7, y0 + Math.round(py), { valign: "middle", color: BLACK });
  }
  if (units) {
    // Centred over the bar, but kept inside the image when the units text is long.
    const left = Math.max(0, Math.min(Math.round(x0 + w / 2 - textWidth(units) / 2), c.width - 2 - textWidth(units)));
    c.text(units, left, y0 - 8, { valign: "bottom", color: GREY });
  }
}

/** The plot area of a `width` × `height` image, or a ParameterError when there is no room. */
export function frameOf(width: number, height: number): Frame {
  for (const [name, v] of [["width", width], ["height", height]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new ParameterError(`${name} must be a whole number of pixels >= 1, got ${v}`);
  }
  const w = width - MARGIN.left - MARGIN.right;
  const h = height - MARGIN.top - MARGIN.bottom;
  if (w < 16 || h < 16) throw new ParameterError(`a ${width}x${height} image leaves no room for the plot; use at least 400x300`);
  return { x0: MARGIN.left, y0: MARGIN.top, w, h };
}

/**
 * Draws `patch` as a waterfall on a new canvas.
 *
 * @example
 * ```ts
 * const canvas = drawWaterfall(dc.getExamplePatch(), { width: 600, height: 400 });
 * ```
 * @throws ParameterError when the patch does not have two dimensions longer than one, or an
 * option is out of range.
 */
export function drawWaterfall(patch: Patch, options: WaterfallOptions = {}): Canvas {
  const { width = 900, height = 560 } = options;
  const f = frameOf(width, height);
  const { x, y } = waterfallAxes(patch);
  const px = placeAxis(patch.getCoord(x), f.w);
  const py = placeAxis(patch.getCoord(y), f.h);
  const cells = cellValues(samplesOf(patch, x, y, options.demean === true), px, py);
  const scale = scaleOf(
    cells.filter((v) => v !== Number.POSITIVE_INFINITY),
    { ...options, clip: options.clip ?? options.clipPercentile ?? 99 },
  );

  const c = new Canvas(width, height);
  const span = scale.hi - scale.lo;
  for (let gy = 0; gy < f.h; gy++) {
    for (let gx = 0; gx < f.w; gx++) {
      const v = cells[gy * f.w + gx]!;
      const color = v === Number.POSITIVE_INFINITY ? GAP_COLOR : Number.isNaN(v) ? NAN_COLOR : mapColor(scale.cmap, (v - scale.lo) / span);
      c.set(f.x0 + gx, f.y0 + gy, color);
    }
  }
  drawAxes(c, f, axisInfo(patch, x, px, Math.max(2, Math.floor(f.w / 150))), axisInfo(patch, y, py, Math.max(2, Math.floor(f.h / 60))), TITLE_SCALE);
  c.text(options.title ?? defaultTitle(patch), f.x0 + f.w / 2, 12, { align: "center", scale: TITLE_SCALE, color: BLACK });
  const units = (patch.attrs as Record<string, unknown>).data_units;
  drawColorbar(c, scale, typeof units === "string" ? units : "", f.x0 + f.w + 24, f.y0 + 14, f.h - 14);
  return c;
}

/**
 * Renders `patch` as a waterfall PNG (RGB, 8-bit).
 *
 * @example
 * ```ts
 * const [patch] = await dc.read("shot.hdf5");
 * writeFileSync("shot.png", renderWaterfall(patch));
 * ```
 */
export function renderWaterfall(patch: Patch, options: WaterfallOptions = {}): Buffer {
  return encodePng(drawWaterfall(patch, options).toRaster());
}
