// Complex samples for the processing methods: read any patch into one interleaved float64
// complex buffer (optionally zero-padded), wrap a complex result as complex64/complex128 parts,
// and the element-wise methods of complex data (real, imag, angle, conj, abs), as numpy does.
import type { TypedArray } from "../../storage/formats/types.ts";
import { isComplexDtype, type PatchParts } from "../patch/construct.ts";
import { rowMajorStrides, StridedArray } from "../patch/StridedArray.ts";
import { historyEntry } from "./history.ts";
import { withData } from "./plumbing.ts";

/** Whether a patch's samples are complex. */
export function isComplex(parts: PatchParts): boolean {
  return isComplexDtype(parts.dtype) && parts.view.shape.length === parts.dims.length + 1;
}

/** The dimension shape of a patch (a complex view's trailing (re, im) axis left out). */
export function dimShape(parts: PatchParts): number[] {
  return parts.view.shape.slice(0, parts.dims.length);
}

/** Whether numpy would keep single precision (float32, float16, complex64 in; complex64 out). */
export function isSingle(parts: PatchParts): boolean {
  return parts.view.base instanceof Float32Array;
}

/**
 * The samples as interleaved complex float64 over `shape` (default the patch's), the patch's
 * samples at the start of each axis and zeros after (numpy's zero padding before an FFT).
 */
export function complexCopy(parts: PatchParts, shape: readonly number[] = dimShape(parts)): Float64Array {
  const out = new Float64Array(2 * shape.reduce((a, b) => a * b, 1));
  const strides = rowMajorStrides(shape).map((s) => 2 * s);
  if (isComplex(parts)) parts.view.copyInto(out, 0, [...strides, 1]);
  else parts.view.copyInto(out, 0, strides);
  return out;
}

/** Parts holding complex `z` (interleaved, row-major over `shape`): complex64 when `single`. */
export function complexResult(
  parts: PatchParts,
  z: Float64Array,
  single: boolean,
  entry: string | null,
  change: Parameters<typeof withData>[3] & { shape: readonly number[] },
): PatchParts {
  const data = single ? Float32Array.from(z) : z;
  const out = withData(parts, data, entry, { ...change, shape: [...change.shape, 2] });
  return { ...out, dtype: single ? "complex64" : "complex128" };
}

/** Parts holding the real samples `data` (row-major over the dimension shape). */
export function realResult(parts: PatchParts, data: TypedArray, entry: string | null, change: Parameters<typeof withData>[3] = {}): PatchParts {
  const { dtype: _drop, ...rest } = withData(parts, data, entry, { shape: dimShape(parts), ...change });
  return rest;
}

/** One of numpy's element-wise complex functions. */
export type ComplexFn = "real" | "imag" | "angle" | "conj" | "abs";

/**
 * `np.real`, `np.imag`, `np.angle`, `np.conj` or `np.abs` of the samples: complex64 gives
 * float32 (conj: complex64), complex128 float64. Real data: real and conj return the samples,
 * imag zeros of the same type, angle 0 or π as float (numpy's arctan2(0, x)). History
 * `real()` etc.; angle clears `data_type`, as DASCore.
 */
export function complexFnParts(parts: PatchParts, fn: ComplexFn): PatchParts {
  const entry = historyEntry(fn, {});
  if (!isComplex(parts)) {
    if (fn === "real" || fn === "conj") return withData(parts, parts.view.toContiguous(), entry);
    const src = parts.view.toContiguous();
    if (fn === "imag") return withData(parts, new (src.constructor as new (n: number) => TypedArray)(src.length), entry);
    if (fn === "abs") return withData(parts, (src as Float64Array).map((v) => Math.abs(v)) as TypedArray, entry);
    const Ctor = src instanceof Float32Array ? Float32Array : Float64Array;
    const out = new Ctor(src.length);
    for (let i = 0; i < src.length; i++) out[i] = Math.atan2(0, Number(src[i]!));
    const res = withData(parts, out, entry);
    return { ...res, attrs: { ...res.attrs, data_type: "" } };
  }
  const z = parts.view.toContiguous() as Float32Array | Float64Array;
  const shape = dimShape(parts);
  if (fn === "conj") {
    const out = z.slice();
    for (let i = 1; i < out.length; i += 2) out[i] = -out[i]!;
    return { ...withData(parts, out, entry, { shape: [...shape, 2] }), dtype: parts.dtype! };
  }
  const Ctor = z instanceof Float32Array ? Float32Array : Float64Array;
  const out = new Ctor(z.length / 2);
  for (let i = 0; i < out.length; i++) {
    const re = z[2 * i]!;
    const im = z[2 * i + 1]!;
    out[i] = fn === "real" ? re : fn === "imag" ? im : fn === "abs" ? Math.hypot(re, im) : Math.atan2(im, re);
  }
  const res = realResult(parts, out, entry);
  return fn === "angle" ? { ...res, attrs: { ...res.attrs, data_type: "" } } : res;
}

/** A contiguous strided view of complex `z` (used by kernels that read a patch as complex). */
export function complexView(z: Float64Array, shape: readonly number[]): StridedArray {
  return StridedArray.contiguous(z, [...shape, 2]);
}
