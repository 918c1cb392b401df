// daspool's complex FFT, float64, any length: Stockham autosort passes of radix 8, 4, 2, 3, 5, 7
// (and any odd prime ≤ 31) for smooth lengths, Bluestein's chirp-z (two transforms of a 7-smooth
// length ≥ 2n − 1, the chirp's own transform cached) for the rest. A plan per length holds
// everything a call needs (pass functions, twiddle tables, scratch lines), so a call allocates
// nothing: many short lines (spectrogram segments) cost what their butterflies cost.
import { passFor, type PassFn } from "./fftPasses.ts";

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

/**
 * The radices of the Stockham passes for length n — 8s first (fewer passes over the line: each
 * costs about the same whatever its radix), then a 4 or a 2 for the rest of the power of two,
 * then odd primes ascending — or null when a prime factor exceeds 31, where Bluestein's three
 * smooth transforms are cheaper than an O(n·p) butterfly. Powers of two take 4s instead of
 * 8s: a radix-8 pass's 16 input streams, a power of two apart, collide in the cache's sets
 * (measured 2.5× slower per pass at 2^16, against 0.8× at 25,000 = 8·5^5).
 */
function radices(n: number): number[] | null {
  const out: number[] = [];
  let r = n;
  if ((n & (n - 1)) !== 0) while (r % 8 === 0) (out.push(8), (r /= 8));
  while (r % 4 === 0) (out.push(4), (r /= 4));
  if (r % 4 === 0) (out.push(4), (r /= 4));
  if (r % 2 === 0) (out.push(2), (r /= 2));
  for (let p = 3; p * p <= r; p += 2) while (r % p === 0) (out.push(p), (r /= p));
  if (r > 1) out.push(r);
  return out.some((p) => p > 31) ? null : out;
}

const CIRCLES = new Map<number, [Float64Array, Float64Array]>();

/** cos and sin of 2πj/n for every j < n, each computed directly (error O(eps)), cached per n. */
export function circle(n: number): [Float64Array, Float64Array] {
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

/** Everything a transform of one length needs, made once. */
interface Plan {
  n: number;
  /** Stockham passes (null: Bluestein). */
  fns: PassFn[] | null;
  radices: number[];
  tws: Float64Array[];
  /** Ping-pong lines of exactly n (Stockham) or Bluestein's work lines of its length m. */
  sr: Float64Array;
  si: Float64Array;
  blue: Chirp | null;
}

/** Bluestein's chirp w_j = exp(±iπ j²/n) for both directions and the FFT of its conjugate padded to m. */
interface Chirp {
  m: number;
  cr: Float64Array;
  ci: Float64Array;
  /** Forward and inverse chirp spectra. */
  fr: Float64Array;
  fi: Float64Array;
  ir: Float64Array;
  ii: Float64Array;
}

const PLANS = new Map<number, Plan>();
let last: Plan | null = null;

/** The plan of length n (cached; the last one used is checked first: lines come in runs). */
function planOf(n: number): Plan {
  if (last !== null && last.n === n) return last;
  let p = PLANS.get(n);
  if (!p) {
    const factors = radices(n);
    if (factors !== null) {
      const tws = twiddles(n, factors);
      const fns = factors.map((r): PassFn => passFor(r));
      p = { n, fns, radices: factors, tws, sr: new Float64Array(n), si: new Float64Array(n), blue: null };
    } else {
      const blue = chirp(n);
      p = { n, fns: null, radices: [], tws: [], sr: new Float64Array(blue.m), si: new Float64Array(blue.m), blue };
    }
    if (PLANS.size > 24) PLANS.clear(); // a few lengths per run; keep the cache small
    PLANS.set(n, p);
  }
  last = p;
  return p;
}

/**
 * The twiddle tables of length n's passes: pass i (radix p, m = len/p butterflies, s lines)
 * holds cos, sin of 2π·k·t·s/n for k < m, 1 ≤ t < p, in the order the pass reads them. Each is
 * the n-circle's value (k·t·s < n), computed directly, so the error stays O(eps · log n) as
 * pocketfft's.
 */
function twiddles(n: number, factors: readonly number[]): Float64Array[] {
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
  return tws;
}

/** Bluestein's chirp of length n and the FFTs of its conjugate (forward) and of itself (inverse), padded to m. */
function chirp(n: number): Chirp {
  const m = smoothLength(2 * n - 1);
  const cr = new Float64Array(n);
  const ci = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const a = (Math.PI * ((j * j) % (2 * n))) / n; // j² mod 2n keeps the angle small and exact
    cr[j] = Math.cos(a);
    ci[j] = -Math.sin(a);
  }
  const spectrum = (sign: number): [Float64Array, Float64Array] => {
    const br = new Float64Array(m);
    const bi = new Float64Array(m);
    br[0] = cr[0]!;
    bi[0] = -sign * ci[0]!;
    for (let j = 1; j < n; j++) {
      br[j] = br[m - j] = cr[j]!;
      bi[j] = bi[m - j] = -sign * ci[j]!;
    }
    dft(br, bi, false);
    return [br, bi];
  };
  const [fr, fi] = spectrum(1);
  const [ir, ii] = spectrum(-1);
  return { m, cr, ci, fr, fi, ir, ii };
}

/** Stockham autosort passes (decimation in frequency) over re/im, ping-ponging with the plan's lines. */
function stockham(plan: Plan, re: Float64Array, im: Float64Array, inverse: boolean): void {
  const fns = plan.fns!;
  const tws = plan.tws;
  const radices = plan.radices;
  let xr = re;
  let xi = im;
  let yr = plan.sr;
  let yi = plan.si;
  let len = plan.n;
  let s = 1;
  const sg = inverse ? 1 : -1;
  for (let i = 0; i < fns.length; i++) {
    const p = radices[i]!;
    fns[i]!(xr, xi, yr, yi, len / p, s, tws[i]!, sg);
    const tr = xr;
    const ti = xi;
    xr = yr;
    xi = yi;
    yr = tr;
    yi = ti;
    len /= p;
    s *= p;
  }
  if (xr !== re) (re.set(xr), im.set(xi));
}

/** Complex DFT of any length in place over re[0..n), im[0..n) (no 1/n on the inverse). */
export function dft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  if (n <= 1) return;
  const plan = planOf(n);
  if (plan.blue === null) return stockham(plan, re, im, inverse);
  // Bluestein: X_k = conj(w_k) Σ (x_j conj(w_j)) w_{k−j}, w_j = exp(∓iπ j²/n)
  const { m, cr, ci: c0 } = plan.blue;
  const sg = inverse ? -1 : 1;
  const br = inverse ? plan.blue.ir : plan.blue.fr;
  const bi = inverse ? plan.blue.ii : plan.blue.fi;
  const ar = plan.sr;
  const ai = plan.si;
  ar.fill(0, n);
  ai.fill(0, n);
  for (let j = 0; j < n; j++) {
    const wi = sg * c0[j]!;
    ar[j] = re[j]! * cr[j]! - im[j]! * wi;
    ai[j] = re[j]! * wi + im[j]! * cr[j]!;
  }
  const inner = planOf(m);
  stockham(inner, ar, ai, false);
  for (let k = 0; k < m; k++) {
    const r = ar[k]! * br[k]! - ai[k]! * bi[k]!;
    ai[k] = ar[k]! * bi[k]! + ai[k]! * br[k]!;
    ar[k] = r;
  }
  stockham(inner, ar, ai, true);
  last = plan;
  for (let k = 0; k < n; k++) {
    const xr = ar[k]! / m;
    const xi = ai[k]! / m;
    const wi = sg * c0[k]!;
    re[k] = xr * cr[k]! - xi * wi;
    im[k] = xr * wi + xi * cr[k]!;
  }
}

/** The Stockham radices and twiddle tables of length n ≥ 2, or null where n takes Bluestein (fftSimd.ts runs the same passes two lines at a time). */
export function stockhamTables(n: number): { radices: readonly number[]; tws: readonly Float64Array[] } | null {
  const p = planOf(n);
  return p.blue === null ? { radices: p.radices, tws: p.tws } : null;
}
