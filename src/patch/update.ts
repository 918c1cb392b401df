// Patch.updateCoords and Patch.updateAttrs (SPEC §3): new parts with coordinates shifted or
// replaced, or attributes merged. Shapes are re-checked; only updateCoords adds history.
import { CoordDataError, PatchCoordinateError } from "../errors.ts";
import { Coord } from "../coords/Coord.ts";
import { type CoordValuesInput, toCoord } from "../coords/build.ts";
import { isTypedArray } from "../coords/dtype.ts";
import { isMultiDim, spannedLength } from "./multiDimCoords.ts";
import { splitCoordAttrs } from "../attrs/coordKeys.ts";
import { formatDatetime64 } from "../time.ts";
import type { NonDimCoordInput, PatchParts } from "./construct.ts";
import { applyCoordInfo } from "./coordUpdate.ts";

function show(v: unknown): string {
  if (typeof v === "string") return `'${v}'`;
  if (typeof v === "bigint") return `'${formatDatetime64(v)}'`;
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (v instanceof Coord) return v.kind === "range" ? "CoordRange" : v.kind === "array" ? "CoordArray" : "CoordPartial";
  if (isTypedArray(v) || Array.isArray(v)) return "array";
  if (typeof v === "object" && v !== null) return "coord";
  return String(v);
}

function isNonDim(v: unknown): v is NonDimCoordInput {
  return typeof v === "object" && v !== null && !isTypedArray(v) && !Array.isArray(v) && !(v instanceof Coord) && "dims" in v && "values" in v;
}

/** Apply coordinate summary keys of `info` to `coords` (a mutable copy). */
function applyInfo(coords: Record<string, Coord>, info: ReturnType<typeof splitCoordAttrs>["coords"]): void {
  for (const [name, i] of Object.entries(info)) coords[name] = applyCoordInfo(coords[name]!, i);
}

/**
 * New parts after `updateCoords(update)`: `{name}_min/_max/_step/_units` adjust a coordinate,
 * `{name}: coord | values | { dims, values }` replaces or adds one. Appends
 * `update_coords(key=value,…)` to the history.
 *
 * @throws PatchCoordinateError for keys that name no coordinate; CoordDataError for a wrong length.
 * @example
 * ```ts
 * updateCoordsParts(patch.parts, { time_min: "2020-01-03" });
 * ```
 */
export function updateCoordsParts(parts: PatchParts, update: Readonly<Record<string, unknown>>): PatchParts {
  const coords: Record<string, Coord> = { ...parts.coords };
  const coordDims: Record<string, readonly string[]> = { ...parts.coordDims };
  const names = new Set([...Object.keys(coords), ...parts.dims]);
  const { coords: info, rest } = splitCoordAttrs({ ...update }, names);
  for (const [name, value] of Object.entries(rest)) {
    let spans: readonly string[];
    let coord: Coord;
    if (isNonDim(value)) {
      spans = Object.freeze([...value.dims]);
      coord = toCoord(value.values as CoordValuesInput, value.units);
    } else if (names.has(name)) {
      spans = coordDims[name] ?? Object.freeze([name]);
      coord = toCoord(value as CoordValuesInput);
    } else {
      throw new PatchCoordinateError(
        `cannot update unknown coordinate '${name}'; coordinates are: ${Object.keys(coords).join(", ")}`,
      );
    }
    if (isMultiDim(spans)) {
      const shape = parts.dims.map((d) => coords[d]?.length ?? parts.view.shape[parts.dims.indexOf(d)]!);
      const n = spans.every((d) => parts.dims.includes(d)) ? spannedLength(spans, parts.dims, shape) : -1;
      if (n === -1 || (n !== null && coord.length !== n)) {
        throw new CoordDataError(`coordinate '${name}' has ${coord.length} values, which do not fill dimensions (${spans.join(", ")})`);
      }
      coords[name] = coord;
      coordDims[name] = spans;
      continue;
    }
    const axis = parts.dims.indexOf(spans[0]!);
    if (spans.length !== 1 || axis < 0) {
      throw new PatchCoordinateError(`coordinate '${name}' must span one of the dimensions (${parts.dims.join(", ")})`);
    }
    if (coord.length !== parts.view.shape[axis]) {
      throw new CoordDataError(
        `coordinate '${name}' has shape (${coord.length},) but dimension '${spans[0]}' has shape (${parts.view.shape[axis]},)`,
      );
    }
    coords[name] = coord;
    coordDims[name] = spans;
  }
  applyInfo(coords, info);
  const entry = `update_coords(${Object.entries(update).map(([k, v]) => `${k}=${show(v)}`).join(",")})`;
  const history = [...((parts.attrs.history as readonly string[] | undefined) ?? []), entry];
  return { ...parts, coords: Object.freeze(coords), coordDims: Object.freeze(coordDims), attrs: { ...parts.attrs, history } };
}

/**
 * New parts after `updateAttrs(update)`: coordinate keys of existing coordinates update them,
 * everything else is merged into the attributes (validated when the Patch is built). `dims` is
 * ignored (it follows the data). No history.
 *
 * @example
 * ```ts
 * updateAttrsParts(patch.parts, { tag: "x", time_min: 0n });
 * ```
 */
export function updateAttrsParts(parts: PatchParts, update: Readonly<Record<string, unknown>>): PatchParts {
  const coords: Record<string, Coord> = { ...parts.coords };
  const { coords: info, rest } = splitCoordAttrs({ ...update }, Object.keys(coords));
  delete rest.dims;
  applyInfo(coords, info);
  return { ...parts, coords: Object.freeze(coords), attrs: { ...parts.attrs, ...rest } };
}
