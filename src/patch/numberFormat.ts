// numpy's float formatting for array previews (`FloatingFormat`, floatmode "maxprec"): positional
// with at most `precision` decimals, or scientific when the shown values are small or spread out.

/**
 * A formatter for the given (shown) float values, as numpy's `array2string` builds one: scientific
 * notation when the largest non-zero magnitude is ≥ 1e8, the smallest < 1e-4, or their ratio
 * > 1000; then every value has the same number of mantissa digits (the most any value needs, at
 * most `precision`) and the same exponent width (at least 2 digits). Otherwise positional with
 * trailing zeros trimmed (`0.5`, `-3.`). NaN/inf print as `nan`/`inf` (alignment is the caller's).
 *
 * @example
 * ```ts
 * const f = floatFormatter([2.3e-5, 1e-6], 3);
 * f(2.3e-5); // "2.3e-05"
 * floatFormatter([0.5, 1.25], 3)(0.5); // "0.5"
 * ```
 */
export function floatFormatter(values: readonly number[], precision: number): (x: number) => string {
  let lo = Infinity;
  let hi = 0;
  for (const x of values) {
    const a = Math.abs(x);
    if (!Number.isFinite(a) || a === 0) continue;
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  const scientific = hi > 0 && (hi >= 1e8 || lo < 1e-4 || hi / lo > 1000);
  if (!scientific) return (x) => special(x) ?? positional(x, precision);
  let digits = 0;
  let expWidth = 2;
  for (const x of values) {
    if (!Number.isFinite(x)) continue;
    const [m, e] = uniqueExponential(x, precision);
    digits = Math.max(digits, m.length - m.indexOf(".") - 1);
    expWidth = Math.max(expWidth, e.length - 1);
  }
  return (x) => {
    const s = special(x);
    if (s !== undefined) return s;
    const [m, e] = x.toExponential(digits).split("e") as [string, string];
    const mant = m.includes(".") ? m : `${m}.`;
    return `${mant}e${e[0]}${e.slice(1).padStart(expWidth, "0")}`;
  };
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return undefined;
}

/** Shortest round-trip digits, rounded to at most `precision` decimals, zeros trimmed. */
function positional(x: number, precision: number): string {
  const s = x.toFixed(precision).replace(/0+$/, "");
  return s.endsWith(".") || s.includes(".") ? s : `${s}.`;
}

/** The unique mantissa (at most `precision` decimals, trimmed, with a dot) and the exponent text. */
function uniqueExponential(x: number, precision: number): [string, string] {
  let [m, e] = x.toExponential().split("e") as [string, string];
  if (m.length - m.indexOf(".") - 1 > precision && m.includes(".")) {
    [m, e] = x.toExponential(precision).split("e") as [string, string];
    m = m.replace(/0+$/, "");
  }
  return [m.includes(".") ? m : `${m}.`, e];
}
