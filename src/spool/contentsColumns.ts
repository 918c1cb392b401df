// The contents of planned items (SPEC §5 getContents) as plain typed columns, without Apache
// Arrow: what the CLI prints and exports. `contents.ts` turns them into the Arrow Table that
// `getContents()` returns; Arrow (~150 modules, 110-200 ms to load) is loaded only there.

import { ParameterError } from "../errors.ts";
import type { Item } from "../../planner/items.ts";
import type { Spool } from "./Spool.ts";
import { planOnly } from "./run.ts";
import { columnReader, DECLARED_ATTRS, FILE_COLUMNS } from "../../planner/evaluate/columns.ts";

/** Columns of the table, in order: declared attrs, coordinate summaries, extras, file columns. */
function columnNames(items: readonly Item[]): string[] {
  const coords: string[] = [];
  const extras = new Set<string>();
  for (const item of items) {
    for (const d of item.summary.dims) if (!coords.includes(d)) coords.push(d);
    for (const c of Object.keys(item.summary.coords)) if (!coords.includes(c)) coords.push(c);
    for (const k of Object.keys(item.summary.attrs)) {
      if (!(DECLARED_ATTRS as readonly string[]).includes(k) && k !== "history") extras.add(k);
    }
  }
  const names: string[] = [...DECLARED_ATTRS];
  for (const c of coords) for (const f of ["dtype", "min", "max", "step", "units"]) names.push(`${c}_${f}`);
  for (const e of [...extras].sort()) if (!names.includes(e)) names.push(e);
  if (items.some((i) => i.members[0]?.row.locator.type === "file")) names.push(...FILE_COLUMNS);
  return names;
}

function coordDtypeOf(items: readonly Item[], coord: string): string | undefined {
  for (const item of items) {
    const c = item.summary.coords[coord];
    if (c) return c.dtype;
  }
  return undefined;
}

/** How a contents column's values are typed. */
export type ContentsKind = "timestamp" | "duration" | "float" | "string";

/** One column of the contents: bigint ns for times and durations, numbers, or text. */
export interface ContentsColumn {
  name: string;
  kind: ContentsKind;
  values: (bigint | number | string | null)[];
}

function columnOf(items: readonly Item[], name: string): ContentsColumn {
  const raw = items.map(columnReader(name));
  const m = /^(.*)_(min|max|step)$/.exec(name);
  const dtype = m ? coordDtypeOf(items, m[1]!) : undefined;
  const bigints = () => raw.map((v) => (typeof v === "bigint" ? v : null));
  if (m && dtype === "datetime64") return { name, kind: m[2] === "step" ? "duration" : "timestamp", values: bigints() };
  if (m && dtype === "timedelta64") return { name, kind: "duration", values: bigints() };
  if (m && dtype !== undefined) {
    return { name, kind: "float", values: raw.map((v) => (typeof v === "number" || typeof v === "bigint" ? Number(v) : null)) };
  }
  // An extra attribute whose values are all numbers (gauge_length, sampling rates...) stays
  // numeric, so it sorts, compares and ranges as a number rather than as text.
  const present = raw.filter((v) => v !== undefined && v !== null);
  if (!m && present.length > 0 && present.every((v) => typeof v === "number" || typeof v === "bigint")) {
    return { name, kind: "float", values: raw.map((v) => (typeof v === "number" || typeof v === "bigint" ? Number(v) : null)) };
  }
  const text = raw.map((v) => (v === undefined || v === null ? null : Array.isArray(v) ? v.join(",") : String(v)));
  return { name, kind: "string", values: text };
}

/**
 * The contents of `items`, column by column (declared attrs, coordinate summaries, extras, file
 * columns), from metadata only.
 * @example
 * ```ts
 * const cols = contentsColumns(planned.items);
 * cols.find((c) => c.name === "time_min"); // { kind: "timestamp", values: [1704067200000000000n, ...] }
 * ```
 */
export function contentsColumns(items: readonly Item[]): ContentsColumn[] {
  return columnNames(items).map((name) => columnOf(items, name));
}

/**
 * The contents of a spool's outputs as plain columns: what `getContents()` turns into an Arrow
 * Table, and what the CLI prints without loading Arrow.
 * @throws ParameterError when the spool's items are map results (they have no contents).
 * @example
 * ```ts
 * const cols = await spoolContents(dc.spool("/data/archive").select({ station: "B*" }));
 * ```
 */
export async function spoolContents(spool: Spool): Promise<ContentsColumn[]> {
  if (spool.plan.kind === "map") {
    throw new ParameterError("getContents needs patches; this spool's items are map results");
  }
  return contentsColumns((await planOnly(spool, "contents")).items);
}
