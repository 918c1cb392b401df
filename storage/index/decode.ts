// Turns DuckDB result columns of a `SELECT *` on the index back into IndexRows (TIMESTAMP_NS as
// bigint ns, DOUBLE as number, JSON extras merged). The inverse of schema.ts's encodeRow.
import type { CoordDtype, CoordSummary, RawAttrValue, ReadRecipe } from "../formats/types.ts";
import { DECLARED_ATTRS, fromJson } from "./schema.ts";
import type { CoordKind, IndexRow } from "./types.ts";

/**
 * A DuckDB BIGINT or TIMESTAMP_NS value (`{ nanos }`) as bigint; null stays null.
 * @example
 * ```ts
 * asBigint(reader.getColumns()[k][i]); // 1672531200000000000n
 * ```
 */
export function asBigint(v: unknown): bigint | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return v;
  if (typeof v === "object" && "nanos" in v) return (v as { nanos: bigint }).nanos;
  return BigInt(v as number);
}

function asNumber(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** The columns of one coordinate family, resolved once per result (not once per row). */
interface FamilyColumns {
  name: string;
  num: boolean;
  min: unknown[];
  max: unknown[];
  step: unknown[];
  units: unknown[];
  dtype: unknown[];
  length: unknown[];
}

/** Reads one coordinate family of row `i`; null when the row lacks the coordinate. */
function decodeCoord(f: FamilyColumns, i: number): CoordSummary | null {
  const dtype = f.dtype[i];
  if (dtype === null || dtype === undefined) return null;
  const conv = f.num ? asNumber : asBigint;
  return {
    min: conv(f.min[i]),
    max: conv(f.max[i]),
    step: conv(f.step[i]),
    length: Number(f.length[i]),
    units: (f.units[i] as string | null) ?? null,
    dtype: dtype as CoordDtype,
  };
}

/**
 * Turns columns of a `SELECT *` result (DuckDB values from `getColumns()`) into index rows, in
 * `order` (row numbers) when given.
 * @example
 * ```ts
 * const rows = decodeRows(reader.columnNames(), reader.getColumns(), manifest.coords);
 * ```
 */
export function decodeRows(names: readonly string[], columns: readonly unknown[][], coords: Record<string, CoordKind>, order: readonly number[] | null = null): IndexRow[] {
  const byName = new Map(names.map((n, k) => [n, columns[k]!]));
  const col = (n: string): unknown[] => byName.get(n) ?? [];
  const n = columns[0]?.length ?? 0;
  // Plain indexed loops over arrays resolved once: a cold query runs this in V8's interpreter,
  // where a destructuring for-of (iterator protocol) cost ~8 calls per attribute and row.
  const declaredNames: readonly string[] = DECLARED_ATTRS;
  const declared = declaredNames.map(col);
  const families: FamilyColumns[] = Object.entries(coords).map(([name, kind]) => ({
    name,
    num: kind === "num",
    min: col(`${name}_min`),
    max: col(`${name}_max`),
    step: col(`${name}_step`),
    units: col(`${name}_units`),
    dtype: col(`${name}_dtype`),
    length: col(`${name}_length`),
  }));
  const [path, format, version, size, mtime, key, dimsCol, shapeCol, dtypeCol, attrsJson, coordsJson, readJson] = [
    "path", "file_format", "file_version", "file_size", "mtime_ns", "key", "dims", "shape", "data_dtype", "attrs_json", "coords_json", "read_json",
  ].map(col) as unknown[][];
  // dims and shape repeat from row to row: split once per distinct text, copied per row (rows
  // own their arrays).
  let lastDims: string | null = null;
  let lastDimsList: string[] = [];
  let lastShape: string | null = null;
  let lastShapeList: number[] = [];
  const rows: IndexRow[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const i = order ? order[r]! : r;
    const attrs: Record<string, RawAttrValue> = {};
    for (let a = 0; a < declared.length; a++) {
      const v = declared[a]![i];
      if (v !== null && v !== undefined) attrs[declaredNames[a]!] = v as string;
    }
    const aj = attrsJson![i] as string | null;
    if (aj) Object.assign(attrs, fromJson<Record<string, RawAttrValue>>(aj));
    const coordsOut: Record<string, CoordSummary> = {};
    for (let f = 0; f < families.length; f++) {
      const c = decodeCoord(families[f]!, i);
      if (c) coordsOut[families[f]!.name] = c;
    }
    const cj = coordsJson![i] as string | null;
    if (cj) Object.assign(coordsOut, fromJson<Record<string, CoordSummary>>(cj));
    const dims = dimsCol![i] as string;
    if (dims !== lastDims) (lastDims = dims), (lastDimsList = dims ? dims.split(",") : []);
    const shape = shapeCol![i] as string;
    if (shape !== lastShape) (lastShape = shape), (lastShapeList = shape ? shape.split(",").map(Number) : []);
    const rj = readJson![i] as string | null | undefined;
    rows[r] = {
      path: path![i] as string,
      format: format![i] as string,
      version: version![i] as string,
      fileSize: Number(size![i]),
      mtimeNs: asBigint(mtime![i])!,
      key: key![i] as string,
      dims: lastDimsList.slice(),
      shape: lastShapeList.slice(),
      dataDtype: dtypeCol![i] as string,
      attrs,
      coords: coordsOut,
      ...(rj ? { recipe: fromJson<ReadRecipe>(rj) } : {}),
    };
  }
  return rows;
}
