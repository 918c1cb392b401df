// Axis ticks and labels from where samples were placed (placement.ts): clock times for datetime
// axes, seconds for durations, whole numbers for integer axes, and always the units (or "no
// units" when the file states none, rather than a bare name that invites a guess).

import type { Patch } from "../index.ts";
import { formatDatetime64 } from "../index.ts";
import type { Canvas } from "./Canvas.ts";
import type { Rgb } from "./colormap.ts";
import type { Placement } from "./placement.ts";
import { numericTicks, timeTicks, type Tick } from "./ticks.ts";

/** Ticks (as fractions of the axis) and the axis title. */
export interface AxisInfo {
  ticks: Tick[];
  label: string;
}

/** `name (units)`, or `name (no units)` when none are stated. */
export function labelWithUnits(name: string, units: string | null | undefined): string {
  return `${name} (${units && units.trim() !== "" ? units : "no units"})`;
}

function isInteger(values: Float64Array, dtype: string): boolean {
  if (/^u?int/.test(dtype)) return true;
  for (const v of values) if (!Number.isInteger(v)) return false;
  return values.length > 0;
}

/**
 * Ticks and label of dimension `dim` of `patch` placed as `pl`.
 *
 * @example
 * ```ts
 * axisInfo(patch, "time", placeAxis(patch.getCoord("time"), 700), 5).label; // "time (UTC, from 2017-09-18)"
 * ```
 */
export function axisInfo(patch: Patch, dim: string, pl: Placement, target: number): AxisInfo {
  const coord = patch.getCoord(dim);
  if (coord.dtype === "datetime64" && typeof pl.origin === "bigint") {
    const lo = pl.origin + BigInt(Math.round(pl.lo));
    const hi = pl.origin + BigInt(Math.round(pl.hi));
    return { ticks: timeTicks(lo, hi, target), label: `${dim} (UTC, from ${formatDatetime64(pl.origin)})` };
  }
  if (coord.dtype === "timedelta64") {
    return { ticks: numericTicks(pl.lo / 1e9, pl.hi / 1e9, target), label: `${dim} (s)` };
  }
  return { ticks: numericTicks(pl.lo, pl.hi, target, isInteger(pl.values, coord.dtype)), label: labelWithUnits(dim, coord.units) };
}

/** The rectangle of the data area. */
export interface Frame {
  x0: number;
  y0: number;
  w: number;
  h: number;
}

const BLACK: Rgb = [0, 0, 0];

/** Draws the frame outline, the x ticks below and the y ticks left of it, and both titles. */
export function drawAxes(c: Canvas, f: Frame, x: AxisInfo, y: AxisInfo, scale: number): void {
  c.strokeRect(f.x0 - 1, f.y0 - 1, f.w + 2, f.h + 2, BLACK);
  for (const t of x.ticks) {
    if (t.at < -1e-9 || t.at > 1 + 1e-9) continue;
    const px = f.x0 + Math.round(t.at * (f.w - 1));
    c.fillRect(px, f.y0 + f.h + 1, 1, 5, BLACK);
    c.text(t.label, px, f.y0 + f.h + 9, { align: "center", color: BLACK });
  }
  c.text(x.label, f.x0 + f.w / 2, c.height - 10, { align: "center", valign: "bottom", scale, color: BLACK });
  for (const t of y.ticks) {
    if (t.at < -1e-9 || t.at > 1 + 1e-9) continue;
    const py = f.y0 + Math.round(t.at * (f.h - 1));
    c.fillRect(f.x0 - 6, py, 5, 1, BLACK);
    c.text(t.label, f.x0 - 9, py, { align: "right", valign: "middle", color: BLACK });
  }
  c.text(y.label, 12, f.y0 + f.h / 2, { align: "center", vertical: true, scale, color: BLACK });
}
