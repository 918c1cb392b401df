// Walking the 1-D lines of an N-D strided array along one axis: the shared loop of every kernel
// that works "along a dimension" without transposing.

/** Row-major strides of `shape`. */
export function rowMajor(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let k = shape.length - 2; k >= 0; k--) s[k] = s[k + 1]! * shape[k + 1]!;
  return s;
}

/**
 * Calls `fn(start)` with the offset of the first element of every line along `axis` (in row-major
 * order of the other axes); the line's elements are `start + i·strides[axis]`.
 *
 * @example
 * ```ts
 * forEachLine([2, 3], [3, 1], 0, 0, (s) => starts.push(s)); // starts: 0, 1, 2 (columns)
 * ```
 */
export function forEachLine(shape: readonly number[], strides: readonly number[], offset: number, axis: number, fn: (start: number) => void): void {
  const nd = shape.length;
  if (shape.some((n) => n === 0)) return;
  const counter = new Array<number>(nd).fill(0);
  let pos = offset;
  const total = shape.reduce((a, b, k) => (k === axis ? a : a * b), 1);
  for (let j = 0; j < total; j++) {
    fn(pos);
    for (let k = nd - 1; k >= 0; k--) {
      if (k === axis) continue;
      if (++counter[k]! < shape[k]!) {
        pos += strides[k]!;
        break;
      }
      pos -= strides[k]! * (shape[k]! - 1);
      counter[k] = 0;
    }
  }
}

/** Copy line `start, stride, n` of `a` into `buf` (which must hold n). */
export function gather(a: ArrayLike<number>, start: number, stride: number, n: number, buf: Float64Array): void {
  for (let i = 0, p = start; i < n; i++, p += stride) buf[i] = a[p]!;
}

/** Write `buf[0..n)` into line `start, stride` of `a`. */
export function scatter(a: { [i: number]: number }, start: number, stride: number, n: number, buf: ArrayLike<number>): void {
  for (let i = 0, p = start; i < n; i++, p += stride) a[p] = buf[i]!;
}
