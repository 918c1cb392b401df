// Line kernels of the windows-and-scaling family: scipy.signal.detrend (linear least squares
// or constant), and scipy.signal.windows taper functions.

/**
 * scipy.signal.detrend(type="linear") of one line in place: subtract the least-squares line
 * through (i/n, x_i), i = 1..n (a NaN makes the whole line NaN, as lstsq does).
 *
 * @example
 * ```ts
 * detrendLinear(line); // line now has zero mean and no slope
 * ```
 */
export function detrendLinear(x: Float64Array): void {
  const n = x.length;
  if (n === 0) return;
  // centred normal equations: slope = Σ(t−t̄)(x−x̄) / Σ(t−t̄)², same solution as lstsq
  let tm = 0;
  let xm = 0;
  for (let i = 0; i < n; i++) {
    tm += (i + 1) / n;
    xm += x[i]!;
  }
  tm /= n;
  xm /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dt = (i + 1) / n - tm;
    sxy += dt * (x[i]! - xm);
    sxx += dt * dt;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const icpt = xm - slope * tm;
  if (xm !== xm) x.fill(NaN);
  else for (let i = 0; i < n; i++) x[i] = x[i]! - (slope * ((i + 1) / n) + icpt);
}

/** scipy.signal.detrend(type="constant") of one line: subtract the mean (NaN-propagating). */
export function detrendConstant(x: Float64Array): void {
  // an indexed loop: for-of over a typed array goes through its iterator (as slow as an FFT here)
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  const m = s / x.length;
  for (let i = 0; i < x.length; i++) x[i] = x[i]! - m;
}

/** numpy.linspace(-π, π, m), whose last element is exactly π. */
function fac(m: number): Float64Array {
  const out = new Float64Array(m);
  const step = (2 * Math.PI) / (m - 1);
  for (let i = 0; i < m; i++) out[i] = i * step - Math.PI;
  if (m > 1) out[m - 1] = Math.PI;
  return out;
}

function generalCosine(m: number, a: readonly number[]): Float64Array {
  const f = fac(m);
  const w = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = 0; k < a.length; k++) s += a[k]! * Math.cos(k * f[i]!);
    w[i] = s;
  }
  return w;
}

function triang(m: number): Float64Array {
  const w = new Float64Array(m);
  const half = Math.ceil(m / 2);
  for (let i = 1; i <= half; i++) {
    const v = m % 2 === 0 ? (2 * i - 1) / m : (2 * i) / (m + 1);
    w[i - 1] = v;
    w[m - i] = v;
  }
  return w;
}

function bartlett(m: number): Float64Array {
  const w = new Float64Array(m);
  for (let n = 0; n < m; n++) w[n] = n <= (m - 1) / 2 ? (2 * n) / (m - 1) : 2 - (2 * n) / (m - 1);
  return w;
}

/** Symmetric scipy.signal.windows of length m, by DASCore's taper names. */
export const WINDOWS: Readonly<Record<string, (m: number) => Float64Array>> = {
  hann: (m) => generalCosine(m, [0.5, 0.5]),
  cos: (m) => generalCosine(m, [0.5, 0.5]),
  hamming: (m) => generalCosine(m, [0.54, 0.46]),
  blackman: (m) => generalCosine(m, [0.42, 0.5, 0.08]),
  blackmanharris: (m) => generalCosine(m, [0.35875, 0.48829, 0.14128, 0.01168]),
  nuttall: (m) => generalCosine(m, [0.3635819, 0.4891775, 0.1365995, 0.0106411]),
  triang,
  ramp: triang,
  bartlett,
  boxcar: (m) => new Float64Array(m).fill(1),
};

/**
 * A taper window of length m (scipy: length ≤ 1 gives ones).
 *
 * @example
 * ```ts
 * taperWindow("hann", 5); // [0, 0.5, 1, 0.5, 0]
 * ```
 */
export function taperWindow(name: string, m: number): Float64Array {
  if (m <= 1) return new Float64Array(Math.max(m, 0)).fill(1);
  return WINDOWS[name]!(m);
}
