// Spectral kernels on interleaved complex arrays (re, im pairs, row-major over a shape): the FFT
// along one axis, fftshift, scipy's next_fast_len, the analytic signal (scipy.signal.hilbert's
// spectrum weights) and scipy.ndimage.uniform_filter1d(mode="wrap"). Strided lines, no transposes;
// knows nothing of patches.
import { dft, irfftInto, rfftInto } from "./fft.ts";
import { forEachLine, rowMajor } from "./lines.ts";

/**
 * scipy.fft.next_fast_len(n) for complex transforms: the smallest 11-smooth number ≥ n
 * (pocketfft's good_size), the length DASCore pads to with `pad(dim="fft")`.
 *
 * @example
 * ```ts
 * nextFastLen(301); // 308 = 2²·7·11
 * ```
 */
export function nextFastLen(n: number): number {
  if (n <= 6) return Math.max(n, 1);
  for (let m = n; ; m++) {
    let r = m;
    for (const p of [2, 3, 5, 7, 11]) while (r % p === 0) r /= p;
    if (r === 1) return m;
  }
}

/** Calls `fn(re, im, start, stride)` on every complex line along `axis`, scattering what fn leaves in re/im. */
export function mapComplexLines(z: Float64Array, shape: readonly number[], axis: number, fn: (re: Float64Array, im: Float64Array) => void): void {
  const strides = rowMajor(shape).map((s) => 2 * s);
  const n = shape[axis]!;
  const stride = strides[axis]!;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  forEachLine(shape, strides, 0, axis, (start) => {
    for (let i = 0, p = start; i < n; i++, p += stride) {
      re[i] = z[p]!;
      im[i] = z[p + 1]!;
    }
    fn(re, im);
    for (let i = 0, p = start; i < n; i++, p += stride) {
      z[p] = re[i]!;
      z[p + 1] = im[i]!;
    }
  });
}

/** In-place complex FFT (or unnormalised inverse) of every line along `axis`. */
export function fftAlong(z: Float64Array, shape: readonly number[], axis: number, inverse: boolean): void {
  mapComplexLines(z, shape, axis, (re, im) => dft(re, im, inverse));
}

/**
 * numpy.fft.fftshift (or, `inverse`, ifftshift) along `axis`, in place: element i moves to
 * (i + ⌊n/2⌋) mod n (ifftshift: (i − ⌊n/2⌋) mod n).
 */
export function shiftAlong(z: Float64Array, shape: readonly number[], axis: number, inverse: boolean): void {
  const n = shape[axis]!;
  const k = inverse ? n - (n >> 1) : n >> 1;
  const tr = new Float64Array(n);
  const ti = new Float64Array(n);
  mapComplexLines(z, shape, axis, (re, im) => {
    for (let i = 0; i < n; i++) {
      tr[(i + k) % n] = re[i]!;
      ti[(i + k) % n] = im[i]!;
    }
    re.set(tr);
    im.set(ti);
  });
}

/**
 * The analytic signal of every line along `axis` (scipy.signal.hilbert): FFT, weights h = 1 at
 * DC (and Nyquist for even n), 2 for positive frequencies, 0 for negative, inverse FFT / n.
 */
export function analyticAlong(z: Float64Array, shape: readonly number[], axis: number): void {
  const n = shape[axis]!;
  const h = new Float64Array(n);
  if (n > 0) h[0] = 1;
  if (n % 2 === 0) {
    h[n >> 1] = 1;
    for (let i = 1; i < n >> 1; i++) h[i] = 2;
  } else for (let i = 1; i < (n + 1) >> 1; i++) h[i] = 2;
  mapComplexLines(z, shape, axis, (re, im) => {
    dft(re, im, false);
    for (let i = 0; i < n; i++) {
      re[i] = re[i]! * h[i]!;
      im[i] = im[i]! * h[i]!;
    }
    dft(re, im, true);
    for (let i = 0; i < n; i++) {
      re[i] = re[i]! / n;
      im[i] = im[i]! / n;
    }
  });
}

/**
 * scipy.ndimage.uniform_filter1d(x, size, mode="wrap") of a real line into `out`: the mean of
 * `size` samples centred at i (origin 0: ⌊size/2⌋ before, the rest after), indices wrapped.
 * A running sum, as ndimage's; each output = sum / size.
 */
export function uniformWrap(x: Float64Array, size: number, out: Float64Array): void {
  const n = x.length;
  const before = size >> 1;
  const at = (i: number): number => x[((i % n) + n) % n]!;
  let sum = 0;
  for (let j = -before; j < size - before; j++) sum += at(j);
  out[0] = sum / size;
  for (let i = 1; i < n; i++) {
    sum += at(i + size - before - 1) - at(i - before - 1);
    out[i] = sum / size;
  }
}

/** Row-major copy of `z` over `shape` (`width` numbers per element: 2 for complex) with `axis` cut to its first `keep` elements. */
export function truncateAlong<T extends Float32Array | Float64Array>(z: T, shape: readonly number[], axis: number, keep: number, width: 1 | 2): T {
  const outShape = shape.map((s, k) => (k === axis ? keep : s));
  const total = outShape.reduce((a, b) => a * b, 1);
  const out = new (z.constructor as new (n: number) => T)(width * total);
  const inS = rowMajor(shape);
  const outS = rowMajor(outShape);
  for (let j = 0; j < total; j++) {
    let r = j;
    let src = 0;
    for (let k = 0; k < shape.length; k++) {
      const idx = Math.floor(r / outS[k]!);
      r -= idx * outS[k]!;
      src += idx * inS[k]!;
    }
    for (let w = 0; w < width; w++) out[width * j + w] = z[width * src + w]!;
  }
  return out;
}

/**
 * numpy.fft.rfft of every line along `axis` of a real array held as interleaved complex (the
 * imaginary slots are ignored): a complex array over `shape` with `axis` cut to n//2 + 1 bins.
 * Half the work of the complex transform then a cut, which gives the same bins.
 */
export function rfftAlong(z: Float64Array, shape: readonly number[], axis: number): Float64Array {
  const n = shape[axis]!;
  const keep = (n >> 1) + 1;
  const outShape = shape.map((s, k) => (k === axis ? keep : s));
  const out = new Float64Array(2 * outShape.reduce((a, b) => a * b, 1));
  const inS = rowMajor(shape).map((s) => 2 * s);
  const outS = rowMajor(outShape).map((s) => 2 * s);
  const x = new Float64Array(n);
  const re = new Float64Array(keep);
  const im = new Float64Array(keep);
  const starts: number[] = [];
  forEachLine(outShape, outS, 0, axis, (s) => void starts.push(s));
  let j = 0;
  forEachLine(shape, inS, 0, axis, (start) => {
    for (let i = 0, p = start; i < n; i++, p += inS[axis]!) x[i] = z[p]!;
    rfftInto(x, re, im);
    const o = starts[j++]!;
    for (let i = 0, p = o; i < keep; i++, p += outS[axis]!) (out[p] = re[i]!), (out[p + 1] = im[i]!);
  });
  return out;
}

/**
 * numpy.fft.irfft(·, n) of every complex line along `axis` (its first n//2 + 1 bins used, the
 * rest of a shorter line zero): a real array over `shape` with `axis` of length n, divided by n.
 */
export function irfftAlong(z: Float64Array, shape: readonly number[], axis: number, n: number): Float64Array {
  const outShape = shape.map((s, k) => (k === axis ? n : s));
  const out = new Float64Array(outShape.reduce((a, b) => a * b, 1));
  const inS = rowMajor(shape).map((s) => 2 * s);
  const outS = rowMajor(outShape);
  const m = shape[axis]!;
  const xr = new Float64Array(m);
  const xi = new Float64Array(m);
  const line = new Float64Array(n);
  // walk the lines of the output and the input together: same positions off the axis
  const starts: number[] = [];
  forEachLine(outShape, outS, 0, axis, (s) => void starts.push(s));
  let j = 0;
  forEachLine(shape, inS, 0, axis, (start) => {
    for (let i = 0, p = start; i < m; i++, p += inS[axis]!) {
      xr[i] = z[p]!;
      xi[i] = z[p + 1]!;
    }
    irfftInto(xr, xi, n, line);
    const o = starts[j++]!;
    for (let i = 0; i < n; i++) out[o + i * outS[axis]!] = line[i]!;
  });
  return out;
}
