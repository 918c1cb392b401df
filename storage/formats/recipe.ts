// Reads a patch from its ReadRecipe (types.ts): the coordinates and attributes its scan found, and
// the samples straight from the file at the recorded offset, without opening the file's format
// metadata. A recipe is used only for the file version it was made from (size and ns mtime, as
// the index compares them); for any other version the caller reads the ordinary way.
//
// Why: reading a patch of a DASDAE file through HDF5 costs ~4 ms of metadata (attributes,
// coordinate arrays, engine start-up) before its samples, as much as reading 6 MB of them; a
// merge of 100 files or a map worker's windows paid it once per file and visit.
import { statSync } from "node:fs";
import { readDirect, rowMajor } from "../h5/index.ts";
import { selectionBounds, sliceCoordFor } from "./rawCoords.ts";
import { checkTarget } from "./readTarget.ts";
import type { RawCoord, RawPatch, ReadRecipe, ReadTarget, RecipeDtype, Selection, TypedArray } from "./types.ts";

const CTORS: Record<RecipeDtype, { new (n: number): TypedArray; BYTES_PER_ELEMENT: number }> = {
  float64: Float64Array,
  float32: Float32Array,
  int64: BigInt64Array,
  int32: Int32Array,
  int16: Int16Array,
  int8: Int8Array,
  uint64: BigUint64Array,
  uint32: Uint32Array,
  uint16: Uint16Array,
  uint8: Uint8Array,
};

/** Bytes per sample of a recipe dtype. */
export function recipeItemSize(dtype: RecipeDtype): number {
  return CTORS[dtype].BYTES_PER_ELEMENT;
}

/** True for the sample dtypes a recipe can read. */
export function isRecipeDtype(dtype: string): dtype is RecipeDtype {
  return Object.hasOwn(CTORS, dtype);
}

/** The file a recipe was made from, as the index records it. */
export interface FileIdentity {
  size: number;
  mtimeNs: bigint;
}

/**
 * True when `path` is still the file version `identity` describes (same size, same ns mtime).
 * @example
 * ```ts
 * recipeHolds("/data/a.h5", { size: 6_029_688, mtimeNs: 1733580000123456789n }); // true until rewritten
 * ```
 */
export function recipeHolds(path: string, identity: FileIdentity): boolean {
  try {
    const st = statSync(path, { bigint: true });
    return st.size === BigInt(identity.size) && st.mtimeNs === identity.mtimeNs;
  } catch {
    return false;
  }
}

/**
 * The patch `recipe` describes, cut to `selection`, its samples read from `path` (into `into`
 * when given and its innermost stride is 1, as the ordinary read would). The caller checks
 * {@link recipeHolds} first.
 * @throws CorruptFileError when the file ends inside the samples; ParameterError when `into` has
 *   another dtype or is too small.
 * @example
 * ```ts
 * if (recipeHolds(path, identity)) raw = readByRecipe(path, row.recipe, { time: [0, 2500] });
 * ```
 */
export function readByRecipe(path: string, recipe: ReadRecipe, selection?: Selection, into?: ReadTarget): RawPatch {
  const bounds = selectionBounds(path, recipe.dims, recipe.shape, selection);
  const count = bounds.map(([a, b]) => b - a);
  const n = count.reduce((a, b) => a * b, 1);
  const Ctor = CTORS[recipe.dtype];
  const direct = into !== undefined && (count.length === 0 || into.strides.at(-1) === 1);
  if (direct) checkTarget(into, count, recipe.dtype, path);
  const place: ReadTarget = direct ? into : { data: new Ctor(n), offset: 0, strides: rowMajor(count) };
  if (n > 0) readDirect(path, recipe.shape, bounds, place, recipe.offset, Ctor.BYTES_PER_ELEMENT);
  const coords: Record<string, RawCoord> = {};
  for (const [name, c] of Object.entries(recipe.coords)) coords[name] = sliceCoordFor(c, name, recipe.dims, bounds, recipe.shape);
  return { data: place.data, dims: [...recipe.dims], shape: count, coords, attrs: { ...recipe.attrs } };
}

/** True when `v` survives the index's JSON (toJson/fromJson) unchanged: no NaN, ±inf or −0. */
export function jsonExact(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (v === null || typeof v === "string" || typeof v === "boolean" || typeof v === "bigint") return true;
  if (Array.isArray(v)) return v.every(jsonExact);
  if (typeof v === "object") {
    const keys = Object.keys(v);
    // {"$bigint": "…"} is how the index spells a bigint: an object of that shape would come back as one
    if (keys.length === 1 && keys[0] === "$bigint") return false;
    return keys.every((k) => jsonExact((v as Record<string, unknown>)[k]));
  }
  return false;
}
