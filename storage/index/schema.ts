// The Parquet schema of the index (version SCHEMA_VERSION): fixed columns, one column family per
// coordinate, and the conversion of patch summaries to row values (decode.ts goes back). No I/O.
import type { DuckDBValue } from "@duckdb/node-api";
import { duck } from "./duck.ts";
import { DECLARED_ATTRS, type CoordDtype, type CoordSummary, type PatchSummary, type RawAttrValue } from "../formats/types.ts";
import type { CoordKind } from "./types.ts";

/** Bump when the columns or their meaning change: older indexes are then rebuilt. */
export const SCHEMA_VERSION = 3;

/** SQL types used by the index. */
export type SqlType = "VARCHAR" | "BIGINT" | "DOUBLE" | "TIMESTAMP_NS";

/** One column of the index. */
export interface Column {
  name: string;
  type: SqlType;
}

/** Declared attributes (SPEC §4) kept as their own VARCHAR columns when they are strings. */
export { DECLARED_ATTRS };

const V = "VARCHAR" as const;
/** Columns every index has, in order. */
export const BASE_COLUMNS: readonly Column[] = [
  { name: "path", type: V },
  { name: "file_size", type: "BIGINT" },
  { name: "mtime_ns", type: "BIGINT" },
  { name: "key", type: V },
  { name: "file_format", type: V },
  { name: "file_version", type: V },
  { name: "dims", type: V },
  { name: "shape", type: V },
  { name: "data_dtype", type: V },
  ...DECLARED_ATTRS.map((name) => ({ name, type: V })),
  // Everything else, lossless: attributes that are not declared strings, and coordinates whose
  // name or kind does not fit a column family (bigint as {"$bigint": "..."}).
  { name: "attrs_json", type: V },
  { name: "coords_json", type: V },
  // How to read the patch without its format's metadata (ReadRecipe), where the scan could tell.
  { name: "read_json", type: V },
];
const BASE_NAMES = new Set(BASE_COLUMNS.map((c) => c.name));
const SUFFIXES = ["min", "max", "step", "units", "dtype", "length"] as const;

/**
 * The column kind a coordinate dtype is stored with.
 * @example
 * ```ts
 * coordKindOf("datetime64"); // "time"
 * ```
 */
export function coordKindOf(dtype: CoordDtype): CoordKind {
  return dtype === "datetime64" ? "time" : dtype === "timedelta64" ? "delta" : "num";
}

/**
 * The six columns of coordinate `name`: `{c}_min/_max/_step/_units/_dtype/_length`.
 * @example
 * ```ts
 * coordColumns("time", "time")[0]; // { name: "time_min", type: "TIMESTAMP_NS" }
 * ```
 */
export function coordColumns(name: string, kind: CoordKind): Column[] {
  const value: SqlType = kind === "time" ? "TIMESTAMP_NS" : kind === "delta" ? "BIGINT" : "DOUBLE";
  const step: SqlType = kind === "num" ? "DOUBLE" : "BIGINT";
  return [
    { name: `${name}_min`, type: value },
    { name: `${name}_max`, type: value },
    { name: `${name}_step`, type: step },
    { name: `${name}_units`, type: V },
    { name: `${name}_dtype`, type: V },
    { name: `${name}_length`, type: "BIGINT" },
  ];
}

/**
 * False when a coordinate's family would collide with a fixed column (e.g. a coord "data").
 * @example
 * ```ts
 * familyAllowed("data"); // false: "data_units" is a declared attribute
 * ```
 */
export function familyAllowed(name: string): boolean {
  return name.length > 0 && SUFFIXES.every((s) => !BASE_NAMES.has(`${name}_${s}`));
}

/**
 * All columns for a set of coordinate families, time first (the sort key).
 * @example
 * ```ts
 * schemaColumns({ time: "time" }).map((c) => c.name); // ["path", ..., "time_min", ...]
 * ```
 */
export function schemaColumns(coords: Record<string, CoordKind>): Column[] {
  return [...BASE_COLUMNS, ...coordOrder(coords).flatMap((n) => coordColumns(n, coords[n]!))];
}

/**
 * Coordinate families in column order: time first, then by name.
 * @example
 * ```ts
 * coordOrder({ distance: "num", time: "time" }); // ["time", "distance"]
 * ```
 */
export function coordOrder(coords: Record<string, CoordKind>): string[] {
  return Object.keys(coords).sort((a, b) => (a === "time" ? -1 : b === "time" ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/**
 * JSON with bigint kept as `{"$bigint": "123"}`.
 * @example
 * ```ts
 * toJson({ a: 1n }); // '{"a":{"$bigint":"1"}}'
 * ```
 */
export function toJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? { $bigint: x.toString() } : x));
}

/**
 * Inverse of {@link toJson}.
 * @example
 * ```ts
 * fromJson<{ a: bigint }>(toJson({ a: 1n })).a; // 1n
 * ```
 */
export function fromJson<T>(text: string): T {
  return JSON.parse(text, (_k, x: unknown) =>
    x !== null && typeof x === "object" && "$bigint" in x && Object.keys(x).length === 1 ? BigInt((x as { $bigint: string }).$bigint) : x,
  ) as T;
}

/** The file a row belongs to. */
export interface FileFacts {
  path: string;
  size: number;
  mtimeNs: bigint;
  format: string;
  version: string;
}

function coordFits(name: string, c: CoordSummary, coords: Record<string, CoordKind>): boolean {
  return coords[name] === coordKindOf(c.dtype) && familyAllowed(name);
}

/**
 * Adds the families `s` needs to `coords` (first kind seen wins; misfits go to coords_json).
 * @example
 * ```ts
 * const coords = {}; extendCoords(coords, summary); // coords: { time: "time", distance: "num" }
 * ```
 */
export function extendCoords(coords: Record<string, CoordKind>, s: PatchSummary): void {
  for (const [name, c] of Object.entries(s.coords)) {
    if (!(name in coords) && familyAllowed(name)) coords[name] = coordKindOf(c.dtype);
  }
}

function coordValue(v: number | bigint | null, kind: CoordKind): DuckDBValue {
  if (v === null) return null;
  // Times as bigint ns: the writer appends them as BIGINT and converts (see writer.ts APPEND).
  if (kind === "time" || kind === "delta") return BigInt(v);
  return Number(v);
}

/**
 * Row values in {@link schemaColumns} order for one patch of one file.
 * @example
 * ```ts
 * const values = encodeRow({ path: "a.h5", size, mtimeNs, format: "DASDAE", version: "1" }, summary, coords);
 * ```
 */
export function encodeRow(file: FileFacts, s: PatchSummary, coords: Record<string, CoordKind>): DuckDBValue[] {
  const attrs: Record<string, RawAttrValue> = {};
  // A declared attribute a file does not state has its declared default "" (SPEC §4), as it has
  // in memory, so a glob like station="*" matches it in SQL exactly as it does in JS.
  const declared: DuckDBValue[] = DECLARED_ATTRS.map((k) => {
    const v = s.attrs[k];
    return typeof v === "string" ? v : v === undefined ? "" : null;
  });
  for (const [k, v] of Object.entries(s.attrs)) {
    if (!(DECLARED_ATTRS as readonly string[]).includes(k) || typeof v !== "string") attrs[k] = v;
  }
  const misfits: Record<string, CoordSummary> = {};
  for (const [name, c] of Object.entries(s.coords)) if (!coordFits(name, c, coords)) misfits[name] = c;
  const out: DuckDBValue[] = [
    file.path,
    BigInt(file.size),
    file.mtimeNs,
    s.key,
    file.format,
    file.version,
    s.dims.join(","),
    s.shape.join(","),
    s.dataDtype,
    ...declared,
    Object.keys(attrs).length ? toJson(attrs) : null,
    Object.keys(misfits).length ? toJson(misfits) : null,
    s.recipe ? toJson(s.recipe) : null,
  ];
  for (const name of coordOrder(coords)) {
    const c = s.coords[name];
    const kind = coords[name]!;
    if (!c || !coordFits(name, c, coords)) {
      out.push(null, null, null, null, null, null);
      continue;
    }
    out.push(coordValue(c.min, kind), coordValue(c.max, kind), c.step === null ? null : kind === "num" ? Number(c.step) : BigInt(c.step));
    out.push(c.units, c.dtype, BigInt(c.length));
  }
  return out;
}
