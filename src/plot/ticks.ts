// Axis ticks: "nice" 1-2-5 steps for numbers and calendar-friendly steps for absolute times
// (bigint ns), with labels that show just the precision the step needs.

/** One tick: its value as a fraction of the axis (0 at `lo`, 1 at `hi`) and its label. */
export interface Tick {
  at: number;
  label: string;
}

function niceStep(span: number, target: number): number {
  const raw = span / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

function decimalsOf(step: number): number {
  return Math.max(0, Math.min(9, -Math.floor(Math.log10(step) + 1e-9)));
}

/**
 * About `target` ticks on a numeric axis from `lo` to `hi` (either order). With `integer`, ticks
 * fall on whole numbers only (channel numbers are never ticked 0.5 or labelled 0.000).
 *
 * @example
 * ```ts
 * numericTicks(410, 797, 5).map((t) => t.label); // ["500", "600", "700"]
 * numericTicks(-0.5, 2.5, 6, true).map((t) => t.label); // ["0", "1", "2"]
 * ```
 */
export function numericTicks(lo: number, hi: number, target = 6, integer = false): Tick[] {
  const span = Math.abs(hi - lo);
  if (!Number.isFinite(span) || span === 0) return Number.isFinite(lo) ? [{ at: 0.5, label: shortNumber(lo) }] : [];
  const step = integer ? Math.max(1, niceStep(span, target)) : niceStep(span, target);
  const decimals = integer ? 0 : decimalsOf(step);
  const a = Math.min(lo, hi);
  const out: Tick[] = [];
  for (let v = Math.ceil(a / step - 1e-9) * step; v <= a + span + step * 1e-9; v += step) {
    out.push({ at: (v - lo) / (hi - lo), label: formatNumber(v, decimals) });
  }
  return out;
}

/** A number with at most 6 significant digits and no trailing zeros ("20", "0.25", "1.5e-7"). */
export function shortNumber(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e7) return String(Number(v.toPrecision(6)));
  return v.toExponential(2).replace(/\.?0+e/, "e");
}

function formatNumber(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  return s === "-0" || /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

const NS = 1n;
const US = 1000n * NS;
const MS = 1000n * US;
const S = 1000n * MS;
const MIN = 60n * S;
const H = 60n * MIN;
const DAY = 24n * H;
const TIME_STEPS: readonly bigint[] = [
  ...[1n, 2n, 5n, 10n, 20n, 50n, 100n, 200n, 500n].flatMap((k) => [k * NS, k * US, k * MS]),
  S, 2n * S, 5n * S, 10n * S, 15n * S, 30n * S,
  MIN, 2n * MIN, 5n * MIN, 10n * MIN, 15n * MIN, 30n * MIN,
  H, 2n * H, 3n * H, 6n * H, 12n * H, DAY, 2n * DAY, 7n * DAY, 14n * DAY, 28n * DAY,
].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `HH:MM:SS` plus the fraction digits that `step` needs, or the date for steps of a day. */
export function formatClock(ns: bigint, step: bigint): string {
  const secs = ns >= 0n ? ns / S : (ns - S + 1n) / S;
  const frac = ns - secs * S;
  const d = new Date(Number(secs) * 1000);
  if (step >= DAY) return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (step % S === 0n) return hms;
  let digits = 9;
  for (let s = step; s % 10n === 0n && digits > 0; s /= 10n) digits--;
  return `${hms}.${frac.toString().padStart(9, "0").slice(0, digits)}`;
}

/**
 * About `target` ticks on a time axis from `lo` to `hi` ns, labelled as UTC clock times.
 *
 * @example
 * ```ts
 * timeTicks(dc.toDatetime64("2023-01-27T05:54:03.6"), dc.toDatetime64("2023-01-27T05:54:05.7"), 5)
 * // labels 05:54:04.0 … at 0.5 s steps
 * ```
 */
export function timeTicks(lo: bigint, hi: bigint, target = 6): Tick[] {
  const span = hi > lo ? hi - lo : lo - hi;
  if (span === 0n) return [{ at: 0.5, label: formatClock(lo, S) }];
  const step = TIME_STEPS.find((s) => span / s <= BigInt(target)) ?? TIME_STEPS[TIME_STEPS.length - 1]!;
  const a = lo < hi ? lo : hi;
  const first = a % step === 0n ? a : a >= 0n ? (a / step + 1n) * step : (a / step) * step;
  const out: Tick[] = [];
  for (let v = first; v <= a + span; v += step) {
    out.push({ at: Number(v - lo) / Number(hi - lo), label: formatClock(v, step) });
  }
  return out;
}
