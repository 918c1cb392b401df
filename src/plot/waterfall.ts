// Waterfall rendering of a 2-D patch: time along x, the other dimension (usually distance) down y,
// peak-preserving downsampling to the plot area, a diverging colormap clipped at a robust
// percentile of |x|, tick-labelled axes and a colour bar. Returns PNG bytes or a Canvas.

import type { Patch } from "../index.ts";
import { ParameterError, formatDatetime64 } from "../index.ts";
import { Canvas } from "./Canvas.ts";
import { divergingColor, type Rgb } from "./colormap.ts";
import { encodePng } from "./png.ts";
import { textWidth } from "./font.ts";
import { numericTicks, timeTicks, type Tick } from "./ticks.ts";
import { binGrid, robustClip, type Grid } from "./grid.ts";

/** Options of {@link renderWaterfall}. */
export interface WaterfallOptions {
  /** Image width in pixels (default 900). */
  width?: number;
  /** Image height in pixels (default 560). */
  height?: number;
  /** Percentile of |x| at which colours saturate, symmetric about zero (default 99). */
  clipPercentile?: number;
  /** Title line; defaults to station, tag and the patch's start time. */
  title?: string;
}

const BLACK: Rgb = [0, 0, 0];
const GREY: Rgb = [90, 90, 90];
const SCALE = 2; // font pixels → canvas pixels: 10×14 px glyphs stay legible on screens.
const MARGIN = { left: 96, right: 130, top: 44, bottom: 74 };

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

function axisTicks(patch: Patch, dim: string, target: number): { ticks: Tick[]; label: string } {
  const coord = patch.getCoord(dim);
  const lo = coord.min();
  const hi = coord.max();
  const units = coord.units ? ` (${coord.units})` : "";
  if (typeof lo === "bigint" && typeof hi === "bigint") {
    if (coord.dtype === "datetime64") {
      return { ticks: timeTicks(lo, hi, target), label: `${dim} (UTC, from ${formatDatetime64(lo)})` };
    }
    return { ticks: numericTicks(Number(lo) / 1e9, Number(hi) / 1e9, target), label: `${dim} (s)` };
  }
  if (typeof lo === "number" && typeof hi === "number") return { ticks: numericTicks(lo, hi, target), label: `${dim}${units}` };
  return { ticks: [], label: `${dim} (samples)` };
}

function defaultTitle(patch: Patch): string {
  const a = patch.attrs as Record<string, unknown>;
  const parts = [a.network, a.station, a.tag, a.data_type].filter((v) => typeof v === "string" && v !== "");
  return [parts.join(" "), `(${patch.shape.join(" x ")})`].filter(Boolean).join(" ");
}

function drawImage(c: Canvas, grid: Grid, clip: number, x0: number, y0: number, pw: number, ph: number): void {
  for (let py = 0; py < ph; py++) {
    const gy = Math.min(grid.ny - 1, Math.floor((py * grid.ny) / ph));
    for (let px = 0; px < pw; px++) {
      const gx = Math.min(grid.nx - 1, Math.floor((px * grid.nx) / pw));
      c.set(x0 + px, y0 + py, divergingColor(grid.values[gy * grid.nx + gx]!, clip));
    }
  }
}

function drawColorbar(c: Canvas, clip: number, units: string, x0: number, y0: number, h: number): void {
  const w = 18;
  for (let py = 0; py < h; py++) {
    const v = clip * (1 - (2 * py) / (h - 1));
    c.fillRect(x0, y0 + py, w, 1, divergingColor(v, clip));
  }
  c.strokeRect(x0 - 1, y0 - 1, w + 2, h + 2, BLACK);
  const fmt = (v: number) => (v === 0 ? "0" : Math.abs(v) >= 0.01 && Math.abs(v) < 1e4 ? v.toPrecision(3) : v.toExponential(1));
  for (const [v, py] of [[clip, 0], [0, (h - 1) / 2], [-clip, h - 1]] as const) {
    c.fillRect(x0 + w, y0 + Math.round(py), 4, 1, BLACK);
    c.text(fmt(v), x0 + w + 7, y0 + Math.round(py), { valign: "middle", color: BLACK });
  }
  if (units) {
    // Centred over the bar, but kept inside the image when the units text is long.
    const left = Math.max(0, Math.min(Math.round(x0 + w / 2 - textWidth(units) / 2), c.width - 2 - textWidth(units)));
    c.text(units, left, y0 - 8, { valign: "bottom", color: GREY });
  }
}

/**
 * Draws `patch` as a waterfall on a new canvas.
 *
 * @example
 * ```ts
 * const canvas = drawWaterfall(dc.getExamplePatch(), { width: 600, height: 400 });
 * ```
 * @throws ParameterError when the patch does not have two dimensions longer than one.
 */
export function drawWaterfall(patch: Patch, options: WaterfallOptions = {}): Canvas {
  const { width = 900, height = 560, clipPercentile = 99 } = options;
  const pw = width - MARGIN.left - MARGIN.right;
  const ph = height - MARGIN.top - MARGIN.bottom;
  if (pw < 16 || ph < 16) throw new ParameterError(`a ${width}x${height} image leaves no room for the plot; use at least 400x300`);
  if (!(clipPercentile > 0 && clipPercentile <= 100)) throw new ParameterError(`clip percentile must be in (0, 100], got ${clipPercentile}`);
  const { x, y } = waterfallAxes(patch);
  const grid = binGrid(patch, x, y, pw, ph);
  const clip = robustClip(grid.values, clipPercentile);

  const c = new Canvas(width, height);
  const x0 = MARGIN.left;
  const y0 = MARGIN.top;
  drawImage(c, grid, clip, x0, y0, pw, ph);
  c.strokeRect(x0 - 1, y0 - 1, pw + 2, ph + 2, BLACK);

  const xt = axisTicks(patch, x, Math.max(2, Math.floor(pw / 150)));
  for (const t of xt.ticks) {
    const px = x0 + Math.round(t.at * (pw - 1));
    c.fillRect(px, y0 + ph + 1, 1, 5, BLACK);
    c.text(t.label, px, y0 + ph + 9, { align: "center", color: BLACK });
  }
  c.text(xt.label, x0 + pw / 2, height - 10, { align: "center", valign: "bottom", scale: SCALE, color: BLACK });

  const yt = axisTicks(patch, y, Math.max(2, Math.floor(ph / 60)));
  for (const t of yt.ticks) {
    const py = y0 + Math.round(t.at * (ph - 1));
    c.fillRect(x0 - 6, py, 5, 1, BLACK);
    c.text(t.label, x0 - 9, py, { align: "right", valign: "middle", color: BLACK });
  }
  c.text(yt.label, 12, y0 + ph / 2, { align: "center", vertical: true, scale: SCALE, color: BLACK });

  c.text(options.title ?? defaultTitle(patch), x0 + pw / 2, 12, { align: "center", scale: SCALE, color: BLACK });
  const units = (patch.attrs as Record<string, unknown>).data_units;
  drawColorbar(c, clip, typeof units === "string" ? units : "", x0 + pw + 24, y0 + 14, ph - 14);
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
