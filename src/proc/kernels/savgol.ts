// scipy.signal.savgol_filter on one line (mode "interp" or ndimage edge modes): coefficients by
// minimum-norm least squares (savgol_coeffs), a correlation over the window, and polynomial fits
// of the first and last windows for the edges in "interp" mode.
import { firKernelSimd } from "./wasmSimdFir.ts";
import { boundaryIndex, type NdMode } from "./median.ts";

/** Solve a small dense system in place (Gaussian elimination with partial pivoting). */
function solve(m: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    [rhs[c], rhs[piv]] = [rhs[piv]!, rhs[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k < n; k++) m[r]![k]! -= f * m[c]![k]!;
      rhs[r]! -= f * rhs[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = rhs[r]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * The smoothing weights of a window (scipy's savgol_coeffs with use="dot", deriv 0): weight j
 * applies to sample `i − pos + j`, pos = the window's centre (halflen, or halflen − 0.5 if even).
 */
export function savgolWeights(w: number, polyorder: number): Float64Array {
  const half = Math.floor(w / 2);
  const pos = w % 2 ? half : half - 0.5;
  // minimum-norm solution of A c = e0 with A[k][j] = (j − pos)^k: c = Aᵀ (A Aᵀ)⁻¹ e0
  const p = polyorder + 1;
  const gram = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) => {
      let s = 0;
      for (let j = 0; j < w; j++) s += (j - pos) ** (a + b);
      return s;
    }),
  );
  const e = new Array<number>(p).fill(0);
  e[0] = 1;
  const z = solve(gram, e);
  const c = new Float64Array(w);
  for (let j = 0; j < w; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += z[k]! * (j - pos) ** k;
    c[j] = s;
  }
  return c;
}

const edgeOps = new Map<string, Float64Array>();

/**
 * The least-squares polynomial fit through w samples (t = 0..w−1), evaluated back at each t, as
 * a w×w matrix: row t holds the weights of the samples in the fitted value at t (the fit is
 * linear in the samples). Made once per (w, polyorder), so each line's edges cost a few dot
 * products instead of a least-squares solve.
 */
function edgeOperator(w: number, polyorder: number): Float64Array {
  const key = `${w}:${polyorder}`;
  const hit = edgeOps.get(key);
  if (hit) return hit;
  // fit in u = (t − c)/s for conditioning; the fitted values do not depend on the variable
  const c = (w - 1) / 2;
  const s = Math.max(c, 1);
  const p = polyorder + 1;
  const pow = (t: number, k: number) => ((t - c) / s) ** k;
  const gram = () => Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => {
    let g = 0;
    for (let j = 0; j < w; j++) g += pow(j, a + b);
    return g;
  }));
  // columns of the Gram matrix's inverse
  const inv = Array.from({ length: p }, (_, b) => solve(gram(), Array.from({ length: p }, (_, a) => (a === b ? 1 : 0))));
  const op = new Float64Array(w * w);
  for (let t = 0; t < w; t++) {
    for (let j = 0; j < w; j++) {
      let v = 0;
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) v += pow(t, a) * inv[b]![a]! * pow(j, b);
      op[t * w + j] = v;
    }
  }
  edgeOps.set(key, op);
  return op;
}

/** y[start + t] for t in [t0, t1): the polynomial fit through x[start..start+w) evaluated at t. */
function fitEdge(x: Float64Array, start: number, w: number, polyorder: number, t0: number, t1: number, y: Float64Array): void {
  const op = edgeOperator(w, polyorder);
  for (let t = t0; t < t1; t++) {
    let v = 0;
    for (let j = 0; j < w; j++) v += op[t * w + j]! * x[start + j]!;
    y[start + t] = v;
  }
}

/**
 * savgol_filter of one line into `y` (length n).
 *
 * @example
 * ```ts
 * savgolLine(line, savgolWeights(11, 3), 3, "interp", 0, out);
 * ```
 */
export function savgolLine(x: Float64Array, weights: Float64Array, polyorder: number, mode: NdMode | "interp", cval: number, y: Float64Array): void {
  const n = x.length;
  const w = weights.length;
  // convolve1d with the 'conv' coefficients = correlation with these weights, shifted so the
  // window sits at i − halflen (+1 for even windows, ndimage's origin rule)
  const shift = w % 2 ? Math.floor(w / 2) : w / 2 - 1;
  const edgeMode: NdMode = mode === "interp" ? "constant" : mode;
  const bc = mode === "interp" ? 0 : cval;
  // outputs whose window lies inside the line: a plain FIR; only the edges map indices
  const lo = Math.min(shift, n);
  const hi = Math.max(lo, n - w + shift + 1);
  const edge = (i: number): void => {
    let s = 0;
    for (let j = 0; j < w; j++) {
      const k = boundaryIndex(i + j - shift, n, edgeMode);
      s += weights[j]! * (k < 0 ? bc : x[k]!);
    }
    y[i] = s;
  };
  // in "interp" mode the polynomial fits below replace every edge output
  if (mode !== "interp") {
    for (let i = 0; i < lo; i++) edge(i);
    for (let i = hi; i < n; i++) edge(i);
  }
  let symmetric = true;
  for (let j = 0; j < w; j++) if (weights[j] !== weights[w - 1 - j]) symmetric = false;
  firKernelSimd(w, symmetric)(weights, x, y, lo, hi, lo - shift, 1);
  if (mode === "interp") {
    const half = Math.floor(w / 2);
    fitEdge(x, 0, w, polyorder, 0, half, y);
    fitEdge(x, n - w, w, polyorder, w - half, w, y);
  }
}
