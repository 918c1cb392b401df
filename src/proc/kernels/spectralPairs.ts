// spectral.ts's line loops two lines at a time through the SIMD real FFT (fftSimd.ts): rfft of
// lines (and the full spectrum of real lines by its mirror), irfft of spectra, the analytic
// signal and scipy.signal.resample's FFT step. Each takes
// the lines to do (indices into linePairs' lists) and returns those it left for the scalar
// loop: all of them where SIMD is off or the length takes the scalar path, else at most the odd
// one out. Results are bit-identical to the scalar loops line by line: only the order in which
// lines are visited differs.
import { exactReciprocal } from "./fft.ts";
import { realPairs, type RealPair } from "./fftSimd.ts";
import { gatherLine, readLine, type Strided } from "./lineIo.ts";
import { magnitude } from "./complex.ts";

/**
 * |re + i·im| bound once: called per sample, an imported function costs a getter call each time
 * under the CommonJS interop tsx (which runs the benchmarks) compiles imports to.
 */
const abs = magnitude;

/** The plans of `ns`, or null unless every one of them runs two lines at a time. */
function plans(ns: readonly number[]): RealPair[] | null {
  const ps = realPairs(ns);
  return ps === null || ps.some((p) => p === null) ? null : (ps as RealPair[]);
}

/** Line `start, stride` of `base`, `len` samples zero-padded to buf's length (a view when contiguous float64 and unpadded). */
function lineOf(base: Strided["base"], start: number, stride: number, len: number, buf: Float64Array): Float64Array {
  if (len === buf.length) return readLine(base, start, stride, len, buf);
  gatherLine(base, start, stride, len, buf);
  return buf;
}

/** Sample i of lane l of an inverse's result at index r (÷ n/2 by `f`). */
const sample = (v: Float64Array, r: number, l: number, i: number, f: number): number => v[r + 4 * (i >> 1) + 2 * (i & 1) + l]! * f;

/** The first `keep` samples of the line at index r of `v` into out[d + i·ost] (a block copy into a row). */
export function writeLine(v: Float64Array, r: number, out: Float32Array | Float64Array, d: number, ost: number, keep: number): void {
  if (ost === 1) out.set(v.subarray(r, r + keep), d);
  else for (let i = 0, o = d; i < keep; i++, o += ost) out[o] = v[r + i]!;
}

/**
 * A real line's full spectrum from its rfft bins (interleaved, at `spec[at …]`): bins 0 … N/2 as
 * they are, N/2 + 1 … N − 1 the conjugates of N/2 − 1 … 1, each written to out[d + i·ost] at
 * its place i = (k + sh) mod N (sh = ⌊N/2⌋: fftshift; 0: none).
 */
export function mirrorSpectrum(spec: Float64Array, at: number, N: number, sh: number, out: Float64Array, d: number, ost: number): void {
  const half = N >> 1;
  for (let k = 0; k < N; k++) {
    const i = k + sh < N ? k + sh : k + sh - N;
    const q = d + i * ost;
    if (k <= half) (out[q] = spec[at + 2 * k]!), (out[q + 1] = spec[at + 2 * k + 1]!);
    else (out[q] = spec[at + 2 * (N - k)]!), (out[q + 1] = -spec[at + 2 * (N - k) + 1]!);
  }
}

/** fftLines' loop for real lines: rfft (÷ inDiv on the gather, × f) of lines zero-padded from n to N, mirrored, shifted by sh. */
export function fftRealPairs(todo: number[], src: Strided, ss: number[], dst: number[], st: number, n: number, N: number, inDiv: number, f: number, sh: number, out: Float64Array, ost: number): number[] {
  const ps = plans([N]);
  if (ps === null) return todo;
  const p = ps[0]!;
  const b0 = new Float64Array(N); // tails past n stay zero: gatherLine writes n samples
  const b1 = new Float64Array(N);
  let i = 0;
  for (; i + 1 < todo.length; i += 2) {
    gatherLine(src.base, ss[todo[i]!]!, st, n, b0, inDiv);
    gatherLine(src.base, ss[todo[i + 1]!]!, st, n, b1, inDiv);
    p.forward(b0, b1, f, true);
    for (let l = 0; l < 2; l++) mirrorSpectrum(p.view(), p.s / 8 + 2 * l * p.bins, N, sh, out, dst[todo[i + l]!]!, ost);
  }
  return todo.slice(i);
}

/** rfftLines' loop: numpy.fft.rfft (× scale) of lines zero-padded from `len` to n into interleaved `out`. */
export function rfftPairs(todo: number[], src: Strided, ss: number[], dst: number[], st: number, len: number, n: number, out: Float64Array, ost: number, scale: number): number[] {
  const ps = plans([n]);
  if (ps === null) return todo;
  const p = ps[0]!;
  const b0 = new Float64Array(n);
  const b1 = new Float64Array(n);
  let i = 0;
  for (; i + 1 < todo.length; i += 2) {
    const [j0, j1] = [todo[i]!, todo[i + 1]!];
    p.forward(lineOf(src.base, ss[j0]!, st, len, b0), lineOf(src.base, ss[j1]!, st, len, b1), scale, true);
    const v = p.view();
    // each line's bins lie interleaved, one line after the other: block copies into rows
    for (let l = 0; l < 2; l++) {
      const from = p.s / 8 + 2 * l * p.bins;
      const d = dst[todo[i + l]!]!;
      if (ost === 2) out.set(v.subarray(from, from + 2 * p.bins), d);
      else for (let k = 0, q = from, o = d; k < p.bins; k++, q += 2, o += ost) (out[o] = v[q]!), (out[o + 1] = v[q + 1]!);
    }
  }
  return todo.slice(i);
}

/**
 * irfftLines' loop for interleaved float64 spectra: numpy.fft.irfft(X / inDiv, n) of `bins`
 * bins at ss[j] (stride st), the first `keep` samples into out[dst[j] + i·ost].
 */
export function irfftPairs(todo: number[], base: Float64Array, ss: number[], dst: number[], st: number, bins: number, inDiv: number, n: number, out: Float32Array | Float64Array, ost: number, keep: number): number[] {
  const ps = plans([n]);
  if (ps === null) return todo;
  const p = ps[0]!;
  const m = Math.min(p.bins, bins);
  const inv = exactReciprocal(inDiv);
  let i = 0;
  for (; i + 1 < todo.length; i += 2) {
    const v = p.view();
    const s = p.s / 8;
    // the bins as they are; the inverse split multiplies or divides them on its loads (as
    // irfftFrom: × an exact reciprocal, else ÷ inDiv; a negative one here, where zeroing DC's and
    // Nyquist's imaginary parts before the division would leave −0)
    const [mul, div] = inv !== null && inv > 0 ? [inv, 1] : inDiv > 0 ? [1, inDiv] : [1, 1];
    for (let l = 0; l < 2; l++) {
      const q0 = ss[todo[i + l]!]!;
      if (mul !== 1 || div !== 1 || inDiv === 1) for (let k = 0, q = q0, o = s + l; k < m; k++, q += st, o += 4) (v[o] = base[q]!), (v[o + 2] = base[q + 1]!);
      else if (inv !== null) for (let k = 0, q = q0, o = s + l; k < m; k++, q += st, o += 4) (v[o] = base[q]! * inv), (v[o + 2] = base[q + 1]! * inv);
      else for (let k = 0, q = q0, o = s + l; k < m; k++, q += st, o += 4) (v[o] = base[q]! / inDiv), (v[o + 2] = base[q + 1]! / inDiv);
    }
    v.fill(0, s + 4 * m, s + 4 * p.bins);
    const r = p.inverseLines(p.s, mul, div) / 8;
    for (let l = 0; l < 2; l++) writeLine(v, r + l * n, out, dst[todo[i + l]!]!, ost, keep);
  }
  return todo.slice(i);
}

/** analyticLines' loop: x + i·H(x) of real lines of length n, or its modulus, into out[dst[j] + i·ost]. */
export function analyticPairs(todo: number[], src: Strided, ss: number[], dst: number[], st: number, n: number, out: Float32Array | Float64Array, ost: number, asMagnitude: boolean): number[] {
  const ps = plans([n]);
  if (ps === null) return todo;
  const p = ps[0]!;
  const b0 = new Float64Array(n);
  const b1 = new Float64Array(n);
  const f = 1 / p.half;
  let i = 0;
  for (; i + 1 < todo.length; i += 2) {
    const xs = [readLine(src.base, ss[todo[i]!]!, st, n, b0), readLine(src.base, ss[todo[i + 1]!]!, st, n, b1)] as const;
    // −i·X_k on the positive frequencies 1 … n/2 − 1 (the split writes them so), 0 at DC and
    // Nyquist (n is even here)
    p.forward(xs[0], xs[1], 1, false, true);
    const v = p.view();
    const s = p.s / 8;
    v[s] = v[s + 1] = v[s + 2] = v[s + 3] = 0;
    const ny = s + 4 * p.half;
    v[ny] = v[ny + 1] = v[ny + 2] = v[ny + 3] = 0;
    const r = p.inverse() / 8;
    for (let l = 0; l < 2; l++) {
      const x = xs[l]!;
      const d = dst[todo[i + l]!]!;
      if (asMagnitude) for (let k = 0, o = d; k < n; k++, o += ost) out[o] = abs(x[k]!, sample(v, r, l, k, f));
      else {
        for (let j = 0, q = r + l, o = d; j < p.half; j++, q += 4, o += 2 * ost) {
          out[o] = x[2 * j]!;
          out[o + 1] = v[q]! * f;
          out[o + ost] = x[2 * j + 1]!;
          out[o + ost + 1] = v[q + 2]! * f;
        }
      }
    }
  }
  return todo.slice(i);
}

/**
 * resample's loop (scipy.signal.resample): rfft of lines of n samples, the first m//2 + 1 bins
 * (an even m's shared Nyquist bin × `nyq`), ÷ sFac, irfft to num samples into out[starts[j] + i·ost].
 */
export function resamplePairs(todo: number[], base: Strided["base"], srcStarts: number[], starts: number[], st: number, n: number, num: number, m: number, nyq: number, sFac: number, out: Float32Array | Float64Array, ost: number): number[] {
  const ps = plans([n, num]);
  if (ps === null) return todo;
  const [pn, pm] = ps as [RealPair, RealPair];
  const b0 = new Float64Array(n);
  const b1 = new Float64Array(n);
  const bins = Math.min(pm.bins, (m >> 1) + 1);
  const inv = exactReciprocal(sFac);
  let i = 0;
  for (; i + 1 < todo.length; i += 2) {
    pn.forward(readLine(base, srcStarts[todo[i]!]!, st, n, b0), readLine(base, srcStarts[todo[i + 1]!]!, st, n, b1), 1);
    const v = pn.view();
    const from = pn.s / 8;
    const to = pm.s / 8;
    // as fft.ts's irfftFrom reads them: (X_k [× nyq at bin m/2]) / sFac; where every bin the
    // inverse reads is there and ÷ sFac is × an exact reciprocal, read in place, × it on the way
    if (nyq !== 1) for (let c = 0, q = from + 2 * m; c < 4; c++) v[q + c] = v[q + c]! * nyq;
    let r: number;
    if (inv !== null && inv > 0 && pm.bins <= bins) r = pm.inverseLines(pn.s, inv) / 8;
    else {
      if (sFac === 1) v.copyWithin(to, from, from + 4 * bins);
      else if (inv !== null) for (let q = from, o = to, e = from + 4 * bins; q < e; q++, o++) v[o] = v[q]! * inv;
      else for (let q = from, o = to, e = from + 4 * bins; q < e; q++, o++) v[o] = v[q]! / sFac;
      v.fill(0, to + 4 * bins, to + 4 * pm.bins);
      r = pm.inverseLines() / 8;
    }
    for (let l = 0; l < 2; l++) writeLine(v, r + l * num, out, starts[todo[i + l]!]!, ost, num);
  }
  return todo.slice(i);
}
