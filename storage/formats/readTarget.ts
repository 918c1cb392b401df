// Checks and fills a ReadTarget (types.ts): the one place that knows how a block of samples is
// laid into a caller's array at an offset with strides. Used by storage/h5 (wasm scratch → target)
// and by the registry when a format module returned its own array.
import { ParameterError } from "../../src/errors.ts";
import type { ReadTarget, TypedArray } from "./types.ts";

/** numpy-style dtype name of a typed array ("float32", "int64", …). */
export function arrayDtype(a: TypedArray): string {
  const name = a.constructor.name; // e.g. "Float32Array", "BigInt64Array"
  const map: Record<string, string> = {
    Float32Array: "float32",
    Float64Array: "float64",
    Int8Array: "int8",
    Uint8Array: "uint8",
    Int16Array: "int16",
    Uint16Array: "uint16",
    Int32Array: "int32",
    Uint32Array: "uint32",
    BigInt64Array: "int64",
    BigUint64Array: "uint64",
  };
  return map[name] ?? name;
}

/**
 * Throws ParameterError unless a block of `shape` with dtype `dtype` fits in `into`: same dtype
 * (no conversion on this path), one stride per dimension, every addressed element in bounds.
 * `what` names the read in the message.
 *
 * @example
 * ```ts
 * checkTarget({ data: new Float32Array(100), offset: 0, strides: [10, 1] }, [10, 10], "float32", "f.h5:/data");
 * ```
 */
export function checkTarget(into: ReadTarget, shape: readonly number[], dtype: string, what: string): void {
  const have = arrayDtype(into.data);
  if (have !== dtype) {
    throw new ParameterError(`${what}: read target is ${have} but the samples are ${dtype}`);
  }
  if (into.strides.length !== shape.length) {
    throw new ParameterError(`${what}: read target has ${into.strides.length} strides for ${shape.length} dimensions`);
  }
  if (!Number.isInteger(into.offset) || into.offset < 0 || into.strides.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new ParameterError(`${what}: read target offset and strides must be non-negative integers`);
  }
  if (shape.some((n) => n === 0)) return;
  let last = into.offset;
  for (let k = 0; k < shape.length; k++) last += (shape[k]! - 1) * into.strides[k]!;
  if (last >= into.data.length) {
    const n = shape.reduce((a, b) => a * b, 1);
    throw new ParameterError(
      `${what}: read target of ${into.data.length} samples is too small for ${n} samples [${shape.join(", ")}] at offset ${into.offset}`,
    );
  }
}

/** True when `strides` are the row-major strides of `shape` (the block is one run). */
function isRowMajor(shape: readonly number[], strides: readonly number[]): boolean {
  let s = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    if (shape[k]! > 1 && strides[k] !== s) return false;
    s *= shape[k]!;
  }
  return true;
}

type Settable = { set(a: ArrayLike<unknown>, o: number): void; subarray(a: number, b: number): ArrayLike<unknown> };

/**
 * Copies a row-major block `src` of `shape` into `into` (checked with {@link checkTarget} first).
 * One `set` when the target is contiguous, else one `set` per innermost run — the run is a
 * time row of a DAS patch, thousands of samples, so the per-run overhead is negligible.
 *
 * @example
 * ```ts
 * const out = new Float32Array(8); // a 2×4 output; place a 2×2 block in its right half
 * placeSamples(Float32Array.of(1, 2, 3, 4), [2, 2], { data: out, offset: 2, strides: [4, 1] });
 * // out = [0, 0, 1, 2, 0, 0, 3, 4]
 * ```
 */
export function placeSamples(src: TypedArray, shape: readonly number[], into: ReadTarget): void {
  const n = shape.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  const dst = into.data as unknown as Settable;
  const from = src as unknown as Settable;
  if (isRowMajor(shape, into.strides)) {
    dst.set(n === src.length ? src : from.subarray(0, n), into.offset);
    return;
  }
  const nd = shape.length;
  const run = shape[nd - 1]!;
  const inner = into.strides[nd - 1]!;
  const counter = new Array<number>(nd - 1).fill(0);
  const rows = n / run;
  for (let r = 0; r < rows; r++) {
    let at = into.offset;
    for (let k = 0; k < nd - 1; k++) at += counter[k]! * into.strides[k]!;
    const row = from.subarray(r * run, (r + 1) * run);
    if (inner === 1) dst.set(row, at);
    else for (let i = 0; i < run; i++) (into.data as Float64Array)[at + i * inner] = (row as Float64Array)[i]!;
    for (let k = nd - 2; k >= 0; k--) {
      if (++counter[k]! < shape[k]!) break;
      counter[k] = 0;
    }
  }
}
