// Renders tabular CLI output (the contents table, the format list) as aligned text, CSV or JSON.
// Arrow times are read from their BigInt64Array buffers, never through Arrow's lossy `get`.

import { Type, type Table, type Vector } from "apache-arrow";
import { formatDatetime64 } from "../index.ts";
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

/** The exact int64 values of a timestamp/duration column, null where invalid. */
function bigintCells(vector: Vector): (bigint | null)[] {
  const out: (bigint | null)[] = [];
  for (const data of vector.data) {
    const values = data.values as unknown as BigInt64Array;
    for (let j = 0; j < data.length; j++) out.push(data.getValid(j) ? values[j]! : null);
  }
  return out;
}

function columnCells(vector: Vector): Cell[] {
  const id = vector.type.typeId;
  if (id === Type.Timestamp) return bigintCells(vector).map((v) => (v === null ? null : formatDatetime64(v)));
  if (id === Type.Duration) return bigintCells(vector).map((v) => (v === null ? null : formatDuration(v)));
  const out: Cell[] = [];
  for (let i = 0; i < vector.length; i++) {
    const v: unknown = vector.get(i);
    out.push(v === null || v === undefined ? null : typeof v === "number" ? v : typeof v === "bigint" ? v.toString() : String(v));
  }
  return out;
}

/** Rows of an Arrow table, optionally restricted to `columns` (unknown names → UsageError). */
export function rowsOfTable(table: Table, columns?: readonly string[]): Rows {
  const names = table.schema.fields.map((f) => f.name);
  // An empty selection has no columns to check against: print just the requested header.
  if (table.numRows === 0) return { columns: [...(columns ?? names)], rows: [] };
  const chosen = columns ?? names;
  const unknown = chosen.filter((c) => !names.includes(c));
  if (unknown.length) throw new UsageError(`unknown column ${unknown.join(", ")}; columns are ${names.join(", ")}`);
  const cells = chosen.map((c) => columnCells(table.getChild(c)!));
  return { columns: [...chosen], rows: Array.from({ length: table.numRows }, (_, i) => cells.map((col) => col[i]!)) };
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
