// The butterfly passes of the Stockham FFT (fft.ts): radix 2, 3, 4, 5 and 7 unrolled, other odd
// radices ≤ 31 generated once as straight-line code. Each pass of radix p turns
// x[q + s(k + r·m)] into y[q + s(p·k + t)] = W^{k·t·s}_n Σ_r x[…] ω_p^{r·t}, the twiddles read
// from the pass's own table `tw` (cos, sin of 2π·k·t·s/n at 2((p−1)k + t − 1)): read in order,
// where reading them from one n-long circle at strides k·t·s missed the cache (`sg` = −1
// forward, +1 inverse).

/**
 * A pass: `m` butterflies of radix p, each over `s` interleaved lines, from x to y, with its
 * twiddle table `tw` and direction `sg`. Plain arguments, not an object: no allocation per pass.
 */
export type PassFn = (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, m: number, s: number, tw: Float64Array, sg: number) => void;

export function pass2(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, m: number, s: number, tw: Float64Array, sg: number): void {
  const sm = s * m;
  for (let k = 0; k < m; k++) {
    const w1r = tw[2 * k]!;
    const w1i = sg * tw[2 * k + 1]!;
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

export function pass4(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, m: number, s: number, tw: Float64Array, sg: number): void {
  const sm = s * m;
  for (let k = 0; k < m; k++) {
    const j = 6 * k;
    const w1r = tw[j]!, w1i = sg * tw[j + 1]!;
    const w2r = tw[j + 2]!, w2i = sg * tw[j + 3]!;
    const w3r = tw[j + 4]!, w3i = sg * tw[j + 5]!;
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

export function pass3(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, m: number, s: number, tw: Float64Array, sg: number): void {
  const sm = s * m;
  const s3 = sg * SIN3;
  for (let k = 0; k < m; k++) {
    const j = 4 * k;
    const w1r = tw[j]!, w1i = sg * tw[j + 1]!;
    const w2r = tw[j + 2]!, w2i = sg * tw[j + 3]!;
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

export function pass5(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, m: number, s: number, tw: Float64Array, sg: number): void {
  const sm = s * m;
  const s1 = sg * S51;
  const s2 = sg * S52;
  for (let k = 0; k < m; k++) {
    const j = 8 * k;
    const w1r = tw[j]!, w1i = sg * tw[j + 1]!;
    const w2r = tw[j + 2]!, w2i = sg * tw[j + 3]!;
    const w3r = tw[j + 4]!, w3i = sg * tw[j + 5]!;
    const w4r = tw[j + 6]!, w4i = sg * tw[j + 7]!;
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
export function pass7(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, m: number, s: number, tw: Float64Array, sg: number): void {
  const sm = s * m;
  const s1 = sg * S71;
  const s2 = sg * S72;
  const s3 = sg * S73;
  for (let k = 0; k < m; k++) {
    const j = 12 * k;
    const w1r = tw[j]!, w1i = sg * tw[j + 1]!, w2r = tw[j + 2]!, w2i = sg * tw[j + 3]!;
    const w3r = tw[j + 4]!, w3i = sg * tw[j + 5]!, w4r = tw[j + 6]!, w4i = sg * tw[j + 7]!;
    const w5r = tw[j + 8]!, w5i = sg * tw[j + 9]!, w6r = tw[j + 10]!, w6i = sg * tw[j + 11]!;
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
      yr[b + s] = e1r * w1r - e1i * w1i;
      yi[b + s] = e1r * w1i + e1i * w1r;
      yr[b + 2 * s] = e2r * w2r - e2i * w2i;
      yi[b + 2 * s] = e2r * w2i + e2i * w2r;
      yr[b + 3 * s] = e3r * w3r - e3i * w3i;
      yi[b + 3 * s] = e3r * w3i + e3i * w3r;
      yr[b + 4 * s] = e4r * w4r - e4i * w4i;
      yi[b + 4 * s] = e4r * w4i + e4i * w4r;
      yr[b + 5 * s] = e5r * w5r - e5i * w5i;
      yi[b + 5 * s] = e5r * w5i + e5i * w5r;
      yr[b + 6 * s] = e6r * w6r - e6i * w6i;
      yi[b + 6 * s] = e6r * w6i + e6i * w6r;
    }
  }
}

const ODD_PASSES = new Map<number, PassFn>();

/**
 * The pass of an odd radix p ≤ 31 (11, 13, …, as 11-smooth pads bring 11s), generated once per p
 * as straight-line code: pass7's pairing (a_r ± a_{p−r}) with the p-th roots as literals. Loops
 * over r and t of a handful of iterations ran 3× slower per point than the unrolled radices.
 */
export function oddPass(p: number): PassFn {
  let fn = ODD_PASSES.get(p);
  if (fn) return fn;
  const h = (p - 1) >> 1;
  const rs = Array.from({ length: h }, (_, i) => i + 1);
  const lit = (x: number): string => `(${x})`;
  const L: string[] = ["const sm = s * m;"];
  for (const t of rs) for (const r of rs) L.push(`const S${t}_${r} = sg * ${lit(Math.sin((2 * Math.PI * ((r * t) % p)) / p))};`);
  L.push("for (let k = 0; k < m; k++) {");
  L.push(`const j = ${2 * (p - 1)} * k;`);
  for (let t = 1; t < p; t++) L.push(`const w${t}r = tw[j + ${2 * (t - 1)}], w${t}i = sg * tw[j + ${2 * t - 1}];`);
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
    L.push(`yr[b + ${t} * s] = e1r * w${t}r - e1i * w${t}i; yi[b + ${t} * s] = e1r * w${t}i + e1i * w${t}r;`);
    L.push(`yr[b + ${p - t} * s] = e2r * w${p - t}r - e2i * w${p - t}i; yi[b + ${p - t} * s] = e2r * w${p - t}i + e2i * w${p - t}r;`);
    L.push("}");
  }
  L.push("}", "}");
  fn = new Function("xr", "xi", "yr", "yi", "m", "s", "tw", "sg", `"use strict";\n${L.join("\n")}`) as PassFn;
  ODD_PASSES.set(p, fn);
  return fn;
}
