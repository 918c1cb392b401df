// Coordinate keys inside attributes (SPEC §3, §4): `{coord}_min/_max/_step/_units/_dtype`. Split
// them out of user attributes (they update coordinates) and derive them from coordinates.
import type { Coord } from "../coords/Coord.ts";

/** The coordinate summary suffixes exposed flat in attributes. */
export const COORD_SUFFIXES = ["min", "max", "step", "units", "dtype"] as const;
export type CoordSuffix = (typeof COORD_SUFFIXES)[number];

/** Coordinate information found in attributes, per coordinate name. */
export type CoordAttrInfo = Partial<Record<CoordSuffix, unknown>>;

/**
 * Separate `{name}_{min|max|step|units|dtype}` keys (and DASCore's legacy `d_{name}` for the step)
 * for the given coordinate names from the other attributes.
 *
 * @example
 * ```ts
 * splitCoordAttrs({ time_min: "2020-01-03", tag: "x" }, ["time"]);
 * // { coords: { time: { min: "2020-01-03" } }, rest: { tag: "x" } }
 * ```
 */
export function splitCoordAttrs(
  attrs: Record<string, unknown>,
  names: Iterable<string>,
): { coords: Record<string, CoordAttrInfo>; rest: Record<string, unknown> } {
  const known = new Set(names);
  const coords: Record<string, CoordAttrInfo> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attrs)) {
    const m = /^(.+)_(min|max|step|units|dtype)$/.exec(key);
    const legacy = /^d_(.+)$/.exec(key);
    if (m && known.has(m[1]!)) {
      (coords[m[1]!] ??= {})[m[2] as CoordSuffix] = value;
    } else if (legacy && known.has(legacy[1]!)) {
      (coords[legacy[1]!] ??= {}).step = value;
    } else if (key !== "coords") {
      rest[key] = value;
    }
  }
  return { coords, rest };
}

/**
 * The flat summaries of public coordinates (names not starting with `_`):
 * `{name}_min`, `{name}_max`, `{name}_step`, `{name}_units`, `{name}_dtype`.
 *
 * @example
 * ```ts
 * flattenCoords({ distance: coordRange({ start: 0, step: 1, length: 3, units: "m" }) });
 * // { distance_min: 0, distance_max: 2, distance_step: 1, distance_units: "m", distance_dtype: "int64" }
 * ```
 */
export function flattenCoords(coords: Readonly<Record<string, Coord>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, c] of Object.entries(coords)) {
    if (name.startsWith("_")) continue;
    out[`${name}_min`] = c.min();
    out[`${name}_max`] = c.max();
    out[`${name}_step`] = c.step;
    out[`${name}_units`] = c.units;
    out[`${name}_dtype`] = c.dtype;
  }
  return out;
}
