// Turn what `new Patch({...})` is given into validated parts: coordinates (attrs' coordinate keys
// applied), the strided sample view with its shape checked, and attributes without coord keys.
import { CoordDataError, CoordError, ParameterError } from "../errors.ts";
import type { RawCoord, TaggedDtype, TypedArray } from "../../storage/formats/types.ts";
import { Coord } from "../coords/Coord.ts";
import { CoordArray } from "../coords/CoordArray.ts";
import { CoordPartial } from "../coords/CoordPartial.ts";
import { type CoordValuesInput, toCoord } from "../coords/build.ts";
import { isTypedArray } from "../coords/dtype.ts";
import { splitCoordAttrs } from "../attrs/coordKeys.ts";
import { applyCoordInfo } from "./coordUpdate.ts";
import { StridedArray } from "./StridedArray.ts";
import { isMultiDim, spannedLength } from "./multiDimCoords.ts";

/** A non-dimensional coordinate: values along one dimension (`{ dims: ["distance"], values }`). */
export interface NonDimCoordInput {
  dims: readonly string[];
  values: Coord | CoordValuesInput;
  units?: string | null;
}

/** What a coordinate entry of `new Patch({ coords })` may be. */
export type CoordInput = Coord | RawCoord | CoordValuesInput | NonDimCoordInput;

/** The argument of `new Patch(...)` (SPEC §3). */
export interface PatchInit {
  /** Row-major samples over `dims`, or a strided view (internal fast path, shared, not copied). */
  data: TypedArray | StridedArray;
  dims: readonly string[];
  coords?: Readonly<Record<string, CoordInput>>;
  /** SPEC §4 attributes; coordinate keys (`time_min`, `time_step`…) update the coordinates. */
  attrs?: Readonly<Record<string, unknown>>;
  /**
   * The sample dtype when the array type does not name it (SPEC §3): `"float16"` (values in a
   * Float32Array), `"bool"` (a Uint8Array of 0/1), `"complex64"`/`"complex128"` (interleaved
   * re, im in a Float32Array/Float64Array of twice the number of elements).
   */
  dtype?: TaggedDtype;
}

/** Validated pieces of a patch. `coordDims[name]` lists the dims a coordinate spans. */
export interface PatchParts {
  view: StridedArray;
  dims: readonly string[];
  coords: Readonly<Record<string, Coord>>;
  coordDims: Readonly<Record<string, readonly string[]>>;
  /** Declared attributes and extras, without coordinate summary keys or dims. */
  attrs: Readonly<Record<string, unknown>>;
  /** The sample dtype when the array type does not name it; complex views end in an axis of 2. */
  dtype?: TaggedDtype;
}

const TAG_ARRAYS: Record<TaggedDtype, string> = {
  float16: "Float32Array",
  bool: "Uint8Array",
  complex64: "Float32Array",
  complex128: "Float64Array",
};

/** True for the complex dtypes, whose views carry a trailing (re, im) axis of length 2. */
export function isComplexDtype(d: string | undefined): d is "complex64" | "complex128" {
  return d === "complex64" || d === "complex128";
}

/**
 * The dtype tag of `parts` when it still fits the view (the right array type and, for complex,
 * the trailing axis of 2), else undefined: an operation that replaced the samples with another
 * kind of array (a float64 result) reports that array's dtype.
 *
 * @example
 * ```ts
 * checkedTag({ ...parts, dtype: "float16" }); // "float16" when parts.view.base is a Float32Array
 * ```
 */
export function checkedTag(parts: Pick<PatchParts, "view" | "dims" | "dtype">): TaggedDtype | undefined {
  const tag = parts.dtype;
  if (tag === undefined || parts.view.ctor.name !== TAG_ARRAYS[tag]) return undefined;
  if (isComplexDtype(tag) !== (parts.view.shape.length === parts.dims.length + 1 && parts.view.shape.at(-1) === 2)) return undefined;
  return tag;
}

function checkTagInput(tag: TaggedDtype, data: TypedArray): void {
  if (!(tag in TAG_ARRAYS)) throw new ParameterError(`dtype must be one of ${Object.keys(TAG_ARRAYS).join(", ")}, got ${JSON.stringify(tag)}`);
  if (data.constructor.name !== TAG_ARRAYS[tag]) {
    throw new ParameterError(`dtype ${tag} needs its samples in a ${TAG_ARRAYS[tag]}, got a ${data.constructor.name}`);
  }
}

function isNonDim(v: unknown): v is NonDimCoordInput {
  // a RawCoord array also has dims and values: it is told apart by its kind
  return typeof v === "object" && v !== null && !isTypedArray(v) && !Array.isArray(v) && "dims" in v && "values" in v && !("kind" in v);
}

function isRawWithDims(v: unknown): v is RawCoord & { dims: string[] } {
  return typeof v === "object" && v !== null && "kind" in v && Array.isArray((v as { dims?: unknown }).dims) && !(v instanceof Coord);
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Validate and normalise a patch's constructor input.
 *
 * @throws ParameterError for malformed dims, CoordError for coordinates that match no dimension,
 *   CoordDataError when data and coordinate shapes disagree (both shapes in the message).
 * @example
 * ```ts
 * const parts = buildParts({ data: new Float64Array(6), dims: ["x", "y"], coords: { x: [0, 1], y: [0, 1, 2] } });
 * parts.view.shape; // [2, 3]
 * ```
 */
export function buildParts(init: PatchInit): PatchParts {
  const dims = init.dims;
  if (!Array.isArray(dims) || dims.some((d) => typeof d !== "string" || d === "") || new Set(dims).size !== dims.length) {
    throw new ParameterError(`dims must be distinct non-empty strings, got ${JSON.stringify(dims)}`);
  }
  const coords: Record<string, Coord> = {};
  const coordDims: Record<string, readonly string[]> = {};
  const pending: [string, Coord][] = [];
  for (const [name, input] of Object.entries(init.coords ?? {})) {
    let spans: readonly string[] = [name];
    let coord: Coord;
    if (isNonDim(input)) {
      spans = [...input.dims];
      coord = toCoord(input.values as CoordValuesInput, input.units);
    } else {
      if (isRawWithDims(input)) spans = [...input.dims];
      coord = toCoord(input as CoordValuesInput);
    }
    if (!isNonDim(input) && !isRawWithDims(input) && !dims.includes(name)) {
      pending.push([name, coord]); // a bare non-dimensional coordinate: attach it below by length
      continue;
    }
    const unknown = spans.filter((d) => !dims.includes(d));
    if (unknown.length > 0) {
      throw new CoordError(
        `coordinate '${name}' spans ${unknown.map((d) => `'${d}'`).join(", ")} which ${unknown.length > 1 ? "are not dimensions" : "is not a dimension"} of (${dims.join(", ")}); give non-dimensional coordinates as { dims, values }`,
      );
    }
    if (new Set(spans).size !== spans.length) throw new CoordError(`coordinate '${name}' spans a dimension twice: (${spans.join(", ")})`);
    coords[name] = coord;
    coordDims[name] = Object.freeze(spans);
  }
  for (const [name, coord] of pending) {
    // e.g. `coords: patch.coords` passed back in: a Coord of a non-dimension name follows the only
    // dimension with its length; when that is ambiguous the caller must say { dims, values }
    const fits = dims.filter((d) => coords[d] !== undefined && coords[d]!.length === coord.length);
    if (fits.length !== 1) {
      throw new CoordError(
        `coordinate '${name}' is not a dimension of (${dims.join(", ")}) and its length ${coord.length} matches ${fits.length === 0 ? "no dimension" : `several (${fits.join(", ")})`}; give non-dimensional coordinates as { dims, values }`,
      );
    }
    coords[name] = coord;
    coordDims[name] = Object.freeze([fits[0]!]);
  }
  const { coords: info, rest } = splitCoordAttrs({ ...(init.attrs ?? {}) }, new Set([...dims, ...Object.keys(coords)]));
  delete rest.dims;

  // a dimension without a coordinate: infer its length from the data when only one is missing
  const missing = dims.filter((d) => !(d in coords));
  if (missing.length > 0) {
    const known = dims.filter((d) => d in coords).map((d) => coords[d]!.length);
    const total = init.data instanceof StridedArray ? null : init.data.length / (isComplexDtype(init.dtype) ? 2 : 1);
    if (missing.length > 1 && !(init.data instanceof StridedArray)) {
      throw new CoordDataError(`dimensions ${missing.join(", ")} have no coordinates; give at least all but one`);
    }
    for (const d of missing) {
      const len = init.data instanceof StridedArray ? init.data.shape[dims.indexOf(d)]! : total! / Math.max(1, product(known));
      if (!Number.isInteger(len)) {
        throw new CoordDataError(`data with ${total} samples cannot be shaped over coordinate lengths (${known.join(", ")}) and '${d}'`);
      }
      coords[d] = new CoordPartial({ length: len });
      coordDims[d] = Object.freeze([d]);
    }
  }
  for (const [name, i] of Object.entries(info)) coords[name] = applyCoordInfo(coords[name]!, i);

  const shape = dims.map((d) => coords[d]!.length);
  const tag = init.dtype;
  if (tag !== undefined) checkTagInput(tag, init.data instanceof StridedArray ? init.data.base : (init.data as TypedArray));
  // complex samples are (re, im) pairs: the view carries them as a trailing axis of length 2
  const viewShape = isComplexDtype(tag) ? [...shape, 2] : shape;
  let view: StridedArray;
  if (init.data instanceof StridedArray) {
    if (init.data.shape.length !== viewShape.length || init.data.shape.some((s, k) => s !== viewShape[k])) {
      throw new CoordDataError(`data shape (${init.data.shape.join(", ")}) does not match coordinate shape (${viewShape.join(", ")})`);
    }
    view = init.data;
  } else if (isTypedArray(init.data)) {
    if (isComplexDtype(tag) && init.data.length !== 2 * shape.reduce((a, b) => a * b, 1)) {
      throw new CoordDataError(
        `${tag} data holds ${init.data.length / 2} complex samples (${init.data.length} interleaved values) but the coordinate shape (${shape.join(", ")}) needs ${shape.reduce((a, b) => a * b, 1)}`,
      );
    }
    // DASCore's empty patch (`dc.Patch()`): no dimensions and no samples, shape (0,)
    view = dims.length === 0 && init.data.length === 0 ? new StridedArray(init.data, 0, [0], [1]) : StridedArray.contiguous(init.data, viewShape);
  } else {
    throw new ParameterError(`Patch data must be a typed array, got ${Object.prototype.toString.call(init.data)}`);
  }
  for (const [name, spans] of Object.entries(coordDims)) {
    if (isMultiDim(spans)) {
      // values over several dimensions are never a range, even when evenly spaced
      const c = coords[name]!;
      if (spans.length > 1 && c.kind === "range") coords[name] = new CoordArray({ values: c.values(), units: c.units, dtype: c.dtype });
      // over several dimensions: values row-major over them; over none: any length (DASCore)
      const n = spannedLength(spans, dims, shape);
      if (n !== null && coords[name]!.length !== n) {
        throw new CoordDataError(
          `coordinate '${name}' has ${coords[name]!.length} values but its dimensions (${spans.join(", ")}) have shape (${spans.map((d) => shape[dims.indexOf(d)]).join(", ")})`,
        );
      }
      continue;
    }
    const want = shape[dims.indexOf(spans[0]!)]!;
    if (coords[name]!.length !== want) {
      throw new CoordDataError(`coordinate '${name}' has shape (${coords[name]!.length},) but dimension '${spans[0]}' has shape (${want},)`);
    }
  }
  return { view, dims: Object.freeze([...dims]), coords: Object.freeze(coords), coordDims: Object.freeze(coordDims), attrs: rest, ...(tag ? { dtype: tag } : {}) };
}
