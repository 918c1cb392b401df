// numpy-compatible real FFTs over daspool's complex FFT (fftPlan.ts): rfft and irfft (irfft
// divides by n), even lengths through a half-length complex transform and the split pass, odd
// ones through the full complex transform. The `To`/`From` forms read and write interleaved
// complex lines in place in a patch's buffer (offset, stride, a scale folded in) with a plan's
// reused lines, so transforming many lines allocates nothing. Written here rather than taken
// from npm: no candidate handles any length in float64 (fft.js and ml-fft: powers of two;
// kissfft and pffft builds: float32) — measured in benchmarks/fft.bench.ts, recorded in
// benchmarks/RESULTS.md.
import { circle, dft } from "./fftPlan.ts";

export { dft } from "./fftPlan.ts";

/** The lines and split twiddles of a real transform of length n, made once. */
interface RealPlan {
  n: number;
  /** Half-length complex line (even n) or the full line (odd n). */
  zr: Float64Array;
  zi: Float64Array;
  /** cos, sin of 2πk/n for k ≤ n/2 (the split's twiddles). */
  wr: Float64Array;
  wi: Float64Array;
  /** irfft's spectrum (n//2 + 1 bins). */
  xr: Float64Array;
  xi: Float64Array;
}

const REAL = new Map<number, RealPlan>();
let lastReal: RealPlan | null = null;

function realPlan(n: number): RealPlan {
  if (lastReal !== null && lastReal.n === n) return lastReal;
  let p = REAL.get(n);
  if (!p) {
    const even = n % 2 === 0 && n >= 4;
    const len = even ? n >> 1 : n;
    const h = (n >> 1) + 1;
    const [cos, sin] = circle(n);
    p = { n, zr: new Float64Array(len), zi: new Float64Array(len), wr: cos.slice(0, h), wi: sin.slice(0, h), xr: new Float64Array(h), xi: new Float64Array(h) };
    if (REAL.size > 24) REAL.clear();
    REAL.set(n, p);
  }
  lastReal = p;
  return p;
}

/**
 * numpy.fft.rfft of the real line `x` (its whole length n), times `scale`, into interleaved
 * complex `out`: bin k's real part at `o + k·st`, its imaginary part right after.
 */
export function rfftTo(x: Float64Array, out: Float64Array, o: number, st: number, scale: number): void {
  const n = x.length;
  const p = realPlan(n);
  const { zr, zi } = p;
  if (n % 2 === 1 || n < 4) {
    zr.set(x);
    zi.fill(0);
    dft(zr, zi, false);
    for (let k = 0, q = o; k <= n >> 1; k++, q += st) (out[q] = zr[k]! * scale), (out[q + 1] = zi[k]! * scale);
    return;
  }
  // even n: z_j = x_2j + i·x_2j+1, Z = FFT_{n/2}(z), then X_k = E_k + W_n^k·O_k with
  // E_k = (Z_k + conj Z_{n/2−k}) / 2 and O_k = (Z_k − conj Z_{n/2−k}) / 2i
  const half = n >> 1;
  for (let j = 0; j < half; j++) (zr[j] = x[2 * j]!), (zi[j] = x[2 * j + 1]!);
  dft(zr, zi, false);
  const { wr, wi } = p;
  // DC and Nyquist are real: Z_0's parts summed and subtracted
  out[o] = (zr[0]! + zi[0]!) * scale;
  out[o + 1] = 0;
  out[o + half * st] = (zr[0]! - zi[0]!) * scale;
  out[o + half * st + 1] = 0;
  // bins k and half − k from the same pair Z_k, Z_{half−k}: with E, O of k, X_{half−k} = conj(E − W_n^k·O)
  for (let k = 1; 2 * k <= half; k++) {
    const b = half - k;
    const ar = zr[k]!, ai = zi[k]!;
    const br = zr[b]!, bi = -zi[b]!;
    const er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
    const or = 0.5 * (ai - bi), oi = -0.5 * (ar - br);
    const c = wr[k]!, s = -wi[k]!;
    const tr = or * c - oi * s, ti = or * s + oi * c;
    const q = o + k * st;
    out[q] = (er + tr) * scale;
    out[q + 1] = (ei + ti) * scale;
    if (b !== k) {
      const qb = o + b * st;
      out[qb] = (er - tr) * scale;
      out[qb + 1] = -(ei - ti) * scale;
    }
  }
}

/**
 * 1/d when multiplying by it gives exactly what dividing by d gives (d a power of two: both
 * round the same real number), else null. A division costs several multiplications' time.
 */
export function exactReciprocal(d: number): number | null {
  const a = Math.abs(d);
  return a > 0 && Number.isFinite(a) && a === 2 ** Math.round(Math.log2(a)) ? 1 / d : null;
}

/**
 * numpy.fft.irfft(X / div, n) into `out[0..n)`: X's bins read from interleaved `src` (bin k at
 * `o + k·st`, the first `bins` of them; zero past those), Hermitian-extended; divided by n. The
 * imaginary parts of DC and Nyquist are ignored, as pocketfft's c2r does.
 */
export function irfftFrom(src: Float64Array, o: number, st: number, bins: number, div: number, n: number, out: Float64Array): void {
  const p = realPlan(n);
  const h = (n >> 1) + 1;
  const { xr: Xr, xi: Xi, zr, zi } = p;
  const m = Math.min(h, bins);
  const inv = exactReciprocal(div);
  if (div === 1) for (let k = 0, q = o; k < m; k++, q += st) (Xr[k] = src[q]!), (Xi[k] = src[q + 1]!);
  else if (inv !== null) for (let k = 0, q = o; k < m; k++, q += st) (Xr[k] = src[q]! * inv), (Xi[k] = src[q + 1]! * inv);
  else for (let k = 0, q = o; k < m; k++, q += st) (Xr[k] = src[q]! / div), (Xi[k] = src[q + 1]! / div);
  if (m < h) (Xr.fill(0, m), Xi.fill(0, m));
  Xi[0] = 0;
  if (n % 2 === 0) Xi[n >> 1] = 0;
  if (n % 2 === 1 || n < 4) {
    zr.fill(0);
    zi.fill(0);
    zr.set(Xr.subarray(0, Math.min(h, n)));
    zi.set(Xi.subarray(0, Math.min(h, n)));
    for (let k = 1; k < n - k; k++) (zr[n - k] = zr[k]!), (zi[n - k] = -zi[k]!);
    dft(zr, zi, true);
    const f = 1 / n;
    for (let k = 0; k < n; k++) out[k] = zr[k]! * f;
    return;
  }
  // even n, the rfft split undone: E_k = (X_k + conj X_{n/2−k}) / 2, O_k = (X_k − conj X_{n/2−k})·conj(W_n^k) / 2,
  // Z_k = E_k + i·O_k, z = IFFT_{n/2}(Z) / (n/2), x_2j = Re z_j, x_2j+1 = Im z_j
  const half = n >> 1;
  const { wr: cos, wi: sin } = p;
  // Z_k and Z_{half−k} from the same pair X_k, X_{half−k}: Z_{half−k} = conj(E_k) + i·conj(O_k)
  for (let k = 0; 2 * k <= half; k++) {
    const b = half - k;
    const ar = Xr[k]!, ai = Xi[k]!;
    const br = Xr[b]!, bi = -Xi[b]!;
    const er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
    const dr = 0.5 * (ar - br), di = 0.5 * (ai - bi);
    const wr = cos[k]!, wi = sin[k]!; // conj(W_n^k) = exp(+2πik/n)
    const or = dr * wr - di * wi, oi = dr * wi + di * wr;
    zr[k] = er - oi;
    zi[k] = ei + or;
    if (k !== 0 && b !== k) {
      zr[b] = er + oi;
      zi[b] = -ei + or;
    }
  }
  dft(zr, zi, true);
  // × 1/(n/2) rather than ÷ n/2: pocketfft scales by a factor too, and a division per sample cost 15 % here
  const f = 1 / half;
  for (let j = 0; j < half; j++) (out[2 * j] = zr[j]! * f), (out[2 * j + 1] = zi[j]! * f);
}

/** numpy.fft.rfft: the n//2 + 1 non-negative frequency bins of a real line. */
export function rfft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const h = (x.length >> 1) + 1;
  const z = new Float64Array(2 * h);
  rfftTo(x, z, 0, 2, 1);
  const re = new Float64Array(h);
  const im = new Float64Array(h);
  for (let k = 0; k < h; k++) (re[k] = z[2 * k]!), (im[k] = z[2 * k + 1]!);
  return { re, im };
}

/**
 * numpy.fft.irfft(X, n): the real line of length n whose spectrum's first n//2 + 1 bins are X
 * (zero-padded or cut), Hermitian-extended; divided by n.
 */
export function irfft(xr: Float64Array, xi: Float64Array, n: number): Float64Array {
  const z = new Float64Array(2 * xr.length);
  for (let k = 0; k < xr.length; k++) (z[2 * k] = xr[k]!), (z[2 * k + 1] = xi[k]!);
  const out = new Float64Array(n);
  irfftFrom(z, 0, 2, xr.length, 1, n, out);
  return out;
}
