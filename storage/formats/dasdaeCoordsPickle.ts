// The coordinate summaries DASCore keeps in the pickled `_attrs_coords` of a DASDAE patch group:
// DASCore's scan reads them (time range, steps, units) without opening the coordinate arrays.
import { NumpyScalar, PyDict, PyFloat, type PyValue } from "../pickle/values.ts";
import { summarizeCoord } from "./rawCoords.ts";
import type { RawCoord } from "./types.ts";

const FLOAT_DTYPES = new Set(["float64", "float32", "float16"]);

function typed(dtype: RawCoord["dtype"], v: number | bigint | null, isStep: boolean): PyValue {
  if (v === null) return null;
  if (dtype === "datetime64") return new NumpyScalar(isStep ? "timedelta64[ns]" : "datetime64[ns]", BigInt(v));
  if (dtype === "timedelta64") return new NumpyScalar("timedelta64[ns]", BigInt(v));
  if (FLOAT_DTYPES.has(dtype)) return new PyFloat(Number(v));
  return typeof v === "bigint" ? v : Math.round(v);
}

function arrayMinMax(c: RawCoord): [number | bigint | null, number | bigint | null] {
  if (c.kind !== "array") return [null, null];
  let lo: number | bigint | null = null;
  let hi: number | bigint | null = null;
  for (const v of c.values) {
    if (typeof v === "number" && Number.isNaN(v)) continue; // numpy's nanmin/nanmax, as DASCore
    if (lo === null || v < lo) lo = v;
    if (hi === null || v > hi) hi = v;
  }
  return [lo, hi];
}

const NAT = -(2n ** 63n);

function allMissing(c: RawCoord): boolean {
  if (c.kind !== "array" || c.values.length === 0) return false;
  for (const v of c.values) if (!(v === NAT || (typeof v === "number" && Number.isNaN(v)))) return false;
  return true;
}

/**
 * DASCore's `coords` attribute for a patch's coordinates: `{name: {dtype, min, max, step, units}}`
 * with numpy datetime64/timedelta64 scalars for time, Python floats and ints otherwise.
 * @example
 * ```ts
 * encodePickle(coordsSummaryPickle({ time: rawTimeRange })); // "(dp0\nVtime\n..."
 * ```
 */
export function coordsSummaryPickle(coords: Readonly<Record<string, RawCoord>>): PyDict {
  const entries: Array<[PyValue, PyValue]> = [];
  for (const [name, c] of Object.entries(coords)) {
    const multi = c.dims !== undefined && c.dims.length > 1;
    if (allMissing(c)) {
      // a coordinate without values (DASCore's partial, e.g. after aggregate): NaN summaries
      const nan = new PyFloat(NaN);
      entries.push([name, new PyDict([["dtype", c.dtype], ["min", nan], ["max", nan], ["step", nan], ["units", c.units]])]);
      continue;
    }
    const s = summarizeCoord(c);
    const [min, max] = multi || c.kind === "array" ? arrayMinMax(c) : [s.min, s.max];
    entries.push([
      name,
      new PyDict([
        ["dtype", c.dtype],
        ["min", typed(c.dtype, min, false)],
        ["max", typed(c.dtype, max, false)],
        ["step", multi ? null : typed(c.dtype, s.step, true)],
        ["units", c.units],
      ]),
    ]);
  }
  return new PyDict(entries);
}
