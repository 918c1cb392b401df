// The units DAS data uses, as pint defines them (DASCore's registry: pint's defaults plus
// `strain = [] = ϵ`): each with pint's short symbol, its factor to SI base units, its dimension
// exponents and, for temperatures, an offset. Knows nothing of parsing or patches.

/** Base dimensions: length, time, mass, current, temperature, amount, luminosity, and dB (logarithmic, kept apart). */
export const BASE_DIMS = ["[length]", "[time]", "[mass]", "[current]", "[temperature]", "[substance]", "[luminosity]", "[dB]"] as const;

/** A unit pint knows: its short symbol, SI factor, dimension exponents and (temperatures) offset. */
export interface UnitDef {
  /** pint's canonical name, e.g. `"meter"`. */
  name: string;
  /** pint's short symbol (`"~"` format), e.g. `"m"`. */
  symbol: string;
  /** value in SI base units of one of this unit. */
  factor: number;
  /** exponents over {@link BASE_DIMS}. */
  dims: readonly number[];
  /** SI value of this unit's zero (°C: 273.15 K), for offset conversions. */
  offset?: number;
  /** Whether SI prefixes apply (`km`, `µϵ`). */
  prefixable: boolean;
}

const D = (l = 0, t = 0, m = 0, i = 0, k = 0, n = 0, c = 0, db = 0): number[] => [l, t, m, i, k, n, c, db];

const DEFS: [names: string[], symbol: string, factor: number, dims: number[], prefixable: boolean, offset?: number][] = [
  [["meter", "metre", "m"], "m", 1, D(1), true],
  [["second", "sec", "s"], "s", 1, D(0, 1), true],
  [["gram", "g"], "g", 1e-3, D(0, 0, 1), true],
  [["ampere", "amp", "A"], "A", 1, D(0, 0, 0, 1), true],
  [["kelvin", "K"], "K", 1, D(0, 0, 0, 0, 1), true],
  [["mole", "mol"], "mol", 1, D(0, 0, 0, 0, 0, 1), true],
  [["candela", "cd"], "cd", 1, D(0, 0, 0, 0, 0, 0, 1), true],
  [["hertz", "Hz"], "Hz", 1, D(0, -1), true],
  [["newton", "N"], "N", 1, D(1, -2, 1), true],
  [["pascal", "Pa"], "Pa", 1, D(-1, -2, 1), true],
  [["joule", "J"], "J", 1, D(2, -2, 1), true],
  [["watt", "W"], "W", 1, D(2, -3, 1), true],
  [["volt", "V"], "V", 1, D(2, -3, 1, -1), true],
  [["radian", "radians", "rad", "RADIANS", "Radians", "Radian"], "rad", 1, D(), true],
  [["degree", "deg"], "deg", Math.PI / 180, D(), false],
  [["strain", "ϵ"], "ϵ", 1, D(), true],
  [["percent", "%"], "%", 0.01, D(), false],
  [["count"], "count", 1, D(), false],
  [["dimensionless"], "", 1, D(), false],
  [["minute", "min"], "min", 60, D(0, 1), false],
  [["hour", "h", "hr"], "h", 3600, D(0, 1), false],
  [["day", "d"], "d", 86400, D(0, 1), false],
  [["foot", "feet", "ft"], "ft", 0.3048, D(1), false],
  [["inch", "in"], "in", 0.0254, D(1), false],
  [["mile", "mi"], "mi", 1609.344, D(1), false],
  [["yard", "yd"], "yd", 0.9144, D(1), false],
  [["degree_Celsius", "degC", "celsius", "°C"], "°C", 1, D(0, 0, 0, 0, 1), false, 273.15],
  [["degree_Fahrenheit", "degF", "fahrenheit", "°F"], "°F", 5 / 9, D(0, 0, 0, 0, 1), false, 273.15 - (32 * 5) / 9],
  [["decibel", "dB"], "dB", 1, D(0, 0, 0, 0, 0, 0, 0, 1), false],
];

/** SI prefixes by pint name and symbol (both `u` and `µ` for micro, as pint accepts). */
export const PREFIXES: readonly (readonly [name: string, symbol: string, factor: number])[] = [
  ["yotta", "Y", 1e24], ["zetta", "Z", 1e21], ["exa", "E", 1e18], ["peta", "P", 1e15], ["tera", "T", 1e12],
  ["giga", "G", 1e9], ["mega", "M", 1e6], ["kilo", "k", 1e3], ["hecto", "h", 1e2], ["deca", "da", 1e1],
  ["deci", "d", 1e-1], ["centi", "c", 1e-2], ["milli", "m", 1e-3], ["micro", "µ", 1e-6], ["micro", "u", 1e-6],
  ["micro", "μ", 1e-6], ["nano", "n", 1e-9], ["pico", "p", 1e-12], ["femto", "f", 1e-15], ["atto", "a", 1e-18],
];

const BY_NAME = new Map<string, UnitDef>();
for (const [names, symbol, factor, dims, prefixable, offset] of DEFS) {
  const def: UnitDef = { name: names[0]!, symbol, factor, dims, prefixable, ...(offset !== undefined ? { offset } : {}) };
  for (const n of names) BY_NAME.set(n, def);
}

/**
 * The unit a token names, prefixes resolved as pint does (a whole name first, then prefix + name,
 * `km`, `kilometer`, `µϵ`, `microstrain`), or null when pint would not know it.
 *
 * @example
 * ```ts
 * lookupUnit("nm"); // { name: "nanometer", symbol: "nm", factor: 1e-9, … }
 * ```
 */
export function lookupUnit(token: string): UnitDef | null {
  const whole = BY_NAME.get(token);
  if (whole) return whole;
  for (const [pname, psym, pf] of PREFIXES) {
    for (const prefix of [pname, psym]) {
      if (!token.startsWith(prefix) || token.length === prefix.length) continue;
      const base = BY_NAME.get(token.slice(prefix.length));
      if (!base || !base.prefixable) continue;
      const psymbol = psym === "u" || psym === "μ" ? "µ" : psym;
      return { name: `${pname}${base.name}`, symbol: `${psymbol}${base.symbol}`, factor: pf * base.factor, dims: base.dims, prefixable: false };
    }
  }
  return null;
}
