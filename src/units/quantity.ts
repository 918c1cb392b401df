// Unit algebra as pint does it for DASCore's unit strings: parse ("Hz * nm / m ** 2 / s",
// "1/s", "10 Hz", "m^2"), multiply and raise (exponents merged per unit in order of appearance,
// zeros dropped), format in pint's short form ("m / s", "1 / m"), and conversion factors.
// No npm library: js-quantities and unitmath do not read pint's `**` and differ on ϵ, µϵ and
// °C; mathjs does but weighs ~9 MB and formats differently (see the commit message).
import { UnitError } from "../errors.ts";
import { BASE_DIMS, lookupUnit, type UnitDef } from "./table.ts";

/** A magnitude times a product of units raised to powers (pint's Quantity), units in order. */
export interface Quantity {
  readonly magnitude: number;
  readonly units: readonly (readonly [UnitDef, number])[];
}

type Token = { kind: "num"; value: number } | { kind: "name"; value: string } | { kind: "op"; value: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|(\*\*|\^|[*/()-])|([A-Za-z_°%µμϵΩ][A-Za-z_0-9°µμϵ]*))/y;
  let pos = 0;
  const s = text.trim();
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) throw new UnitError(`DASCore failed to parse the following unit/quantity: ${text} (unexpected '${s.slice(pos)}')`);
    pos = re.lastIndex;
    if (m[1] !== undefined) out.push({ kind: "num", value: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ kind: "op", value: m[2] === "^" ? "**" : m[2] });
    else out.push({ kind: "name", value: m[3]! });
    while (pos < s.length && s[pos] === " ") pos++;
  }
  return out;
}

/** Product of two quantities: exponents of the same unit add, zeros drop (pint's UnitsContainer). */
export function multiply(a: Quantity, b: Quantity): Quantity {
  const units = a.units.map(([u, e]) => [u, e] as [UnitDef, number]);
  for (const [u, e] of b.units) {
    const i = units.findIndex(([v]) => v.name === u.name);
    if (i >= 0) units[i]![1] += e;
    else units.push([u, e]);
  }
  return { magnitude: a.magnitude * b.magnitude, units: units.filter(([, e]) => e !== 0) };
}

/** A quantity raised to a power. */
export function power(a: Quantity, p: number): Quantity {
  return { magnitude: a.magnitude ** p, units: p === 0 ? [] : a.units.map(([u, e]) => [u, e * p] as const) };
}

/** 1 / a. */
export function invert(a: Quantity): Quantity {
  return power(a, -1);
}

const ONE: Quantity = { magnitude: 1, units: [] };

/**
 * Parse a pint unit or quantity string (DASCore's grammar: `*`, `/`, `**` or `^`, parentheses,
 * numbers, juxtaposition as product). Empty text or null is null.
 *
 * @throws UnitError naming the text when a unit is unknown or the grammar is broken.
 * @example
 * ```ts
 * formatUnits(parseQuantity("Hz * nm / m ** 2 / s")!); // "Hz * nm / m ** 2 / s"
 * ```
 */
export function parseQuantity(text: string | null | undefined): Quantity | null {
  if (text === null || text === undefined || text.trim() === "") return null;
  const toks = tokenize(text);
  let i = 0;
  const fail = (why: string): never => {
    throw new UnitError(`DASCore failed to parse the following unit/quantity: ${text} (${why})`);
  };
  const atom = (): Quantity => {
    const t = toks[i++];
    if (!t) return fail("unexpected end");
    if (t.kind === "num") return { magnitude: t.value, units: [] };
    if (t.kind === "name") {
      const def = lookupUnit(t.value);
      if (!def) return fail(`unknown unit '${t.value}'`);
      return def.name === "dimensionless" ? ONE : { magnitude: 1, units: [[def, 1]] };
    }
    if (t.value === "(") {
      const q = product();
      if (toks[i]?.value !== ")") fail("missing ')'");
      i++;
      return q;
    }
    return fail(`unexpected '${t.value}'`);
  };
  const exponent = (): number => {
    let sign = 1;
    if (toks[i]?.value === "(") {
      i++;
      const v = exponent();
      if (toks[i++]?.value !== ")") fail("missing ')'");
      return v;
    }
    if (toks[i]?.value === "-") (i++, (sign = -1));
    const t = toks[i++];
    if (!t || t.kind !== "num") return fail("an exponent must be a number");
    return sign * t.value;
  };
  const factor = (): Quantity => {
    const base = atom();
    if (toks[i]?.value === "**") {
      i++;
      return power(base, exponent());
    }
    return base;
  };
  const product = (): Quantity => {
    let q = factor();
    for (;;) {
      const t = toks[i];
      if (!t || t.value === ")") return q;
      if (t.value === "*") (i++, (q = multiply(q, factor())));
      else if (t.value === "/") (i++, (q = multiply(q, invert(factor()))));
      else q = multiply(q, factor()); // juxtaposition: "10 Hz", "kg m"
    }
  };
  const q = product();
  if (i < toks.length) fail(`unexpected '${toks[i]!.value}'`);
  return q;
}

/** An exponent as Python prints it (2, 0.5). */
function pyExp(e: number): string {
  return String(e);
}

/**
 * pint's short format of the units (`"~"`): positive powers joined by ` * `, then each negative
 * power as ` / u`, `1 / …` when none is positive; the magnitude in front when it is not 1.
 *
 * @example
 * ```ts
 * formatUnits(invert(parseQuantity("m/s")!)); // "s / m"
 * ```
 */
export function formatUnits(q: Quantity): string {
  // pint (≥ 0.24) sorts each side by the units' full names: "kg * N", "m * Pa", "1 / Hz / s"
  const sorted = [...q.units].sort(([a], [b]) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const pos = sorted.filter(([, e]) => e > 0).map(([u, e]) => (e === 1 ? u.symbol : `${u.symbol} ** ${pyExp(e)}`));
  const neg = sorted.filter(([, e]) => e < 0).map(([u, e]) => (e === -1 ? u.symbol : `${u.symbol} ** ${pyExp(-e)}`));
  let text = pos.length ? pos.join(" * ") : neg.length ? "1" : "dimensionless";
  for (const n of neg) text += ` / ${n}`;
  if (q.magnitude !== 1) return text === "dimensionless" ? String(q.magnitude) : `${q.magnitude} ${text}`;
  return text;
}

/** Dimension exponents and SI factor of a quantity. */
function reduce(q: Quantity): { dims: number[]; factor: number } {
  const dims = BASE_DIMS.map(() => 0);
  let factor = q.magnitude;
  for (const [u, e] of q.units) {
    factor *= u.factor ** e;
    u.dims.forEach((d, k) => (dims[k]! += d * e));
  }
  return { dims, factor };
}

/**
 * The affine map `x → scale·x + shift` that converts values in `from` to `to`, as pint's
 * `Quantity.to` (offsets only for a lone temperature unit, as pint's non-multiplicative units).
 *
 * @throws UnitError when the dimensions differ.
 * @example
 * ```ts
 * conversion(parseQuantity("m/s")!, parseQuantity("mm/s")!); // { scale: 1000, shift: 0 }
 * ```
 */
export function conversion(from: Quantity, to: Quantity): { scale: number; shift: number } {
  const a = reduce(from);
  const b = reduce(to);
  if (a.dims.some((d, k) => Math.abs(d - b.dims[k]!) > 1e-12)) {
    throw new UnitError(`Cannot convert from '${formatUnits(from)}' to '${formatUnits(to)}': their dimensions differ`);
  }
  const lone = (q: Quantity): number | null => (q.units.length === 1 && q.units[0]![1] === 1 && q.magnitude === 1 ? (q.units[0]![0].offset ?? 0) : null);
  const oa = lone(from);
  const ob = lone(to);
  if (oa !== null && ob !== null && (oa !== 0 || ob !== 0)) {
    // x·fa + oa = y·fb + ob
    return { scale: a.factor / b.factor, shift: (oa - ob) / b.factor };
  }
  return { scale: a.factor / b.factor, shift: 0 };
}
