// Patch.new (DASCore's `Patch.new`/`update`): the constructor input of a patch with some parts
// replaced, attributes merged into the current ones.
import type { TypedArray } from "../../storage/formats/types.ts";
import type { CoordInput, PatchInit, PatchParts } from "./construct.ts";
import { StridedArray } from "./StridedArray.ts";

/** What `patch.new` may replace. */
export interface PatchNewInit {
  /** New samples, row-major over the (new) dims; their length must fit the coordinates. */
  data?: TypedArray;
  /** New dimension names in axis order. */
  dims?: readonly string[];
  /** New coordinates (all of them): the old ones are dropped when given. */
  coords?: Readonly<Record<string, CoordInput>>;
  /** Attributes merged over the current ones; coordinate keys (`time_min`…) update coordinates. */
  attrs?: Readonly<Record<string, unknown>>;
}

/** The current coordinates as constructor input (non-dimensional ones with their dims). */
export function coordsInput(parts: PatchParts): Record<string, CoordInput> {
  const out: Record<string, CoordInput> = {};
  for (const [name, coord] of Object.entries(parts.coords)) {
    const spans = parts.coordDims[name] ?? [name];
    out[name] = spans.length === 1 && spans[0] === name ? coord : { dims: spans, values: coord };
  }
  return out;
}

/**
 * The constructor input for `patch.new(init)`: given parts replace, the rest are kept.
 *
 * @example
 * ```ts
 * new Patch(renewInit(p.parts, { attrs: { data_type: "rms" } }));
 * ```
 */
export function renewInit(parts: PatchParts, init: PatchNewInit): PatchInit {
  const data: TypedArray | StridedArray = init.data ?? parts.view;
  const dims = init.dims ?? parts.dims;
  const coords = init.coords ?? coordsInput(parts);
  const attrs = { ...parts.attrs, ...(init.attrs ?? {}) };
  return { data, dims, coords, attrs };
}
