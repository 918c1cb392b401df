// whiten with unit amplitudes (no smoothing), line by line: rfft × scale, each bin set to unit
// amplitude at its phase and multiplied by the band's envelope, irfft ÷ scale, the first `keep`
// samples into the output. The same numbers, bit for bit, as dft → whiten's bin pass → idft
// over whole arrays (each bin's arithmetic is the same and in the same order), without the
// patch-sized spectrum in between: two lines at a time through the SIMD FFT (fftSimd.ts), an odd
// last line (or every line where SIMD is off) through the scalar FFT. Knows nothing of patches.
import { exactReciprocal, irfftFrom, rfftTo } from "./fft.ts";
import { realPairs } from "./fftSimd.ts";
import { gatherLine, linePairs, type Strided } from "./lineIo.ts";
import { rowMajor } from "./lines.ts";
import { magnitude } from "./complex.ts";
import { writeLine } from "./spectralPairs.ts";

/** See spectralPairs.ts: an imported function bound once is cheaper to call per bin under tsx. */
const abs = magnitude;

/**
 * Bin q of `z` as DASCore's whiten writes it: amplitude |X| / floor (1 when `floor` is null) at
 * X's phase, a·(cos φ, sin φ) with φ = atan2(im, re) — computed as a·X/|X|, the same to rounding,
 * where |X| is a positive finite number (atan2 at 0 or NaN gives what only the formula itself
 * gives). The imaginary part is `d` after the real one: 1 interleaved, 2 in a SIMD pair's bins.
 */
export function phasor(z: Float64Array, q: number, floor: number | null, d = 1): void {
  const re = z[q]!;
  const im = z[q + d]!;
  const m = abs(re, im);
  const a = floor === null ? 1 : m / floor;
  if (m > 0 && m < Infinity) {
    const f = a / m;
    z[q] = re * f;
    z[q + d] = im * f;
  } else {
    const ph = Math.atan2(im, re);
    z[q] = a * Math.cos(ph);
    z[q + d] = a * Math.sin(ph);
  }
}

/** {@link phasor} of unit amplitude, then × the band envelope's weight of the bin, as whiten's two passes do. */
function unitBin(z: Float64Array, q: number, d: number, envelope: Float64Array | null, k: number): void {
  phasor(z, q, null, d);
  if (envelope === null) return;
  z[q] = z[q]! * envelope[k]!;
  z[q + d] = z[q + d]! * envelope[k]!;
}

/**
 * Whitened lines along `axis` of real `src` (length ≤ N, zero-padded to the FFT length N) into
 * row-major `out` of `outShape` (its `axis` keeps the first `keep` ≤ N samples). `scale` is the
 * step (dft's × dx, idft's ÷ dx); `envelope` holds the N/2 + 1 bins' band weights, or null.
 *
 * @example
 * ```ts
 * whitenLines(view, 1, 15000, 15000, 0.004, env, out, [200, 15000]);
 * ```
 */
export function whitenLines(src: Strided, axis: number, N: number, keep: number, scale: number, envelope: Float64Array | null, out: Float64Array, outShape: readonly number[]): void {
  const { src: ss, dst } = linePairs(src, outShape, axis, 1);
  const len = Math.min(src.shape[axis]!, N);
  const st = src.strides[axis]!;
  const ost = rowMajor(outShape)[axis]!;
  const bins = (N >> 1) + 1;
  const x0 = new Float64Array(N); // tails past len stay zero: gatherLine writes len samples
  const x1 = new Float64Array(N);
  const line = new Float64Array(N);
  let done = 0;
  const p = realPairs([N])?.[0] ?? null;
  if (p !== null) {
    // idft's division by the step: as irfftPairs does it (× an exact reciprocal or ÷ on the
    // inverse's loads, or on the bins before it for a negative step)
    const inv = exactReciprocal(scale);
    const [mul, div] = inv !== null && inv > 0 ? [inv, 1] : scale > 0 ? [1, scale] : [1, 1];
    const pre = mul === 1 && div === 1 && scale !== 1;
    for (; done + 1 < ss.length; done += 2) {
      gatherLine(src.base, ss[done]!, st, len, x0);
      gatherLine(src.base, ss[done + 1]!, st, len, x1);
      p.forward(x0, x1, scale);
      const v = p.view();
      // bin k of lane c: re at s + 4k + c, im two further on
      for (let k = 0, q = p.s / 8; k < bins; k++, q += 4) {
        for (let c = 0; c < 2; c++) {
          unitBin(v, q + c, 2, envelope, k);
          if (pre) (v[q + c] = inv !== null ? v[q + c]! * inv : v[q + c]! / scale), (v[q + c + 2] = inv !== null ? v[q + c + 2]! * inv : v[q + c + 2]! / scale);
        }
      }
      const r = p.inverseLines(p.s, mul, div) / 8;
      for (let c = 0; c < 2; c++) writeLine(v, r + c * N, out, dst[done + c]!, ost, keep);
    }
  }
  const spec = new Float64Array(2 * bins);
  for (let j = done; j < ss.length; j++) {
    gatherLine(src.base, ss[j]!, st, len, x0);
    rfftTo(x0, spec, 0, 2, scale);
    for (let k = 0; k < bins; k++) unitBin(spec, 2 * k, 1, envelope, k);
    irfftFrom(spec, 0, 2, bins, scale, N, line);
    writeLine(line, 0, out, dst[j]!, ost, keep);
  }
}
