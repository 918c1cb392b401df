// The CPU-bound map task of the map benchmark: a 64-tap low-pass FIR along time, then the RMS of
// each channel. Imported by the main thread (function task) and by workers (worker task).
import type { Patch } from "../../src/patch/Patch.ts";

/** Number of FIR taps. */
export const TAPS = 64;

/** A windowed-sinc low-pass (Hamming), cutoff at 0.1 × the sampling rate, unit DC gain. */
function lowPass(taps: number): Float64Array {
  const h = new Float64Array(taps);
  const fc = 0.1;
  let sum = 0;
  for (let k = 0; k < taps; k++) {
    const m = k - (taps - 1) / 2;
    const sinc = m === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * m) / (Math.PI * m);
    h[k] = sinc * (0.54 - 0.46 * Math.cos((2 * Math.PI * k) / (taps - 1)));
    sum += h[k]!;
  }
  for (let k = 0; k < taps; k++) h[k]! /= sum;
  return h;
}

const H = lowPass(TAPS);

/**
 * Per-channel RMS of the FIR-filtered samples of a (time, distance) patch; valid outputs only
 * (the first TAPS − 1 samples of each window are dropped). Channels are the inner loop, so every
 * pass over the taps walks memory contiguously.
 *
 * @example
 * ```ts
 * firRms(patch).length; // number of channels
 * ```
 */
export function firRms(patch: Patch): Float64Array {
  const t = patch.dims.indexOf("time");
  if (t !== 0 || patch.ndim !== 2) throw new Error("firRms expects a (time, distance) patch");
  const [nt, nc] = patch.shape as [number, number];
  const x = patch.data as Float32Array;
  const acc = new Float64Array(nc);
  const y = new Float64Array(nc);
  for (let i = TAPS - 1; i < nt; i++) {
    y.fill(0);
    for (let k = 0; k < TAPS; k++) {
      const hk = H[k]!;
      const row = (i - k) * nc;
      for (let c = 0; c < nc; c++) y[c]! += hk * x[row + c]!;
    }
    for (let c = 0; c < nc; c++) acc[c]! += y[c]! * y[c]!;
  }
  const n = Math.max(1, nt - TAPS + 1);
  for (let c = 0; c < nc; c++) acc[c] = Math.sqrt(acc[c]! / n);
  return acc;
}
