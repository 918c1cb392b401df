// Spectral kernels over strided arrays (interleaved complex: re, im pairs): FFTs of every line
// along one axis read straight from a source view (zero-padded, shifted, scaled on the way) and
// written straight into a row-major output, scipy's next_fast_len, the analytic signal and
// scipy.ndimage.uniform_filter1d(mode="wrap"). One reused line per call, no transposes, no
// intermediate copies of the whole array; knows nothing of patches.
import { dft } from "./fftPlan.ts";
import { irfftFrom, rfftTo } from "./fft.ts";
import { gatherLine, linePairs, readLine, type Strided } from "./lineIo.ts";
import { rowMajor } from "./lines.ts";
import { magnitude } from "./complex.ts";
import { analyticPairs, fftRealPairs, irfftPairs, mirrorSpectrum, rfftPairs } from "./spectralPairs.ts";

export { magnitude } from "./complex.ts";

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

/** How {@link fftLines} reads and writes: input ÷ inDiv, ifftshift on the way in, fftshift out, output × (outMul · 1/outDiv). */
export interface FftLineOptions {
  inverse: boolean;
  inDiv?: number;
  outMul?: number;
  outDiv?: number;
  shiftIn?: boolean;
  shiftOut?: boolean;
}

/** The complex part of a source's elements: offset of the imaginary part, or null for real samples. */
function pairStride(src: Strided, complex: boolean): number | null {
  return complex ? src.strides[src.strides.length - 1]! : null;
}

/**
 * Complex FFT (or unnormalised inverse) of every line along `axis` of `src` (real, or complex
 * when `complex`; zero-padded to `outShape[axis]`) into interleaved `out`, row-major over
 * `outShape`. Output lines past the source's extent are left as they are (zeros in fresh
 * memory). `src` may view `out` itself (each line is read whole before it is written).
 */
export function fftLines(src: Strided, complex: boolean, axis: number, out: Float64Array, outShape: readonly number[], o: FftLineOptions): void {
  const N = outShape[axis]!;
  const n = Math.min(src.shape[axis]!, N);
  const { src: ss, dst } = linePairs(src, outShape, axis, 2);
  const re = new Float64Array(N);
  const im = new Float64Array(N);
  const tr = o.shiftIn ? new Float64Array(N) : re;
  const ti = o.shiftIn ? new Float64Array(N) : im;
  const st = src.strides[axis]!;
  const pair = pairStride(src, complex);
  const ost = 2 * rowMajor(outShape)[axis]!;
  const inDiv = o.inDiv ?? 1;
  // one factor per output, as pocketfft scales its ifft by 1/n (a division per sample is slower)
  const f = (o.outMul ?? 1) * (1 / (o.outDiv ?? 1));
  const half = N >> 1;
  // a real line's forward transform is Hermitian: its rfft (half the work) and the mirror
  const viaReal = pair === null && !o.inverse && !o.shiftIn;
  const spec = viaReal ? new Float64Array(2 * (half + 1)) : null;
  // fftshift: element i moves to (i + ⌊N/2⌋) mod N
  const sh = o.shiftOut ? half : 0;
  // real lines two at a time where the SIMD FFT takes N; the rest one by one
  const todo = viaReal ? fftRealPairs(withSource(ss), src, ss, dst, st, n, N, inDiv, f, sh, out, ost) : withSource(ss);
  for (const j of todo) {
    const s = ss[j]!;
    const d = dst[j]!;
    if (spec !== null) {
      gatherLine(src.base, s, st, n, tr, inDiv);
      tr.fill(0, n);
      rfftTo(tr, spec, 0, 2, f);
      mirrorSpectrum(spec, 0, N, sh, out, d, ost);
      continue;
    }
    forward(src.base, s, st, n, pair, inDiv, tr, ti, re, im, o);
    for (let i = 0, q = d + sh * ost; i < N - sh; i++, q += ost) (out[q] = re[i]! * f), (out[q + 1] = im[i]! * f);
    for (let i = N - sh, q = d; i < N; i++, q += ost) (out[q] = re[i]! * f), (out[q + 1] = im[i]! * f);
  }
}

/** One line of {@link fftLines} through the complex transform: gather (÷ inDiv), zero-pad, ifftshift when asked, transform into re/im. */
function forward(base: Strided["base"], s: number, st: number, n: number, pair: number | null, inDiv: number, tr: Float64Array, ti: Float64Array, re: Float64Array, im: Float64Array, o: FftLineOptions): void {
  const N = re.length;
  const half = N >> 1;
  gatherLine(base, s, st, n, tr, inDiv);
  if (pair === null) ti.fill(0, 0, n);
  else gatherLine(base, s + pair, st, n, ti, inDiv);
  tr.fill(0, n);
  ti.fill(0, n);
  if (o.shiftIn) {
    // ifftshift: element i moves to (i − ⌊N/2⌋) mod N
    for (let i = 0; i < N; i++) {
      const k = i < half ? i - half + N : i - half;
      re[k] = tr[i]!;
      im[k] = ti[i]!;
    }
  }
  dft(re, im, o.inverse);
}

/** The indices of the lines that have a source line (the others stay zero: padding). */
function withSource(ss: readonly number[]): number[] {
  const out: number[] = [];
  for (let j = 0; j < ss.length; j++) if (ss[j]! >= 0) out.push(j);
  return out;
}

/**
 * numpy.fft.rfft (× `scale`) of every real line along `axis` of `src`, zero-padded to `n`, into
 * interleaved `out`, row-major over `outShape` (whose `axis` holds n//2 + 1 bins).
 */
export function rfftLines(src: Strided, axis: number, n: number, out: Float64Array, outShape: readonly number[], scale: number): void {
  const { src: ss, dst } = linePairs(src, outShape, axis, 2);
  const len = Math.min(src.shape[axis]!, n);
  const x = new Float64Array(n);
  const st = src.strides[axis]!;
  const ost = 2 * rowMajor(outShape)[axis]!;
  const todo = rfftPairs(withSource(ss), src, ss, dst, st, len, n, out, ost, scale);
  for (const j of todo) {
    // unpadded contiguous lines are transformed where they lie; the tail of x past len stays zero
    const line = len === n ? readLine(src.base, ss[j]!, st, n, x) : (gatherLine(src.base, ss[j]!, st, len, x), x);
    rfftTo(line, out, dst[j]!, ost, scale);
  }
}

/**
 * numpy.fft.irfft(X / inDiv, n) of every complex line along `axis` of `src` into real `out`,
 * row-major over `outShape`, whose `axis` keeps the first `outShape[axis]` ≤ n samples.
 */
export function irfftLines(src: Strided, axis: number, n: number, inDiv: number, out: Float32Array | Float64Array, outShape: readonly number[]): void {
  const { src: ss, dst } = linePairs(src, outShape, axis, 1);
  const bins = src.shape[axis]!;
  const keep = outShape[axis]!;
  const line = new Float64Array(n);
  const st = src.strides[axis]!;
  const pair = src.strides[src.strides.length - 1]!;
  const direct = src.base instanceof Float64Array && pair === 1;
  const z = direct ? null : new Float64Array(2 * bins);
  const tmp = direct ? null : new Float64Array(bins);
  const ost = rowMajor(outShape)[axis]!;
  // whole contiguous float64 output lines are written in place (no copy from a scratch line)
  const into = out instanceof Float64Array && ost === 1 && keep === n;
  const todo = direct ? irfftPairs(withSource(ss), src.base as Float64Array, ss, dst, st, bins, inDiv, n, out, ost, keep) : withSource(ss);
  for (const j of todo) {
    const s = ss[j]!;
    const target = into ? (out as Float64Array).subarray(dst[j]!, dst[j]! + n) : line;
    if (z !== null) {
      gatherLine(src.base, s, st, bins, tmp!);
      for (let k = 0; k < bins; k++) z[2 * k] = tmp![k]!;
      gatherLine(src.base, s + pair, st, bins, tmp!);
      for (let k = 0; k < bins; k++) z[2 * k + 1] = tmp![k]!;
      irfftFrom(z, 0, 2, bins, inDiv, n, target);
    } else irfftFrom(src.base as Float64Array, s, st, bins, inDiv, n, target);
    if (!into) for (let i = 0, q = dst[j]!; i < keep; i++, q += ost) out[q] = line[i]!;
  }
}

/**
 * The analytic signal of every real line along `axis` of `src` (scipy.signal.hilbert: spectrum
 * weights 1 at DC and, for even n, Nyquist; 2 for positive frequencies; 0 for negative; inverse
 * FFT ÷ n) into `out`, row-major over the source's shape: interleaved complex, or with
 * `asMagnitude` its modulus (the envelope). Computed as x + i·H(x), H(x) = irfft(−i·X) over the
 * positive frequencies (X = rfft(x)): the same sums as scipy's inverse of the weighted spectrum
 * (its real part is x up to rounding), with two real transforms instead of a real and a complex.
 */
export function analyticLines(src: Strided, axis: number, out: Float32Array | Float64Array, shape: readonly number[], asMagnitude: boolean): void {
  const n = shape[axis]!;
  const { src: ss, dst } = linePairs(src, shape, axis, asMagnitude ? 1 : 2);
  const bins = (n >> 1) + 1;
  const buf = new Float64Array(n);
  const spec = new Float64Array(2 * bins);
  const h = new Float64Array(n);
  const st = src.strides[axis]!;
  const ost = (asMagnitude ? 1 : 2) * rowMajor(shape)[axis]!;
  const pos = n % 2 === 0 ? n >> 1 : (n + 1) >> 1; // positive frequencies are 1 … pos − 1
  for (const j of analyticPairs(withSource(ss), src, ss, dst, st, n, out, ost, asMagnitude)) {
    const x = readLine(src.base, ss[j]!, st, n, buf);
    rfftTo(x, spec, 0, 2, 1);
    // −i·X_k on the positive frequencies, 0 at DC and Nyquist
    spec[0] = spec[1] = 0;
    for (let k = 1; k < pos; k++) {
      const r = spec[2 * k]!;
      spec[2 * k] = spec[2 * k + 1]!;
      spec[2 * k + 1] = -r;
    }
    if (pos < bins) spec[2 * pos] = spec[2 * pos + 1] = 0;
    irfftFrom(spec, 0, 2, bins, 1, n, h);
    const d = dst[j]!;
    if (asMagnitude) for (let i = 0, q = d; i < n; i++, q += ost) out[q] = magnitude(x[i]!, h[i]!);
    else for (let i = 0, q = d; i < n; i++, q += ost) (out[q] = x[i]!), (out[q + 1] = h[i]!);
  }
}

/**
 * scipy.ndimage.uniform_filter1d(x, size, mode="wrap") of a real line into `out`: the mean of
 * `size` samples centred at i (origin 0: ⌊size/2⌋ before, the rest after), indices wrapped.
 * A running sum, as ndimage's; each output = sum / size.
 */
export function uniformWrap(x: Float64Array, size: number, out: Float64Array): void {
  const n = x.length;
  const before = size >> 1;
  const wrap = (i: number): number => ((i % n) + n) % n;
  let sum = 0;
  for (let j = -before; j < size - before; j++) sum += x[wrap(j)]!;
  out[0] = sum / size;
  // the entering and leaving indices wrap only near the ends: plain indexing in between
  const lo = Math.min(before + 1, n);
  const hi = Math.max(lo, n - (size - before) + 1);
  for (let i = 1; i < lo; i++) {
    sum += x[wrap(i + size - before - 1)]! - x[wrap(i - before - 1)]!;
    out[i] = sum / size;
  }
  for (let i = lo; i < hi; i++) {
    sum += x[i + size - before - 1]! - x[i - before - 1]!;
    out[i] = sum / size;
  }
  for (let i = Math.max(hi, 1); i < n; i++) {
    sum += x[wrap(i + size - before - 1)]! - x[wrap(i - before - 1)]!;
    out[i] = sum / size;
  }
}

/** Row-major copy of strided `src` (`width` numbers per element: 2 for complex) cut along `axis` to `outShape[axis]` elements. */
export function truncateLines<T extends Float32Array | Float64Array>(src: Strided, axis: number, outShape: readonly number[], width: 1 | 2, Ctor: new (n: number) => T): T {
  const out = new Ctor(width * outShape.reduce((a, b) => a * b, 1));
  const { src: ss, dst } = linePairs(src, outShape, axis, width);
  const keep = outShape[axis]!;
  const st = src.strides[axis]!;
  const pair = width === 2 ? src.strides[src.strides.length - 1]! : 0;
  const ost = width * rowMajor(outShape)[axis]!;
  const b = src.base as ArrayLike<number>;
  for (let j = 0; j < ss.length; j++) {
    for (let i = 0, p = ss[j]!, q = dst[j]!; i < keep; i++, p += st, q += ost) {
      out[q] = b[p]!;
      if (width === 2) out[q + 1] = b[p + pair]!;
    }
  }
  return out;
}
