// Reading and writing the lines of a strided array for the spectral kernels: the start of every
// line along one axis in a source view and in a row-major output (padded or cut along any axis),
// and a gather of one line of any numeric type into a float64 buffer. Knows nothing of patches.
import { rowMajor } from "./lines.ts";

/** A strided array: element (i_0, …) at base[offset + Σ i_k·strides_k]. A complex one has a trailing (re, im) axis. */
export interface Strided {
  readonly base: ArrayLike<number> | ArrayLike<bigint>;
  readonly offset: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
}

/** Row-major interleaved complex `z` over `shape` as a {@link Strided} (trailing pair axis). */
export function complexStrided(z: Float64Array, shape: readonly number[]): Strided {
  return { base: z, offset: 0, shape: [...shape, 2], strides: [...rowMajor(shape).map((s) => 2 * s), 1] };
}

/**
 * The lines along `axis` of a row-major output over `outShape` (`width` numbers per element) and
 * of the source at the same positions off the axis: `dst[j]` the output line's start, `src[j]`
 * the source line's, or −1 where the output line lies past the source's extent (zero padding).
 */
export function linePairs(src: Strided, outShape: readonly number[], axis: number, width: 1 | 2): { src: number[]; dst: number[] } {
  const nd = outShape.length;
  const outS = rowMajor(outShape).map((s) => width * s);
  const srcOut: number[] = [];
  const dstOut: number[] = [];
  if (outShape.some((n) => n === 0)) return { src: srcOut, dst: dstOut };
  const idx = new Array<number>(nd).fill(0);
  for (;;) {
    let s = src.offset;
    let d = 0;
    let inside = true;
    for (let k = 0; k < nd; k++) {
      if (k === axis) continue;
      if (idx[k]! >= src.shape[k]!) inside = false;
      s += idx[k]! * src.strides[k]!;
      d += idx[k]! * outS[k]!;
    }
    srcOut.push(inside ? s : -1);
    dstOut.push(d);
    let k = nd - 1;
    for (; k >= 0; k--) {
      if (k === axis) continue;
      if (++idx[k]! < outShape[k]!) break;
      idx[k] = 0;
    }
    if (k < 0) break;
  }
  return { src: srcOut, dst: dstOut };
}

/** buf[i] = base[start + i·stride] / div for i < n, whatever the numeric type of base. */
export function gatherLine(base: Strided["base"], start: number, stride: number, n: number, buf: Float64Array, div = 1): void {
  if (stride === 1 && div === 1 && (base instanceof Float64Array || base instanceof Float32Array)) {
    buf.set(base.subarray(start, start + n)); // a block copy (or conversion) is 3× the loop's speed
  } else if (base instanceof Float64Array) {
    if (div === 1) for (let i = 0, p = start; i < n; i++, p += stride) buf[i] = base[p]!;
    else for (let i = 0, p = start; i < n; i++, p += stride) buf[i] = base[p]! / div;
  } else if (base instanceof Float32Array) {
    for (let i = 0, p = start; i < n; i++, p += stride) buf[i] = base[p]! / div;
  } else if (base instanceof BigInt64Array || base instanceof BigUint64Array) {
    for (let i = 0, p = start; i < n; i++, p += stride) buf[i] = Number(base[p]!) / div;
  } else {
    const b = base as ArrayLike<number>;
    for (let i = 0, p = start; i < n; i++, p += stride) buf[i] = Number(b[p]!) / div;
  }
}

/**
 * Line `start, stride, n` of `base` to read from: the array itself (a subarray view, no copy)
 * for contiguous float64 lines, else gathered into `buf`. Only for readers: the view aliases
 * the source.
 */
export function readLine(base: Strided["base"], start: number, stride: number, n: number, buf: Float64Array): Float64Array {
  if (stride === 1 && base instanceof Float64Array) return base.subarray(start, start + n);
  gatherLine(base, start, stride, n, buf);
  return buf;
}
