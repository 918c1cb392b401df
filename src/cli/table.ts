// Renders tabular CLI output (the contents, the format list) as aligned text, CSV or JSON. The
// contents come as plain columns (src/spool/contentsColumns.ts), not as an Arrow Table: the CLI
// never loads Arrow, and times stay exact bigint ns.

import { formatDatetime64 } from "../index.ts";
import type { ContentsColumn } from "../spool/contentsColumns.ts";
import { UsageError } from "./args.ts";

/** A cell: text, a number, or missing. */
export type Cell = string | number | null;

/** Plain rows under named columns. */
export interface Rows {
  columns: string[];
  rows: Cell[][];
}

/** The output formats of tabular commands. */
export const TABLE_FORMATS = ["table", "csv", "json"] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** Validates a `--format` value. */
export function tableFormat(value: unknown): TableFormat {
  if (value === undefined) return "table";
  if ((TABLE_FORMATS as readonly unknown[]).includes(value)) return value as TableFormat;
  throw new UsageError(`--format must be one of ${TABLE_FORMATS.join(", ")}, got "${String(value)}"`);
}

/** Seconds text of a duration in ns, exact: 1000004n → "0.001000004s". */
export function formatDuration(ns: bigint): string {
  const neg = ns < 0n;
  const a = neg ? -ns : ns;
  const frac = (a % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${a / 1_000_000_000n}${frac ? `.${frac}` : ""}s`;
}

function cellsOf(column: ContentsColumn): Cell[] {
  const show =
    column.kind === "timestamp" ? formatDatetime64 : column.kind === "duration" ? formatDuration : (v: bigint) => v.toString();
  return column.values.map((v) => (v === null ? null : typeof v === "bigint" ? show(v) : v));
}

/**
 * Rows of the contents columns, optionally restricted to `columns` (unknown names → UsageError).
 * Times print exactly (ns), as `formatDatetime64` and `formatDuration` write them.
 * @example
 * ```ts
 * rowsOfContents(await spoolContents(sp), ["path", "time_min"]).rows[0]; // ["a.h5", "2024-01-01T00:00:00"]
 * ```
 */
export function rowsOfContents(contents: readonly ContentsColumn[], columns?: readonly string[]): Rows {
  const names = contents.map((c) => c.name);
  const n = contents[0]?.values.length ?? 0;
  // An empty selection has no columns to check against: print just the requested header.
  if (n === 0) return { columns: [...(columns ?? names)], rows: [] };
  const chosen = columns ?? names;
  const unknown = chosen.filter((c) => !names.includes(c));
  if (unknown.length) throw new UsageError(`unknown column ${unknown.join(", ")}; columns are ${names.join(", ")}`);
  const cells = chosen.map((c) => cellsOf(contents[names.indexOf(c)]!));
  return { columns: [...chosen], rows: Array.from({ length: n }, (_, i) => cells.map((col) => col[i]!)) };
}

/** Drops columns whose every cell is empty (for the human-readable table). */
export function dropEmptyColumns(rows: Rows): Rows {
  const keep = rows.columns.map((_, j) => rows.rows.some((r) => r[j] !== null && r[j] !== ""));
  return {
    columns: rows.columns.filter((_, j) => keep[j]),
    rows: rows.rows.map((r) => r.filter((_, j) => keep[j])),
  };
}

function csvCell(c: Cell): string {
  const s = c === null ? "" : String(c);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Formats rows as an aligned text table, RFC 4180 CSV, or a JSON array of objects.
 *
 * @example
 * ```ts
 * renderRows({ columns: ["a"], rows: [[1]] }, "csv"); // "a\n1\n"
 * ```
 */
export function renderRows(rows: Rows, format: TableFormat): string {
  if (rows.columns.length === 0) return format === "json" ? "[]\n" : format === "csv" ? "" : "(no patches)\n";
  if (format === "json") {
    const objects = rows.rows.map((r) => Object.fromEntries(rows.columns.map((c, j) => [c, r[j]])));
    return `${JSON.stringify(objects, null, 2)}\n`;
  }
  if (format === "csv") {
    return [rows.columns, ...rows.rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
  }
  // Humans get 8 significant digits; csv and json keep every digit.
  const show = (c: Cell) => (c === null ? "" : typeof c === "number" ? String(Number(c.toPrecision(8))) : c);
  const text = [rows.columns, ...rows.rows.map((r) => r.map(show))];
  const widths = rows.columns.map((_, j) => Math.max(...text.map((r) => String(r[j]).length)));
  const line = (r: readonly (string | Cell)[]) =>
    r.map((c, j) => String(c).padEnd(widths[j]!)).join("  ").trimEnd();
  return [line(text[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...text.slice(1).map(line)].join("\n") + "\n";
}
