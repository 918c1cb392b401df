// A small FFT for `resample`: iterative radix-2 for powers of two, mixed radix for lengths with
// prime factors ≤ 31, Bluestein's chirp-z (three radix-2 FFTs) for the rest, and
// numpy-compatible rfft / irfft (irfft divides by n).
// Written here rather than taken from npm: the well-kept JS FFTs (fft.js) handle powers of two
// only, so arbitrary lengths would need this Bluestein layer anyway.

const TWIDDLES = new Map<number, [Float64Array, Float64Array]>();
const CHIRPS = new Map<string, { cr: Float64Array; ci: Float64Array; m: number; br: Float64Array; bi: Float64Array }>();

/** cos and −sin of 2πk/n for k < n/2, computed directly (error O(eps)), cached per n. */
function twiddles(n: number): [Float64Array, Float64Array] {
  let t = TWIDDLES.get(n);
  if (!t) {
    const c = new Float64Array(n >> 1);
    const s = new Float64Array(n >> 1);
    for (let k = 0; k < n >> 1; k++) {
      c[k] = Math.cos((2 * Math.PI * k) / n);
      s[k] = -Math.sin((2 * Math.PI * k) / n);
    }
    t = [c, s];
    TWIDDLES.set(n, t);
  }
  return t;
}

/** In-place radix-2 FFT of (re, im), length a power of two; `inverse` flips the sign (no 1/n). */
export function fftPow2(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  const [cos, sin] = twiddles(n);
  const sgn = inverse ? -1 : 1;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const stride = n / len; // exp(-2πi k/len) = table entry k·n/len
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < half; k++) {
        const a = i + k;
        const b = a + half;
        const wr = cos[k * stride]!;
        const wi = sgn * sin[k * stride]!;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
      }
    }
  }
}

/** Bluestein's chirp of length n and the FFT of its conjugate padded to m, cached per (n, direction). */
function chirp(n: number, inverse: boolean): { cr: Float64Array; ci: Float64Array; m: number; br: Float64Array; bi: Float64Array } {
  const key = `${n}:${inverse}`;
  let c = CHIRPS.get(key);
  if (c) return c;
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
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
  fftPow2(br, bi, false);
  c = { cr, ci, m, br, bi };
  if (CHIRPS.size > 16) CHIRPS.clear(); // a few lengths per run; keep the cache small
  CHIRPS.set(key, c);
  return c;
}

/** Prime factors of n, smallest first. */
function factorize(n: number): number[] {
  const f: number[] = [];
  for (let p = 2; p * p <= n; p++) while (n % p === 0) (f.push(p), (n /= p));
  if (n > 1) f.push(n);
  return f;
}

const CIRCLES = new Map<number, [Float64Array, Float64Array]>();

/** cos and sin of 2πj/n for every j < n, cached per n. */
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

const ROTATIONS = new Map<number, Int32Array>();

/** (r·q) mod p for a radix p, as a p×p table. */
function rotations(p: number): Int32Array {
  let t = ROTATIONS.get(p);
  if (!t) {
    t = new Int32Array(p * p);
    for (let r = 0; r < p; r++) for (let q = 0; q < p; q++) t[r * p + q] = (r * q) % p;
    ROTATIONS.set(p, t);
  }
  return t;
}

/**
 * Mixed-radix decimation in time for lengths whose prime factors are small (as pocketfft
 * handles 250,000 = 2⁴·5⁶ directly): the sub-transforms of x[r::p] are combined with
 * twiddles from one table of the top length, so the error stays O(eps · log n).
 */
function fftMixed(re: Float64Array, im: Float64Array, inverse: boolean, factors: number[]): void {
  const n = re.length;
  const [cos, sin] = circle(n);
  const sgn = inverse ? 1 : -1;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  const tr = new Float64Array(32);
  const ti = new Float64Array(32);
  const rec = (off: number, stride: number, len: number, oOff: number, depth: number): void => {
    if (len === 1) {
      outRe[oOff] = re[off]!;
      outIm[oOff] = im[off]!;
      return;
    }
    const p = factors[depth]!;
    const m = len / p;
    for (let r = 0; r < p; r++) rec(off + r * stride, stride * p, m, oOff + r * m, depth + 1);
    const step = n / len; // W_len^j = W_n^(j·step); r·k·step < n, so no reduction is needed
    const pStep = n / p;
    const rot = rotations(p);
    for (let k = 0; k < m; k++) {
      for (let r = 0; r < p; r++) {
        const a = oOff + r * m + k;
        const j = r * k * step;
        const wr = cos[j]!;
        const wi = sgn * sin[j]!;
        tr[r] = outRe[a]! * wr - outIm[a]! * wi;
        ti[r] = outRe[a]! * wi + outIm[a]! * wr;
      }
      if (p === 2) {
        const a = oOff + k;
        const b = a + m;
        outRe[a] = tr[0]! + tr[1]!;
        outIm[a] = ti[0]! + ti[1]!;
        outRe[b] = tr[0]! - tr[1]!;
        outIm[b] = ti[0]! - ti[1]!;
        continue;
      }
      for (let q = 0; q < p; q++) {
        let sr = 0;
        let si = 0;
        for (let r = 0; r < p; r++) {
          const j = rot[r * p + q]! * pStep;
          const wr = cos[j]!;
          const wi = sgn * sin[j]!;
          sr += tr[r]! * wr - ti[r]! * wi;
          si += tr[r]! * wi + ti[r]! * wr;
        }
        outRe[oOff + q * m + k] = sr;
        outIm[oOff + q * m + k] = si;
      }
    }
  };
  rec(0, 1, n, 0, 0);
  re.set(outRe);
  im.set(outIm);
}

/** Complex DFT of any length in place (no 1/n on the inverse). */
export function dft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  if (n <= 1) return;
  if ((n & (n - 1)) === 0) return fftPow2(re, im, inverse);
  const factors = factorize(n);
  if (factors[factors.length - 1]! <= 31) return fftMixed(re, im, inverse, factors);
  // Bluestein: X_k = conj(w_k) Σ (x_j conj(w_j)) w_{k−j}, w_j = exp(±iπ j²/n)
  const { cr, ci, m, br, bi } = chirp(n, inverse);
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    ar[j] = re[j]! * cr[j]! - im[j]! * ci[j]!;
    ai[j] = re[j]! * ci[j]! + im[j]! * cr[j]!;
  }
  fftPow2(ar, ai, false);
  for (let k = 0; k < m; k++) {
    const r = ar[k]! * br[k]! - ai[k]! * bi[k]!;
    ai[k] = ar[k]! * bi[k]! + ai[k]! * br[k]!;
    ar[k] = r;
  }
  fftPow2(ar, ai, true);
  for (let k = 0; k < n; k++) {
    const xr = ar[k]! / m;
    const xi = ai[k]! / m;
    re[k] = xr * cr[k]! - xi * ci[k]!;
    im[k] = xr * ci[k]! + xi * cr[k]!;
  }
}

/** numpy.fft.rfft: the n//2 + 1 non-negative frequency bins of a real line. */
export function rfft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const re = Float64Array.from(x);
  const im = new Float64Array(n);
  dft(re, im, false);
  const h = (n >> 1) + 1;
  return { re: re.slice(0, h), im: im.slice(0, h) };
}

/**
 * numpy.fft.irfft(X, n): the real line of length n whose spectrum's first n//2 + 1 bins are X
 * (zero-padded or cut), Hermitian-extended; divided by n.
 */
export function irfft(xr: Float64Array, xi: Float64Array, n: number): Float64Array {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const h = (n >> 1) + 1;
  for (let k = 0; k < h && k < xr.length; k++) {
    re[k] = xr[k]!;
    im[k] = xi[k]!;
  }
  im[0] = 0; // the imaginary parts of DC and Nyquist are ignored, as pocketfft's c2r does
  if (n % 2 === 0) im[n >> 1] = 0;
  for (let k = 1; k < n - k; k++) {
    re[n - k] = re[k]!;
    im[n - k] = -im[k]!;
  }
  dft(re, im, true);
  for (let k = 0; k < n; k++) re[k] = re[k]! / n;
  return re;
}
