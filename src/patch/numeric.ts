// The sample type of `patch.data`: typed arrays of plain numbers (no BigInt64Array), so numeric
// code on patch data type-checks without casts.
import { ParameterError } from "../errors.ts";
import type { TypedArray } from "../../storage/formats/types.ts";

/**
 * Typed arrays whose elements are `number`: the type of `patch.data`.
 *
 * Decision: int64/uint64 samples (rare in DAS; DASCore can write them) stay exact in the patch
 * (`patch.view`, `getArray()`, writes), and `patch.data` gives them as a Float64Array, which is
 * exact for every value up to 2^53 in magnitude; a larger value throws rather than round.
 *
 * A union (not one interface) so that `instanceof Float32Array` narrows it. Elements, indexing,
 * `for…of`, `subarray`, `length` and `Float64Array.from(data, fn)` type-check as is; TypeScript
 * cannot call callback methods (`reduce`, `map`) on a union of array types, so narrow first or
 * copy (`Float64Array.from(p.data)`).
 *
 * @example
 * ```ts
 * const d: NumericArray = patch.data;
 * let sum = 0;
 * for (const x of d) sum += x; // no casts
 * ```
 */
export type NumericArray = Exclude<TypedArray, BigInt64Array | BigUint64Array>;

/**
 * `a` itself when it holds numbers, else an exact Float64Array copy of its bigints.
 *
 * @throws ParameterError for an integer beyond ±2^53, which a float64 cannot hold exactly.
 * @example
 * ```ts
 * asNumeric(BigInt64Array.of(3n)); // Float64Array [3]
 * ```
 */
export function asNumeric(a: TypedArray): NumericArray {
  if (!(a instanceof BigInt64Array || a instanceof BigUint64Array)) return a;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v > 9007199254740992n || v < -9007199254740992n) {
      throw new ParameterError(`int64 sample ${v} at position ${i} exceeds 2^53 and cannot be read exactly as a number; read patch.view for the exact values`);
    }
    out[i] = Number(v);
  }
  return out;
}
