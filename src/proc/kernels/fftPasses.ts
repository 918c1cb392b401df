// The butterfly passes of the Stockham FFT (fftPlan.ts), generated once per radix as
// straight-line code. Each pass of radix p turns x[q + s(k + r·m)] into
// y[q + s(p·k + t)] = W^{k·t·s}_n Σ_r x[…] ω_p^{r·t}, the twiddles read from the pass's own
// table `tw` (cos, sin of 2π·k·t·s/n at 2((p−1)k + t − 1)), in order (`sg` = −1 forward, +1
// inverse). Three loop shapes share one butterfly text: s = 1 (the first pass: one loop over
// k, where an inner loop of one iteration per butterfly ran at a third of the speed), k = 0
// (twiddles all 1: no multiplications; the whole of the last pass) and the general nest.

/**
 * A pass: `m` butterflies of radix p, each over `s` interleaved lines, from x to y, with its
 * twiddle table `tw` and direction `sg`. Plain arguments, not an object: no allocation per pass.
 */
export type PassFn = (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, m: number, s: number, tw: Float64Array, sg: number) => void;

/** A number as a source literal (shortest round-trip form: the same double). */
const lit = (x: number): string => `(${x})`;
const cos = (k: number, p: number): string => lit(Math.cos((2 * Math.PI * k) / p));
const sin = (k: number, p: number): string => lit(Math.sin((2 * Math.PI * k) / p));

/**
 * Radix p's butterfly: from loads a{r}r, a{r}i (r < p) to outputs e{t}r, e{t}i (t < p), with
 * `pre` the constants it needs once per call. Radices 2, 3, 4, 5, 7 and 8 hand-paired; any other odd
 * p pairs a_r ± a_{p−r} (the p-th roots as literals).
 */
export function butterfly(p: number): { pre: string[]; body: string[] } {
  if (p === 2) return { pre: [], body: ["const e0r = a0r + a1r, e0i = a0i + a1i, e1r = a0r - a1r, e1i = a0i - a1i;"] };
  if (p === 4) {
    return {
      pre: [],
      body: [
        "const t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i, t2r = a1r + a3r, t2i = a1i + a3i;",
        "const t3r = -sg * (a1i - a3i), t3i = sg * (a1r - a3r);", // (a1 − a3)·ω₄, ω₄ = sg·i
        "const e0r = t0r + t2r, e0i = t0i + t2i, e1r = t1r + t3r, e1i = t1i + t3i;",
        "const e2r = t0r - t2r, e2i = t0i - t2i, e3r = t1r - t3r, e3i = t1i - t3i;",
      ],
    };
  }
  if (p === 8) {
    // two DFT-4s (even and odd inputs, ω₄ = sg·i), the odd one turned by ω₈^t = exp(sg·iπt/4)
    const c = lit(Math.SQRT1_2);
    return {
      pre: [],
      body: [
        "const t0r = a0r + a4r, t0i = a0i + a4i, t1r = a0r - a4r, t1i = a0i - a4i, t2r = a2r + a6r, t2i = a2i + a6i;",
        "const t3r = -sg * (a2i - a6i), t3i = sg * (a2r - a6r);",
        "const E0r = t0r + t2r, E0i = t0i + t2i, E1r = t1r + t3r, E1i = t1i + t3i, E2r = t0r - t2r, E2i = t0i - t2i, E3r = t1r - t3r, E3i = t1i - t3i;",
        "const u0r = a1r + a5r, u0i = a1i + a5i, u1r = a1r - a5r, u1i = a1i - a5i, u2r = a3r + a7r, u2i = a3i + a7i;",
        "const u3r = -sg * (a3i - a7i), u3i = sg * (a3r - a7r);",
        "const O0r = u0r + u2r, O0i = u0i + u2i, O1r = u1r + u3r, O1i = u1i + u3i, O2r = u0r - u2r, O2i = u0i - u2i, O3r = u1r - u3r, O3i = u1i - u3i;",
        `const R1r = ${c} * (O1r - sg * O1i), R1i = ${c} * (sg * O1r + O1i);`,
        "const R2r = -sg * O2i, R2i = sg * O2r;",
        `const R3r = -${c} * (O3r + sg * O3i), R3i = ${c} * (sg * O3r - O3i);`,
        "const e0r = E0r + O0r, e0i = E0i + O0i, e4r = E0r - O0r, e4i = E0i - O0i;",
        "const e1r = E1r + R1r, e1i = E1i + R1i, e5r = E1r - R1r, e5i = E1i - R1i;",
        "const e2r = E2r + R2r, e2i = E2i + R2i, e6r = E2r - R2r, e6i = E2i - R2i;",
        "const e3r = E3r + R3r, e3i = E3i + R3i, e7r = E3r - R3r, e7i = E3i - R3i;",
      ],
    };
  }
  if (p === 3) {
    return {
      pre: [`const s3 = sg * ${sin(1, 3)};`],
      body: [
        "const br = a1r + a2r, bi = a1i + a2i, cr = a0r - 0.5 * br, ci = a0i - 0.5 * bi;",
        "const dr = -s3 * (a1i - a2i), di = s3 * (a1r - a2r);", // i·s3·(a1 − a2)
        "const e0r = a0r + br, e0i = a0i + bi, e1r = cr + dr, e1i = ci + di, e2r = cr - dr, e2i = ci - di;",
      ],
    };
  }
  if (p === 5) {
    const [c1, c2] = [cos(1, 5), cos(2, 5)];
    return {
      pre: [`const s1 = sg * ${sin(1, 5)}, s2 = sg * ${sin(2, 5)};`],
      body: [
        "const b1r = a1r + a4r, b1i = a1i + a4i, b2r = a2r + a3r, b2i = a2i + a3i;",
        "const d1r = a1r - a4r, d1i = a1i - a4i, d2r = a2r - a3r, d2i = a2i - a3i;",
        `const p1r = a0r + ${c1} * b1r + ${c2} * b2r, p1i = a0i + ${c1} * b1i + ${c2} * b2i;`,
        `const p2r = a0r + ${c2} * b1r + ${c1} * b2r, p2i = a0i + ${c2} * b1i + ${c1} * b2i;`,
        // i·(s1·d1 + s2·d2) and i·(s2·d1 − s1·d2)
        "const q1r = -(s1 * d1i + s2 * d2i), q1i = s1 * d1r + s2 * d2r, q2r = -(s2 * d1i - s1 * d2i), q2i = s2 * d1r - s1 * d2r;",
        "const e0r = a0r + b1r + b2r, e0i = a0i + b1i + b2i;",
        "const e1r = p1r + q1r, e1i = p1i + q1i, e4r = p1r - q1r, e4i = p1i - q1i;",
        "const e2r = p2r + q2r, e2i = p2i + q2i, e3r = p2r - q2r, e3i = p2i - q2i;",
      ],
    };
  }
  if (p === 7) {
    const [c1, c2, c3] = [cos(1, 7), cos(2, 7), cos(3, 7)];
    return {
      pre: [`const s1 = sg * ${sin(1, 7)}, s2 = sg * ${sin(2, 7)}, s3 = sg * ${sin(3, 7)};`],
      body: [
        "const b1r = a1r + a6r, b1i = a1i + a6i, d1r = a1r - a6r, d1i = a1i - a6i;",
        "const b2r = a2r + a5r, b2i = a2i + a5i, d2r = a2r - a5r, d2i = a2i - a5i;",
        "const b3r = a3r + a4r, b3i = a3i + a4i, d3r = a3r - a4r, d3i = a3i - a4i;",
        // P_t = a0 + Σ cos(2π r t/7)·b_r; Q_t = i·Σ sg·sin(2π r t/7)·d_r (t = 1, 2, 3)
        `const p1r = a0r + ${c1} * b1r + ${c2} * b2r + ${c3} * b3r, p1i = a0i + ${c1} * b1i + ${c2} * b2i + ${c3} * b3i;`,
        `const p2r = a0r + ${c2} * b1r + ${c3} * b2r + ${c1} * b3r, p2i = a0i + ${c2} * b1i + ${c3} * b2i + ${c1} * b3i;`,
        `const p3r = a0r + ${c3} * b1r + ${c1} * b2r + ${c2} * b3r, p3i = a0i + ${c3} * b1i + ${c1} * b2i + ${c2} * b3i;`,
        "const u1 = s1 * d1r + s2 * d2r + s3 * d3r, v1 = s1 * d1i + s2 * d2i + s3 * d3i;",
        "const u2 = s2 * d1r - s3 * d2r - s1 * d3r, v2 = s2 * d1i - s3 * d2i - s1 * d3i;",
        "const u3 = s3 * d1r - s1 * d2r + s2 * d3r, v3 = s3 * d1i - s1 * d2i + s2 * d3i;",
        "const e0r = a0r + b1r + b2r + b3r, e0i = a0i + b1i + b2i + b3i;",
        // A_t = P_t + i·(u + i·v) = (P − v) + i(P + u); A_{7−t} = (P + v) + i(P − u)
        "const e1r = p1r - v1, e1i = p1i + u1, e6r = p1r + v1, e6i = p1i - u1;",
        "const e2r = p2r - v2, e2i = p2i + u2, e5r = p2r + v2, e5i = p2i - u2;",
        "const e3r = p3r - v3, e3i = p3i + u3, e4r = p3r + v3, e4i = p3i - u3;",
      ],
    };
  }
  // any odd p: pass 7's pairing, written out for p
  const rs = Array.from({ length: (p - 1) >> 1 }, (_, i) => i + 1);
  const pre: string[] = [];
  for (const t of rs) for (const r of rs) pre.push(`const S${t}_${r} = sg * ${sin((r * t) % p, p)};`);
  const body: string[] = [];
  for (const r of rs) {
    body.push(`const b${r}r = a${r}r + a${p - r}r, b${r}i = a${r}i + a${p - r}i, d${r}r = a${r}r - a${p - r}r, d${r}i = a${r}i - a${p - r}i;`);
  }
  body.push(`const e0r = a0r${rs.map((r) => ` + b${r}r`).join("")}, e0i = a0i${rs.map((r) => ` + b${r}i`).join("")};`);
  for (const t of rs) {
    const c = (r: number): string => cos((r * t) % p, p);
    body.push(`const p${t}r = a0r${rs.map((r) => ` + ${c(r)} * b${r}r`).join("")}, p${t}i = a0i${rs.map((r) => ` + ${c(r)} * b${r}i`).join("")};`);
    body.push(`const u${t} = ${rs.map((r) => `S${t}_${r} * d${r}r`).join(" + ")}, v${t} = ${rs.map((r) => `S${t}_${r} * d${r}i`).join(" + ")};`);
    body.push(`const e${t}r = p${t}r - v${t}, e${t}i = p${t}i + u${t}, e${p - t}r = p${t}r + v${t}, e${p - t}i = p${t}i - u${t};`);
  }
  return { pre, body };
}

/** Source of the pass of radix p: the butterfly in its three loop shapes. */
function passSource(p: number): string {
  const { pre, body } = butterfly(p);
  const ts = Array.from({ length: p - 1 }, (_, i) => i + 1);
  const loads = (stride: string): string =>
    Array.from({ length: p }, (_, r) => `const a${r}r = xr[a${r ? ` + ${r} * ${stride}` : ""}], a${r}i = xi[a${r ? ` + ${r} * ${stride}` : ""}];`).join("\n");
  const twiddles = [`const j = ${2 * (p - 1)} * k;`, ...ts.map((t) => `const w${t}r = tw[j + ${2 * (t - 1)}], w${t}i = sg * tw[j + ${2 * t - 1}];`)].join("\n");
  const stores = (stride: string, twiddled: boolean): string =>
    [
      "yr[b] = e0r; yi[b] = e0i;",
      ...ts.map((t) =>
        twiddled
          ? `yr[b + ${t} * ${stride}] = e${t}r * w${t}r - e${t}i * w${t}i; yi[b + ${t} * ${stride}] = e${t}r * w${t}i + e${t}i * w${t}r;`
          : `yr[b + ${t} * ${stride}] = e${t}r; yi[b + ${t} * ${stride}] = e${t}i;`,
      ),
    ].join("\n");
  const bf = body.join("\n");
  return `"use strict";
const sm = s * m;
${pre.join("\n")}
if (s === 1) {
  for (let k = 0; k < m; k++) {
    ${twiddles}
    const a = k, b = ${p} * k;
    ${loads("m")}
    ${bf}
    ${stores("1", true)}
  }
  return;
}
for (let q = 0; q < s; q++) {
  const a = q, b = q;
  ${loads("sm")}
  ${bf}
  ${stores("s", false)}
}
for (let k = 1; k < m; k++) {
  ${twiddles}
  const x0 = s * k, y0 = ${p} * s * k;
  for (let q = 0; q < s; q++) {
    const a = x0 + q, b = y0 + q;
    ${loads("sm")}
    ${bf}
    ${stores("s", true)}
  }
}`;
}

const PASSES = new Map<number, PassFn>();

/** The pass of radix p (2, 3, 4, 5, 7, 8 or any odd prime ≤ 31), generated once. */
export function passFor(p: number): PassFn {
  let fn = PASSES.get(p);
  if (!fn) {
    fn = new Function("xr", "xi", "yr", "yi", "m", "s", "tw", "sg", passSource(p)) as PassFn;
    PASSES.set(p, fn);
  }
  return fn;
}
