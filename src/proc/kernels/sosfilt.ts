// scipy.signal.sosfilt / sosfilt_zi / sosfiltfilt on one line of samples (a Float64Array
// scratch), with scipy's odd extension padding of 3·ntaps samples at each end. For float32 data
// SciPy computes in float32 throughout; `f32` reproduces that by rounding every operation
// (Math.fround), since the float32 round-off of a narrow band-pass exceeds 1e-5 relative.

import { fusedSos, simdSosFiltFilter, type SosStage } from "./wasmSimdSos.ts";

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
  // Section by section over the whole line (the cascade is linear: section k sees exactly the
  // samples it would sample by sample, so the result is bit-identical) with coefficients and
  // state in locals: the recursion is latency-bound, and array loads in it cost ~2×.
  for (let k = 0; k < sos.length; k++) {
    const s = sos[k]!;
    const b0 = s[0]!, b1 = s[1]!, b2 = s[2]!, a1 = s[4]!, a2 = s[5]!;
    let z0 = z[2 * k]!;
    let z1 = z[2 * k + 1]!;
    if (reverse) {
      for (let i = n - 1; i >= 0; i--) {
        const xc = x[i]!;
        const xn = b0 * xc + z0;
        z0 = b1 * xc - a1 * xn + z1;
        z1 = b2 * xc - a2 * xn;
        x[i] = xn;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const xc = x[i]!;
        const xn = b0 * xc + z0;
        z0 = b1 * xc - a1 * xn + z1;
        z1 = b2 * xc - a2 * xn;
        x[i] = xn;
      }
    }
    z[2 * k] = z0;
    z[2 * k + 1] = z1;
  }
}

/**
 * {@link sosfiltInPlace} on two lines at once, each with its own state (`za`, `zb`). The two
 * recursions are independent, so the CPU overlaps them: the latency of one sample's chain of
 * multiply-adds is what bounds a single line. Results are bit-identical to two single calls.
 */
export function sosfiltPairInPlace(sos: readonly Float64Array[], xa: Float64Array, xb: Float64Array, n: number, za: Float64Array, zb: Float64Array, reverse: boolean): void {
  for (let k = 0; k < sos.length; k++) {
    const s = sos[k]!;
    const b0 = s[0]!, b1 = s[1]!, b2 = s[2]!, a1 = s[4]!, a2 = s[5]!;
    let p0 = za[2 * k]!, p1 = za[2 * k + 1]!;
    let q0 = zb[2 * k]!, q1 = zb[2 * k + 1]!;
    const first = reverse ? n - 1 : 0;
    const step = reverse ? -1 : 1;
    for (let j = 0, i = first; j < n; j++, i += step) {
      const u = xa[i]!;
      const v = xb[i]!;
      const un = b0 * u + p0;
      const vn = b0 * v + q0;
      p0 = b1 * u - a1 * un + p1;
      q0 = b1 * v - a1 * vn + q1;
      p1 = b2 * u - a2 * un;
      q1 = b2 * v - a2 * vn;
      xa[i] = un;
      xb[i] = vn;
    }
    za[2 * k] = p0;
    za[2 * k + 1] = p1;
    zb[2 * k] = q0;
    zb[2 * k + 1] = q1;
  }
}

/** {@link sosfiltPairInPlace} for four lines (`x` and `z` hold four each): more chains in flight. */
export function sosfiltQuadInPlace(sos: readonly Float64Array[], x: readonly Float64Array[], n: number, z: readonly Float64Array[], reverse: boolean): void {
  const [xa, xb, xc, xd] = x as [Float64Array, Float64Array, Float64Array, Float64Array];
  const [za, zb, zc, zd] = z as [Float64Array, Float64Array, Float64Array, Float64Array];
  for (let k = 0; k < sos.length; k++) {
    const s = sos[k]!;
    const b0 = s[0]!, b1 = s[1]!, b2 = s[2]!, a1 = s[4]!, a2 = s[5]!;
    let p0 = za[2 * k]!, p1 = za[2 * k + 1]!;
    let q0 = zb[2 * k]!, q1 = zb[2 * k + 1]!;
    let r0 = zc[2 * k]!, r1 = zc[2 * k + 1]!;
    let t0 = zd[2 * k]!, t1 = zd[2 * k + 1]!;
    const first = reverse ? n - 1 : 0;
    const step = reverse ? -1 : 1;
    for (let j = 0, i = first; j < n; j++, i += step) {
      const u = xa[i]!, v = xb[i]!, w = xc[i]!, y = xd[i]!;
      const un = b0 * u + p0, vn = b0 * v + q0, wn = b0 * w + r0, yn = b0 * y + t0;
      p0 = b1 * u - a1 * un + p1;
      q0 = b1 * v - a1 * vn + q1;
      r0 = b1 * w - a1 * wn + r1;
      t0 = b1 * y - a1 * yn + t1;
      p1 = b2 * u - a2 * un;
      q1 = b2 * v - a2 * vn;
      r1 = b2 * w - a2 * wn;
      t1 = b2 * y - a2 * yn;
      xa[i] = un;
      xb[i] = vn;
      xc[i] = wn;
      xd[i] = yn;
    }
    za[2 * k] = p0, za[2 * k + 1] = p1;
    zb[2 * k] = q0, zb[2 * k + 1] = q1;
    zc[2 * k] = r0, zc[2 * k + 1] = r1;
    zd[2 * k] = t0, zd[2 * k + 1] = t1;
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
 * `run(line)` filters `line[0..n)` in place; `runInto(src, dst, q)` reads one line and writes every
 * q-th filtered sample to another. `exact` keeps SciPy's operations bit for bit on float64 too
 * (the scalar loops and the plain SIMD kernel) where the fused kernel would otherwise run.
 *
 * @throws Error (turned into a ParameterError by the caller) when n ≤ the pad length.
 * @example
 * ```ts
 * const f = sosFiltFilter(sos, n); f.run(line);
 * ```
 */
export function sosFiltFilter(
  sos: readonly Float64Array[],
  n: number,
  f32 = false,
  exact = false,
): {
  edge: number;
  run: (line: Float64Array) => void;
  runGroup: ((lines: readonly Float64Array[]) => void) | null;
  /** Filter `src` (not changed) and write every q-th filtered sample into `dst` (ceil(n/q) long). */
  runInto: (src: Float64Array, dst: Float64Array, q?: number) => void;
  /** {@link runInto} for 2 or 4 lines at once, or 8 where the SIMD kernel runs (float64; float32 only there). */
  runGroupInto: ((srcs: readonly Float64Array[], dsts: readonly Float64Array[], q?: number) => void) | null;
  /** The group sizes runGroupInto takes, largest first. */
  groupWidths: readonly number[];
  /**
   * {@link runGroupInto} on float32 lines (8 or 4) straight through the float32 SIMD kernel, or null
   * (float64 filters, no SIMD): the same float32 arithmetic without float64 copies of the lines.
   */
  runGroupInto32: { run: (srcs: readonly Float32Array[], dsts: readonly Float32Array[], q?: number) => void; widths: readonly number[] } | null;
  /** The filter as a stage of a chained SIMD run (wasmSimdSos.ts simdSosChain), with how it computes. */
  stage: SosStage & { readonly exact: boolean };
} {
  const edge = sosPadLength(sos);
  if (n <= edge) throw new RangeError(`The length of the input vector x must be greater than padlen, which is ${edge}.`);
  const zi = sosfiltZi(sos, f32);
  const r = f32 ? Math.fround : same;
  const m = n + 2 * edge;
  const exts = Array.from({ length: 4 }, () => new Float64Array(m));
  const states = Array.from({ length: 4 }, () => new Float64Array(zi.length));
  // odd extension: 2·x[0] − x[edge..1], the line, 2·x[-1] − x[-2..-(edge+1)]
  const extend = (line: Float64Array, out: Float64Array) => {
    const first = line[0]!;
    const last = line[n - 1]!;
    for (let i = 0; i < edge; i++) out[i] = r(2 * first - line[edge - i]!);
    out.set(line.subarray(0, n), edge);
    for (let i = 0; i < edge; i++) out[edge + n + i] = r(2 * last - line[n - 2 - i]!);
  };
  const start = (out: Float64Array, state: Float64Array, at: number) => {
    const x0 = out[at]!;
    for (let k = 0; k < zi.length; k++) state[k] = r(zi[k]! * x0);
  };
  const ext = exts[0]!;
  const z = states[0]!;
  // Four or eight lines go through the WebAssembly SIMD kernel where the engine has one (float64
  // lanes, fused where the engine can; or float32 lanes rounding every operation as SciPy's
  // float32 loop, bit-identical to the scalar kernels; see wasmSimdSos.ts), else through the
  // scalar kernels below.
  const simd4 = simdSosFiltFilter(sos, zi, edge, n, 4, f32, exact || f32);
  const simd8 = simd4 && simdSosFiltFilter(sos, zi, edge, n, 8, f32, exact || f32);
  // Where float64 groups take the fused kernel (SciPy's values to rounding, not bit for bit),
  // single lines and pairs take it too, in spare lanes: a line's result then never depends on
  // which group it fell in (a selected view filters exactly as the whole patch, then selected).
  const fusedLines = !f32 && !exact && simd4 !== null && fusedSos() ? simd4 : null;
  const interleaved = (x: Float64Array[], zs: Float64Array[], reverse: boolean) =>
    x.length === 4 ? sosfiltQuadInPlace(sos, x, m, zs, reverse) : sosfiltPairInPlace(sos, x[0]!, x[1]!, m, zs[0]!, zs[1]!, reverse);
  // the filtered samples, every q-th, into dst (dst may be the source line when q = 1)
  const emit = (e: Float64Array, dst: Float64Array, q: number) => {
    if (q === 1) dst.set(e.subarray(edge, edge + n));
    else for (let i = 0, j = edge; i < dst.length; i++, j += q) dst[i] = e[j]!;
  };
  const runInto = (src: Float64Array, dst: Float64Array, q = 1): void => {
    if (fusedLines) return fusedLines([src], [dst], q);
    extend(src, ext);
    start(ext, z, 0);
    sosfiltInPlace(sos, ext, m, z, false, f32);
    start(ext, z, m - 1);
    sosfiltInPlace(sos, ext, m, z, true, f32);
    emit(ext, dst, q);
  };
  const runGroupInto = (srcs: readonly Float64Array[], dsts: readonly Float64Array[], q = 1): void => {
    if (simd8 && srcs.length === 8) return simd8(srcs, dsts, q);
    if (srcs.length !== 2 && srcs.length !== 4) throw new RangeError(`runGroup takes 2 or 4 lines (8 with SIMD), got ${srcs.length}`);
    if (simd4 && (srcs.length === 4 || fusedLines)) return simd4(srcs, dsts, q);
    // float32 has no interleaved scalar kernel (it rounds every step): line by line
    if (f32) return srcs.forEach((src, i) => runInto(src, dsts[i]!, q));
    const x = exts.slice(0, srcs.length);
    const zs = states.slice(0, srcs.length);
    srcs.forEach((l, i) => extend(l, x[i]!));
    x.forEach((e, i) => start(e, zs[i]!, 0));
    interleaved(x, zs, false);
    x.forEach((e, i) => start(e, zs[i]!, m - 1));
    interleaved(x, zs, true);
    dsts.forEach((l, i) => emit(x[i]!, l, q));
  };
  return {
    edge,
    stage: { sos, zi, edge, exact },
    run: (line) => runInto(line, line),
    // float32 groups only where the SIMD kernel takes them (four float32 lanes)
    runGroup: f32 && !simd4 ? null : (lines) => runGroupInto(lines, lines),
    runInto,
    runGroupInto: f32 && !simd4 ? null : runGroupInto,
    groupWidths: simd8 ? [8, 4, 2] : [4, 2],
    // float32 lines straight into the kernel's float32 memory: the values float64 copies would give.
    runGroupInto32:
      f32 && simd4
        ? {
            run: (srcs, dsts, q = 1) => {
              const kernel = srcs.length === 8 && simd8 ? simd8 : srcs.length === 4 ? simd4 : null;
              if (!kernel) throw new RangeError(`runGroupInto32 takes 4 or 8 lines, got ${srcs.length}`);
              kernel(srcs, dsts, q);
            },
            widths: simd8 ? [8, 4] : [4],
          }
        : null,
  };
}
