// History entries as DASCore writes them (`utils/patch.py::_func_and_kwargs_str`): the function's
// snake_case name and every argument that is not None as `key='str(value)'`, sorted.

/** Python's `str()` of a float or int given as a JS number (integers print as ints). */
export function pyNumber(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return String(x);
  const a = Math.abs(x);
  if (a < 1e-4 || a >= 1e16) return x.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
  return String(x);
}

/** A number that Python holds as a float (prints `0.0`, not `0`), e.g. a `cval` default. */
export class PyFloat {
  constructor(readonly value: number) {}
  toString(): string {
    const t = pyNumber(this.value);
    return /^-?\d+$/.test(t) ? `${t}.0` : t;
  }
}

/** DASCore's `_format_values`: tuples as `(a,b)`, None as `None`, booleans as `True`. */
export function pyValue(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return pyNumber(v);
  if (Array.isArray(v)) return `(${v.map(pyValue).join(",")})`;
  return String(v);
}

function pyRepr(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/**
 * The history entry of a processing call: `name(k1='v1',k2='v2')`, arguments whose value is
 * null/undefined left out, sorted as DASCore sorts them. Pass every parameter with its default,
 * as DASCore's decorator records the full call.
 *
 * @example
 * ```ts
 * historyEntry("pass_filter", { corners: 4, zerophase: true, time: [1, 10] });
 * // "pass_filter(corners='4',time='(1,10)',zerophase='True')"
 * ```
 */
export function historyEntry(name: string, args: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(args)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${pyRepr(pyValue(v))}`)
    .sort();
  return `${name}(${parts.join(",")})`;
}
