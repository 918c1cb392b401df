// daspool's FFT, float64, any length: Stockham autosort passes of radix 4, 2, 3, 5, 7 (and any
// odd prime ≤ 31) for smooth lengths, Bluestein's chirp-z (two transforms of a 7-smooth length ≥
// 2n − 1, the chirp's own transform cached) for the rest, and numpy-compatible rfft / irfft (irfft divides by n; even lengths through a half-length
// complex transform). Written here rather than taken from npm: no candidate handles any length
// in float64 (fft.js and ml-fft: powers of two; kissfft and pffft builds: float32) — measured in
// benchmarks/fft.bench.ts, recorded in benchmarks/RESULTS.md.

import { oddPass, pass2, pass3, pass4, pass5, pass7, type Pass } from "./fftPasses.ts";

const CHIRPS = new Map<string, { cr: Float64Array; ci: Float64Array; m: number; br: Float64Array; bi: Float64Array }>();

/**
 * The smallest 2·3·5·7-smooth length ≥ n (Bluestein's convolution length, as pocketfft picks
 * good_size(2n − 1) rather than a power of two: 20,160 instead of 32,768 for n = 10,007).
 */
function smoothLength(n: number): number {
  for (let m = n; ; m++) {
    let r = m;
    for (const p of [2, 3, 5, 7]) while (r % p === 0) r /= p;
    if (r === 1) return m;
  }
}

/** Bluestein's scratch line (its length m), reused between calls. */
let blueRe = new Float64Array(0);
let blueIm = new Float64Array(0);

/** Bluestein's chirp of length n and the FFT of its conjugate padded to m, cached per (n, direction). */
function chirp(n: number, inverse: boolean): { cr: Float64Array; ci: Float64Array; m: number; br: Float64Array; bi: Float64Array } {
  const key = `${n}:${inverse}`;
  let c = CHIRPS.get(key);
  if (c) return c;
  const m = smoothLength(2 * n - 1);
  const sign = inverse ? 1 : -1;
  const cr = new Float64Array(n);
  const ci = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const a = (Math.PI * ((j * j) % (2 * n))) / n; // j² mod 2n keeps the angle small and exact
    cr[j] = Math.cos(a);
    ci[j] = sign * Math.sin(a);
  }
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  br[0] = cr[0]!;
  bi[0] = -ci[0]!;
  for (let j = 1; j < n; j++) {
    br[j] = br[m - j] = cr[j]!;
    bi[j] = bi[m - j] = -ci[j]!;
  }
  dft(br, bi, false);
  c = { cr, ci, m, br, bi };
  if (CHIRPS.size > 16) CHIRPS.clear(); // a few lengths per run; keep the cache small
  CHIRPS.set(key, c);
  return c;
}

const PLANS = new Map<number, number[] | null>();

/**
 * The radices of the Stockham passes for length n — 4s first, then a 2, then odd primes
 * ascending (pocketfft's order) — or null when a prime factor exceeds 31, where Bluestein's
 * three power-of-two transforms are cheaper than an O(n·p) butterfly.
 */
function plan(n: number): number[] | null {
  let f = PLANS.get(n);
  if (f !== undefined) return f;
  const out: number[] = [];
  let r = n;
  while (r % 4 === 0) (out.push(4), (r /= 4));
  if (r % 2 === 0) (out.push(2), (r /= 2));
  for (let p = 3; p * p <= r; p += 2) while (r % p === 0) (out.push(p), (r /= p));
  if (r > 1) out.push(r);
  f = out.some((p) => p > 31) ? null : out;
  if (PLANS.size > 64) PLANS.clear();
  PLANS.set(n, f);
  return f;
}

const CIRCLES = new Map<number, [Float64Array, Float64Array]>();

/** cos and sin of 2πj/n for every j < n, each computed directly (error O(eps)), cached per n. */
function circle(n: number): [Float64Array, Float64Array] {
  let t = CIRCLES.get(n);
  if (!t) {
    const c = new Float64Array(n);
    const s = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      c[j] = Math.cos((2 * Math.PI * j) / n);
      s[j] = Math.sin((2 * Math.PI * j) / n);
    }
    t = [c, s];
    if (CIRCLES.size > 8) CIRCLES.clear();
    CIRCLES.set(n, t);
  }
  return t;
}

/** Scratch lines reused between calls: fresh memory is slow to touch on the VMs we run on. */
let scratchRe = new Float64Array(0);
let scratchIm = new Float64Array(0);

/** A length's Stockham passes: radix and twiddle table of each. */
interface Passes {
  radices: number[];
  tws: Float64Array[];
}

const PASSES = new Map<number, Passes>();

/**
 * The twiddle tables of length n's passes: pass i (radix p, m = len/p butterflies, s lines)
 * holds cos, sin of 2π·k·t·s/n for k < m, 1 ≤ t < p, in the order the pass reads them. The
 * values are the n-circle's (k·t·s < n), so the transform is the same to the bit.
 */
function passes(n: number, factors: readonly number[]): Passes {
  let ps = PASSES.get(n);
  if (ps) return ps;
  const [cos, sin] = circle(n);
  const tws: Float64Array[] = [];
  let len = n;
  let s = 1;
  for (const p of factors) {
    const m = len / p;
    const tw = new Float64Array(2 * (p - 1) * m);
    for (let k = 0, o = 0; k < m; k++) {
      for (let t = 1; t < p; t++, o += 2) (tw[o] = cos[k * t * s]!), (tw[o + 1] = sin[k * t * s]!);
    }
    tws.push(tw);
    len = m;
    s *= p;
  }
  ps = { radices: [...factors], tws };
  if (PASSES.size > 16) PASSES.clear();
  PASSES.set(n, ps);
  return ps;
}

/**
 * Stockham autosort FFT (decimation in frequency): each pass of radix p turns x[q + s(k + r·m)]
 * into y[q + s(p·k + t)] = W_{len}^{k·t} Σ_r x[…] ω_p^{r·t}, ping-ponging between the line and a
 * scratch line, so no bit reversal and contiguous inner loops over q. Twiddles come from the
 * whole length's circle, so the error stays O(eps · log n) as pocketfft's.
 */
function stockham(re: Float64Array, im: Float64Array, inverse: boolean, factors: readonly number[]): void {
  const n = re.length;
  if (n <= 1) return;
  const { radices, tws } = passes(n, factors);
  if (scratchRe.length < n) (scratchRe = new Float64Array(n)), (scratchIm = new Float64Array(n));
  let xr: Float64Array = re;
  let xi: Float64Array = im;
  let yr: Float64Array = scratchRe.subarray(0, n);
  let yi: Float64Array = scratchIm.subarray(0, n);
  let len = n;
  let s = 1;
  const sg = inverse ? 1 : -1;
  for (let i = 0; i < radices.length; i++) {
    const p = radices[i]!;
    const geometry: Pass = { m: len / p, s, tw: tws[i]!, sg };
    if (p === 4) pass4(xr, xi, yr, yi, geometry);
    else if (p === 2) pass2(xr, xi, yr, yi, geometry);
    else if (p === 3) pass3(xr, xi, yr, yi, geometry);
    else if (p === 5) pass5(xr, xi, yr, yi, geometry);
    else if (p === 7) pass7(xr, xi, yr, yi, geometry);
    else oddPass(p)(xr, xi, yr, yi, geometry.m, s, geometry.tw, sg);
    [xr, yr] = [yr, xr];
    [xi, yi] = [yi, xi];
    len /= p;
    s *= p;
  }
  if (xr !== re) (re.set(xr), im.set(xi));
}

/** Complex DFT of any length in place (no 1/n on the inverse). */
export function dft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  if (n <= 1) return;
  const factors = plan(n);
  if (factors !== null) return stockham(re, im, inverse, factors);
  // Bluestein: X_k = conj(w_k) Σ (x_j conj(w_j)) w_{k−j}, w_j = exp(±iπ j²/n)
  const { cr, ci, m, br, bi } = chirp(n, inverse);
  if (blueRe.length < m) (blueRe = new Float64Array(m)), (blueIm = new Float64Array(m));
  const ar = blueRe.subarray(0, m);
  const ai = blueIm.subarray(0, m);
  ar.fill(0, n);
  ai.fill(0, n);
  for (let j = 0; j < n; j++) {
    ar[j] = re[j]! * cr[j]! - im[j]! * ci[j]!;
    ai[j] = re[j]! * ci[j]! + im[j]! * cr[j]!;
  }
  const factors2 = plan(m)!;
  stockham(ar, ai, false, factors2);
  for (let k = 0; k < m; k++) {
    const r = ar[k]! * br[k]! - ai[k]! * bi[k]!;
    ai[k] = ar[k]! * bi[k]! + ai[k]! * br[k]!;
    ar[k] = r;
  }
  stockham(ar, ai, true, factors2);
  for (let k = 0; k < n; k++) {
    const xr = ar[k]! / m;
    const xi = ai[k]! / m;
    re[k] = xr * cr[k]! - xi * ci[k]!;
    im[k] = xr * ci[k]! + xi * cr[k]!;
  }
}

/** cos and sin of 2πk/n (the rfft split's twiddles): the n-circle. */
function halfTwiddle(n: number): [Float64Array, Float64Array] {
  return circle(n);
}

/** The rfft split's half-length complex line, reused between calls. */
let halfRe = new Float64Array(0);
let halfIm = new Float64Array(0);

function halfScratch(h: number): [Float64Array, Float64Array] {
  if (halfRe.length < h) (halfRe = new Float64Array(h)), (halfIm = new Float64Array(h));
  return [halfRe.subarray(0, h), halfIm.subarray(0, h)];
}

/** Scratch lines of the odd-length rfft/irfft and of irfft's spectrum, reused between calls. */
let lineRe = new Float64Array(0);
let lineIm = new Float64Array(0);
let specRe = new Float64Array(0);
let specIm = new Float64Array(0);

function lineScratch(n: number): [Float64Array, Float64Array] {
  if (lineRe.length < n) (lineRe = new Float64Array(n)), (lineIm = new Float64Array(n));
  return [lineRe.subarray(0, n), lineIm.subarray(0, n)];
}

function specScratch(n: number): [Float64Array, Float64Array] {
  if (specRe.length < n) (specRe = new Float64Array(n)), (specIm = new Float64Array(n));
  return [specRe.subarray(0, n), specIm.subarray(0, n)];
}

/** numpy.fft.rfft: the n//2 + 1 non-negative frequency bins of a real line. */
export function rfft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const h = (x.length >> 1) + 1;
  const re = new Float64Array(h);
  const im = new Float64Array(h);
  rfftInto(x, re, im);
  return { re, im };
}

/**
 * {@link rfft} into `re`, `im` (each at least n//2 + 1 long). Callers transforming many lines
 * reuse their output lines: writing fresh memory costs as much as the transform on the VMs
 * measured (page faults), where numpy's allocator hands back freed pages.
 */
export function rfftInto(x: Float64Array, re: Float64Array, im: Float64Array): void {
  const n = x.length;
  const h = (n >> 1) + 1;
  if (n % 2 === 1 || n < 4) {
    const [lr, li] = lineScratch(n);
    lr.set(x);
    li.fill(0);
    dft(lr, li, false);
    re.set(lr.subarray(0, h));
    im.set(li.subarray(0, h));
    return;
  }
  // even n: z_j = x_2j + i·x_2j+1, Z = FFT_{n/2}(z), then X_k = E_k + W_n^k·O_k with
  // E_k = (Z_k + conj Z_{n/2−k}) / 2 and O_k = (Z_k − conj Z_{n/2−k}) / 2i
  const half = n >> 1;
  const [zr, zi] = halfScratch(half);
  for (let j = 0; j < half; j++) (zr[j] = x[2 * j]!), (zi[j] = x[2 * j + 1]!);
  dft(zr, zi, false);
  const [cos, sin] = halfTwiddle(n);
  for (let k = 0; k <= half; k++) {
    const a = k === half ? 0 : k;
    const b = k === 0 ? 0 : half - k;
    const ar = zr[a]!, ai = zi[a]!;
    const br = zr[b]!, bi = -zi[b]!;
    const er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
    const or = 0.5 * (ai - bi), oi = -0.5 * (ar - br);
    const wr = cos[k]!, wi = -sin[k]!;
    re[k] = er + or * wr - oi * wi;
    im[k] = ei + or * wi + oi * wr;
  }
}

/**
 * numpy.fft.irfft(X, n): the real line of length n whose spectrum's first n//2 + 1 bins are X
 * (zero-padded or cut), Hermitian-extended; divided by n.
 */
export function irfft(xr: Float64Array, xi: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  irfftInto(xr, xi, n, out);
  return out;
}

/** {@link irfft} into `out` (at least n long), as {@link rfftInto}. */
export function irfftInto(xr: Float64Array, xi: Float64Array, n: number, out: Float64Array): void {
  const h = (n >> 1) + 1;
  const [Xr, Xi] = specScratch(h);
  Xr.fill(0);
  Xi.fill(0);
  for (let k = 0; k < h && k < xr.length; k++) (Xr[k] = xr[k]!), (Xi[k] = xi[k]!);
  Xi[0] = 0; // the imaginary parts of DC and Nyquist are ignored, as pocketfft's c2r does
  if (n % 2 === 0) Xi[n >> 1] = 0;
  if (n % 2 === 1 || n < 4) {
    const [re, im] = lineScratch(n);
    re.fill(0);
    im.fill(0);
    re.set(Xr.subarray(0, Math.min(h, n)));
    im.set(Xi.subarray(0, Math.min(h, n)));
    for (let k = 1; k < n - k; k++) (re[n - k] = re[k]!), (im[n - k] = -im[k]!);
    dft(re, im, true);
    for (let k = 0; k < n; k++) out[k] = re[k]! / n;
    return;
  }
  // even n, the rfft split undone: E_k = (X_k + conj X_{n/2−k}) / 2, O_k = (X_k − conj X_{n/2−k})·conj(W_n^k) / 2,
  // Z_k = E_k + i·O_k, z = IFFT_{n/2}(Z) / (n/2), x_2j = Re z_j, x_2j+1 = Im z_j
  const half = n >> 1;
  const [cos, sin] = halfTwiddle(n);
  const [zr, zi] = halfScratch(half);
  for (let k = 0; k < half; k++) {
    const ar = Xr[k]!, ai = Xi[k]!;
    const br = Xr[half - k]!, bi = -Xi[half - k]!;
    const er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
    const dr = 0.5 * (ar - br), di = 0.5 * (ai - bi);
    const wr = cos[k]!, wi = sin[k]!; // conj(W_n^k) = exp(+2πik/n)
    const or = dr * wr - di * wi, oi = dr * wi + di * wr;
    zr[k] = er - oi;
    zi[k] = ei + or;
  }
  dft(zr, zi, true);
  for (let j = 0; j < half; j++) (out[2 * j] = zr[j]! / half), (out[2 * j + 1] = zi[j]! / half);
}
