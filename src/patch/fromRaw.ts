// The seam to storage and the planner: build a Patch from a reader's RawPatch, and describe a
// Patch as a PatchSummary (index row) or RawPatch (for writers) without copying samples twice.
import { CoordDataError } from "../errors.ts";
import type { CoordSummary, PatchSummary, RawAttrValue, RawCoord, RawPatch } from "../../storage/formats/types.ts";
import type { CoordInput } from "./construct.ts";
import { Patch } from "./Patch.ts";

/**
 * A Patch from a reader's plain data. Coordinates whose `dims` differ from their own name become
 * non-dimensional coordinates; attributes are validated (AttrsError on bad values).
 *
 * @throws CoordDataError when `raw.shape` disagrees with the coordinates or the data length.
 * @example
 * ```ts
 * const patch = patchFromRaw(await format.read(path, key, version));
 * ```
 */
export function patchFromRaw(raw: RawPatch): Patch {
  const coords: Record<string, CoordInput> = {};
  for (const [name, c] of Object.entries(raw.coords)) {
    coords[name] = c.dims && !(c.dims.length === 1 && c.dims[0] === name) ? ({ ...c, dims: c.dims } as RawCoord) : c;
  }
  const patch = new Patch({ data: raw.data, dims: raw.dims, coords, attrs: raw.attrs, ...(raw.dtype ? { dtype: raw.dtype } : {}) });
  if (raw.shape.length !== patch.shape.length || raw.shape.some((s, i) => s !== patch.shape[i])) {
    throw new CoordDataError(`raw patch shape (${raw.shape.join(", ")}) does not match coordinate shape (${patch.shape.join(", ")})`);
  }
  return patch;
}

/** An attribute as plain data: scalars, and lists and string-keyed objects of them (as DASDAE
 * pickles them); other values (functions, class instances) are left out. */
function rawAttr(v: unknown): RawAttrValue | undefined {
  if (v === null || ["string", "number", "bigint", "boolean"].includes(typeof v)) return v as RawAttrValue;
  if (Array.isArray(v)) {
    return v.map((x) => {
      const r = rawAttr(x);
      return r === undefined ? String(x) : r;
    });
  }
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: { [k: string]: RawAttrValue } = {};
    for (const [k, x] of Object.entries(v as object)) {
      const r = rawAttr(x);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  return undefined;
}

function rawAttrs(attrs: Readonly<Record<string, unknown>>): Record<string, RawAttrValue> {
  const out: Record<string, RawAttrValue> = {};
  for (const [k, v] of Object.entries(attrs)) {
    const r = rawAttr(v);
    if (r !== undefined) out[k] = r;
  }
  return out;
}

/**
 * The index row of an in-memory patch (key `""`): dims, shape, dtype, declared attributes and
 * extras (no coordinate keys), and a summary of every coordinate.
 *
 * @example
 * ```ts
 * summarizePatch(getExamplePatch()).coords.time.step; // 4000000n
 * ```
 */
export function summarizePatch(patch: Patch): PatchSummary {
  const coords: Record<string, CoordSummary> = {};
  for (const [name, c] of Object.entries(patch.coords)) coords[name] = c.summary();
  return {
    key: "",
    dims: [...patch.dims],
    shape: [...patch.shape],
    dataDtype: patch.dtype,
    attrs: rawAttrs(patch.parts.attrs),
    coords,
  };
}

/**
 * A patch as plain data for writers and workers. `data` is the contiguous samples (materialised
 * once if the patch is a strided selection).
 *
 * @example
 * ```ts
 * patchFromRaw(patchToRaw(patch)).equals(patch); // true
 * ```
 */
export function patchToRaw(patch: Patch): RawPatch {
  const coords: Record<string, RawCoord> = {};
  for (const [name, c] of Object.entries(patch.coords)) {
    const spans = patch.coordDims[name]!;
    coords[name] = spans.length === 1 && spans[0] === name ? c.toRaw() : { ...c.toRaw(), dims: [...spans] };
  }
  const tag = patch.parts.dtype;
  return { data: patch.samples, dims: [...patch.dims], shape: [...patch.shape], coords, attrs: rawAttrs(patch.parts.attrs), ...(tag ? { dtype: tag } : {}) };
}
