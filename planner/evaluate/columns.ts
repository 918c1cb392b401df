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

const COORD_FIELDS = ["min", "max", "step", "units", "dtype"] as const;
type CoordField = (typeof COORD_FIELDS)[number];

/**
 * A reader of one contents column (its value for an item, undefined when the item lacks it): the
 * name is parsed once, then applied to every item (a
 * contents table reads ~35 columns of every output; parsing per value was most of its cost).
 * @example
 * ```ts
 * const timeMin = columnReader("time_min");
 * items.map(timeMin); // [1704067200000000000n, ...]
 * ```
 */
export function columnReader(column: string): (item: Item) => ColumnValue {
  const m = /^(.*)_(min|max|step|units|dtype)$/.exec(column);
  const coord = m?.[1];
  const field = m?.[2] as CoordField | undefined;
  const declared = (DECLARED_ATTRS as readonly string[]).includes(column);
  return (item) => {
    const s = item.summary;
    if (column === "dims") return s.dims.join(",");
    const c = coord === undefined ? undefined : s.coords[coord];
    if (c) return c[field!];
    if (column in s.attrs) return s.attrs[column];
    if (declared) return declaredDefault(column);
    const member = item.members[0];
    if (member && member.row.locator.type === "file") {
      if (column === "path") return member.row.relPath ?? member.row.locator.path;
      if (column === "file_format") return member.row.locator.format;
      if (column === "file_version") return member.row.locator.version;
    }
    return undefined;
  };
}

/** All column names that a select or sort may use over these items, in a stable order. */
export function knownColumns(items: readonly Item[]): string[] {
  const names = new Set<string>(DECLARED_ATTRS);
  const coords = new Set<string>();
  for (const item of items) {
    for (const k of Object.keys(item.summary.attrs)) names.add(k);
    for (const c of Object.keys(item.summary.coords)) {
      if (coords.has(c)) continue; // its five names are in already
      coords.add(c);
      for (const f of COORD_FIELDS) names.add(`${c}_${f}`);
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
