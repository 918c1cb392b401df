// scipy.signal.spectrogram's kernel (mode "psd"): overlapping segments of a line, each
// detrended, windowed, real-FFT'd and scaled to a one-sided power spectral density (or power
// spectrum). Knows nothing of patches.
import { rfftTo } from "./fft.ts";
import { detrendLinear } from "./windows.ts";

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
 * One line's spectrogram into `out` (bins × segments, bin k's segments from `o + k·binStride`): per segment detrend
 * (`"constant"`, `"linear"` or none), × window, |rfft|² × scale, doubled except at DC and
 * (even length) Nyquist — scipy's one-sided density. `work` holds a segment and its spectrum
 * between calls (from {@link spectrogramWork}).
 */
export function spectrogramLine(x: Float64Array, layout: SpectrogramLayout, win: Float64Array, scale: number, detrend: "constant" | "linear" | false, out: Float64Array, o = 0, binStride = layout.segments, work = spectrogramWork(layout)): void {
  const { nperseg, step, segments, bins } = layout;
  const { seg, spec, block } = work;
  const nyquist = nperseg % 2 === 0 ? bins - 1 : -1;
  // segments go through `block` in groups of BLOCK, so each bin's output row is written a
  // cache line at a time rather than one scattered store per segment and bin
  for (let s0 = 0; s0 < segments; s0 += BLOCK) {
    const width = Math.min(BLOCK, segments - s0);
    for (let b = 0; b < width; b++) {
      const s = s0 + b;
      const p0 = s * step;
      if (detrend === "constant") {
        // detrendConstant's mean (the same sum in the same order), subtracted and windowed in one pass
        let sum = 0;
        for (let i = 0; i < nperseg; i++) sum += x[p0 + i]!;
        const mean = sum / nperseg;
        for (let i = 0; i < nperseg; i++) seg[i] = (x[p0 + i]! - mean) * win[i]!;
      } else {
        for (let i = 0; i < nperseg; i++) seg[i] = x[p0 + i]!;
        if (detrend === "linear") detrendLinear(seg);
        for (let i = 0; i < nperseg; i++) seg[i] = seg[i]! * win[i]!;
      }
      rfftTo(seg, spec, 0, 2, 1);
      for (let k = 0, q = b; k < bins; k++, q += BLOCK) {
        const re = spec[2 * k]!;
        const im = spec[2 * k + 1]!;
        const v = (re * re + im * im) * scale;
        block[q] = k !== 0 && k !== nyquist ? v * 2 : v;
      }
    }
    for (let k = 0; k < bins; k++) for (let b = 0, q = o + k * binStride + s0, r = k * BLOCK; b < width; b++) out[q + b] = block[r + b]!;
  }
}

const BLOCK = 8;

/** The reused lines of {@link spectrogramLine}: a segment, its interleaved spectrum and a block of output columns. */
export function spectrogramWork(layout: SpectrogramLayout): { seg: Float64Array; spec: Float64Array; block: Float64Array } {
  return { seg: new Float64Array(layout.nperseg), spec: new Float64Array(2 * layout.bins), block: new Float64Array(BLOCK * layout.bins) };
}
