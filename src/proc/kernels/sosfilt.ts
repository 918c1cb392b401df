// scipy.signal.sosfilt / sosfilt_zi / sosfiltfilt on one line of samples (a Float64Array
// scratch), with scipy's odd extension padding of 3·ntaps samples at each end.

/** scipy's lfilter_zi for one biquad (a0 = 1): the 2×2 system (I − Aᵀ) zi = B. */
function biquadZi(s: Float64Array): [number, number] {
  const [b0, b1, b2, , a1, a2] = s as unknown as [number, number, number, number, number, number];
  // I - companion(a).T = [[1 + a1, -1], [a2, 1]]; B = [b1 - a1 b0, b2 - a2 b0]
  const m00 = 1 + a1;
  const m01 = -1;
  const m10 = a2;
  const m11 = 1;
  const B0 = b1 - a1 * b0;
  const B1 = b2 - a2 * b0;
  // LU with partial pivoting, as LAPACK's gesv does for a 2×2
  if (Math.abs(m10) > Math.abs(m00)) {
    const l = m00 / m10;
    const u11 = m01 - l * m11;
    const y1 = B0 - l * B1;
    const z1 = y1 / u11;
    return [(B1 - m11 * z1) / m10, z1];
  }
  const l = m10 / m00;
  const u11 = m11 - l * m01;
  const z1 = (B1 - l * B0) / u11;
  return [(B0 - m01 * z1) / m00, z1];
}

/**
 * scipy.signal.sosfilt_zi: initial state of each section for a unit step's steady state.
 *
 * @example
 * ```ts
 * const zi = sosfiltZi(sos); // 2 per section
 * ```
 */
export function sosfiltZi(sos: readonly Float64Array[]): Float64Array {
  const zi = new Float64Array(2 * sos.length);
  let scale = 1.0;
  sos.forEach((s, k) => {
    const [z0, z1] = biquadZi(s);
    zi[2 * k] = scale * z0;
    zi[2 * k + 1] = scale * z1;
    scale *= (s[0]! + s[1]! + s[2]!) / (s[3]! + s[4]! + s[5]!);
  });
  return zi;
}

/**
 * Filter `x[0..n)` in place through the sections (direct form II transposed, as scipy's C loop),
 * starting from state `z` (2 per section; updated), forwards or backwards.
 */
export function sosfiltInPlace(sos: readonly Float64Array[], x: Float64Array, n: number, z: Float64Array, reverse = false): void {
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
export function sosFiltFilter(sos: readonly Float64Array[], n: number): { edge: number; run: (line: Float64Array) => void } {
  const edge = sosPadLength(sos);
  if (n <= edge) throw new RangeError(`The length of the input vector x must be greater than padlen, which is ${edge}.`);
  const zi = sosfiltZi(sos);
  const m = n + 2 * edge;
  const ext = new Float64Array(m);
  const z = new Float64Array(zi.length);
  return {
    edge,
    run(line: Float64Array): void {
      const first = line[0]!;
      const last = line[n - 1]!;
      // odd extension: 2·x[0] − x[edge..1], the line, 2·x[-1] − x[-2..-(edge+1)]
      for (let i = 0; i < edge; i++) ext[i] = 2 * first - line[edge - i]!;
      ext.set(line.subarray(0, n), edge);
      for (let i = 0; i < edge; i++) ext[edge + n + i] = 2 * last - line[n - 2 - i]!;
      const x0 = ext[0]!;
      for (let k = 0; k < zi.length; k++) z[k] = zi[k]! * x0;
      sosfiltInPlace(sos, ext, m, z);
      const y0 = ext[m - 1]!;
      for (let k = 0; k < zi.length; k++) z[k] = zi[k]! * y0;
      sosfiltInPlace(sos, ext, m, z, true);
      line.set(ext.subarray(edge, edge + n));
    },
  };
}
