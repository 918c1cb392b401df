// Unit text as DASCore prints it (pint's default format with DASCore's strain symbols), from the
// free text instruments write: "m/s" → "m / s", "(nm/m)/s * Hz/m" → "Hz * nm / m ** 2 / s".
// A small parser for products, ratios, parentheses and integer powers; anything else is kept as is.

const SYMBOLS: Record<string, string> = {
  strain: "ϵ",
  microstrain: "µϵ",
  "micro-strain": "µϵ",
  nanostrain: "nϵ",
  "nano-strain": "nϵ",
  second: "s",
  seconds: "s",
  sec: "s",
  meter: "m",
  metre: "m",
  meters: "m",
  metres: "m",
  radian: "rad",
  radians: "rad",
  hertz: "Hz",
};

type Powers = Map<string, number>;

function tokenize(text: string): string[] | null {
  const tokens = text.match(/\*\*|\^|[()*/]|[^\s()*/^]+/g);
  return tokens ?? null;
}

/** Parses `a * b / c ** 2 ...` with parentheses into unit powers; null when not understood. */
function parse(tokens: string[]): Powers | null {
  let pos = 0;
  const factor = (): Powers | null => {
    const t = tokens[pos++];
    let base: Powers | null;
    if (t === "(") {
      base = expr();
      if (tokens[pos++] !== ")") return null;
    } else if (t !== undefined && /^[A-Za-zµϵ][A-Za-z0-9µϵ_-]*$/.test(t) && !/\d$/.test(t)) {
      base = new Map([[SYMBOLS[t.toLowerCase()] ?? t, 1]]);
    } else {
      return null;
    }
    if (!base) return null;
    if (tokens[pos] === "**" || tokens[pos] === "^") {
      pos++;
      const p = Number(tokens[pos++]);
      if (!Number.isInteger(p)) return null;
      for (const [k, v] of base) base.set(k, v * p);
    }
    return base;
  };
  const expr = (): Powers | null => {
    const out = factor();
    if (!out) return null;
    while (tokens[pos] === "*" || tokens[pos] === "/") {
      const sign = tokens[pos++] === "*" ? 1 : -1;
      const rhs = factor();
      if (!rhs) return null;
      for (const [k, v] of rhs) out.set(k, (out.get(k) ?? 0) + sign * v);
    }
    return out;
  };
  const result = expr();
  return result && pos === tokens.length ? result : null;
}

function term(unit: string, power: number): string {
  return power === 1 ? unit : `${unit} ** ${power}`;
}

/**
 * DASCore's spelling of a unit text, or the trimmed text itself when it is not a plain product of
 * powers; null for empty text.
 * @example
 * ```ts
 * dascoreUnits("micro-strain/second"); // "µϵ / s"
 * ```
 */
export function dascoreUnits(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text.trim() === "") return null;
  const tokens = tokenize(text.trim());
  const powers = tokens ? parse(tokens) : null;
  if (!powers) return text.trim();
  const entries = [...powers].filter(([, p]) => p !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const num = entries.filter(([, p]) => p > 0).map(([u, p]) => term(u, p));
  const den = entries.filter(([, p]) => p < 0).map(([u, p]) => term(u, -p));
  if (num.length === 0 && den.length === 0) return "";
  const head = num.length ? num.join(" * ") : den.length ? "1" : "";
  return [head, ...den].join(" / ");
}
