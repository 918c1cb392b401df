// Writing helpers over h5wasm: typed datasets and attributes with explicit dtypes, so int64 stays
// int64 (bigint) and strings are UTF-8 variable-length, as h5py and PyTables read them.
import { CorruptFileError } from "../../src/errors.ts";
import type { TypedArray } from "../formats/types.ts";
import type { H5Dataset, H5Group } from "./file.ts";

/**
 * A value {@link writeAttr} can store: numbers as float64, bigints as int64, strings as UTF-8
 * variable-length, booleans as int8 0/1 (h5wasm cannot create HDF5 bitfield/enum types; they read
 * back as the numbers 0/1, truthy in DASCore).
 */
export type WritableAttr = string | number | bigint | boolean | string[] | TypedArray;

const DTYPE_BY_CTOR: Record<string, string> = {
  Float32Array: "<f",
  Float64Array: "<d",
  Int8Array: "<b",
  Uint8Array: "<B",
  Int16Array: "<h",
  Uint16Array: "<H",
  Int32Array: "<i",
  Uint32Array: "<I",
  BigInt64Array: "<q",
  BigUint64Array: "<Q",
};

/** The h5wasm dtype string of a typed array ("<f", "<d", "<q", ...; numpy struct codes). */
export function dtypeOf(data: TypedArray): string {
  const d = DTYPE_BY_CTOR[data.constructor.name];
  if (!d) throw new CorruptFileError(`cannot write arrays of type ${data.constructor.name}`);
  return d;
}

/**
 * Writes (or replaces) attribute `name` on a group or dataset.
 * @example
 * ```ts
 * writeAttr(group, "_dims", "distance,time");
 * ```
 */
export function writeAttr(node: H5Group | H5Dataset, name: string, value: WritableAttr): void {
  if (name in node.attrs) node.delete_attribute(name);
  if (typeof value === "string") {
    node.create_attribute(name, value, null, "S");
  } else if (typeof value === "boolean") {
    node.create_attribute(name, Int8Array.of(value ? 1 : 0), [], "<b");
  } else if (typeof value === "bigint") {
    node.create_attribute(name, BigInt64Array.of(value), [], "<q");
  } else if (typeof value === "number") {
    // JS numbers are doubles: store them as float64 so they read back as numbers (bigint ↔ int64).
    node.create_attribute(name, Float64Array.of(value), [], "<d");
  } else if (Array.isArray(value)) {
    node.create_attribute(name, value, [value.length], "S");
  } else {
    node.create_attribute(name, value, [value.length], dtypeOf(value));
  }
}

/**
 * Creates a contiguous dataset holding `data` (row-major over `shape`).
 * @example
 * ```ts
 * createDataset(group, "data", new Float32Array(6), [2, 3]);
 * ```
 */
export function createDataset(group: H5Group, name: string, data: TypedArray, shape: number[]): H5Dataset {
  const n = shape.reduce((p, c) => p * c, 1);
  if (n !== data.length) {
    throw new CorruptFileError(`dataset ${name}: ${data.length} values do not fill shape [${shape}]`);
  }
  return group.create_dataset({ name, data, shape, dtype: dtypeOf(data) });
}
