// Output allocation for assembly: each output's samples are allocated once — by the source
// resolver when it supplies buffers (a caller's `into`), else as a new typed array — and members
// are read or copied straight into place.
//
// Why no internal pool: new memory is the dominant cost of a read on some machines (RESULTS.md
// `### read`), but an output handed to user code has no end of life the planner can see. A
// pooled region recycled when a FinalizationRegistry sees its view die would be overwritten
// under a selection (another view of the same buffer) or a user's `.buffer` still in use, and
// transferring one patch to a worker would detach a shared arena. So reuse is the caller's word
// (`dc.read(path, { into })`), or the process's malloc settings (GLIBC_TUNABLES, see dc.read).

import type { TypedArray } from "../../storage/formats/types.ts";
import type { SourceResolver } from "../context.ts";

type Ctor = new (n: number) => TypedArray;

const CTORS: Record<string, Ctor> = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
};

/** The typed-array constructor of a numpy-style dtype name, or null for an unknown name. */
export function ctorOf(dtype: string): Ctor | null {
  return CTORS[dtype] ?? null;
}

/** numpy-style dtype of an output joining arrays like `likes` (float64 when kinds differ). */
export function joinedDtype(likes: readonly TypedArray[]): string {
  const ctor = likes[0]!.constructor;
  if (!likes.every((a) => a.constructor === ctor)) return "float64";
  return Object.keys(CTORS).find((k) => CTORS[k] === ctor) ?? "float64";
}

/** An output array, and whether it is known to hold zeros (a new one) or may hold old samples. */
export interface Output {
  data: TypedArray;
  zeroed: boolean;
}

/**
 * The array for one output of `length` samples of `dtype`: the resolver's (a caller's buffer,
 * see `dc.read`'s `into`) when it supplies one, else a new typed array.
 */
export function allocateOutput(sources: SourceResolver, dtype: string, length: number): Output {
  const given = sources.allocate?.(dtype, length) ?? null;
  if (given) return { data: given, zeroed: false };
  const ctor = ctorOf(dtype) ?? Float64Array;
  return { data: new ctor(length), zeroed: true };
}

/** A typed array of the same kind as `like` (or Float64Array when kinds differ) of `length`. */
export function allocateLike(likes: readonly TypedArray[], length: number): TypedArray {
  return new (ctorOf(joinedDtype(likes)) ?? Float64Array)(length);
}
