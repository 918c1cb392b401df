// A WebAssembly SIMD kernel for cascaded biquads (direct form II transposed) over 4 or 8
// interleaved lines, emitted as bytes here: no compiler in the toolchain and no dependency.
// Two forms of the section update:
// - plain: each f64x2 (or f32x4) lane runs one line with the very operations, in the very order,
//   of sosfilt.ts's scalar loops, so results are bit-identical to them and to SciPy's loop
//   (wasm's plain add/sub/mul are IEEE operations, never fused);
// - fused (float64, where the engine has relaxed SIMD): the same recursion with multiply-adds,
//   5 vector operations a section instead of 9. Each result then differs from SciPy's by
//   rounding only (≈1e-16 of the signal, amplified at most by the filter's gain, far inside the
//   1e-9 the fixtures hold), and whether the engine fuses depends on the CPU.
// Why: the recursion is latency-bound per line; eight lines in four vectors keep more chains in
// flight than JavaScript's scalar code can, and the lines are interleaved (sample i of line l at
// i·L + l) so a vector is one load and one store, leaving the issue slots to the arithmetic.
import { ADD, F64X2_MADD, F64X2_NMADD, f64Load, get, I32, I32_ADD, I32_GE_S, I32_MUL, I32_SUB, i32c, instantiate, MUL, name, relaxedSimd, section, set, simd, SPLAT, SUB, uleb, V128, v128Load, v128Store, vec } from "./wasmEmit.ts";

/** Lines per call: four f64x2 vectors, or two (see {@link simdSosFiltFilter}). */
export const SIMD_LINES = 8;
/** Samples per block (8 float64 lines: 128 KiB, in L2 cache). */
const BLOCK = 2048;

/**
 * The function `filt(x, n, coef, z, sections, reverse)`: runs `sections` biquads (coefficients
 * b0 b1 b2 a1 a2 at `coef`, 5 values each) in place over `n` samples of LANES·`VECTORS`
 * interleaved lines (sample i of line l at `x + (i·lines + l)·bytes`), forwards from there or
 * backwards from sample n − 1, with the state at `z` (per section: the z0 vectors, then the z1
 * vectors; updated).
 */
function filtBody(VECTORS: number, f32: boolean, fused: boolean): number[] {
  const BYTES = f32 ? 4 : 8;
  const STEP = 16 * VECTORS; // bytes of one sample of every line
  const [splat, add, sub, mul] = f32 ? [simd(0x13), simd(0xe4), simd(0xe5), simd(0xe6)] : [SPLAT, ADD, SUB, MUL];
  const [madd, nmadd] = f32 ? [simd(0x105), simd(0x106)] : [F64X2_MADD, F64X2_NMADD];
  const coefLoad = (offset: number) => (f32 ? [0x2a, 2, ...uleb(offset)] : f64Load(offset));
  // params 0 x, 1 n, 2 coef, 3 z, 4 sections, 5 reverse; i32 locals 6 k, 7 d, 8 j, 9 c, 10 zp, 11 p
  const [X, N, COEF, Z, SECTIONS, REVERSE, K, D, J, C, ZP, P] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const V0 = 12;
  const B0 = V0, B1 = V0 + 1, B2 = V0 + 2, A1 = V0 + 3, A2 = V0 + 4;
  const z0 = (v: number) => V0 + 5 + v;
  const z1 = (v: number) => V0 + 5 + VECTORS + v;
  const u = (v: number) => V0 + 5 + 2 * VECTORS + v;
  const un = (v: number) => V0 + 5 + 3 * VECTORS + v;
  const each = (f: (v: number) => number[]) => Array.from({ length: VECTORS }, (_, v) => f(v)).flat();
  const update = fused
    ? [
        // xn = b0·x + z0; z0 = (b1·x + z1) − a1·xn; z1 = b2·x − a2·xn, with multiply-adds
        ...each((v) => [...get(B0), ...get(u(v)), ...get(z0(v)), ...madd, ...set(un(v))]),
        ...each((v) => [...get(A1), ...get(un(v)), ...get(B1), ...get(u(v)), ...get(z1(v)), ...madd, ...nmadd, ...set(z0(v))]),
        ...each((v) => [...get(A2), ...get(un(v)), ...get(B2), ...get(u(v)), ...mul, ...nmadd, ...set(z1(v))]),
      ]
    : [
        // xn = b0·x + z0; z0 = b1·x − a1·xn + z1; z1 = b2·x − a2·xn, in SciPy's order
        ...each((v) => [...get(B0), ...get(u(v)), ...mul, ...get(z0(v)), ...add, ...set(un(v))]),
        ...each((v) => [...get(B1), ...get(u(v)), ...mul, ...get(A1), ...get(un(v)), ...mul, ...sub, ...get(z1(v)), ...add, ...set(z0(v))]),
        ...each((v) => [...get(B2), ...get(u(v)), ...mul, ...get(A2), ...get(un(v)), ...mul, ...sub, ...set(z1(v))]),
      ];
  const code = [
    ...i32c(0), ...set(K),
    ...get(COEF), ...set(C),
    ...get(Z), ...set(ZP),
    ...i32c(-STEP), ...i32c(STEP), ...get(REVERSE), 0x1b, ...set(D), // select(−STEP, STEP, reverse)
    0x02, 0x40, // block $done
    0x03, 0x40, // loop $section
    ...get(K), ...get(SECTIONS), I32_GE_S, 0x0d, 1, // br_if $done
    ...[B0, B1, B2, A1, A2].flatMap((l, i) => [...get(C), ...coefLoad(BYTES * i), ...splat, ...set(l)]),
    ...each((v) => [...get(ZP), ...v128Load(16 * v), ...set(z0(v))]),
    ...each((v) => [...get(ZP), ...v128Load(16 * (VECTORS + v)), ...set(z1(v))]),
    // p = x + (reverse ? (n − 1)·STEP : 0)
    ...get(X), ...get(N), ...i32c(1), I32_SUB, ...i32c(STEP), I32_MUL, ...i32c(0), ...get(REVERSE), 0x1b, I32_ADD, ...set(P),
    ...get(N), ...set(J),
    0x02, 0x40, // block $empty
    ...get(J), 0x45, 0x0d, 0, // i32.eqz; br_if $empty
    0x03, 0x40, // loop $step
    ...each((v) => [...get(P), ...v128Load(16 * v), ...set(u(v))]),
    ...update,
    ...each((v) => [...get(P), ...get(un(v)), ...v128Store(16 * v)]),
    ...get(P), ...get(D), I32_ADD, ...set(P),
    ...get(J), ...i32c(1), I32_SUB, ...set(J),
    ...get(J), 0x0d, 0, // br_if $step
    0x0b, // end loop $step
    0x0b, // end block $empty
    ...each((v) => [...get(ZP), ...get(z0(v)), ...v128Store(16 * v)]),
    ...each((v) => [...get(ZP), ...get(z1(v)), ...v128Store(16 * (VECTORS + v))]),
    ...get(C), ...i32c(5 * BYTES), I32_ADD, ...set(C),
    ...get(ZP), ...i32c(32 * VECTORS), I32_ADD, ...set(ZP),
    ...get(K), ...i32c(1), I32_ADD, ...set(K),
    0x0c, 0, // br $section
    0x0b, // end loop $section
    0x0b, // end block $done
    0x0b, // end function
  ];
  const locals = vec([[...uleb(6), I32], [...uleb(5 + 4 * VECTORS), V128]]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/** The module: plain float64 and float32 kernels, and the fused float64 ones where `fused`. */
function moduleBytes(fused: boolean): Uint8Array {
  const fns: [string, number[]][] = [
    ["filt8", filtBody(4, false, false)],
    ["filt4", filtBody(2, false, false)],
    ["filt8f", filtBody(2, true, false)],
    ["filt4f", filtBody(1, true, false)],
    ...(fused ? ([["fused8", filtBody(4, false, true)], ["fused4", filtBody(2, false, true)]] as [string, number[]][]) : []),
  ];
  const type = section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), 0]]));
  const funcs = section(3, vec(fns.map(() => [0])));
  const memory = section(5, vec([[0x00, ...uleb(1)]]));
  const exports = section(7, vec([...fns.map(([n], i) => [...name(n), 0x00, i]), [...name("mem"), 0x02, 0]]));
  const codeSec = section(10, vec(fns.map(([, b]) => b)));
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...funcs, ...memory, ...exports, ...codeSec]);
}

type Filt = (x: number, n: number, coef: number, z: number, sections: number, reverse: number) => void;

/** The instantiated kernels: their memory and the functions of {@link filtBody}. */
export interface SimdSos {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  filt8: Filt;
  filt4: Filt;
  /** Eight and four float32 lines: f32x4 vectors, every operation rounded to float32 as SciPy's loop. */
  filt8f: Filt;
  filt4f: Filt;
  /** Eight and four float64 lines with multiply-adds, or null where the engine lacks relaxed SIMD. */
  fused8: Filt | null;
  fused4: Filt | null;
}

let kernel: SimdSos | null | undefined;

/**
 * This thread's kernel, or null where WebAssembly SIMD is missing (the scalar kernels then run).
 * Compiled synchronously on first use (a few KB of code).
 */
export function simdSos(): SimdSos | null {
  if (kernel !== undefined) return kernel;
  const fused = relaxedSimd();
  const e = instantiate(moduleBytes(fused)) ?? (fused ? instantiate(moduleBytes(false)) : null);
  const fn = (key: string) => (e?.[key] as Filt | undefined) ?? null;
  kernel = e === null ? null : { memory: e["mem"] as SimdSos["memory"], filt8: e["filt8"] as Filt, filt4: e["filt4"] as Filt, filt8f: e["filt8f"] as Filt, filt4f: e["filt4f"] as Filt, fused8: fn("fused8"), fused4: fn("fused4") };
  return kernel;
}

/** Whether float64 groups run the fused kernel on this engine (see {@link simdSosFiltFilter}). */
export function fusedSos(): boolean {
  return simdSos()?.fused4 != null;
}

/** A line of samples as the kernel takes it: float32 lines only where `f32` was asked for. */
export type FloatLine = Float32Array | Float64Array;

/**
 * scipy's sosfiltfilt (odd padding of `edge` samples, sosfilt_zi states scaled by the end
 * samples) on `width` lines of length `n` at once through the kernel. `zi` is sosfilt_zi's
 * state for `sos`. The returned function reads `srcs` and writes every `q`-th filtered sample
 * into `dsts` (ceil(n/q) long; default: in place); it takes 1 to `width` lines, each line's
 * result the same whatever the others are. Returns null where the kernel is unavailable.
 *
 * `exact` (default: float32 only) keeps the plain kernel, bit-identical to sosfilt.ts's scalar
 * kernels on each line (with `f32`, in float32 arithmetic, as the float32 scalar path and SciPy
 * compute). Otherwise float64 lines take the fused kernel where the engine has one: SciPy's
 * values to rounding, ~1.6× faster here. Decision: float32 stays exact because a float32
 * result is compared with SciPy's at 1e-5 and its rounding is what SciPy's loop does.
 * @example
 * ```ts
 * const group = simdSosFiltFilter(sos, zi, edge, n); group?.(eightLines);
 * ```
 */
export function simdSosFiltFilter(
  sos: readonly Float64Array[],
  zi: Float64Array,
  edge: number,
  n: number,
  width: 4 | 8 = 8,
  f32 = false,
  exact = f32,
): ((srcs: readonly FloatLine[], dsts?: readonly FloatLine[], q?: number) => void) | null {
  const k = simdSos();
  if (!k) return null;
  const L = width;
  const BYTES = f32 ? 4 : 8;
  const Arr = f32 ? Float32Array : Float64Array;
  const fused = exact || f32 ? null : L === 8 ? k.fused8 : k.fused4;
  const filt = fused ?? (f32 ? (L === 8 ? k.filt8f : k.filt4f) : L === 8 ? k.filt8 : k.filt4);
  const sections = sos.length;
  const m = n + 2 * edge;
  const coefAt = 0;
  const zAt = Math.ceil((sections * 5 * BYTES) / 16) * 16;
  const xAt = zAt + sections * 2 * L * BYTES;
  const bytes = xAt + m * BYTES * L;
  const have = k.memory.buffer.byteLength;
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / 65536));
  return (lines, dsts = lines, q = 1) => {
    // fewer lines than lanes: the spare lanes run on whatever the memory holds, and lanes never mix
    if (lines.length < 1 || lines.length > L) throw new RangeError(`this SIMD kernel takes 1 to ${L} lines, got ${lines.length}`);
    // Views are taken per call: another filter may have grown the memory (detaching old views).
    const buf = k.memory.buffer;
    // float32: every value stored below is rounded once to float32, as the scalar path's fround
    const coef = new Arr(buf, coefAt, sections * 5);
    sos.forEach((s, j) => coef.set([s[0]!, s[1]!, s[2]!, s[4]!, s[5]!], 5 * j));
    const z = new Arr(buf, zAt, sections * 2 * L);
    const x = new Arr(buf, xAt, m * L);
    interleave(x, lines, L, edge, n);
    // state of section j for line l: z0 at lane l of the section's first L values, z1 after them
    const start = (at: number) => {
      for (let j = 0; j < sections; j++) {
        for (let l = 0; l < L; l++) {
          const x0 = x[at * L + l]!;
          z[j * 2 * L + l] = zi[2 * j]! * x0;
          z[j * 2 * L + L + l] = zi[2 * j + 1]! * x0;
        }
      }
    };
    // In blocks of BLOCK samples, every section over a block before the next block: the state
    // carries over in memory, so this is the same recursion, but a block stays in cache across
    // the sections (pass by pass over whole long lines ran at memory speed).
    const step = L * BYTES;
    start(0);
    for (let b = 0; b < m; b += BLOCK) filt(xAt + b * step, Math.min(BLOCK, m - b), coefAt, zAt, sections, 0);
    start(m - 1);
    for (let e = m; e > 0; e -= BLOCK) {
      const b = Math.max(0, e - BLOCK);
      filt(xAt + b * step, e - b, coefAt, zAt, sections, 1);
    }
    // every q-th filtered sample into the output lines (which may be the inputs when q = 1)
    deinterleave(x, dsts.slice(0, lines.length), L, edge, q);
  };
}

/**
 * The odd-extended lines into `x`, sample i of lane l at x[i·L + l]; spare lanes get the first
 * line. Sample by sample across the lanes, so `x` is written in order: lane by lane, each write
 * would land on its own cache line, and that ran 3× slower than the kernel itself.
 */
function interleave(x: FloatLine, lines: readonly FloatLine[], L: number, edge: number, n: number): void {
  const lane = (l: number) => lines[l] ?? lines[0]!;
  for (let l = 0; l < L; l++) {
    const line = lane(l);
    const head = 2 * line[0]!;
    const tail = 2 * line[n - 1]!;
    for (let i = 0, o = l; i < edge; i++, o += L) x[o] = head - line[edge - i]!;
    for (let i = 0, o = (edge + n) * L + l; i < edge; i++, o += L) x[o] = tail - line[n - 2 - i]!;
  }
  const [a, b, c, d] = [lane(0), lane(1), lane(2), lane(3)];
  if (L === 4) {
    for (let i = 0, o = edge * 4; i < n; i++, o += 4) {
      x[o] = a[i]!;
      x[o + 1] = b[i]!;
      x[o + 2] = c[i]!;
      x[o + 3] = d[i]!;
    }
    return;
  }
  const [e, f, g, h] = [lane(4), lane(5), lane(6), lane(7)];
  for (let i = 0, o = edge * 8; i < n; i++, o += 8) {
    x[o] = a[i]!;
    x[o + 1] = b[i]!;
    x[o + 2] = c[i]!;
    x[o + 3] = d[i]!;
    x[o + 4] = e[i]!;
    x[o + 5] = f[i]!;
    x[o + 6] = g[i]!;
    x[o + 7] = h[i]!;
  }
}

/** Every q-th sample of lanes 0…dsts.length − 1 of `x` (after the `edge` padding) into `dsts`. */
function deinterleave(x: FloatLine, dsts: readonly FloatLine[], L: number, edge: number, q: number): void {
  const len = dsts[0]!.length;
  const jump = q * L;
  if (dsts.length === 8) {
    const [a, b, c, d, e, f, g, h] = dsts as [FloatLine, FloatLine, FloatLine, FloatLine, FloatLine, FloatLine, FloatLine, FloatLine];
    for (let i = 0, j = edge * 8; i < len; i++, j += jump) {
      a[i] = x[j]!;
      b[i] = x[j + 1]!;
      c[i] = x[j + 2]!;
      d[i] = x[j + 3]!;
      e[i] = x[j + 4]!;
      f[i] = x[j + 5]!;
      g[i] = x[j + 6]!;
      h[i] = x[j + 7]!;
    }
    return;
  }
  if (dsts.length === 4) {
    const [a, b, c, d] = dsts as [FloatLine, FloatLine, FloatLine, FloatLine];
    for (let i = 0, j = edge * L; i < len; i++, j += jump) {
      a[i] = x[j]!;
      b[i] = x[j + 1]!;
      c[i] = x[j + 2]!;
      d[i] = x[j + 3]!;
    }
    return;
  }
  dsts.forEach((dst, l) => {
    for (let i = 0, j = edge * L + l; i < len; i++, j += jump) dst[i] = x[j]!;
  });
}
