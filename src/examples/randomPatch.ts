// Example patches of SPEC §8, as DASCore's `dascore/examples.py` builds them: numpy's
// RandomState(13) samples on a (distance, time) grid from 2017-09-18 with a 4 ms step.
import { ParameterError } from "../errors.ts";
import { coordRange } from "../coords/build.ts";
import { Patch } from "../patch/Patch.ts";
import { MT19937 } from "./mt19937.ts";

/** Overrides accepted by the `random_das` example (DASCore's keyword names). */
export interface RandomPatchOptions {
  /** Start time, any time form (default `"2017-09-18"`). */
  time_min?: bigint | number | string | Date;
  /** Time step, a duration: seconds as a number, bigint ns, or text like `"4ms"` (default 4 ms). */
  time_step?: bigint | number | string;
  distance_min?: number;
  distance_step?: number;
  /** `[distance, time]` lengths (default `[300, 2000]`). */
  shape?: readonly [number, number];
  network?: string;
  station?: string;
  tag?: string;
}

const DEFAULT_SHAPE = [300, 2000] as const;
const cache = new Map<string, Float64Array>();

/**
 * RandomState(13).random(shape), generated once per shape (33 ms for the default shape) and
 * returned as a fresh copy, so a caller that mutates its patch's data cannot corrupt later
 * examples.
 *
 * @example
 * ```ts
 * randomSamples([300, 2000])[0]; // 0.7777024105738202
 * ```
 */
export function randomSamples(shape: readonly number[]): Float64Array {
  const key = shape.join("x");
  let data = cache.get(key);
  if (!data) {
    data = new MT19937(13).random(shape.reduce((a, b) => a * b, 1));
    if (cache.size > 8) cache.clear();
    cache.set(key, data);
  }
  return data.slice();
}

/**
 * DASCore's `random_das` example patch (`samples`, if given, must be `randomSamples(shape)`;
 * example spools pass one copy to all their patches): shape (300, 2000), dims `["distance", "time"]`, float64
 * samples from numpy's `RandomState(13).random((300, 2000))` reproduced exactly, time from
 * 2017-09-18 every 4 ms, distance 0…299 m, attrs `tag: "random"`, `category: "DAS"`.
 *
 * @example
 * ```ts
 * randomPatch({ time_min: "2020-01-03", shape: [10, 100] }).shape; // [10, 100]
 * ```
 */
export function randomPatch(options: RandomPatchOptions = {}, samples?: Float64Array): Patch {
  const shape = options.shape ?? DEFAULT_SHAPE;
  if (shape.length !== 2 || shape.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new ParameterError(`shape must be two non-negative integers, got ${JSON.stringify(shape)}`);
  }
  const time = coordRange({ start: options.time_min ?? "2017-09-18", step: options.time_step ?? 4_000_000n, length: shape[1], units: "s" });
  const distance = coordRange({ start: options.distance_min ?? 0, step: options.distance_step ?? 1, length: shape[0], units: "m" });
  return new Patch({
    data: samples ?? randomSamples(shape),
    dims: ["distance", "time"],
    coords: { distance, time },
    attrs: { category: "DAS", network: options.network ?? "", station: options.station ?? "", tag: options.tag ?? "random" },
  });
}

/** The example patch builders by name. */
const EXAMPLE_PATCHES: Record<string, (o: RandomPatchOptions) => Patch> = {
  random_das: randomPatch,
  random_patch_with_lat_lon: (o) => {
    const p = randomPatch(o);
    const n = p.shape[0]!;
    const lat = Float64Array.from({ length: n }, (_, i) => i * 0.001 - 109.857952);
    const lon = Float64Array.from({ length: n }, (_, i) => i * 0.001 + 41.544654);
    return p.updateCoords({ latitude: { dims: ["distance"], values: lat }, longitude: { dims: ["distance"], values: lon } });
  },
  patch_with_null: (o) => {
    const p = randomPatch(o);
    const [rows, cols] = p.shape as [number, number];
    const data = Float64Array.from(p.data as Float64Array, (x) => (x > 0.9 ? NaN : x));
    for (let r = 0; r < rows; r++) data[r * cols] = NaN;
    data.fill(NaN, 0, cols);
    return new Patch({ data, dims: p.dims, coords: p.coords, attrs: p.parts.attrs });
  },
};

/**
 * An example patch by name (SPEC §8): `"random_das"` (default), `"random_patch_with_lat_lon"`
 * (adds latitude/longitude along distance) or `"patch_with_null"` (NaN where > 0.9, and in the
 * first row and column), with the overrides of {@link RandomPatchOptions}.
 *
 * @throws ParameterError for an unknown name, listing the known ones.
 * @example
 * ```ts
 * const patch = getExamplePatch();
 * patch.data[0]; // 0.7777024105738202
 * getExamplePatch("random_das", { time_min: "2020-01-03", station: "A" });
 * ```
 */
export function getExamplePatch(name = "random_das", overrides: RandomPatchOptions = {}): Patch {
  const build = EXAMPLE_PATCHES[name];
  if (!build) {
    throw new ParameterError(`no example patch named ${JSON.stringify(name)}; known examples are: ${Object.keys(EXAMPLE_PATCHES).join(", ")}`);
  }
  return build(overrides);
}
