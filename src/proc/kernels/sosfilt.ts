// scipy.signal.sosfilt / sosfilt_zi / sosfiltfilt on one line of samples (a Float64Array
// scratch), with scipy's odd extension padding of 3·ntaps samples at each end. For float32 data
// SciPy computes in float32 throughout; `f32` reproduces that by rounding every operation
// (Math.fround), since the float32 round-off of a narrow band-pass exceeds 1e-5 relative.

const same = (x: number): number => x;

/**
 * scipy's lfilter_zi for one biquad (a0 = 1): the 2×2 system (I − Aᵀ) zi = B, solved as
 * LAPACK's gesv does (partial pivoting, the pivot's reciprocal scales the column). `r` rounds
 * each operation (Math.fround for float32, identity for float64).
 */
function biquadZi(s: Float64Array, r: (x: number) => number): [number, number] {
  const [b0, b1, b2, , a1, a2] = s as unknown as [number, number, number, number, number, number];
  // I - companion(a).T = [[1 + a1, -1], [a2, 1]] (eye in float64, then cast); B = [b1 - a1 b0, b2 - a2 b0]
  const m00 = r(1 + a1);
  const m01 = -1;
  const m10 = a2;
  const m11 = 1;
  const B0 = r(b1 - r(a1 * b0));
  const B1 = r(b2 - r(a2 * b0));
  const swap = Math.abs(m10) > Math.abs(m00);
  const [p0, p1, q0, q1, c0, c1] = swap ? [m10, m11, m00, m01, B1, B0] : [m00, m01, m10, m11, B0, B1];
  const l = r(q0 * r(1 / p0));
  const u11 = r(q1 - r(l * p1));
  const y1 = r(c1 - r(l * c0));
  const z1 = r(y1 / u11);
  return [r(r(c0 - r(z1 * p1)) / p0), z1];
}

/**
 * scipy.signal.sosfilt_zi: initial state of each section for a unit step's steady state.
 *
 * @example
 * ```ts
 * const zi = sosfiltZi(sos); // 2 per section
 * ```
 */
export function sosfiltZi(sos: readonly Float64Array[], f32 = false): Float64Array {
  const r = f32 ? Math.fround : same;
  const zi = new Float64Array(2 * sos.length);
  let scale = 1.0;
  sos.forEach((s, k) => {
    const [z0, z1] = biquadZi(s, r);
    zi[2 * k] = r(scale * z0);
    zi[2 * k + 1] = r(scale * z1);
    scale = r(scale * r(r(r(s[0]! + s[1]!) + s[2]!) / r(r(s[3]! + s[4]!) + s[5]!)));
  });
  return zi;
}

/**
 * Filter `x[0..n)` in place through the sections (direct form II transposed, as scipy's C loop),
 * starting from state `z` (2 per section; updated), forwards or backwards.
 */
export function sosfiltInPlace(sos: readonly Float64Array[], x: Float64Array, n: number, z: Float64Array, reverse = false, f32 = false): void {
  if (f32) return sosfiltInPlace32(sos, x, n, z, reverse);
  const ns = sos.length;
  const flat = new Float64Array(5 * ns);
  for (let k = 0; k < ns; k++) {
    const s = sos[k]!;
    flat.set([s[0]!, s[1]!, s[2]!, s[4]!, s[5]!], 5 * k);
  }
  for (let j = 0; j < n; j++) {
    const i = reverse ? n - 1 - j : j;
    let xc = x[i]!;
    for (let k = 0; k < ns; k++) {
      const o = 5 * k;
      const xn = flat[o]! * xc + z[2 * k]!;
      z[2 * k] = flat[o + 1]! * xc - flat[o + 3]! * xn + z[2 * k + 1]!;
      z[2 * k + 1] = flat[o + 2]! * xc - flat[o + 4]! * xn;
      xc = xn;
    }
    x[i] = xc;
  }
}

/** {@link sosfiltInPlace} in float32 arithmetic: every product and sum rounded, as SciPy's C loop. */
function sosfiltInPlace32(sos: readonly Float64Array[], x: Float64Array, n: number, z: Float64Array, reverse: boolean): void {
  const f = Math.fround;
  const ns = sos.length;
  for (let j = 0; j < n; j++) {
    const i = reverse ? n - 1 - j : j;
    let xc = x[i]!;
    for (let k = 0; k < ns; k++) {
      const s = sos[k]!;
      const xn = f(f(s[0]! * xc) + z[2 * k]!);
      z[2 * k] = f(f(f(s[1]! * xc) - f(s[4]! * xn)) + z[2 * k + 1]!);
      z[2 * k + 1] = f(f(s[2]! * xc) - f(s[5]! * xn));
      xc = xn;
    }
    x[i] = xc;
  }
}

/** scipy's default pad length for sosfiltfilt: 3 × (2·sections + 1 − trailing-zero sections). */
export function sosPadLength(sos: readonly Float64Array[]): number {
  let zb = 0;
  let za = 0;
  for (const s of sos) {
    if (s[2] === 0) zb++;
    if (s[5] === 0) za++;
  }
  return 3 * (2 * sos.length + 1 - Math.min(zb, za));
}

/**
 * A reusable zero-phase filter of lines of length `n`: scipy's sosfiltfilt with odd padding.
 * `run(line)` filters `line[0..n)` in place.
 *
 * @throws Error (turned into a ParameterError by the caller) when n ≤ the pad length.
 * @example
 * ```ts
 * const f = sosFiltFilter(sos, n); f.run(line);
 * ```
 */
export function sosFiltFilter(sos: readonly Float64Array[], n: number, f32 = false): { edge: number; run: (line: Float64Array) => void } {
  const edge = sosPadLength(sos);
  if (n <= edge) throw new RangeError(`The length of the input vector x must be greater than padlen, which is ${edge}.`);
  const zi = sosfiltZi(sos, f32);
  const r = f32 ? Math.fround : same;
  const m = n + 2 * edge;
  const ext = new Float64Array(m);
  const z = new Float64Array(zi.length);
  return {
    edge,
    run(line: Float64Array): void {
      const first = line[0]!;
      const last = line[n - 1]!;
      // odd extension: 2·x[0] − x[edge..1], the line, 2·x[-1] − x[-2..-(edge+1)]
      for (let i = 0; i < edge; i++) ext[i] = r(2 * first - line[edge - i]!);
      ext.set(line.subarray(0, n), edge);
      for (let i = 0; i < edge; i++) ext[edge + n + i] = r(2 * last - line[n - 2 - i]!);
      const x0 = ext[0]!;
      for (let k = 0; k < zi.length; k++) z[k] = r(zi[k]! * x0);
      sosfiltInPlace(sos, ext, m, z, false, f32);
      const y0 = ext[m - 1]!;
      for (let k = 0; k < zi.length; k++) z[k] = r(zi[k]! * y0);
      sosfiltInPlace(sos, ext, m, z, true, f32);
      line.set(ext.subarray(edge, edge + n));
    },
  };
}
