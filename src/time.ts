// Time values of SPEC §1: absolute times and durations as bigint nanoseconds, parsed and printed
// exactly (no float round trip). A leaf module: storage readers import it, so it imports only errors.
import { ParameterError } from "./errors.ts";

/** Nanoseconds in one second, as a bigint. */
export const NS_PER_SECOND = 1_000_000_000n;
const NS_PER_DAY = 86_400n * NS_PER_SECOND;

/** Anything {@link toDatetime64} accepts. */
export type TimeLike = bigint | number | Date | string;
/** Anything {@link toTimedelta64} accepts. */
export type DurationLike = bigint | number | string;

function describe(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? "Invalid" : v.toISOString()})`;
  return String(v);
}

/**
 * Scale a decimal text (`"-1.5"`, `"1e-7"`, `"12"`) by 10^digits and round half away from zero
 * to an integer. Exact: the digits are shifted as text, never multiplied as floats. Returns null
 * when the text is not a plain decimal number.
 */
function scaleDecimal(text: string, digits: number): bigint | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const frac = m[3] ?? "";
  const mantissa = BigInt((m[2] ?? "") + frac || "0");
  // value = mantissa · 10^(exp − frac.length); scaled by 10^digits
  const k = digits + Number(m[4] ?? "0") - frac.length;
  let value: bigint;
  if (k >= 0) {
    value = mantissa * 10n ** BigInt(k);
  } else {
    const div = 10n ** BigInt(-k);
    value = mantissa / div;
    if ((mantissa % div) * 2n >= div) value += 1n;
  }
  return m[1] === "-" ? -value : value;
}

/** Exact ns for a number of seconds: the shortest decimal text of the double, rounded to 1 ns. */
function secondsToNs(v: number, original: unknown): bigint {
  if (!Number.isFinite(v)) throw new ParameterError(`cannot convert ${describe(original)} to a time: not finite`);
  const ns = scaleDecimal(String(v), 9);
  if (ns === null) throw new ParameterError(`cannot convert ${describe(original)} to a time`);
  return ns;
}

// Howard Hinnant's days_from_civil / civil_from_days, on the proleptic Gregorian calendar.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const ISO_RE =
  /^([+-]?\d{4,6})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseIso(text: string): bigint | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const [hh, mi, ss] = [m[4], m[5], m[6]].map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number];
  if (month < 1 || month > 12) return null;
  const maxDay = month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]!;
  if (day < 1 || day > maxDay || hh > 23 || mi > 59 || ss > 59) return null;
  const frac = BigInt((m[7] ?? "").padEnd(9, "0"));
  let offsetMin = 0;
  const tz = m[8];
  if (tz !== undefined && tz.toUpperCase() !== "Z") {
    const digits = tz.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMin = (tz[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const days = BigInt(daysFromCivil(year, month, day));
  const secs = BigInt(hh * 3600 + mi * 60 + ss - offsetMin * 60);
  return days * NS_PER_DAY + secs * NS_PER_SECOND + frac;
}

/**
 * Convert any accepted time form to bigint nanoseconds since 1970-01-01T00:00:00Z (SPEC §1).
 *
 * - `bigint`: already ns, returned as is;
 * - `number`: epoch seconds; the number's shortest decimal text is rounded to the nearest ns, so
 *   `1674798843.6369076` is `1674798843636907600n` (no float multiplication error);
 * - `Date`: millisecond precision;
 * - ISO-8601 text: `"2020-01-03"`, `"2020-01-03T00:00:09.123456789"`, optional `Z` or `±hh:mm`
 *   offset (converted to UTC), also `"2020"` and `"2020-01"` like numpy.
 *
 * @throws ParameterError naming the value for anything else or an invalid date.
 * @example
 * ```ts
 * toDatetime64("2020-01-03T00:00:07.996"); // 1578009607996000000n
 * toDatetime64(1.5); // 1500000000n
 * ```
 */
export function toDatetime64(v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return secondsToNs(v, v);
  if (v instanceof Date) {
    const ms = v.getTime();
    if (Number.isNaN(ms)) throw new ParameterError(`cannot convert ${describe(v)} to a time: invalid Date`);
    return BigInt(ms) * 1_000_000n;
  }
  if (typeof v === "string") {
    const ns = parseIso(v);
    if (ns !== null) return ns;
    throw new ParameterError(`cannot convert ${describe(v)} to a time: expected an ISO-8601 date/time`);
  }
  throw new ParameterError(`cannot convert ${describe(v)} to a time: expected bigint ns, number of seconds, Date or ISO string`);
}

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  ms: 1_000_000n,
  s: NS_PER_SECOND,
  sec: NS_PER_SECOND,
  m: 60n * NS_PER_SECOND,
  min: 60n * NS_PER_SECOND,
  h: 3600n * NS_PER_SECOND,
  hr: 3600n * NS_PER_SECOND,
  d: NS_PER_DAY,
};

/**
 * Convert a duration to bigint nanoseconds (SPEC §1). `bigint` is ns; `number` is seconds
 * (rounded to the nearest ns from its decimal text); strings carry a unit: `ns`, `us`/`µs`, `ms`,
 * `s`/`sec`, `min` (also `m`, minutes as in numpy and pandas), `h`/`hr`, `d`. A string without unit
 * is seconds. Fractions are exact: `"1.5s"` is `1500000000n`.
 *
 * @throws ParameterError naming the value when it is not a duration.
 * @example
 * ```ts
 * toTimedelta64("250ms"); // 250000000n
 * toTimedelta64(0.004); // 4000000n
 * ```
 */
export function toTimedelta64(v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return secondsToNs(v, v);
  if (typeof v === "string") {
    const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-zµ]*)\s*$/i.exec(v);
    const unit = m ? (m[2] === "" ? "s" : m[2]!) : "";
    const factor = UNIT_NS[unit] ?? UNIT_NS[unit.toLowerCase()];
    if (m && factor !== undefined && !(unit === "M")) {
      // scale to 9 extra digits, multiply by the unit, then drop the 9 digits rounding half away
      const scaled = scaleDecimal(m[1]!, 9)!;
      const total = scaled * factor;
      const q = total / NS_PER_SECOND;
      const r = total - q * NS_PER_SECOND;
      const twice = (r < 0n ? -r : r) * 2n;
      return twice >= NS_PER_SECOND ? q + (total < 0n ? -1n : 1n) : q;
    }
    throw new ParameterError(`cannot convert ${describe(v)} to a duration: expected e.g. "250ms", "1.5s", "2min", "1h"`);
  }
  throw new ParameterError(`cannot convert ${describe(v)} to a duration: expected bigint ns, number of seconds or a string with units`);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * Format ns since the epoch as ISO text: trailing fractional zeros removed, and a bare date when
 * the time of day is zero (SPEC §1).
 *
 * @example
 * ```ts
 * formatDatetime64(1578009607996000000n); // "2020-01-03T00:00:07.996"
 * formatDatetime64(1578009600000000000n); // "2020-01-03"
 * ```
 */
export function formatDatetime64(ns: bigint): string {
  let days = ns / NS_PER_DAY;
  let rem = ns - days * NS_PER_DAY;
  if (rem < 0n) {
    rem += NS_PER_DAY;
    days -= 1n;
  }
  const [y, mo, d] = civilFromDays(Number(days));
  const year = y < 0 ? `-${pad(-y, 4)}` : y > 9999 ? `+${y}` : pad(y, 4);
  const date = `${year}-${pad(mo)}-${pad(d)}`;
  if (rem === 0n) return date;
  const secs = Number(rem / NS_PER_SECOND);
  const frac = rem % NS_PER_SECOND;
  const hms = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
  const fracText = frac === 0n ? "" : `.${frac.toString().padStart(9, "0").replace(/0+$/, "")}`;
  return `${date}T${hms}${fracText}`;
}

/**
 * Format a duration in ns as seconds with at most 9 decimals, trailing zeros removed, as DASCore
 * displays steps: `4000000n` → `"0.004s"`.
 *
 * @example
 * ```ts
 * formatTimedelta64(1500000000n); // "1.5s"
 * ```
 */
export function formatTimedelta64(ns: bigint): string {
  const neg = ns < 0n;
  const abs = neg ? -ns : ns;
  const whole = abs / NS_PER_SECOND;
  const frac = abs % NS_PER_SECOND;
  const fracText = frac === 0n ? "" : `.${frac.toString().padStart(9, "0").replace(/0+$/, "")}`;
  return `${neg ? "-" : ""}${whole}${fracText}s`;
}

/**
 * True for values that denote an absolute time without doubt: a `bigint`, a valid `Date`, or an
 * ISO date string. Numbers are not time-like (they are ambiguous: seconds or plain values).
 *
 * @example
 * ```ts
 * isTimeLike("2020-01-03"); // true
 * isTimeLike(3); // false
 * ```
 */
export function isTimeLike(v: unknown): boolean {
  if (typeof v === "bigint") return true;
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  return typeof v === "string" && parseIso(v) !== null;
}

/**
 * Seconds (a float) in a bigint ns duration; for display and float arithmetic only.
 *
 * @example
 * ```ts
 * nsToSeconds(4000000n); // 0.004
 * ```
 */
export function nsToSeconds(ns: bigint): number {
  const whole = ns / NS_PER_SECOND;
  return Number(whole) + Number(ns - whole * NS_PER_SECOND) / 1e9;
}
