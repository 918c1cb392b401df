// The contents columns of a planned item: declared attributes, extras, coordinate summaries
// ({coord}_min/_max/_step/_units/_dtype) and, for file-backed items, path and format.

import type { RawAttrValue } from "../../storage/formats/types.ts";
import { DECLARED_ATTRS as INDEX_DECLARED_ATTRS } from "../../storage/index/schema.ts";
import type { Item } from "../items.ts";

/** Attribute names every patch has (SPEC §4), in contents-column order: the index's declared
 * string columns, then `dims`. */
export const DECLARED_ATTRS = [...INDEX_DECLARED_ATTRS, "dims"] as const;

/** Columns that describe where a file-backed item lives. */
export const FILE_COLUMNS = ["path", "file_format", "file_version"] as const;

export type ColumnValue = RawAttrValue | bigint | undefined;

/** Default value of a declared attribute absent from a patch. */
function declaredDefault(name: string): RawAttrValue {
  return name === "data_units" ? null : "";
}

/** The value of one contents column of an item (undefined when the item lacks it). */
export function columnValue(item: Item, column: string): ColumnValue {
  const s = item.summary;
  if (column === "dims") return s.dims.join(",");
  const m = /^(.*)_(min|max|step|units|dtype)$/.exec(column);
  if (m && s.coords[m[1]!]) {
    const c = s.coords[m[1]!]!;
    const field = m[2] as "min" | "max" | "step" | "units" | "dtype";
    return c[field];
  }
  if (column in s.attrs) return s.attrs[column];
  if ((DECLARED_ATTRS as readonly string[]).includes(column)) return declaredDefault(column);
  const member = item.members[0];
  if (member && member.row.locator.type === "file") {
    if (column === "path") return member.row.relPath ?? member.row.locator.path;
    if (column === "file_format") return member.row.locator.format;
    if (column === "file_version") return member.row.locator.version;
  }
  return undefined;
}

/** All column names that a select or sort may use over these items, in a stable order. */
export function knownColumns(items: readonly Item[]): string[] {
  const names = new Set<string>(DECLARED_ATTRS);
  for (const item of items) {
    for (const k of Object.keys(item.summary.attrs)) names.add(k);
    for (const c of Object.keys(item.summary.coords)) {
      for (const f of ["min", "max", "step", "units", "dtype"]) names.add(`${c}_${f}`);
    }
    if (item.members[0]?.row.locator.type === "file") for (const f of FILE_COLUMNS) names.add(f);
  }
  return [...names];
}

/** Coordinate names present on any of the items. */
export function knownCoordinates(items: readonly Item[]): Set<string> {
  const names = new Set<string>();
  for (const item of items) for (const c of Object.keys(item.summary.coords)) names.add(c);
  return names;
}
