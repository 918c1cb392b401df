// Cross-correlation of every line of a 2-D strided array with chosen source lines through the
// frequency domain, as DASCore's correlate computes it (dft, product with the source's
// conjugate, idft, fftshift, ÷ step), line by line into the output: each source's spectrum made
// once, one reused line per step, no whole-array intermediates. Knows nothing of patches.
import { exactReciprocal, irfftFrom, rfftTo } from "./fft.ts";
import { realPairs } from "./fftSimd.ts";
import { gatherLine, type Strided } from "./lineIo.ts";

/**
 * Correlations of the lines along `axis` (length n, zero-padded to `N` ≥ 2n − 1) of 2-D `src`
 * with its lines `sources` (indices along the other axis), into a new row-major float64 array of
 * shape [other, K, S] or [K, other, S] (the lag axis where `axis` was, sources last). Per pair:
 * X = rfft(x)·dx, Y = rfft(y)·dx, irfft(X·conj(Y) ÷ dx, N), fftshift (lag 0 at ⌊N/2⌋), ÷ dx.
 * Only the shifted lags `kept` = [a, b) are written (K = b − a; all N by default), so a caller
 * that keeps a few lags does not write, fault in and then drop the rest.
 */
export function correlateLines(src: Strided, axis: 0 | 1, N: number, sources: readonly number[], dx: number, kept: readonly [number, number] = [0, N]): Float64Array {
  const other = 1 - axis;
  const n = src.shape[axis]!;
  const L = src.shape[other]!;
  const S = sources.length;
  const bins = (N >> 1) + 1;
  const st = src.strides[axis]!;
  const x = new Float64Array(N); // the tail past n stays zero: rfftTo does not write its input
  const spectra = sources.map((i) => {
    const y = new Float64Array(2 * bins);
    gatherLine(src.base, src.offset + i * src.strides[other]!, st, n, x);
    rfftTo(x, y, 0, 2, dx);
    return y;
  });
  const K = kept[1] - kept[0];
  const out = new Float64Array(L * K * S);
  // output strides: [L, K, S] when the lag axis is last of the two, [K, L, S] when first
  const lagStride = axis === 1 ? S : L * S;
  const to: ShiftedLags = { out, lagStride, a: kept[0], b: kept[1], dx };
  const lineStride = axis === 1 ? K * S : S;
  const spec = new Float64Array(2 * bins);
  const prod = new Float64Array(2 * bins);
  const line = new Float64Array(N);
  const done = correlatePairs(src, axis, N, spectra, dx, to, lineStride);
  for (let l = done; l < L; l++) {
    gatherLine(src.base, src.offset + l * src.strides[other]!, st, n, x);
    rfftTo(x, spec, 0, 2, dx);
    for (let s = 0; s < S; s++) {
      const y = spectra[s]!;
      for (let k = 0; k < 2 * bins; k += 2) {
        const ar = spec[k]!, ai = spec[k + 1]!;
        const br = y[k]!, bi = -y[k + 1]!;
        prod[k] = ar * br - ai * bi;
        prod[k + 1] = ar * bi + ai * br;
      }
      irfftFrom(prod, 0, 2, bins, dx, N, line);
      writeShifted(line, 0, N, to, l * lineStride + s);
    }
  }
  return out;
}

/** Where correlation lines go: the output, its lag stride, the kept shifted lags [a, b), the step. */
interface ShiftedLags {
  out: Float64Array;
  lagStride: number;
  a: number;
  b: number;
  dx: number;
}

/**
 * fftshift one line of N samples (sample i moves to j = (i + ⌊N/2⌋) mod N) and ÷ dx, writing
 * the shifted positions j in [a, b) to `o + (j − a)·lagStride`.
 */
function writeShifted(src: Float64Array, at: number, N: number, to: ShiftedLags, o: number): void {
  const { out, lagStride, a, b, dx } = to;
  const sh = N >> 1;
  // j < sh holds the line's tail (i = j − sh + N), j ≥ sh its head (i = j − sh)
  for (let j = a, q = o; j < Math.min(b, sh); j++, q += lagStride) out[q] = src[at + j - sh + N]! / dx;
  for (let j = Math.max(a, sh), q = o + (j - a) * lagStride; j < b; j++, q += lagStride) out[q] = src[at + j - sh]! / dx;
}

/**
 * correlateLines' loop two lines at a time through the SIMD FFT (fftSimd.ts), bit-identical to
 * the scalar loop per line: the same rfft, products, irfft (÷ dx on the inverse split's loads)
 * and shifted writes. Returns how many lines (from the first) it did: 0 where SIMD is off or N
 * takes the scalar path, else all but an odd last one.
 */
function correlatePairs(src: Strided, axis: 0 | 1, N: number, spectra: readonly Float64Array[], dx: number, to: ShiftedLags, lineStride: number): number {
  const p = realPairs([N])?.[0] ?? null;
  if (p === null) return 0;
  const other = 1 - axis;
  const n = src.shape[axis]!;
  const L = src.shape[other]!;
  const st = src.strides[axis]!;
  const bins = p.bins;
  const x0 = new Float64Array(N);
  const x1 = new Float64Array(N);
  const both = new Float64Array(4 * bins); // the pair's spectra, [re₀, re₁, im₀, im₁] per bin
  const inv = exactReciprocal(dx);
  // irfftFrom's ÷ dx: × its exact reciprocal or ÷ dx on the inverse's loads; a negative dx in
  // the products (zeroing DC's and Nyquist's imaginary parts before the division would leave −0)
  const [mul, div, pre] = inv !== null && inv > 0 ? [inv, 1, 1] : dx > 0 ? [1, dx, 1] : [1, 1, dx];
  let l = 0;
  for (; l + 1 < L; l += 2) {
    gatherLine(src.base, src.offset + l * src.strides[other]!, st, n, x0);
    gatherLine(src.base, src.offset + (l + 1) * src.strides[other]!, st, n, x1);
    p.forward(x0, x1, dx);
    const s = p.s / 8;
    both.set(p.view().subarray(s, s + 4 * bins));
    for (let si = 0; si < spectra.length; si++) {
      const y = spectra[si]!;
      const v = p.view();
      for (let k = 0, q = s; k < bins; k++, q += 4) {
        const br = y[2 * k]!, bi = -y[2 * k + 1]!;
        for (let c = 0; c < 2; c++) {
          const ar = both[4 * k + c]!, ai = both[4 * k + 2 + c]!;
          const re = ar * br - ai * bi;
          const im = ar * bi + ai * br;
          v[q + c] = pre === 1 ? re : re / pre;
          v[q + 2 + c] = pre === 1 ? im : im / pre;
        }
      }
      const r = p.inverseLines(p.s, mul, div) / 8;
      for (let c = 0; c < 2; c++) writeShifted(v, r + c * N, N, to, (l + c) * lineStride + si);
    }
  }
  return l;
}
