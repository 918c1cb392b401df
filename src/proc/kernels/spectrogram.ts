// scipy.signal.spectrogram's kernel (mode "psd"): overlapping segments of a line, each
// detrended, windowed, real-FFT'd and scaled to a one-sided power spectral density (or power
// spectrum). Knows nothing of patches.
import { rfft } from "./fft.ts";
import { detrendConstant, detrendLinear } from "./windows.ts";

/** scipy.signal.windows.tukey(m, alpha, sym) — periodic (`sym: false`) as get_window builds it. */
export function tukey(m: number, alpha: number, sym: boolean): Float64Array {
  if (!sym) return tukey(m + 1, alpha, true).slice(0, m);
  if (m <= 1) return new Float64Array(Math.max(m, 0)).fill(1);
  const w = new Float64Array(m).fill(1);
  if (alpha <= 0) return w;
  const width = Math.floor((alpha * (m - 1)) / 2);
  for (let n = 0; n <= width; n++) w[n] = 0.5 * (1 + Math.cos(Math.PI * (-1 + (2 * n) / alpha / (m - 1))));
  for (let n = m - width - 1; n < m; n++) w[n] = 0.5 * (1 + Math.cos(Math.PI * (-2 / alpha + 1 + (2 * n) / alpha / (m - 1))));
  if (alpha >= 1) for (let n = 0; n < m; n++) w[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / (m - 1));
  return w;
}

/** The layout scipy gives: segment length, hop, number of segments and frequency bins. */
export interface SpectrogramLayout {
  nperseg: number;
  step: number;
  segments: number;
  bins: number;
}

/** Segments of `nperseg` every `nperseg − noverlap` samples over n (scipy's strided view). */
export function spectrogramLayout(n: number, nperseg: number, noverlap: number): SpectrogramLayout {
  const step = nperseg - noverlap;
  return { nperseg, step, segments: Math.floor((n - noverlap) / step), bins: Math.floor(nperseg / 2) + 1 };
}

/**
 * One line's spectrogram into `out` (bins × segments, row-major): per segment detrend
 * (`"constant"`, `"linear"` or none), × window, |rfft|² × scale, doubled except at DC and
 * (even length) Nyquist — scipy's one-sided density.
 */
export function spectrogramLine(x: Float64Array, layout: SpectrogramLayout, win: Float64Array, scale: number, detrend: "constant" | "linear" | false, out: Float64Array): void {
  const { nperseg, step, segments, bins } = layout;
  const seg = new Float64Array(nperseg);
  for (let s = 0; s < segments; s++) {
    for (let i = 0; i < nperseg; i++) seg[i] = x[s * step + i]!;
    if (detrend === "constant") detrendConstant(seg);
    else if (detrend === "linear") detrendLinear(seg);
    for (let i = 0; i < nperseg; i++) seg[i] = seg[i]! * win[i]!;
    const { re, im } = rfft(seg);
    for (let k = 0; k < bins; k++) {
      let v = (re[k]! * re[k]! + im[k]! * im[k]!) * scale;
      if (k !== 0 && !(nperseg % 2 === 0 && k === bins - 1)) v *= 2;
      out[k * segments + s] = v;
    }
  }
}
