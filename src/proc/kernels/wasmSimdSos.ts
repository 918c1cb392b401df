// WebAssembly SIMD kernels for cascaded biquads (direct form II transposed) over 4 or 8 lines,
// emitted as bytes here: no compiler in the toolchain and no dependency. Two forms of the
// section update:
// - plain: each f64x2 (or f32x4) lane runs one line with the very operations, in the very order,
//   of sosfilt.ts's scalar loops, so results are bit-identical to them and to SciPy's loop
//   (wasm's plain add/sub/mul are IEEE operations, never fused);
// - fused (float64, where the engine has relaxed SIMD): the same recursion with multiply-adds,
//   5 vector operations a section instead of 9. Each result then differs from SciPy's by
//   rounding only (≈1e-16 of the signal, amplified at most by the filter's gain, far inside the
//   1e-9 the fixtures hold), and whether the engine fuses depends on the CPU.
// Why: the recursion is latency-bound per line; eight lines in four vectors keep more chains in
// flight than JavaScript's scalar code can. Float64 lines of filters with several sections are
// interleaved (sample i of line l at i·L + l) so a vector is one load and one store, leaving the
// issue slots to the multiply-adds (1.6× the kernel's speed); float32 lines and few-section
// filters stay contiguous (see filtBody).
import { ADD, F64X2_MADD, F64X2_NMADD, f64Load, get, I32, I32_ADD, I32_GE_S, I32_MUL, I32_SUB, i32c, instantiate, MUL, name, relaxedSimd, section, set, simd, SPLAT, SUB, uleb, V128, v128Load, v128Store, vec } from "./wasmEmit.ts";

/** Lines per call: four f64x2 vectors, or two (see {@link simdSosFiltFilter}). */
export const SIMD_LINES = 8;
/**
 * Fused float64 filters of this many sections or more run interleaved: for a band-pass or
 * decimate's 4 sections the faster kernel repays the interleaving copies (decimate 30 → 23 ms on
 * 300 × 15,000), for a notch's one section it does not.
 */
const INTERLEAVE_MIN_SECTIONS = 3;
/** Samples per block (8 float64 lines: 128 KiB, in L2 cache). */
const BLOCK = 2048;

/**
 * A kernel function running `sections` biquads (coefficients b0 b1 b2 a1 a2 at `coef`, 5 values
 * each) in place over `n` samples of LANES·`VECTORS` lines, forwards from the first sample or
 * backwards from sample n − 1, with the state at `z` (per section: the z0 vectors, then the z1
 * vectors; lanes l of vector v hold line LANES·v + l; updated). Two layouts:
 * - interleaved, `filt(x, n, coef, z, sections, reverse)`: sample i of line l at
 *   `x + (i·lines + l)·bytes`, so a vector is one load and one store (float64: leaves the issue
 *   slots to the multiply-adds, 1.6× the kernel's speed);
 * - lines, `filt(x, stride, n, coef, z, sections, reverse)`: line l starts at `x + l·stride`
 *   (contiguous samples), and each vector is loaded and stored lane by lane. Float32 keeps this
 *   form: its plain update is latency-bound, so the lane loads cost nothing, and interleaving
 *   float32 lines in JavaScript cost more than the kernel saved.
 */
function filtBody(VECTORS: number, o: { f32: boolean; fused: boolean; interleaved: boolean }): number[] {
  const { f32, fused, interleaved } = o;
  const LANES = f32 ? 4 : 2;
  const LINES = LANES * VECTORS;
  const BYTES = f32 ? 4 : 8;
  const ALIGN = f32 ? 2 : 3;
  const [splat, add, sub, mul] = f32 ? [simd(0x13), simd(0xe4), simd(0xe5), simd(0xe6)] : [SPLAT, ADD, SUB, MUL];
  const [madd, nmadd] = f32 ? [simd(0x105), simd(0x106)] : [F64X2_MADD, F64X2_NMADD];
  const loadZero = (offset: number) => simd(f32 ? 0x5c : 0x5d, ALIGN, ...uleb(offset));
  const loadLane = (offset: number, lane: number) => simd(f32 ? 0x56 : 0x57, ALIGN, ...uleb(offset), lane);
  const storeLane = (offset: number, lane: number) => simd(f32 ? 0x5a : 0x5b, ALIGN, ...uleb(offset), lane);
  const coefLoad = (offset: number) => (f32 ? [0x2a, 2, ...uleb(offset)] : f64Load(offset));
  // params: x, (stride,) n, coef, z, sections, reverse; i32 locals k, d, j, c, zp, then the
  // pointer(s): one into the interleaved samples, or one per line
  const PARAMS = interleaved ? 6 : 7;
  const [X, STRIDE] = [0, 1];
  const [N, COEF, Z, SECTIONS, REVERSE] = [0, 1, 2, 3, 4].map((i) => PARAMS - 5 + i) as [number, number, number, number, number];
  const [K, D, J, C, ZP] = [0, 1, 2, 3, 4].map((i) => PARAMS + i) as [number, number, number, number, number];
  const POINTERS = interleaved ? 1 : LINES;
  const ptr = (l: number) => PARAMS + 5 + (interleaved ? 0 : l);
  const V0 = PARAMS + 5 + POINTERS;
  const B0 = V0, B1 = V0 + 1, B2 = V0 + 2, A1 = V0 + 3, A2 = V0 + 4;
  const z0 = (v: number) => V0 + 5 + v;
  const z1 = (v: number) => V0 + 5 + VECTORS + v;
  const u = (v: number) => V0 + 5 + 2 * VECTORS + v;
  const un = (v: number) => V0 + 5 + 3 * VECTORS + v;
  const each = (f: (v: number) => number[]) => Array.from({ length: VECTORS }, (_, v) => f(v)).flat();
  const pointers = (f: (l: number) => number[]) => Array.from({ length: POINTERS }, (_, l) => f(l)).flat();
  const DELTA = interleaved ? 16 * VECTORS : BYTES; // bytes from one sample to the next
  const load = interleaved
    ? each((v) => [...get(ptr(0)), ...v128Load(16 * v), ...set(u(v))])
    : [
        ...each((v) => [...get(ptr(LANES * v)), ...loadZero(0), ...set(u(v))]),
        ...each((v) => Array.from({ length: LANES - 1 }, (_, k) => [...get(ptr(LANES * v + k + 1)), ...get(u(v)), ...loadLane(0, k + 1), ...set(u(v))]).flat()),
      ];
  const store = interleaved
    ? each((v) => [...get(ptr(0)), ...get(un(v)), ...v128Store(16 * v)])
    : each((v) => Array.from({ length: LANES }, (_, k) => [...get(ptr(LANES * v + k)), ...get(un(v)), ...storeLane(0, k)]).flat());
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
    ...i32c(-DELTA), ...i32c(DELTA), ...get(REVERSE), 0x1b, ...set(D), // select(−DELTA, DELTA, reverse)
    0x02, 0x40, // block $done
    0x03, 0x40, // loop $section
    ...get(K), ...get(SECTIONS), I32_GE_S, 0x0d, 1, // br_if $done
    ...[B0, B1, B2, A1, A2].flatMap((l, i) => [...get(C), ...coefLoad(BYTES * i), ...splat, ...set(l)]),
    ...each((v) => [...get(ZP), ...v128Load(16 * v), ...set(z0(v))]),
    ...each((v) => [...get(ZP), ...v128Load(16 * (VECTORS + v)), ...set(z1(v))]),
    // pointer l = x (+ l·stride) + (reverse ? (n − 1)·DELTA : 0)
    ...pointers((l) => [
      ...get(X), ...(interleaved ? [] : [...get(STRIDE), ...i32c(l), I32_MUL, I32_ADD]),
      ...get(N), ...i32c(1), I32_SUB, ...i32c(DELTA), I32_MUL, ...i32c(0), ...get(REVERSE), 0x1b, I32_ADD,
      ...set(ptr(l)),
    ]),
    ...get(N), ...set(J),
    0x02, 0x40, // block $empty
    ...get(J), 0x45, 0x0d, 0, // i32.eqz; br_if $empty
    0x03, 0x40, // loop $step
    ...load,
    ...update,
    ...store,
    ...pointers((l) => [...get(ptr(l)), ...get(D), I32_ADD, ...set(ptr(l))]),
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
  const locals = vec([[...uleb(5 + POINTERS), I32], [...uleb(5 + 4 * VECTORS), V128]]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

const F64 = { f32: false, fused: false, interleaved: true };
const FUSED = { f32: false, fused: true, interleaved: true };
const F32 = { f32: true, fused: false, interleaved: false };
const FUSED_LINES = { f32: false, fused: true, interleaved: false };

/** The module: plain float64 and float32 kernels, and the fused float64 ones where `fused`. */
function moduleBytes(fused: boolean): Uint8Array {
  // type 0: the interleaved float64 kernels (6 parameters); type 1: the float32 line kernels (7)
  const fns: [string, number, number[]][] = [
    ["filt8", 0, filtBody(4, F64)],
    ["filt4", 0, filtBody(2, F64)],
    ["filt8f", 1, filtBody(2, F32)],
    ["filt4f", 1, filtBody(1, F32)],
    ...(fused
      ? ([
          ["fused8", 0, filtBody(4, FUSED)],
          ["fused4", 0, filtBody(2, FUSED)],
          ["fused8l", 1, filtBody(4, FUSED_LINES)],
          ["fused4l", 1, filtBody(2, FUSED_LINES)],
        ] as [string, number, number[]][])
      : []),
  ];
  const params = (count: number) => vec(Array.from({ length: count }, () => [I32]));
  const type = section(1, vec([[0x60, ...params(6), 0], [0x60, ...params(7), 0]]));
  const funcs = section(3, vec(fns.map(([, t]) => [t])));
  const memory = section(5, vec([[0x00, ...uleb(1)]]));
  const exports = section(7, vec([...fns.map(([n], i) => [...name(n), 0x00, i]), [...name("mem"), 0x02, 0]]));
  const codeSec = section(10, vec(fns.map(([, , b]) => b)));
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...funcs, ...memory, ...exports, ...codeSec]);
}

type Filt = (x: number, n: number, coef: number, z: number, sections: number, reverse: number) => void;
type LinesFilt = (x: number, stride: number, n: number, coef: number, z: number, sections: number, reverse: number) => void;

/** The instantiated kernels: their memory and the functions of {@link filtBody}. */
export interface SimdSos {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  filt8: Filt;
  filt4: Filt;
  /** Eight and four float32 lines: f32x4 vectors, every operation rounded to float32 as SciPy's loop. */
  filt8f: LinesFilt;
  filt4f: LinesFilt;
  /** Eight and four float64 lines with multiply-adds, or null where the engine lacks relaxed SIMD. */
  fused8: Filt | null;
  fused4: Filt | null;
  /** The same on contiguous lines (few sections: interleaving costs more than it saves). */
  fused8l: LinesFilt | null;
  fused4l: LinesFilt | null;
}

let kernel: SimdSos | null | undefined;

/**
 * This thread's kernel, or null where WebAssembly SIMD is missing (the scalar kernels then run).
 * Compiled synchronously on first use (a few KB of code).
 */
export function simdSos(): SimdSos | null {
  if (kernel !== undefined) return kernel;
  // DASPOOL_EXACT_FILTERS=1: SciPy's operations bit for bit on every machine (FMA or not)
  const fused = process.env["DASPOOL_EXACT_FILTERS"] !== "1" && relaxedSimd();
  const e = instantiate(moduleBytes(fused)) ?? (fused ? instantiate(moduleBytes(false)) : null);
  const fn = (key: string) => (e?.[key] as Filt | undefined) ?? null;
  kernel = e === null ? null : { memory: e["mem"] as SimdSos["memory"], filt8: e["filt8"] as Filt, filt4: e["filt4"] as Filt, filt8f: e["filt8f"] as LinesFilt, filt4f: e["filt4f"] as LinesFilt, fused8: fn("fused8"), fused4: fn("fused4"), fused8l: fn("fused8l") as LinesFilt | null, fused4l: fn("fused4l") as LinesFilt | null };
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
  const sections = sos.length;
  const m = n + 2 * edge;
  const { coefAt, zAt, xAt } = kernelMemory(k, sections, L, BYTES, m);
  // Float64 lines take the fused kernel where the engine has one: interleaved (sample i of line l
  // at i·L + l) when the filter has enough sections to repay the interleaving copies, else each
  // line contiguous, copied in and out with memcpy. Float32 lines stay contiguous (plain kernel);
  // exact float64 runs the plain interleaved kernel.
  const fused = !exact && !f32 && k.fused8 !== null;
  const interleaved = f32 ? false : fused ? sections >= INTERLEAVE_MIN_SECTIONS : true;
  const ilvKernel = fused ? (L === 8 ? k.fused8! : k.fused4!) : L === 8 ? k.filt8 : k.filt4;
  const lineKernel = f32 ? (L === 8 ? k.filt8f : k.filt4f) : L === 8 ? k.fused8l : k.fused4l;
  const indexOf = interleaved ? interleavedAt(L) : (l: number, i: number) => l * m + i;
  // the kernel over samples [b, b + count) of every line
  const filt = interleaved
    ? (b: number, count: number, reverse: number) => ilvKernel(xAt + b * L * BYTES, count, coefAt, zAt, sections, reverse)
    : (b: number, count: number, reverse: number) => lineKernel!(xAt + b * BYTES, m * BYTES, count, coefAt, zAt, sections, reverse);
  return (lines, dsts = lines, q = 1) => {
    // fewer lines than lanes: the spare lanes run on whatever the memory holds, and lanes never mix
    if (lines.length < 1 || lines.length > L) throw new RangeError(`this SIMD kernel takes 1 to ${L} lines, got ${lines.length}`);
    // Views are taken per call: another filter may have grown the memory (detaching old views).
    const buf = k.memory.buffer;
    // float32: every value stored below is rounded once to float32, as the scalar path's fround
    writeCoefs(new Arr(buf, coefAt, sections * 5), sos);
    const z = new Arr(buf, zAt, sections * 2 * L);
    const x = new Arr(buf, xAt, m * L);
    if (interleaved) interleave(x, lines, L, edge, n);
    else copyLines(x, lines, m, edge, n);
    runPasses(x, z, zi, sections, L, m, indexOf, filt);
    // every q-th filtered sample into the output lines (which may be the inputs when q = 1)
    if (!interleaved) {
      for (let l = 0; l < lines.length; l++) {
        const dst = dsts[l]!;
        if (q === 1) dst.set(x.subarray(l * m + edge, l * m + edge + n));
        else for (let i = 0, j = l * m + edge; i < dst.length; i++, j += q) dst[i] = x[j]!;
      }
    } else deinterleave(x, dsts.slice(0, lines.length), L, edge, q);
  };
}

/**
 * Where a run's coefficients, states and padded lines lie in the kernel's memory (grown to hold
 * them): `sections` biquads over L lines of `m` samples of `bytes` each.
 */
function kernelMemory(k: SimdSos, sections: number, L: number, bytes: number, m: number): { coefAt: number; zAt: number; xAt: number } {
  const zAt = Math.ceil((sections * 5 * bytes) / 16) * 16;
  const xAt = zAt + sections * 2 * L * bytes;
  const need = xAt + m * bytes * L;
  const have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
  return { coefAt: 0, zAt, xAt };
}

/** The kernel's coefficients b0 b1 b2 a1 a2 of each section into `coef` (a0 is 1). */
function writeCoefs(coef: FloatLine, sos: readonly Float64Array[]): void {
  sos.forEach((c, j) => coef.set([c[0]!, c[1]!, c[2]!, c[4]!, c[5]!], 5 * j));
}

/** Where sample i of lane l lies in an interleaved buffer of L lanes. */
function interleavedAt(L: number): (l: number, i: number) => number {
  return (l, i) => i * L + l;
}

/** One zero-phase filter of a {@link simdSosChain}: sections, sosfilt_zi's state, padding. */
export interface SosStage {
  readonly sos: readonly Float64Array[];
  readonly zi: Float64Array;
  readonly edge: number;
}

/**
 * Zero-phase filters run one after another on `width` float64 lines of length `n`, inside the
 * kernel's memory: each stage is {@link simdSosFiltFilter}'s interleaved run, and between two
 * stages the next one's odd padding is made from the filtered samples where they lie, so the
 * lines are gathered once and only the last stage's every `q`-th sample is written out. A
 * line's result is bit for bit that of the stages run one at a time (the same operations on the
 * same float64 values). Null where a stage would not run interleaved (the fused kernel keeps
 * lines contiguous below INTERLEAVE_MIN_SECTIONS sections) or without the kernel.
 * @example
 * ```ts
 * const chain = simdSosChain([bandPass, antiAlias], 15000, 8); chain?.(lines, outputs, 4);
 * ```
 */
export function simdSosChain(
  stages: readonly SosStage[],
  n: number,
  width: 4 | 8,
  exact = false,
): ((srcs: readonly Float64Array[], dsts: readonly Float64Array[], q: number) => void) | null {
  const k = simdSos();
  if (!k || stages.length === 0) return null;
  const fused = !exact && k.fused8 !== null;
  if (fused && stages.some((st) => st.sos.length < INTERLEAVE_MIN_SECTIONS)) return null;
  const L = width;
  const BYTES = 8;
  const maxEdge = Math.max(...stages.map((st) => st.edge));
  const M = n + 2 * maxEdge;
  const { coefAt, zAt, xAt } = kernelMemory(k, Math.max(...stages.map((st) => st.sos.length)), L, BYTES, M);
  const kernelFn = fused ? (L === 8 ? k.fused8! : k.fused4!) : L === 8 ? k.filt8 : k.filt4;
  return (lines, dsts, q) => {
    if (lines.length < 1 || lines.length > L) throw new RangeError(`this SIMD kernel takes 1 to ${L} lines, got ${lines.length}`);
    const buf = k.memory.buffer;
    const all = new Float64Array(buf, xAt, M * L);
    let x = all;
    let edge = 0;
    stages.forEach((st, s) => {
      const sections = st.sos.length;
      edge = st.edge;
      const m = n + 2 * edge;
      // stage s uses the samples [maxEdge − edge, maxEdge + n + edge) of each lane: the filtered
      // samples stay where they are, and its padding lies just outside them
      const first = (maxEdge - edge) * L;
      x = all.subarray(first, first + m * L);
      writeCoefs(new Float64Array(buf, coefAt, sections * 5), st.sos);
      const z = new Float64Array(buf, zAt, sections * 2 * L);
      if (s === 0) interleave(x, lines, L, edge, n);
      else oddPadInPlace(x, L, edge, n);
      const at = xAt + first * BYTES;
      runPasses(x, z, st.zi, sections, L, m, interleavedAt(L), (b, count, reverse) => kernelFn(at + b * L * BYTES, count, coefAt, zAt, sections, reverse));
    });
    deinterleave(x, dsts.slice(0, lines.length), L, edge, q);
  };
}

/**
 * The forward and backward passes of sosfiltfilt over `x` (m samples of L lines, sample i of line
 * l at `indexOf(l, i)`), each starting from `zi` scaled by its end sample. In blocks of BLOCK
 * samples, every section over a block before the next block: the state carries over in memory,
 * so this is the same recursion, but a block stays in cache across the sections (pass by pass
 * over whole long lines ran at memory speed).
 */
function runPasses(
  x: FloatLine,
  z: FloatLine,
  zi: Float64Array,
  sections: number,
  L: number,
  m: number,
  indexOf: (l: number, i: number) => number,
  filt: (b: number, count: number, reverse: number) => void,
): void {
  // state of section j for line l: z0 at lane l of the section's first L values, z1 after them
  const start = (at: number) => {
    for (let j = 0; j < sections; j++) {
      for (let l = 0; l < L; l++) {
        const x0 = x[indexOf(l, at)]!;
        z[j * 2 * L + l] = zi[2 * j]! * x0;
        z[j * 2 * L + L + l] = zi[2 * j + 1]! * x0;
      }
    }
  };
  start(0);
  for (let b = 0; b < m; b += BLOCK) filt(b, Math.min(BLOCK, m - b), 0);
  start(m - 1);
  for (let e = m; e > 0; e -= BLOCK) {
    const b = Math.max(0, e - BLOCK);
    filt(b, e - b, 1);
  }
}

/** The odd padding of each lane of interleaved `x`, made from the samples in place (edge + n of each lane). */
function oddPadInPlace(x: FloatLine, L: number, edge: number, n: number): void {
  for (let l = 0; l < L; l++) {
    const head = 2 * x[edge * L + l]!;
    const tail = 2 * x[(edge + n - 1) * L + l]!;
    for (let i = 0, o = l; i < edge; i++, o += L) x[o] = head - x[(2 * edge - i) * L + l]!;
    for (let i = 0, o = (edge + n) * L + l; i < edge; i++, o += L) x[o] = tail - x[(edge + n - 2 - i) * L + l]!;
  }
}

/** Each odd-extended line contiguous in `x`: odd extension, the line (a memcpy), odd extension. */
function copyLines(x: FloatLine, lines: readonly FloatLine[], m: number, edge: number, n: number): void {
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const o = l * m;
    const head = 2 * line[0]!;
    const tail = 2 * line[n - 1]!;
    for (let i = 0; i < edge; i++) x[o + i] = head - line[edge - i]!;
    x.set(line.subarray(0, n), o + edge);
    for (let i = 0; i < edge; i++) x[o + edge + n + i] = tail - line[n - 2 - i]!;
  }
}

/**
 * The odd-extended lines into `x`, sample i of lane l at x[i·L + l]; spare lanes get the first
 * line. The samples go in sample by sample across the lanes, so `x` is written in order: lane by lane, each write
 * would land on its own cache line, and that ran 3× slower than the kernel itself.
 */
function interleave(x: FloatLine, lines: readonly FloatLine[], L: number, edge: number, n: number): void {
  const lane = (l: number) => lines[l] ?? lines[0]!;
  const [a, b, c, d] = [lane(0), lane(1), lane(2), lane(3)];
  if (L === 4) {
    for (let i = 0, o = edge * 4; i < n; i++, o += 4) {
      x[o] = a[i]!;
      x[o + 1] = b[i]!;
      x[o + 2] = c[i]!;
      x[o + 3] = d[i]!;
    }
    return oddPadInPlace(x, L, edge, n);
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
  oddPadInPlace(x, L, edge, n);
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
