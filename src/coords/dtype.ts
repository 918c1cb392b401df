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
  if (a instanceof Float64Array) return "float64";
  if (a instanceof Float32Array) return "float32";
  if (a instanceof Int8Array) return "int8";
  if (a instanceof Uint8Array) return "uint8";
  if (a instanceof Int16Array) return "int16";
  if (a instanceof Uint16Array) return "uint16";
  if (a instanceof Int32Array) return "int32";
  if (a instanceof Uint32Array) return "uint32";
  if (a instanceof BigInt64Array) return "int64";
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
