// numpy dtype names for typed arrays and values, shared by coordinates and patches.
// A model module: imports only storage/formats/types.ts for the shared types.
import type { CoordDtype, TypedArray } from "../../storage/formats/types.ts";

/**
 * The numpy name of a typed array's element type (`Float32Array` → `"float32"`). `BigInt64Array`
 * is `"int64"`; time arrays are tagged `datetime64`/`timedelta64` by their coordinate, not here.
 *
 * @example
 * ```ts
 * typedArrayDtype(new Float32Array(2)); // "float32"
 * ```
 */
export function typedArrayDtype(a: TypedArray): CoordDtype {
  return typedArrayCtorDtype(a.constructor);
}

const CTOR_DTYPES: readonly (readonly [abstract new (...args: never[]) => unknown, CoordDtype])[] = [
  [Float64Array, "float64"],
  [Float32Array, "float32"],
  [Int8Array, "int8"],
  [Uint8Array, "uint8"],
  [Int16Array, "int16"],
  [Uint16Array, "uint16"],
  [Int32Array, "int32"],
  [Uint32Array, "uint32"],
  [BigInt64Array, "int64"],
];

/**
 * {@link typedArrayDtype} from the array's constructor (a subclass, such as Buffer, counts as its
 * base type), for a view whose samples are not computed yet.
 *
 * @example
 * ```ts
 * typedArrayCtorDtype(Float32Array); // "float32"
 * ```
 */
export function typedArrayCtorDtype(ctor: Function): CoordDtype {
  for (const [C, dtype] of CTOR_DTYPES) if (ctor === C || ctor.prototype instanceof C) return dtype;
  return "uint64";
}

/**
 * True for the dtypes whose values are bigint nanoseconds.
 *
 * @example
 * ```ts
 * isTimeDtype("datetime64"); // true
 * ```
 */
export function isTimeDtype(dtype: string): dtype is "datetime64" | "timedelta64" {
  return dtype === "datetime64" || dtype === "timedelta64";
}

/**
 * True when `v` is one of the typed arrays of {@link TypedArray} (not a DataView).
 *
 * @example
 * ```ts
 * isTypedArray(new Int16Array(1)); // true
 * ```
 */
export function isTypedArray(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/**
 * A new, empty typed array of the same class as `a` with `length` elements.
 *
 * @example
 * ```ts
 * sameKind(new Int16Array(3), 5); // Int16Array(5)
 * ```
 */
export function sameKind<T extends TypedArray>(a: T, length: number): T {
  const Ctor = a.constructor as new (n: number) => T;
  return new Ctor(length);
}
