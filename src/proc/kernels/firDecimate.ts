// scipy.signal.decimate(ftype="fir"): a Hamming-windowed sinc low-pass (firwin(20q+1, 1/q))
// applied as resample_poly(x, 1, q, window=taps): zero-padded convolution, every q-th output,
// with the filter's delay removed. Kernel only: one line in, one decimated line out.
import { firKernelSimd } from "./wasmSimdFir.ts";

/** numpy.sinc. */
function sinc(x: number): number {
  const y = Math.PI * (x === 0 ? 1.0e-20 : x);
  return Math.sin(y) / y;
}

/**
 * scipy.signal.firwin(20q + 1, 1/q, window="hamming"), scaled to unit gain at 0 Hz.
 *
 * @example
 * ```ts
 * firDecimateTaps(2).length; // 41
 * ```
 */
export function firDecimateTaps(q: number): Float64Array {
  const numtaps = 20 * q + 1;
  const cutoff = 1 / q;
  const alpha = 0.5 * (numtaps - 1);
  const h = new Float64Array(numtaps);
  const step = (2 * Math.PI) / (numtaps - 1);
  for (let i = 0; i < numtaps; i++) {
    const m = i - alpha;
    const f = i === numtaps - 1 ? Math.PI : i * step - Math.PI; // linspace(-π, π)
    const win = 0.54 + 0.46 * Math.cos(f);
    h[i] = cutoff * sinc(cutoff * m) * win;
  }
  let s = 0;
  for (const v of h) s += v;
  for (let i = 0; i < numtaps; i++) h[i] = h[i]! / s;
  return h;
}

/**
 * One line decimated by q through `taps` (resample_poly's padding and delay), into `y`
 * (length ceil(n/q)). With `f32`, taps are rounded to float32 as SciPy casts them.
 */
export function firDecimateLine(x: Float64Array, taps: Float64Array, q: number, y: Float64Array, f32: boolean): void {
  const n = x.length;
  const halfLen = (taps.length - 1) >> 1;
  const prePad = q - (halfLen % q);
  const preRemove = Math.floor((halfLen + prePad) / q);
  const h = f32 ? taps.map(Math.fround) : taps;
  const m = y.length;
  const L = h.length;
  // outputs whose taps all fall inside the line: one straight-line dot product each
  const j0 = Math.min(m, Math.max(0, Math.ceil((L - 1 + prePad) / q) - preRemove));
  const j1 = Math.max(j0, Math.min(m, Math.floor((n - 1 + prePad) / q) - preRemove + 1));
  const rev = h.slice().reverse();
  firKernelSimd(L, false)(rev, x, y, j0, j1, (j0 + preRemove) * q - prePad - (L - 1), q);
  for (let j = 0; j < m; j++) {
    if (j === j0) j = j1;
    if (j >= m) break;
    // output j is the full convolution of [0]*prePad + h with x at (j + preRemove)·q
    const c = (j + preRemove) * q - prePad;
    let s = 0;
    const kLo = Math.max(0, c - (n - 1));
    const kHi = Math.min(h.length - 1, c);
    for (let k = kLo; k <= kHi; k++) s += h[k]! * x[c - k]!;
    y[j] = s;
  }
}
