// The one copy kernel behind merge and concatenate: places a source block into a preallocated
// output along one axis, one contiguous run per outer index (no repeated concatenation).

import type { TypedArray } from "../../storage/formats/types.ts";

/**
 * Copies `src` (row-major, shape `srcShape`) into `out` (row-major, shape `outShape`) at `offset`
 * along `axis`. All other axes must agree. When `axis` is 0 this is a single `set`.
 */
export function copyAlongAxis(
  out: TypedArray,
  outShape: readonly number[],
  src: TypedArray,
  srcShape: readonly number[],
  axis: number,
  offset: number,
): void {
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= outShape[i]!;
  let inner = 1;
  for (let i = axis + 1; i < outShape.length; i++) inner *= outShape[i]!;
  const srcRun = srcShape[axis]! * inner;
  const outRun = outShape[axis]! * inner;
  const o = out as unknown as { set(a: ArrayLike<number | bigint>, at: number): void };
  for (let k = 0; k < outer; k++) {
    o.set(src.subarray(k * srcRun, (k + 1) * srcRun) as ArrayLike<number>, k * outRun + offset * inner);
  }
}

/** Stacks `src` as slice `k` of a new last axis of `out` (shape = src shape + [n]). */
export function copyIntoNewAxis(out: TypedArray, src: TypedArray, k: number, n: number): void {
  const o = out as unknown as Record<number, number | bigint>;
  const s = src as unknown as ArrayLike<number | bigint>;
  for (let i = 0; i < s.length; i++) o[i * n + k] = s[i]!;
}

/** A typed array of the same kind as `like` (or Float64Array when kinds differ) of `length`. */
export function allocateLike(likes: readonly TypedArray[], length: number): TypedArray {
  const ctor = likes[0]!.constructor as new (n: number) => TypedArray;
  const same = likes.every((a) => a.constructor === ctor);
  return same ? new ctor(length) : new Float64Array(length);
}
