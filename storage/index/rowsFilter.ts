// Answers an index query from a rows cache (rowsCache.ts) with the semantics of the SQL that
// sql.ts builds for it, value for value: the same type coercions of bound values, NULL never
// matching a comparison, and DuckDB's order of DOUBLEs (NaN equal to NaN and above every number).
// Queries whose SQL semantics would be costly to mirror exactly are left to DuckDB: ORDER BY,
// LIMIT/OFFSET, range predicates on text columns (DuckDB orders UTF-8 bytes, JavaScript UTF-16
// units) and globs with `?`, `[` or `\` (DuckDB matches bytes; fnmatch, characters).
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

/** `cell op value` for non-null operands of one SQL type: sign of the comparison. */
function compare(type: SqlType, cell: unknown, value: string | number | bigint): number {
  if (type === "DOUBLE") return compareDouble(cell as number, value as number);
  const a = cell as bigint | string, b = value as bigint | string;
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
      if (type === "VARCHAR") return null;
      if (lo !== null) terms.push(this.cmp(column, type, lo, (s) => s >= 0));
      if (hi !== null) terms.push(this.cmp(column, type, hi, (s) => s <= 0));
    }
    return (i) => terms.every((t) => t(i));
  }
}

class MissingColumn extends Error {}

/**
 * The row numbers of `rows` (in cache order, which is index order) that satisfy `q`, or null
 * when `q` is one the cache does not answer (see the header) and DuckDB must. `q` must already
 * have passed `buildIndexSql` (which rejects unknown columns and badly typed bounds).
 * @example
 * ```ts
 * matchingRows(cached, manifest.coords, { predicates: [{ kind: "eq", column: "station", value: "s1" }] }); // [0, 3, 4]
 * ```
 */
export function matchingRows(rows: CachedRows, coords: Record<string, CoordKind>, q: IndexQuery): number[] | null {
  if ((q.orderBy ?? []).length || q.limit !== undefined || (q.offset ?? 0) > 0) return null;
  try {
    const t = new RowTests(rows, coords);
    const tests: RowTest[] = [];
    for (const p of q.predicates ?? []) {
      const test = t.predicate(p);
      if (!test) return null;
      tests.push(test);
    }
    const out: number[] = [];
    for (let i = 0; i < rows.rows; i++) if (tests.every((test) => test(i))) out.push(i);
    return out;
  } catch (e) {
    if (e instanceof MissingColumn) return null;
    throw e;
  }
}

/** The cache's columns restricted to `picked` rows, in that order. */
export function pickRows(rows: CachedRows, picked: readonly number[]): { names: string[]; columns: unknown[][] } {
  return { names: rows.names.slice(), columns: rows.columns.map((c) => picked.map((i) => c[i])) };
}
