// Answers an index query from a rows cache (rowsCache.ts) with the semantics of the SQL that
// sql.ts builds for it, value for value: the same type coercions of bound values, NULL never
// matching a comparison, DuckDB's order of DOUBLEs (NaN equal to NaN and above every number) and
// of text (UTF-8 bytes, i.e. code points), ORDER BY with NULLs last and the same tie-breakers,
// LIMIT and OFFSET. Globs with `?`, `[` or `\` are left to DuckDB (DuckDB matches bytes where
// fnmatch matches characters), as is an ordering on a column the index does not have.
import { coordColumns, schemaColumns, type SqlType } from "./schema.ts";
import type { CachedRows } from "./rowsCache.ts";
import type { CoordKind, IndexPredicate, IndexQuery, IndexScalar } from "./types.ts";

/** A row test; null for a predicate this module does not answer. */
type RowTest = (row: number) => boolean;

/** A bound value as the SQL binds it (sql.ts `Builder.bind`); null: the SQL binds no value. */
function bound(value: IndexScalar, type: SqlType): string | number | bigint | null {
  if (value === null) return null;
  if (type === "VARCHAR") return typeof value === "string" ? value : null;
  if (type === "DOUBLE") return typeof value === "number" || typeof value === "bigint" ? Number(value) : null;
  // sql.ts throws for a number bound to TIMESTAMP_NS before any query runs.
  if (typeof value !== "bigint" && !(typeof value === "number" && Number.isInteger(value))) return null;
  return BigInt(value);
}

/** DuckDB's total order of DOUBLEs: NaN equals NaN and sorts above every other value. */
function compareDouble(a: number, b: number): number {
  const an = a !== a, bn = b !== b;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A UTF-16 unit mapped so that unit order is code point order (surrogates above U+E000–U+FFFF). */
function codePointRank(u: number): number {
  return u >= 0xd800 && u <= 0xdfff ? u + 0x2000 : u >= 0xe000 ? u - 0x800 : u;
}

/** DuckDB's order of VARCHARs: their UTF-8 bytes, which is the order of their code points. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/** `cell op value` for non-null operands of one SQL type: sign of the comparison. */
function compare(type: SqlType, cell: unknown, value: unknown): number {
  if (type === "DOUBLE") return compareDouble(cell as number, value as number);
  if (type === "VARCHAR") return compareText(cell as string, value as string);
  const a = cell as bigint, b = value as bigint;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A glob of literal characters and `*` only, as an anchored RegExp; null for anything else. */
function starGlob(pattern: string): RegExp | null {
  if (/[?[\\]/.test(pattern)) return null;
  const body = pattern.split("*").map((part) => part.replace(/[.+^${}()|[\]\\?*]/g, "\\$&")).join("[\\s\\S]*");
  return new RegExp(`^${body}$`);
}

class RowTests {
  readonly types: Map<string, SqlType>;
  constructor(readonly rows: CachedRows, readonly coords: Record<string, CoordKind>) {
    this.types = new Map(schemaColumns(coords).map((c) => [c.name, c.type]));
  }

  values(column: string): readonly unknown[] {
    const k = this.rows.names.indexOf(column);
    // A schema column the cache lacks: the cache is not this generation's, so answer nothing here.
    if (k < 0) throw new MissingColumn(column);
    return this.rows.columns[k]!;
  }

  /** `column <op> value`, NULL-aware as SQL: a NULL operand never satisfies it. */
  cmp(column: string, type: SqlType, value: IndexScalar, ok: (sign: number) => boolean): RowTest {
    const v = bound(value, type);
    if (v === null) return () => false;
    const cells = this.values(column);
    return (i) => cells[i] !== null && ok(compare(type, cells[i], v));
  }

  predicate(p: IndexPredicate): RowTest | null {
    switch (p.kind) {
      case "eq": {
        const type = this.types.get(p.column)!;
        if (p.value === null) {
          const cells = this.values(p.column);
          return (i) => cells[i] === null;
        }
        return this.cmp(p.column, type, p.value, (s) => s === 0);
      }
      case "in": {
        const type = this.types.get(p.column)!;
        const cells = this.values(p.column);
        const tests = p.values.filter((v) => v !== null && bound(v, type) !== null).map((v) => this.cmp(p.column, type, v, (s) => s === 0));
        const nulls = p.values.includes(null);
        return (i) => (nulls && cells[i] === null) || tests.some((t) => t(i));
      }
      case "glob": {
        const re = starGlob(p.pattern);
        if (!re) return null;
        const cells = this.values(p.column);
        return (i) => typeof cells[i] === "string" && re.test(cells[i] as string);
      }
      case "range":
        return this.range(p.column, p.lo, p.hi);
    }
  }

  range(column: string, lo0: bigint | number | null, hi0: bigint | number | null): RowTest | null {
    let [lo, hi] = [lo0, hi0];
    if (lo !== null && hi !== null && lo > hi) [lo, hi] = [hi, lo];
    const kind = this.coords[column];
    const terms: RowTest[] = [];
    if (kind !== undefined) {
      const [cmin, cmax] = coordColumns(column, kind);
      const dtype = this.values(`${column}_dtype`);
      terms.push((i) => dtype[i] !== null);
      if (lo !== null) terms.push(this.cmp(cmax!.name, cmax!.type, lo, (s) => s >= 0));
      if (hi !== null) terms.push(this.cmp(cmin!.name, cmin!.type, hi, (s) => s <= 0));
    } else {
      const type = this.types.get(column);
      if (type === undefined) return () => false; // a coordinate no indexed patch has
      if (lo !== null) terms.push(this.cmp(column, type, lo, (s) => s >= 0));
      if (hi !== null) terms.push(this.cmp(column, type, hi, (s) => s <= 0));
    }
    return (i) => terms.every((t) => t(i));
  }
}

class MissingColumn extends Error {}

/** One ORDER BY key: its column's values, type and direction. */
interface SortKey {
  cells: readonly unknown[];
  type: SqlType;
  desc: boolean;
}

/**
 * The ORDER BY of sql.ts (`Builder.order`): the query's keys (a coordinate by its `_min`), then
 * `time_min` when the index has time, `path` and `key`; null when a key is not an index column.
 */
function sortKeys(t: RowTests, q: IndexQuery): SortKey[] | null {
  const keys: { column: string; desc: boolean }[] = (q.orderBy ?? []).map((o) => ({ column: o.column in t.coords ? `${o.column}_min` : o.column, desc: !!o.desc }));
  if ("time" in t.coords) keys.push({ column: "time_min", desc: false });
  keys.push({ column: "path", desc: false }, { column: "key", desc: false });
  const out: SortKey[] = [];
  for (const k of keys) {
    const type = t.types.get(k.column);
    if (type === undefined) return null;
    out.push({ cells: t.values(k.column), type, desc: k.desc });
  }
  return out;
}

/** Row order under `keys`: NULLs last in either direction (DuckDB's default), ties by row number. */
function compareRowsBy(keys: readonly SortKey[], i: number, j: number): number {
  for (const k of keys) {
    const a = k.cells[i], b = k.cells[j];
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
      continue;
    }
    const c = compare(k.type, a, b);
    if (c !== 0) return k.desc ? -c : c;
  }
  return i - j;
}

/**
 * The row numbers of `rows` that satisfy `q`, in the order and page the SQL of `q` returns them
 * (index order, which is the cache's, when `q` has no ORDER BY), or null when the cache does not
 * answer `q` (see the header) and DuckDB must. `q` must already have passed `buildIndexSql`
 * (which rejects unknown columns, badly typed bounds and negative limits).
 * @example
 * ```ts
 * matchingRows(cached, manifest.coords, { predicates: [{ kind: "eq", column: "station", value: "s1" }] }); // [0, 3, 4]
 * ```
 */
export function matchingRows(rows: CachedRows, coords: Record<string, CoordKind>, q: IndexQuery): number[] | null {
  try {
    const t = new RowTests(rows, coords);
    const tests: RowTest[] = [];
    for (const p of q.predicates ?? []) {
      const test = t.predicate(p);
      if (!test) return null;
      tests.push(test);
    }
    let out: number[] = [];
    for (let i = 0; i < rows.rows; i++) if (tests.every((test) => test(i))) out.push(i);
    const paged = q.limit !== undefined || (q.offset ?? 0) > 0;
    if ((q.orderBy ?? []).length || paged) {
      const keys = sortKeys(t, q);
      if (!keys) return null;
      out.sort((i, j) => compareRowsBy(keys, i, j));
      const from = q.offset ?? 0;
      out = out.slice(from, q.limit === undefined ? undefined : from + q.limit);
    }
    return out;
  } catch (e) {
    if (e instanceof MissingColumn) return null;
    throw e;
  }
}

/**
 * The cache's columns restricted to `picked` rows, in that order: a result shaped as DuckDB's.
 * @example
 * ```ts
 * pickRows(cached, [4, 0]); // { names: ["path", ...], columns: [["b.h5", "a.h5"], ...] }
 * ```
 */
export function pickRows(rows: CachedRows, picked: readonly number[]): { names: string[]; columns: unknown[][] } {
  return { names: rows.names.slice(), columns: rows.columns.map((c) => picked.map((i) => c[i])) };
}
