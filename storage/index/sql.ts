// Turns an IndexQuery into one prepared statement: SQL text with numbered placeholders and the
// typed values to bind. Column names are checked against the index schema and quoted; user values
// never enter the SQL text.
import { ParameterError } from "../../src/errors.ts";
import { sqlIdent } from "./duck.ts";
import { fnmatchToDuckGlob } from "./glob.ts";
import { coordColumns, schemaColumns, type SqlType } from "./schema.ts";
import type { CoordKind, DirectoryIndex, IndexPredicate, IndexQuery, IndexScalar } from "./types.ts";

/** One bound parameter: `$n` in the SQL text. */
export interface BoundParam {
  name: string;
  value: string | number | bigint | boolean;
  type: SqlType;
}

/** A statement ready to prepare: what `explain()` shows. */
export interface IndexSql {
  sql: string;
  params: BoundParam[];
  /**
   * True when the rows are wanted in index order (`time_min`, `path`, `key`) and the SQL leaves
   * that to the caller: the Parquet is written in that order, so DuckDB returns it already
   * sorted and the caller only checks (an ORDER BY would re-sort every selected row: ~6 of
   * 20 ms for a 1-hour window on 1M rows).
   */
  indexOrder: boolean;
}

class Builder {
  readonly params: BoundParam[] = [];
  readonly types: Map<string, SqlType>;
  constructor(readonly coords: Record<string, CoordKind>, readonly validate: boolean) {
    this.types = new Map(schemaColumns(coords).map((c) => [c.name, c.type]));
  }

  /** A placeholder for `value` as `type`, or null when the value cannot be of that type. */
  bind(value: IndexScalar, type: SqlType): string | null {
    let v: BoundParam["value"];
    if (value === null) return null;
    if (type === "VARCHAR") {
      if (typeof value !== "string") return null;
      v = value;
    } else if (type === "DOUBLE") {
      if (typeof value !== "number" && typeof value !== "bigint") return null;
      v = Number(value);
    } else {
      if (typeof value === "number" && type === "TIMESTAMP_NS") {
        throw new ParameterError(`time bounds must be bigint ns in index queries, got the number ${value}`);
      }
      if (typeof value !== "bigint" && !(typeof value === "number" && Number.isInteger(value))) return null;
      v = BigInt(value);
    }
    this.params.push({ name: `$${this.params.length + 1}`, value: v, type });
    return `$${this.params.length}`;
  }

  column(name: string): SqlType {
    const t = this.types.get(name);
    if (t) return t;
    if (!this.validate) return "VARCHAR";
    const coords = Object.keys(this.coords);
    throw new ParameterError(
      `"${name}" is not a column of the index; columns: ${[...this.types.keys()].join(", ")}` +
        (coords.length ? `; coordinates: ${coords.join(", ")}` : ""),
    );
  }

  predicate(p: IndexPredicate): string {
    switch (p.kind) {
      case "range":
        return this.range(p.column, p.lo, p.hi);
      case "glob": {
        if (this.column(p.column) !== "VARCHAR") throw new ParameterError(`cannot glob-match the non-text column "${p.column}"`);
        return `${sqlIdent(p.column)} GLOB ${this.bind(fnmatchToDuckGlob(p.pattern), "VARCHAR")}`;
      }
      case "in": {
        const type = this.column(p.column);
        const slots = p.values.map((v) => this.bind(v, type)).filter((s): s is string => s !== null);
        const terms = slots.length ? [`${sqlIdent(p.column)} IN (${slots.join(", ")})`] : [];
        if (p.values.includes(null)) terms.push(`${sqlIdent(p.column)} IS NULL`);
        return terms.length ? `(${terms.join(" OR ")})` : "FALSE";
      }
      case "eq": {
        const type = this.column(p.column);
        if (p.value === null) return `${sqlIdent(p.column)} IS NULL`;
        const slot = this.bind(p.value, type);
        return slot ? `${sqlIdent(p.column)} = ${slot}` : "FALSE";
      }
      default: {
        const never: never = p;
        throw new ParameterError(`unknown index predicate ${JSON.stringify(never)}`);
      }
    }
  }

  range(column: string, lo0: bigint | number | null, hi0: bigint | number | null): string {
    let [lo, hi] = [lo0, hi0];
    if (lo !== null && hi !== null && lo > hi) [lo, hi] = [hi, lo];
    const kind = this.coords[column];
    if (kind !== undefined || (!this.validate && !this.types.has(column))) {
      const [cmin, cmax] = coordColumns(column, kind ?? "num");
      const terms = [`${sqlIdent(`${column}_dtype`)} IS NOT NULL`];
      if (lo !== null) terms.push(`${sqlIdent(cmax!.name)} >= ${this.bind(lo, cmax!.type) ?? "NULL"}`);
      if (hi !== null) terms.push(`${sqlIdent(cmin!.name)} <= ${this.bind(hi, cmin!.type) ?? "NULL"}`);
      return `(${terms.join(" AND ")})`;
    }
    // A coordinate no indexed patch has: every patch lacks it, so none is kept (SPEC §6.1).
    if (!this.types.has(column)) return "FALSE";
    const type = this.column(column);
    const terms: string[] = [];
    if (lo !== null) terms.push(`${sqlIdent(column)} >= ${this.bind(lo, type) ?? "NULL"}`);
    if (hi !== null) terms.push(`${sqlIdent(column)} <= ${this.bind(hi, type) ?? "NULL"}`);
    return terms.length ? `(${terms.join(" AND ")})` : "TRUE";
  }

  order(q: IndexQuery): string {
    const keys = (q.orderBy ?? []).map((o) => {
      const col = o.column in this.coords ? `${o.column}_min` : o.column;
      this.column(col);
      return `${sqlIdent(col)}${o.desc ? " DESC" : ""}`;
    });
    if ("time" in this.coords) keys.push(`"time_min"`);
    keys.push(`"path"`, `"key"`);
    return keys.join(", ");
  }
}

/** `*`, or the columns not in `folded` (constant columns the caller fills in), in schema order. */
function selectList(coords: Record<string, CoordKind> | null, folded: Readonly<Record<string, unknown>>): string {
  const all = coords ? schemaColumns(coords) : [];
  const kept = all.filter((c) => !(c.name in folded));
  return kept.length < all.length ? kept.map((c) => sqlIdent(c.name)).join(", ") : "*";
}

function nonNegativeInt(v: number | undefined, what: string): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 0) throw new ParameterError(`index query ${what} must be a non-negative integer, got ${v}`);
  return v;
}

/**
 * The prepared statement for `q` on `files` (absolute Parquet paths): rows (`SELECT *`, or every
 * column but the `folded` constant ones; ordered in SQL unless `indexOrder`) or their count.
 * @example
 * ```ts
 * buildIndexSql(index.manifest.coords, ["/d/.daspool/index-1.parquet"], { predicates: [{ kind: "eq", column: "station", value: "A" }] }, "rows");
 * // { sql: 'SELECT * FROM read_parquet([$1]) WHERE "station" = $2', params: [...], indexOrder: true }
 * ```
 */
export function buildIndexSql(
  coords: Record<string, CoordKind> | null,
  files: readonly string[],
  q: IndexQuery,
  mode: "rows" | "count",
  folded: Readonly<Record<string, unknown>> = {},
): IndexSql {
  const b = new Builder(coords ?? {}, coords !== null);
  const src = `read_parquet([${files.map((f) => b.bind(f, "VARCHAR")).join(", ")}])`;
  const where = (q.predicates ?? []).map((p) => b.predicate(p));
  const limit = nonNegativeInt(q.limit, "limit");
  const offset = nonNegativeInt(q.offset, "offset");
  const paged = limit !== undefined || (offset ?? 0) > 0;
  const indexOrder = mode === "rows" && !paged && !(q.orderBy ?? []).length;
  const what = mode === "count" && !paged ? "count(*) AS n" : selectList(coords, folded);
  let sql = `SELECT ${what} FROM ${src}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;
  if ((mode === "rows" && !indexOrder) || paged) sql += ` ORDER BY ${b.order(q)}`;
  if (limit !== undefined) sql += ` LIMIT ${b.bind(limit, "BIGINT")}`;
  if ((offset ?? 0) > 0) sql += ` OFFSET ${b.bind(offset!, "BIGINT")}`;
  if (mode === "count" && paged) sql = `SELECT count(*) AS n FROM (${sql})`;
  return { sql, params: b.params, indexOrder };
}

/**
 * The SQL and bound parameters `queryIndex(index, q)` runs, for `explain()`.
 * @example
 * ```ts
 * const { sql, params } = explainIndexQuery(index, { predicates: [{ kind: "range", column: "time", lo: t0, hi: t1 }] });
 * ```
 */
export function explainIndexQuery(index: DirectoryIndex, q: IndexQuery, mode: "rows" | "count" = "rows"): IndexSql {
  const files = (index.manifest?.parquet ?? []).map((p) => `${index.indexDir}/${p}`);
  return buildIndexSql(index.manifest?.coords ?? null, files, q, mode, index.manifest?.constants);
}
