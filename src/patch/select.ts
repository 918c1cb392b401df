// Patch.select (SPEC §3): trim dimensions by value, relative offset or sample position. Contiguous
// selections only move the strided view (O(1)); non-contiguous ones (unsorted coords) gather.
import { ParameterError, PatchCoordinateError } from "../errors.ts";
import type { Coord, CoordSelectOptions, SelectRange } from "../coords/Coord.ts";
import type { PatchParts } from "./construct.ts";
import { isMultiDim, selectAlong } from "./multiDimCoords.ts";

/**
 * Apply a select query to patch parts. Keys are coordinate names (dimensional, or
 * non-dimensional coordinates along one dimension). Returns the same parts object when nothing
 * changes.
 *
 * @throws PatchCoordinateError for an unknown coordinate; ParameterError for a bad range.
 * @example
 * ```ts
 * selectParts(patch.parts, { time: [null, "2017-09-18T00:00:01"] }, {});
 * ```
 */
export function selectParts(
  parts: PatchParts,
  query: Readonly<Record<string, SelectRange>>,
  options: CoordSelectOptions,
): PatchParts {
  let view = parts.view;
  const coords: Record<string, Coord> = { ...parts.coords };
  let changed = false;
  for (const [name, range] of Object.entries(query)) {
    if (range === undefined) continue;
    const coord = coords[name];
    if (!coord) {
      throw new PatchCoordinateError(
        `cannot select on unknown coordinate '${name}'; coordinates are: ${Object.keys(parts.coords).join(", ")}`,
      );
    }
    if (!Array.isArray(range) || range.length !== 2) {
      throw new ParameterError(`select range for '${name}' must have length 2, got ${JSON.stringify(range, bigintSafe)}`);
    }
    const spans = parts.coordDims[name]!;
    if (isMultiDim(spans)) {
      throw new ParameterError(`cannot select on coordinate '${name}', which spans (${spans.join(", ")}); select on a dimension instead`);
    }
    const dim = spans[0]!;
    const axis = parts.dims.indexOf(dim);
    const sel = coord.select(range, options);
    if (sel.indices === undefined && sel.slice[0] === 0 && sel.slice[1] === coord.length) continue;
    changed = true;
    view = sel.indices ? view.take(axis, sel.indices) : view.slice(axis, sel.slice[0], sel.slice[1]);
    // every coordinate along this dimension follows the selection
    for (const [other, spans] of Object.entries(parts.coordDims)) {
      if (isMultiDim(spans)) {
        const k = spans.indexOf(dim);
        if (k < 0) continue;
        const spanShape = spans.map((d) => parts.coords[d]?.length ?? parts.view.shape[parts.dims.indexOf(d)]!);
        // earlier selections in this query already changed other spanned axes
        for (const [j, d] of spans.entries()) spanShape[j] = coords[d]?.length ?? view.shape[parts.dims.indexOf(d)]!;
        spanShape[k] = coord.length;
        coords[other] = selectAlong(coords[other]!, spanShape, k, sel.indices ?? sel.slice);
        continue;
      }
      if (spans[0] !== dim) continue;
      const c = coords[other]!;
      coords[other] = other === name ? sel.coord : sel.indices ? c.take(sel.indices) : c.slice(sel.slice[0], sel.slice[1]);
    }
  }
  if (!changed) return parts;
  return { ...parts, view, coords: Object.freeze(coords) };
}

function bigintSafe(_key: string, v: unknown): unknown {
  return typeof v === "bigint" ? `${v}n` : v;
}
