// Patch.toString (SPEC §3), modelled on DASCore's rich repr: header, coordinates (dims first,
// marked *), a numpy-style abbreviated data preview (3 decimals, edge items 3) and attributes.
import { nonDefaultAttrs } from "../attrs/schema.ts";
import type { Coord, CoordValue } from "../coords/Coord.ts";
import { formatDatetime64, formatTimedelta64 } from "../time.ts";
import type { Patch } from "./Patch.ts";
import type { StridedArray } from "./StridedArray.ts";
import { floatFormatter } from "./numberFormat.ts";

/** Rows/columns beyond this count are abbreviated to the first and last 3 (numpy's edgeitems). */
const EDGE = 3;
const PRECISION = 3;

function coordValueText(coord: Coord, v: CoordValue | null, isStep = false): string {
  if (v === null) return "null";
  if (typeof v === "bigint") return isStep || coord.dtype === "timedelta64" ? formatTimedelta64(v) : formatDatetime64(v);
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

function coordLine(name: string, coord: Coord, spans: readonly string[], isDim: boolean, shape?: readonly number[]): string {
  const cls = coord.kind === "range" ? "CoordRange" : coord.kind === "array" ? "CoordArray" : "CoordPartial";
  const parts: string[] = [];
  if (coord.min() !== null) parts.push(`min: ${coordValueText(coord, coord.min())}`);
  if (coord.max() !== null) parts.push(`max: ${coordValueText(coord, coord.max())}`);
  if (coord.step !== null) parts.push(`step: ${coordValueText(coord, coord.step, true)}`);
  const dimsShape = shape && spans.length > 1 ? spans.map((d) => shape[spans.indexOf(d)]) : [coord.length];
  parts.push(`shape: (${dimsShape.join(", ")}${dimsShape.length === 1 ? "," : ""})`, `dtype: ${coord.dtype}`);
  if (coord.units !== null) parts.push(`units: ${coord.units}`);
  const label = isDim ? `*${name}` : `${name} (${spans.join(", ")})`;
  return `    ${label}: ${cls}( ${parts.join(" ")} )`;
}

/** Positions shown along an axis of length n: all, or the first and last EDGE with -1 for "...". */
function shown(n: number): number[] {
  if (n <= 2 * EDGE) return Array.from({ length: n }, (_, i) => i);
  return [0, 1, 2, -1, n - 3, n - 2, n - 1];
}


/**
 * numpy-like `array2string` of a strided view: floats as numpy formats them (at most 3 decimals,
 * trailing zeros dropped, or scientific for small or spread-out values, see `floatFormatter`),
 * aligned on the decimal point, axes longer than 6 abbreviated with `...`.
 *
 * @example
 * ```ts
 * formatArray(StridedArray.contiguous(new Float64Array([0.5, 1.25]), [2])); // "[0.5  1.25]"
 * ```
 */
export function formatArray(full: StridedArray, dtype?: string): string {
  // complex: the trailing (re, im) axis is not shown as an axis; each element prints as a+bj
  const complex = dtype === "complex64" || dtype === "complex128";
  const view = complex ? new StridedArrayLike(full) : full;
  const nd = view.shape.length;
  if (view.size === 0) return "[]";
  const integer = !(view.base instanceof Float32Array || view.base instanceof Float64Array);
  const shownValues: number[] = [];
  const text = (pos: number): string => {
    if (dtype === "bool") return view.base[pos] ? " True" : "False";
    if (!complex) {
      const x = view.base[pos]!;
      return typeof x === "bigint" || integer ? String(x) : float(x);
    }
    const re = view.base[pos] as number;
    const im = view.base[pos + full.strides.at(-1)!] as number;
    return `${float(re)}${im < 0 || Object.is(im, -0) ? "-" : "+"}${float(Math.abs(im))}j`;
  };
  const texts = new Map<number, string>();
  const axes = view.shape.map(shown);
  // first pass: format every shown value to find the common widths
  let intW = 0;
  let fracW = 0;
  const visit = (axis: number, idx: number[], fn: (pos: number) => void): void => {
    if (axis === nd) return fn(view.indexOf(idx));
    for (const i of axes[axis]!) if (i >= 0) visit(axis + 1, [...idx, i], fn);
  };
  if (complex) {
    const imStride = full.strides.at(-1)!;
    visit(0, [], (pos) => void shownValues.push(view.base[pos] as number, Math.abs(view.base[pos + imStride] as number)));
  } else if (!integer && dtype !== "bool") visit(0, [], (pos) => void shownValues.push(view.base[pos] as number));
  const float = floatFormatter(shownValues, PRECISION);
  visit(0, [], (pos) => {
    const t = text(pos);
    texts.set(pos, t);
    if (!/\d/.test(t)) return; // nan/inf are right-aligned to the full width below
    const dot = t.indexOf(".");
    intW = Math.max(intW, dot < 0 ? t.length : dot);
    fracW = Math.max(fracW, dot < 0 ? 0 : t.length - dot);
  });
  const pad = (t: string): string => {
    if (!/\d/.test(t)) return t.padStart(intW + fracW);
    const dot = t.indexOf(".");
    const int = dot < 0 ? t : t.slice(0, dot);
    const frac = dot < 0 ? "" : t.slice(dot);
    return int.padStart(intW) + frac.padEnd(fracW);
  };
  const render = (axis: number, idx: number[]): string => {
    const items = axes[axis]!.map((i) => {
      if (i < 0) return "...";
      return axis === nd - 1 ? pad(texts.get(view.indexOf([...idx, i]))!) : render(axis + 1, [...idx, i]);
    });
    const sep = axis === nd - 1 ? " " : "\n".repeat(nd - axis - 1) + " ".repeat(axis + 1);
    return `[${items.join(sep)}]`;
  };
  return nd === 0 ? pad(texts.get(view.offset)!) : render(0, []);
}

/** The view of a complex patch without its trailing (re, im) axis: positions index real parts. */
class StridedArrayLike {
  readonly base: StridedArray["base"];
  readonly offset: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly size: number;
  constructor(full: StridedArray) {
    this.base = full.base;
    this.offset = full.offset;
    this.shape = full.shape.slice(0, -1);
    this.strides = full.strides.slice(0, -1);
    this.size = this.shape.reduce((a, b) => a * b, 1);
  }
  indexOf(idx: readonly number[]): number {
    let p = this.offset;
    for (let k = 0; k < idx.length; k++) p += idx[k]! * this.strides[k]!;
    return p;
  }
}

function attrText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => JSON.stringify(String(x))).join(", ")}]`;
  return String(v);
}

/**
 * The text of `Patch.toString()`.
 *
 * @example
 * ```ts
 * formatPatch(getExamplePatch()).split("\n")[0]; // "DASPool Patch ⚡"
 * ```
 */
export function formatPatch(patch: Patch): string {
  const header = "DASPool Patch ⚡";
  const lines = [header, "-".repeat(header.length)];
  const dimsText = patch.dims.map((d, i) => `${d}: ${patch.shape[i]}`).join(", ");
  lines.push(`➤ Coordinates (${dimsText})`);
  for (const d of patch.dims) lines.push(coordLine(d, patch.coords[d]!, [d], true));
  for (const [name, c] of Object.entries(patch.coords)) {
    if (patch.dims.includes(name) || name.startsWith("_")) continue;
    const spans = patch.coordDims[name] ?? [];
    lines.push(coordLine(name, c, spans, false, spans.map((d) => patch.shape[patch.dims.indexOf(d)]!)));
  }
  lines.push(`➤ Data (${patch.dtype})`);
  lines.push(...formatArray(patch.view, patch.dtype).split("\n").map((l) => `   ${l}`));
  const attrs = nonDefaultAttrs(patch.parts.attrs);
  lines.push("➤ Attributes");
  for (const [k, v] of Object.entries(attrs)) lines.push(`    ${k}: ${attrText(v)}`);
  return lines.join("\n");
}
