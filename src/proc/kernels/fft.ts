// daspool's FFT, float64, any length: Stockham autosort passes of radix 4, 2, 3, 5 (and any odd
// prime ≤ 31) for smooth lengths, Bluestein's chirp-z (three power-of-two transforms) for the
// rest, and numpy-compatible rfft / irfft (irfft divides by n; even lengths through a half-length
// complex transform). Written here rather than taken from npm: no candidate handles any length
// in float64 (fft.js and ml-fft: powers of two; kissfft and pffft builds: float32) — measured in
// benchmarks/fft.bench.ts, recorded in benchmarks/RESULTS.md.

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

/** One pass's geometry: `m` butterflies of radix p, each over `s` interleaved lines, twiddles from the n-circle. */
interface Pass {
  m: number;
  s: number;
  cos: Float64Array;
  sin: Float64Array;
  sg: number;
}

function pass2(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, { m, s, cos, sin, sg }: Pass): void {
  const sm = s * m;
  for (let k = 0; k < m; k++) {
    const j = k * s;
    const w1r = cos[j]!;
    const w1i = sg * sin[j]!;
    const x0 = s * k;
    const y0 = 2 * s * k;
    for (let q = 0; q < s; q++) {
      const a = x0 + q;
      const ar = xr[a]!, ai = xi[a]!, br = xr[a + sm]!, bi = xi[a + sm]!;
      const dr = ar - br, di = ai - bi;
      yr[y0 + q] = ar + br;
      yi[y0 + q] = ai + bi;
      yr[y0 + s + q] = dr * w1r - di * w1i;
      yi[y0 + s + q] = dr * w1i + di * w1r;
    }
  }
}

function pass4(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, { m, s, cos, sin, sg }: Pass): void {
  const sm = s * m;
  for (let k = 0; k < m; k++) {
    const j = k * s;
    const w1r = cos[j]!, w1i = sg * sin[j]!;
    const w2r = cos[2 * j]!, w2i = sg * sin[2 * j]!;
    const w3r = cos[3 * j]!, w3i = sg * sin[3 * j]!;
    const x0 = s * k;
    const y0 = 4 * s * k;
    for (let q = 0; q < s; q++) {
      const a = x0 + q;
      const a0r = xr[a]!, a0i = xi[a]!;
      const a1r = xr[a + sm]!, a1i = xi[a + sm]!;
      const a2r = xr[a + 2 * sm]!, a2i = xi[a + 2 * sm]!;
      const a3r = xr[a + 3 * sm]!, a3i = xi[a + 3 * sm]!;
      const t0r = a0r + a2r, t0i = a0i + a2i;
      const t1r = a0r - a2r, t1i = a0i - a2i;
      const t2r = a1r + a3r, t2i = a1i + a3i;
      // (a1 − a3)·(sg·i): ω₄ = sg·i
      const t3r = -sg * (a1i - a3i), t3i = sg * (a1r - a3r);
      const b = y0 + q;
      yr[b] = t0r + t2r;
      yi[b] = t0i + t2i;
      const c1r = t1r + t3r, c1i = t1i + t3i;
      const c2r = t0r - t2r, c2i = t0i - t2i;
      const c3r = t1r - t3r, c3i = t1i - t3i;
      yr[b + s] = c1r * w1r - c1i * w1i;
      yi[b + s] = c1r * w1i + c1i * w1r;
      yr[b + 2 * s] = c2r * w2r - c2i * w2i;
      yi[b + 2 * s] = c2r * w2i + c2i * w2r;
      yr[b + 3 * s] = c3r * w3r - c3i * w3i;
      yi[b + 3 * s] = c3r * w3i + c3i * w3r;
    }
  }
}

const SIN3 = Math.sin((2 * Math.PI) / 3);

function pass3(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, { m, s, cos, sin, sg }: Pass): void {
  const sm = s * m;
  const s3 = sg * SIN3;
  for (let k = 0; k < m; k++) {
    const j = k * s;
    const w1r = cos[j]!, w1i = sg * sin[j]!;
    const w2r = cos[2 * j]!, w2i = sg * sin[2 * j]!;
    const x0 = s * k;
    const y0 = 3 * s * k;
    for (let q = 0; q < s; q++) {
      const a = x0 + q;
      const a0r = xr[a]!, a0i = xi[a]!;
      const a1r = xr[a + sm]!, a1i = xi[a + sm]!;
      const a2r = xr[a + 2 * sm]!, a2i = xi[a + 2 * sm]!;
      const br = a1r + a2r, bi = a1i + a2i;
      const cr = a0r - 0.5 * br, ci = a0i - 0.5 * bi;
      // i·s3·(a1 − a2)
      const dr = -s3 * (a1i - a2i), di = s3 * (a1r - a2r);
      const b = y0 + q;
      yr[b] = a0r + br;
      yi[b] = a0i + bi;
      const e1r = cr + dr, e1i = ci + di;
      const e2r = cr - dr, e2i = ci - di;
      yr[b + s] = e1r * w1r - e1i * w1i;
      yi[b + s] = e1r * w1i + e1i * w1r;
      yr[b + 2 * s] = e2r * w2r - e2i * w2i;
      yi[b + 2 * s] = e2r * w2i + e2i * w2r;
    }
  }
}

const C51 = Math.cos((2 * Math.PI) / 5);
const C52 = Math.cos((4 * Math.PI) / 5);
const S51 = Math.sin((2 * Math.PI) / 5);
const S52 = Math.sin((4 * Math.PI) / 5);

function pass5(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, { m, s, cos, sin, sg }: Pass): void {
  const sm = s * m;
  const s1 = sg * S51;
  const s2 = sg * S52;
  for (let k = 0; k < m; k++) {
    const j = k * s;
    const w1r = cos[j]!, w1i = sg * sin[j]!;
    const w2r = cos[2 * j]!, w2i = sg * sin[2 * j]!;
    const w3r = cos[3 * j]!, w3i = sg * sin[3 * j]!;
    const w4r = cos[4 * j]!, w4i = sg * sin[4 * j]!;
    const x0 = s * k;
    const y0 = 5 * s * k;
    for (let q = 0; q < s; q++) {
      const a = x0 + q;
      const a0r = xr[a]!, a0i = xi[a]!;
      const a1r = xr[a + sm]!, a1i = xi[a + sm]!;
      const a2r = xr[a + 2 * sm]!, a2i = xi[a + 2 * sm]!;
      const a3r = xr[a + 3 * sm]!, a3i = xi[a + 3 * sm]!;
      const a4r = xr[a + 4 * sm]!, a4i = xi[a + 4 * sm]!;
      const b1r = a1r + a4r, b1i = a1i + a4i;
      const b2r = a2r + a3r, b2i = a2i + a3i;
      const d1r = a1r - a4r, d1i = a1i - a4i;
      const d2r = a2r - a3r, d2i = a2i - a3i;
      const p1r = a0r + C51 * b1r + C52 * b2r, p1i = a0i + C51 * b1i + C52 * b2i;
      const p2r = a0r + C52 * b1r + C51 * b2r, p2i = a0i + C52 * b1i + C51 * b2i;
      // i·(s1·d1 + s2·d2) and i·(s2·d1 − s1·d2)
      const q1r = -(s1 * d1i + s2 * d2i), q1i = s1 * d1r + s2 * d2r;
      const q2r = -(s2 * d1i - s1 * d2i), q2i = s2 * d1r - s1 * d2r;
      const b = y0 + q;
      yr[b] = a0r + b1r + b2r;
      yi[b] = a0i + b1i + b2i;
      const e1r = p1r + q1r, e1i = p1i + q1i;
      const e4r = p1r - q1r, e4i = p1i - q1i;
      const e2r = p2r + q2r, e2i = p2i + q2i;
      const e3r = p2r - q2r, e3i = p2i - q2i;
      yr[b + s] = e1r * w1r - e1i * w1i;
      yi[b + s] = e1r * w1i + e1i * w1r;
      yr[b + 2 * s] = e2r * w2r - e2i * w2i;
      yi[b + 2 * s] = e2r * w2i + e2i * w2r;
      yr[b + 3 * s] = e3r * w3r - e3i * w3i;
      yi[b + 3 * s] = e3r * w3i + e3i * w3r;
      yr[b + 4 * s] = e4r * w4r - e4i * w4i;
      yi[b + 4 * s] = e4r * w4i + e4i * w4r;
    }
  }
}

const C71 = Math.cos((2 * Math.PI) / 7);
const C72 = Math.cos((4 * Math.PI) / 7);
const C73 = Math.cos((6 * Math.PI) / 7);
const S71 = Math.sin((2 * Math.PI) / 7);
const S72 = Math.sin((4 * Math.PI) / 7);
const S73 = Math.sin((6 * Math.PI) / 7);

/** Radix 7 (DASCore's fast lengths are 11-smooth, so 7s are common): pass5's pairing, unrolled. */
function pass7(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, { m, s, cos, sin, sg }: Pass): void {
  const sm = s * m;
  const s1 = sg * S71;
  const s2 = sg * S72;
  const s3 = sg * S73;
  const wr = new Float64Array(7);
  const wi = new Float64Array(7);
  for (let k = 0; k < m; k++) {
    for (let t = 1; t < 7; t++) (wr[t] = cos[k * t * s]!), (wi[t] = sg * sin[k * t * s]!);
    const x0 = s * k;
    const y0 = 7 * s * k;
    for (let q = 0; q < s; q++) {
      const a = x0 + q;
      const a0r = xr[a]!, a0i = xi[a]!;
      const a1r = xr[a + sm]!, a1i = xi[a + sm]!;
      const a2r = xr[a + 2 * sm]!, a2i = xi[a + 2 * sm]!;
      const a3r = xr[a + 3 * sm]!, a3i = xi[a + 3 * sm]!;
      const a4r = xr[a + 4 * sm]!, a4i = xi[a + 4 * sm]!;
      const a5r = xr[a + 5 * sm]!, a5i = xi[a + 5 * sm]!;
      const a6r = xr[a + 6 * sm]!, a6i = xi[a + 6 * sm]!;
      const b1r = a1r + a6r, b1i = a1i + a6i, d1r = a1r - a6r, d1i = a1i - a6i;
      const b2r = a2r + a5r, b2i = a2i + a5i, d2r = a2r - a5r, d2i = a2i - a5i;
      const b3r = a3r + a4r, b3i = a3i + a4i, d3r = a3r - a4r, d3i = a3i - a4i;
      // P_t = a0 + Σ cos(2π r t/7)·b_r; Q_t = i·Σ sg·sin(2π r t/7)·d_r (t = 1, 2, 3)
      const p1r = a0r + C71 * b1r + C72 * b2r + C73 * b3r, p1i = a0i + C71 * b1i + C72 * b2i + C73 * b3i;
      const p2r = a0r + C72 * b1r + C73 * b2r + C71 * b3r, p2i = a0i + C72 * b1i + C73 * b2i + C71 * b3i;
      const p3r = a0r + C73 * b1r + C71 * b2r + C72 * b3r, p3i = a0i + C73 * b1i + C71 * b2i + C72 * b3i;
      const u1 = s1 * d1r + s2 * d2r + s3 * d3r, v1 = s1 * d1i + s2 * d2i + s3 * d3i;
      const u2 = s2 * d1r - s3 * d2r - s1 * d3r, v2 = s2 * d1i - s3 * d2i - s1 * d3i;
      const u3 = s3 * d1r - s1 * d2r + s2 * d3r, v3 = s3 * d1i - s1 * d2i + s2 * d3i;
      const b = y0 + q;
      yr[b] = a0r + b1r + b2r + b3r;
      yi[b] = a0i + b1i + b2i + b3i;
      // A_t = P_t + i·(u + i·v) = (P − v) + i(P + u); A_{7−t} = (P + v) + i(P − u)
      const e1r = p1r - v1, e1i = p1i + u1, e6r = p1r + v1, e6i = p1i - u1;
      const e2r = p2r - v2, e2i = p2i + u2, e5r = p2r + v2, e5i = p2i - u2;
      const e3r = p3r - v3, e3i = p3i + u3, e4r = p3r + v3, e4i = p3i - u3;
      yr[b + s] = e1r * wr[1]! - e1i * wi[1]!;
      yi[b + s] = e1r * wi[1]! + e1i * wr[1]!;
      yr[b + 2 * s] = e2r * wr[2]! - e2i * wi[2]!;
      yi[b + 2 * s] = e2r * wi[2]! + e2i * wr[2]!;
      yr[b + 3 * s] = e3r * wr[3]! - e3i * wi[3]!;
      yi[b + 3 * s] = e3r * wi[3]! + e3i * wr[3]!;
      yr[b + 4 * s] = e4r * wr[4]! - e4i * wi[4]!;
      yi[b + 4 * s] = e4r * wi[4]! + e4i * wr[4]!;
      yr[b + 5 * s] = e5r * wr[5]! - e5i * wi[5]!;
      yi[b + 5 * s] = e5r * wi[5]! + e5i * wr[5]!;
      yr[b + 6 * s] = e6r * wr[6]! - e6i * wi[6]!;
      yi[b + 6 * s] = e6r * wi[6]! + e6i * wr[6]!;
    }
  }
}

type PassFn = (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, m: number, s: number, cos: Float64Array, sin: Float64Array, sg: number) => void;

const ODD_PASSES = new Map<number, PassFn>();

/**
 * The pass of an odd radix p ≤ 31 (11, 13, …, as 11-smooth pads bring 11s), generated once per p
 * as straight-line code: pass7's pairing (a_r ± a_{p−r}) with the p-th roots as literals. Loops
 * over r and t of a handful of iterations ran 3× slower per point than the unrolled radices.
 */
function oddPass(p: number): PassFn {
  let fn = ODD_PASSES.get(p);
  if (fn) return fn;
  const h = (p - 1) >> 1;
  const rs = Array.from({ length: h }, (_, i) => i + 1);
  const lit = (x: number): string => `(${x})`;
  const L: string[] = ["const sm = s * m;"];
  for (const t of rs) for (const r of rs) L.push(`const S${t}_${r} = sg * ${lit(Math.sin((2 * Math.PI * ((r * t) % p)) / p))};`);
  L.push(`const wr = new Float64Array(${p}), wi = new Float64Array(${p});`);
  L.push("for (let k = 0; k < m; k++) {");
  L.push(`for (let t = 1; t < ${p}; t++) { wr[t] = cos[k * t * s]; wi[t] = sg * sin[k * t * s]; }`);
  L.push(`const x0 = s * k, y0 = ${p} * s * k;`);
  L.push("for (let q = 0; q < s; q++) {");
  L.push("const a = x0 + q, b = y0 + q, a0r = xr[a], a0i = xi[a];");
  for (const r of rs) {
    L.push(`const u${r}r = xr[a + ${r} * sm], u${r}i = xi[a + ${r} * sm], v${r}r = xr[a + ${p - r} * sm], v${r}i = xi[a + ${p - r} * sm];`);
    L.push(`const b${r}r = u${r}r + v${r}r, b${r}i = u${r}i + v${r}i, d${r}r = u${r}r - v${r}r, d${r}i = u${r}i - v${r}i;`);
  }
  L.push(`yr[b] = a0r${rs.map((r) => ` + b${r}r`).join("")}; yi[b] = a0i${rs.map((r) => ` + b${r}i`).join("")};`);
  for (const t of rs) {
    const c = (r: number): string => lit(Math.cos((2 * Math.PI * ((r * t) % p)) / p));
    L.push("{");
    L.push(`const pr = a0r${rs.map((r) => ` + ${c(r)} * b${r}r`).join("")}, pi = a0i${rs.map((r) => ` + ${c(r)} * b${r}i`).join("")};`);
    L.push(`const u = ${rs.map((r) => `S${t}_${r} * d${r}r`).join(" + ")}, v = ${rs.map((r) => `S${t}_${r} * d${r}i`).join(" + ")};`);
    // A_t = P + i·(u + i·v) = (P − v) + i(P + u); A_{p−t} = (P + v) + i(P − u)
    L.push("const e1r = pr - v, e1i = pi + u, e2r = pr + v, e2i = pi - u;");
    L.push(`yr[b + ${t} * s] = e1r * wr[${t}] - e1i * wi[${t}]; yi[b + ${t} * s] = e1r * wi[${t}] + e1i * wr[${t}];`);
    L.push(`yr[b + ${p - t} * s] = e2r * wr[${p - t}] - e2i * wi[${p - t}]; yi[b + ${p - t} * s] = e2r * wi[${p - t}] + e2i * wr[${p - t}];`);
    L.push("}");
  }
  L.push("}", "}");
  fn = new Function("xr", "xi", "yr", "yi", "m", "s", "cos", "sin", "sg", `"use strict";\n${L.join("\n")}`) as PassFn;
  ODD_PASSES.set(p, fn);
  return fn;
}

/**
 * Stockham autosort FFT (decimation in frequency): each pass of radix p turns x[q + s(k + r·m)]
 * into y[q + s(p·k + t)] = W_{len}^{k·t} Σ_r x[…] ω_p^{r·t}, ping-ponging between the line and a
 * scratch line, so no bit reversal and contiguous inner loops over q. Twiddles come from one
 * table of the whole length, so the error stays O(eps · log n) as pocketfft's.
 */
function stockham(re: Float64Array, im: Float64Array, inverse: boolean, factors: readonly number[]): void {
  const n = re.length;
  if (n <= 1) return;
  const [cos, sin] = circle(n);
  if (scratchRe.length < n) (scratchRe = new Float64Array(n)), (scratchIm = new Float64Array(n));
  let xr: Float64Array = re;
  let xi: Float64Array = im;
  let yr: Float64Array = scratchRe.subarray(0, n);
  let yi: Float64Array = scratchIm.subarray(0, n);
  let len = n;
  let s = 1;
  const sg = inverse ? 1 : -1;
  for (const p of factors) {
    const geometry: Pass = { m: len / p, s, cos, sin, sg };
    if (p === 4) pass4(xr, xi, yr, yi, geometry);
    else if (p === 2) pass2(xr, xi, yr, yi, geometry);
    else if (p === 3) pass3(xr, xi, yr, yi, geometry);
    else if (p === 5) pass5(xr, xi, yr, yi, geometry);
    else if (p === 7) pass7(xr, xi, yr, yi, geometry);
    else oddPass(p)(xr, xi, yr, yi, geometry.m, s, cos, sin, sg);
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

/** numpy.fft.rfft: the n//2 + 1 non-negative frequency bins of a real line. */
export function rfft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const h = (n >> 1) + 1;
  if (n % 2 === 1 || n < 4) {
    const re = Float64Array.from(x);
    const im = new Float64Array(n);
    dft(re, im, false);
    return { re: re.slice(0, h), im: im.slice(0, h) };
  }
  // even n: z_j = x_2j + i·x_2j+1, Z = FFT_{n/2}(z), then X_k = E_k + W_n^k·O_k with
  // E_k = (Z_k + conj Z_{n/2−k}) / 2 and O_k = (Z_k − conj Z_{n/2−k}) / 2i
  const half = n >> 1;
  const [zr, zi] = halfScratch(half);
  for (let j = 0; j < half; j++) (zr[j] = x[2 * j]!), (zi[j] = x[2 * j + 1]!);
  dft(zr, zi, false);
  const [cos, sin] = halfTwiddle(n);
  const re = new Float64Array(h);
  const im = new Float64Array(h);
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
  return { re, im };
}

/**
 * numpy.fft.irfft(X, n): the real line of length n whose spectrum's first n//2 + 1 bins are X
 * (zero-padded or cut), Hermitian-extended; divided by n.
 */
export function irfft(xr: Float64Array, xi: Float64Array, n: number): Float64Array {
  const h = (n >> 1) + 1;
  const Xr = new Float64Array(h);
  const Xi = new Float64Array(h);
  for (let k = 0; k < h && k < xr.length; k++) (Xr[k] = xr[k]!), (Xi[k] = xi[k]!);
  Xi[0] = 0; // the imaginary parts of DC and Nyquist are ignored, as pocketfft's c2r does
  if (n % 2 === 0) Xi[n >> 1] = 0;
  if (n % 2 === 1 || n < 4) {
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    re.set(Xr.subarray(0, Math.min(h, n)));
    im.set(Xi.subarray(0, Math.min(h, n)));
    for (let k = 1; k < n - k; k++) (re[n - k] = re[k]!), (im[n - k] = -im[k]!);
    dft(re, im, true);
    for (let k = 0; k < n; k++) re[k] = re[k]! / n;
    return re;
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
  const out = new Float64Array(n);
  for (let j = 0; j < half; j++) (out[2 * j] = zr[j]! / half), (out[2 * j + 1] = zi[j]! / half);
  return out;
}
