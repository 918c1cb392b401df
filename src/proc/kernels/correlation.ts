// Cross-correlation of every line of a 2-D strided array with chosen source lines through the
// frequency domain, as DASCore's correlate computes it (dft, product with the source's
// conjugate, idft, fftshift, ÷ step), line by line into the output: each source's spectrum made
// once, one reused line per step, no whole-array intermediates. Knows nothing of patches.
import { irfftFrom, rfftTo } from "./fft.ts";
import { gatherLine, type Strided } from "./lineIo.ts";

/**
 * Correlations of the lines along `axis` (length n, zero-padded to `N` ≥ 2n − 1) of 2-D `src`
 * with its lines `sources` (indices along the other axis), into a new row-major float64 array of
 * shape [other, N, S] or [N, other, S] (the lag axis where `axis` was, sources last). Per pair:
 * X = rfft(x)·dx, Y = rfft(y)·dx, irfft(X·conj(Y) ÷ dx, N), fftshift (lag 0 at ⌊N/2⌋), ÷ dx.
 */
export function correlateLines(src: Strided, axis: 0 | 1, N: number, sources: readonly number[], dx: number): Float64Array {
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
  const out = new Float64Array(L * N * S);
  // output strides: [L, N, S] when the lag axis is last of the two, [N, L, S] when first
  const lagStride = axis === 1 ? S : L * S;
  const lineStride = axis === 1 ? N * S : S;
  const spec = new Float64Array(2 * bins);
  const prod = new Float64Array(2 * bins);
  const line = new Float64Array(N);
  const sh = N >> 1;
  for (let l = 0; l < L; l++) {
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
      // fftshift: sample i moves to (i + ⌊N/2⌋) mod N
      const o = l * lineStride + s;
      for (let i = 0, q = o + sh * lagStride; i < N - sh; i++, q += lagStride) out[q] = line[i]! / dx;
      for (let i = N - sh, q = o; i < N; i++, q += lagStride) out[q] = line[i]! / dx;
    }
  }
  return out;
}
