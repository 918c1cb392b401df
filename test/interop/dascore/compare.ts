// Compares a daspool Patch with DASCore's description of the same patch (describe.py): dims,
// dtype, shape, every coordinate (dims, dtype, units, step, values), attributes and data.
import { createHash } from "node:crypto";
import type { Patch } from "../../../src/index.ts";
import { floatToHalf } from "../../../storage/h5/float16.ts";

/** One coordinate as describe.py writes it. */
export interface CoordDescription {
  dims: string[];
  dtype: string;
  units: string | null;
  evenly_sampled: boolean;
  step: string | number | null | { [k: string]: string };
  values: Array<string | number | null | { [k: string]: string }>;
}

/** One patch as describe.py writes it. */
export interface PatchDescription {
  dims: string[];
  shape: number[];
  dtype: string;
  coords: Record<string, CoordDescription>;
  attrs: Record<string, unknown>;
  /** The first 64 samples (complex as re, im pairs) in tagged JSON. */
  data_head: Array<string | number | null | { [k: string]: string }>;
  /** sha256 of the samples as stored (describe.py's data_digest). */
  data_sha256: string;
}

/** describe.py's data_digest over a patch's samples: little-endian bytes as the file stores them. */
export function dataDigest(p: Patch): string {
  // `samples` holds the stored type (BigInt64Array for int64; `data` gives int64 as float64).
  const d = p.samples;
  const bytes = p.dtype === "float16" ? floatToHalf(d as Float32Array) : d;
  return createHash("sha256").update(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).digest("hex");
}

/** A JS value in describe.py's tagged JSON (`{ns}`, `{int}`, `{float}` for what JSON cannot hold). */
export function tagged(v: unknown): unknown {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : { int: String(v) };
  if (typeof v === "number") return Number.isFinite(v) ? v : { float: Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf" };
  if (Array.isArray(v)) return v.map(tagged);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<unknown>, tagged);
  if (typeof v === "object") return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, tagged(x)]));
  return String(v);
}

function numpyDtype(d: string): string {
  return d.replace(/\[ns\]$/, "");
}

function valuesOf(arr: ArrayLike<number | bigint>, dtype: string): unknown[] {
  const out: unknown[] = [];
  const time = dtype === "datetime64" || dtype === "timedelta64";
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i]!;
    out.push(time ? String(v) : tagged(typeof v === "bigint" ? v : v));
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Float coordinate values and steps agree to 1e-9 relative: a range is start + i·step here and
 * numpy's linspace in DASCore, which differ in the last bits (declared in the issue 17 report). */
function closeFloats(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => closeFloats(x, b[i]));
  return same(a, b);
}

const DEFAULT_ATTRS = new Set(["data_type", "data_category", "data_units", "instrument_id", "acquisition_id", "tag", "station", "network", "history", "dims"]);

/**
 * The differences between `p` and DASCore's description `want` (empty when they agree). DASCore's
 * `data_units=None` and daspool's default `""` are the same unset value (SPEC §4 default).
 */
export function comparePatch(p: Patch, want: PatchDescription): string[] {
  const diffs: string[] = [];
  const check = (what: string, got: unknown, exp: unknown, eq: (a: unknown, b: unknown) => boolean = same) => {
    if (!eq(got, exp)) diffs.push(`${what}: got ${JSON.stringify(got)?.slice(0, 300)}, DASCore ${JSON.stringify(exp)?.slice(0, 300)}`);
  };
  check("dims", p.dims, want.dims);
  check("shape", p.shape, want.shape);
  check("dtype", p.dtype, want.dtype);
  check("coord names", Object.keys(p.coords).sort(), Object.keys(want.coords).sort());
  for (const [name, wc] of Object.entries(want.coords)) {
    const c = p.coords[name];
    if (!c) continue;
    check(`${name}.dims`, p.coordDims[name], wc.dims);
    check(`${name}.dtype`, c.dtype, numpyDtype(wc.dtype));
    check(`${name}.units`, c.units, wc.units);
    const step = c.step === null ? null : typeof c.step === "bigint" ? String(c.step) : tagged(c.step);
    const float = c.dtype.startsWith("float");
    check(`${name}.step`, step, wc.step, float ? closeFloats : same);
    check(`${name}.values`, valuesOf(c.values(), c.dtype), wc.values, float ? closeFloats : same);
  }
  for (const [key, v] of Object.entries(want.attrs)) {
    let got = tagged((p.attrs as Record<string, unknown>)[key]);
    if (key === "data_units" && v === null && got === "") got = null;
    check(`attrs.${key}`, got, v);
  }
  for (const key of Object.keys(p.parts.attrs)) {
    if (!DEFAULT_ATTRS.has(key) && !(key in want.attrs)) diffs.push(`attrs.${key}: extra attribute not in DASCore's patch`);
  }
  const complex = p.dtype.startsWith("complex") ? 2 : 1;
  check("data head", valuesOf((p.data as Float64Array).subarray(0, 64 * complex), p.dtype), want.data_head);
  check("data sha256", dataDigest(p), want.data_sha256);
  return diffs;
}
