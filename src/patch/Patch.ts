// The Patch of SPEC §3: an immutable N-D array with coordinates and attributes. Samples live in a
// strided view so selections never copy; `data` materialises (and caches) a contiguous array.
import { CoordError } from "../errors.ts";
import type { TypedArray } from "../../storage/formats/types.ts";
import type { Coord, CoordSelectOptions, SelectRange } from "../coords/Coord.ts";
import { typedArrayCtorDtype } from "../coords/dtype.ts";
import { type PatchAttrs, validateAttrs } from "../attrs/schema.ts";
import { type AggregateMethod, type AggregateOptions, aggregateParts } from "./aggregate.ts";
import { buildParts, checkedTag, type CoordInput, type PatchInit, type PatchParts } from "./construct.ts";
import { patchEquals } from "./equals.ts";
import { asNumeric, type NumericArray } from "./numeric.ts";
import { formatPatch } from "./format.ts";
import { selectParts } from "./select.ts";
import type { StridedArray } from "./StridedArray.ts";
import { updateAttrsParts, updateCoordsParts } from "./update.ts";
import type { PatchProcessing } from "../proc/api.ts";
import { installProcessing } from "../proc/install.ts";
import { type PatchNewInit, renewInit } from "./renew.ts";

const PARTS = Symbol("daspool.patchParts");

// The processing methods of SPEC §3.1 (src/proc/api.ts), defined on the prototype by
// installProcessing below: declaration merging gives them their types and TSDoc.
export interface Patch extends PatchProcessing {}

/**
 * A section of DAS data: samples over named dimensions with coordinates and attributes.
 * Immutable: every method returns a new patch; `dims`, `shape`, `coords`, `attrs` and `history`
 * are frozen. `data` is a typed array that may share memory with other patches: never mutate it.
 *
 * Internally the samples are a {@link StridedArray} (`patch.view`): `select` only moves an
 * offset and a shape (O(1), whatever the patch size), and `data` copies the selected samples
 * into a contiguous array the first time it is read (cached). Code that merges patches should
 * not read `data`; it should copy each view once into its output with
 * `patch.view.copyInto(out, offset, strides)`.
 *
 * @example
 * ```ts
 * const patch = new Patch({
 *   data: new Float64Array(6),
 *   dims: ["distance", "time"],
 *   coords: { distance: [0, 1], time: coordRange({ start: "2020-01-03", step: "1s", length: 3 }) },
 *   attrs: { tag: "demo" },
 * });
 * patch.shape; // [2, 3]
 * patch.select({ time: ["2020-01-03T00:00:01", null] }).shape; // [2, 2]
 * ```
 */
export class Patch {
  /** Dimension names in axis order. */
  readonly dims: readonly string[];
  /** Length of each dimension. */
  readonly shape: readonly number[];
  /** Every coordinate, dimensional and not. */
  readonly coords: Readonly<Record<string, Coord>>;
  /**
   * Validated attributes (declared fields, `dims`, extras). Attributes only: the coordinate
   * summaries (`time_min`, `time_step`…) are read from `coords`/`getCoord`, so
   * `{ ...p.attrs, data_type: "rms" }` is a valid `attrs` for a new patch whatever its coordinates.
   */
  readonly attrs: PatchAttrs;
  /** The samples as a strided view (internal fast path for the planner; shared, never copied). */
  readonly view: StridedArray;
  readonly #parts: PatchParts;
  #data: TypedArray | undefined;
  #numeric: NumericArray | undefined;

  constructor(init: PatchInit) {
    const given = (init as unknown as { [PARTS]?: PatchParts })[PARTS];
    const parts = given ?? buildParts(init);
    const declared = validateAttrs({ ...parts.attrs, dims: parts.dims.join(",") });
    const base = { ...declared, history: Object.freeze([...declared.history]) };
    delete (base as Record<string, unknown>).dims;
    const tag = checkedTag(parts);
    const { dtype: _given, ...rest } = parts;
    this.#parts = { ...rest, attrs: Object.freeze(base), ...(tag ? { dtype: tag } : {}) };
    this.dims = parts.dims;
    this.view = parts.view;
    // complex views end in a (re, im) axis that is not a dimension
    this.shape = tag === "complex64" || tag === "complex128" ? Object.freeze(parts.view.shape.slice(0, -1)) : parts.view.shape;
    this.coords = parts.coords;
    this.attrs = Object.freeze({ ...base, dims: declared.dims }) as PatchAttrs;
    Object.freeze(this);
  }

  /**
   * Build a patch from already validated parts (coordinates built, view shaped). Used by the
   * patch operations and by the planner to wrap output buffers; attributes are re-validated.
   *
   * @example
   * ```ts
   * const same = Patch.fromParts(patch.parts);
   * ```
   */
  static fromParts(parts: PatchParts): Patch {
    return new Patch({ [PARTS]: parts } as unknown as PatchInit);
  }

  /** The validated parts: view, dims, coords, coordDims and attributes without coord keys. */
  get parts(): PatchParts {
    return this.#parts;
  }

  /**
   * The samples, row-major over `dims`, as a {@link NumericArray} (plain numbers: arithmetic on
   * it type-checks). Materialised once when the view is not contiguous. int64 samples come as an
   * exact Float64Array (see `NumericArray`); `samples` has them as stored.
   */
  get data(): NumericArray {
    this.#numeric ??= asNumeric(this.samples);
    return this.#numeric;
  }

  /** The samples in their stored type (BigInt64Array for int64), row-major, cached. */
  get samples(): TypedArray {
    this.#data ??= this.view.toContiguous();
    return this.#data;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.dims.length;
  }

  /** Number of samples (complex samples count once). */
  get size(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }

  /** numpy name of the sample type, e.g. `"float64"`; `"float16"`, `"bool"`, `"complex64"` and
   * `"complex128"` for samples held in Float32/Uint8/interleaved float arrays (SPEC §3). */
  get dtype(): string {
    return this.#parts.dtype ?? typedArrayCtorDtype(this.view.ctor);
  }

  /** Processing history (entries like `aggregate(dim='time',method='max')`). */
  get history(): readonly string[] {
    return this.attrs.history;
  }

  /** Dimensions each coordinate spans (`{ time: ["time"], latitude: ["distance"] }`). */
  get coordDims(): Readonly<Record<string, readonly string[]>> {
    return this.#parts.coordDims;
  }

  /**
   * A coordinate by name.
   *
   * @throws CoordError listing the known names.
   * @example
   * ```ts
   * patch.getCoord("time").step; // 4000000n
   * ```
   */
  getCoord(name: string): Coord {
    const c = this.coords[name];
    if (!c) {
      throw new CoordError(`unknown coordinate '${name}'; coordinates are: ${Object.keys(this.coords).join(", ")}`);
    }
    return c;
  }

  /**
   * A coordinate's values, or the data when no name is given.
   *
   * @example
   * ```ts
   * patch.getArray("distance"); // Float64Array [0, 1, …]
   * ```
   */
  getArray(name?: string): TypedArray {
    return name === undefined ? this.samples : this.getCoord(name).values();
  }

  /**
   * Trim to coordinate ranges: `{ time: [lo, hi], distance: [lo, hi] }` (`null` open). Value
   * bounds are inclusive; `samples` takes positions with slice semantics; `relative` offsets
   * from min (positive) or max (negative). O(1) for contiguous selections. Adds no history.
   *
   * @throws PatchCoordinateError for an unknown coordinate.
   * @example
   * ```ts
   * patch.select({ time: [null, "2017-09-18T00:00:01"], distance: [10, 20] });
   * patch.select({ time: [0, 250] }, { samples: true });
   * ```
   */
  select(query: Readonly<Record<string, SelectRange>>, options: CoordSelectOptions = {}): Patch {
    const parts = selectParts(this.#parts, query, options);
    return parts === this.#parts ? this : Patch.fromParts(parts);
  }

  /**
   * DASCore's `Patch.new`: the same patch with the given parts replaced, validated like the
   * constructor. `attrs` are merged over the current attributes (DASCore replaces them; merging
   * is what `{ ...p.attrs, ...changes }` would do, and keeps history); `coords`, when given,
   * replace all coordinates. A new `data` of another shape needs matching `coords` (and `dims`).
   *
   * @example
   * ```ts
   * const rms = p.new({ data: new Float64Array(p.shape[0]!), coords: { distance: p.getCoord("distance") }, dims: ["distance"], attrs: { data_type: "rms" } });
   * p.new({ attrs: { station: "B2" } }).attrs.station; // "B2"
   * ```
   */
  new(init: PatchNewInit = {}): Patch {
    return new Patch(renewInit(this.#parts, init));
  }

  /**
   * Update coordinates: `{ time_min }` shifts a range keeping step and length (also `_max`,
   * `_step`, `_units`); `{ time: coord | values }` replaces one. Adds a history entry.
   *
   * @example
   * ```ts
   * patch.updateCoords({ time_min: "2020-01-03" }).getCoord("time").min(); // 1578009600000000000n
   * ```
   */
  updateCoords(update: Readonly<Record<string, unknown | CoordInput>>): Patch {
    return Patch.fromParts(updateCoordsParts(this.#parts, update));
  }

  /**
   * Set attributes (extras allowed, validated); coordinate keys update coordinates. No history.
   *
   * @example
   * ```ts
   * patch.updateAttrs({ station: "A1" }).attrs.station; // "A1"
   * ```
   */
  updateAttrs(update: Readonly<Record<string, unknown>>): Patch {
    return Patch.fromParts(updateAttrsParts(this.#parts, update));
  }

  /**
   * Reduce a dimension with `mean, median, min, max, sum, std, first, last` (NaN-aware like
   * numpy's nan-functions; std is population). `dimReduce: "empty"` (default) keeps the dimension
   * with length 1 and a CoordPartial; `"squeeze"` drops it. Adds
   * `aggregate(dim='time',method='max')` to the history.
   *
   * @example
   * ```ts
   * patch.aggregate("time", "max").shape; // [300, 1]
   * ```
   */
  aggregate(dim: string, method: AggregateMethod, options: AggregateOptions = {}): Patch {
    return Patch.fromParts(aggregateParts(this.#parts, dim, method, options));
  }

  /**
   * Same dims, coordinates and declared attributes (history and extras ignored) and equal data
   * (NaN equals NaN), or data within numpy's `allclose` tolerance with `close`.
   *
   * @example
   * ```ts
   * patch.equals(patch.updateAttrs({ note: "x" })); // true
   * ```
   */
  equals(other: Patch, options: { close?: boolean } = {}): boolean {
    return patchEquals(this, other, options);
  }

  /**
   * A readable summary: header, coordinates, a numpy-style data preview and the attributes that
   * differ from their defaults.
   *
   * @example
   * ```ts
   * console.log(String(patch));
   * ```
   */
  toString(): string {
    return formatPatch(this);
  }
}

installProcessing(Patch);
