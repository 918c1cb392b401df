// Small pieces shared by the HDF5 format readers: attribute mapping, and turning a
// (dims, data dataset, coords) triple into a hyperslab RawPatch.
import {
  asNumber,
  asText,
  datasetDtype,
  datasetShape,
  readSlab,
  type H5AttrValue,
  type H5Dataset,
  type H5File,
} from "../h5/index.ts";
import { selectionBounds, sliceCoord, summarizeCoord } from "./rawCoords.ts";
import type { PatchSummary, RawAttrValue, RawCoord, RawPatch, ReadTarget, Selection } from "./types.ts";
import { CorruptFileError } from "../../src/errors.ts";

/** Copies `attrs[from]` to `out[to]` (text or number as found) for each entry of `map`. */
export function mapAttrs(
  attrs: Record<string, H5AttrValue>,
  map: Record<string, string>,
  out: Record<string, RawAttrValue> = {},
): Record<string, RawAttrValue> {
  for (const [from, to] of Object.entries(map)) {
    const v = attrs[from];
    if (v === undefined || v === null) continue;
    if (typeof v === "string" || typeof v === "boolean") out[to] = v;
    else if (typeof v === "number") out[to] = v;
    else if (typeof v === "bigint") out[to] = Number(v);
    else {
      const n = asNumber(v);
      const s = asText(v);
      if (n !== undefined) out[to] = n;
      else if (s !== undefined) out[to] = s;
    }
  }
  return out;
}

/**
 * Reads the hyperslab `selection` of `ds` (whose axes are `dims`) and slices the 1-D dimension
 * coordinates to match: the common tail of every single-dataset reader. Readers that return
 * this result as it is pass their `into` through (the samples are then read in place).
 */
export function readDimsSlab(
  file: H5File,
  ds: H5Dataset,
  dims: string[],
  coords: Record<string, RawCoord>,
  attrs: Record<string, RawAttrValue>,
  selection?: Selection,
  into?: ReadTarget,
): RawPatch {
  const shape = datasetShape(ds);
  if (shape.length !== dims.length) {
    throw new CorruptFileError(`${file.filename}: ${ds.path} has shape [${shape}], expected dims ${dims.join(",")}`);
  }
  for (const [k, d] of dims.entries()) {
    const c = coords[d];
    const len = c ? (c.kind === "range" ? c.length : c.values.length) : shape[k];
    if (len !== shape[k]) {
      throw new CorruptFileError(`${file.filename}: coordinate ${d} has ${len} values but ${ds.path} has ${shape[k]} along it`);
    }
  }
  const bounds = selectionBounds(file.filename, dims, shape, selection);
  // With a target (FormatModule.read's `into`) the samples land there, in place.
  const slab = readSlab(file, ds, bounds, into ? { into: into.data, offset: into.offset, strides: into.strides } : {});
  const out: Record<string, RawCoord> = {};
  for (const [name, c] of Object.entries(coords)) {
    const k = dims.indexOf(name);
    out[name] = k >= 0 && !c.dims ? sliceCoord(c, bounds[k]!) : c;
  }
  return { data: slab.data, dims, shape: slab.shape, coords: out, attrs };
}

/**
 * The summary of a patch held in one dataset whose axes are `dims`: the common body of every
 * single-dataset reader's `scan` (shape and dtype from the dataset header, no samples read).
 * @example
 * ```ts
 * const { dims, coords, attrs } = layout(file);
 * return [datasetSummary(getDataset(file, "/DAS"), dims, coords, attrs)];
 * ```
 */
export function datasetSummary(
  ds: H5Dataset,
  dims: string[],
  coords: Record<string, RawCoord>,
  attrs: Record<string, RawAttrValue>,
  key = "",
): PatchSummary {
  const summaries: PatchSummary["coords"] = {};
  for (const d of dims) summaries[d] = summarizeCoord(coords[d]!);
  return { key, dims, shape: datasetShape(ds), dataDtype: datasetDtype(ds) ?? "unknown", attrs, coords: summaries };
}

/**
 * The one of a file's patches whose key is `key` (`""` picks the only one). Throws
 * CorruptFileError naming the file, the key and the keys it has.
 * @example
 * ```ts
 * const node = findByKey(file, dataNodes(file), key, "PRODML patch");
 * ```
 */
export function findByKey<T extends { key: string }>(file: H5File, items: readonly T[], key: string, what: string): T {
  const hit = key === "" && items.length === 1 ? items[0] : items.find((i) => i.key === key);
  if (!hit) throw new CorruptFileError(`${file.filename}: no ${what} "${key}" (has ${items.map((i) => i.key).join(", ") || "none"})`);
  return hit;
}

/** What a single-dataset reader finds in a file: the data path, its dims, coordinates, attrs. */
export interface DatasetLayout {
  data: string;
  dims: string[];
  coords: Record<string, RawCoord>;
  attrs: Record<string, RawAttrValue>;
}
