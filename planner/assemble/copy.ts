// Output allocation for merge and concatenate; the copies themselves go through each source
// patch's strided view (`view.copyInto`), straight into the preallocated output.

import type { TypedArray } from "../../storage/formats/types.ts";

/** A typed array of the same kind as `like` (or Float64Array when kinds differ) of `length`. */
export function allocateLike(likes: readonly TypedArray[], length: number): TypedArray {
  const ctor = likes[0]!.constructor as new (n: number) => TypedArray;
  const same = likes.every((a) => a.constructor === ctor);
  return same ? new ctor(length) : new Float64Array(length);
}
