// A WebAssembly SIMD kernel for cascaded biquads (direct form II transposed) over 8 interleaved
// lines, emitted as bytes here: no compiler in the toolchain and no dependency. Each f64x2 lane
// runs one line with the very operations, in the very order, of sosfilt.ts's scalar loops, so
// results are bit-identical to them (wasm's f64x2 add/sub/mul are IEEE operations, never fused).
// Why: the recursion is latency-bound per line; eight lines in four vectors keep more chains in
// flight than JavaScript's scalar code can, for half the instructions.
import { ADD, f64Load, get, I32, I32_ADD, I32_GE_S, I32_MUL, I32_SUB, i32c, instantiate, MUL, name, section, set, simd, SPLAT, SUB, uleb, V128, v128Load, v128Store, vec } from "./wasmEmit.ts";

/** Lines per call: four f64x2 vectors, or two (see {@link simdSosFiltFilter}). */
export const SIMD_LINES = 8;
/** Samples per line per block (8 lines: 128 KiB, in L2 cache). */
const BLOCK = 2048;

/**
 * The function `filt(x, stride, n, coef, z, sections, reverse)`: runs `sections` biquads
 * (coefficients b0 b1 b2 a1 a2 as f64 at `coef`, 40 bytes each) in place over `n` samples of
 * 2·`vectors` lines, line l starting at `x + l·stride` (contiguous f64 samples), forwards from
 * there or backwards from sample n − 1, with the state at `z` (per section: the z0 vectors, then
 * the z1 vectors; lines 2v and 2v+1 are the lanes of vector v; updated). Lines stay where they
 * are: each vector is loaded from and stored to its two lines lane by lane, which costs load and
 * store slots, not the arithmetic that bounds the loop, and saves interleaving copies.
 */
function filtBody(VECTORS: number, f32 = false): number[] {
  const LANES = f32 ? 4 : 2;
  const LINES = LANES * VECTORS;
  const BYTES = f32 ? 4 : 8;
  const ALIGN = f32 ? 2 : 3;
  const [splat, add, sub, mul] = f32 ? [simd(0x13), simd(0xe4), simd(0xe5), simd(0xe6)] : [SPLAT, ADD, SUB, MUL];
  const loadZero = (offset: number) => simd(f32 ? 0x5c : 0x5d, ALIGN, ...uleb(offset));
  const loadLane = (offset: number, lane: number) => simd(f32 ? 0x56 : 0x57, ALIGN, ...uleb(offset), lane);
  const storeLane = (offset: number, lane: number) => simd(f32 ? 0x5a : 0x5b, ALIGN, ...uleb(offset), lane);
  const coefLoad = (offset: number) => (f32 ? [0x2a, 2, ...uleb(offset)] : f64Load(offset));
  // params 0 x, 1 stride, 2 n, 3 coef, 4 z, 5 sections, 6 reverse;
  // i32 locals 7 k, 8 d, 9 j, 10 c, 11 zp, then one pointer per line
  const [X, STRIDE, N, COEF, Z, SECTIONS, REVERSE, K, D, J, C, ZP] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const q = (l: number) => 12 + l;
  const V0 = 12 + LINES;
  const B0 = V0, B1 = V0 + 1, B2 = V0 + 2, A1 = V0 + 3, A2 = V0 + 4;
  const z0 = (v: number) => V0 + 5 + v;
  const z1 = (v: number) => V0 + 5 + VECTORS + v;
  const u = (v: number) => V0 + 5 + 2 * VECTORS + v;
  const un = (v: number) => V0 + 5 + 3 * VECTORS + v;
  const each = (f: (v: number) => number[]) => Array.from({ length: VECTORS }, (_, v) => f(v)).flat();
  const lines = (f: (l: number) => number[]) => Array.from({ length: LINES }, (_, l) => f(l)).flat();
  const code = [
    ...i32c(0), ...set(K),
    ...get(COEF), ...set(C),
    ...get(Z), ...set(ZP),
    // d = reverse ? −BYTES : BYTES
    ...i32c(-BYTES), ...i32c(BYTES), ...get(REVERSE), 0x1b, ...set(D), // select(−BYTES, BYTES, reverse)
    0x02, 0x40, // block $done
    0x03, 0x40, // loop $section
    ...get(K), ...get(SECTIONS), I32_GE_S, 0x0d, 1, // br_if $done
    ...[B0, B1, B2, A1, A2].flatMap((l, i) => [...get(C), ...coefLoad(BYTES * i), ...splat, ...set(l)]),
    ...each((v) => [...get(ZP), ...v128Load(16 * v), ...set(z0(v))]),
    ...each((v) => [...get(ZP), ...v128Load(16 * (VECTORS + v)), ...set(z1(v))]),
    // q_l = x + l·stride + (reverse ? (n − 1)·BYTES : 0)
    ...lines((l) => [
      ...get(X), ...get(STRIDE), ...i32c(l), I32_MUL, I32_ADD,
      ...get(N), ...i32c(1), I32_SUB, ...i32c(BYTES), I32_MUL, ...i32c(0), ...get(REVERSE), 0x1b, I32_ADD,
      ...set(q(l)),
    ]),
    ...get(N), ...set(J),
    0x02, 0x40, // block $empty
    ...get(J), 0x45, 0x0d, 0, // i32.eqz; br_if $empty
    0x03, 0x40, // loop $step
    ...each((v) => [...get(q(LANES * v)), ...loadZero(0), ...set(u(v))]),
    ...each((v) => Array.from({ length: LANES - 1 }, (_, k) => [...get(q(LANES * v + k + 1)), ...get(u(v)), ...loadLane(0, k + 1), ...set(u(v))]).flat()),
    // xn = b0·x + z0
    ...each((v) => [...get(B0), ...get(u(v)), ...mul, ...get(z0(v)), ...add, ...set(un(v))]),
    // z0 = b1·x − a1·xn + z1
    ...each((v) => [...get(B1), ...get(u(v)), ...mul, ...get(A1), ...get(un(v)), ...mul, ...sub, ...get(z1(v)), ...add, ...set(z0(v))]),
    // z1 = b2·x − a2·xn
    ...each((v) => [...get(B2), ...get(u(v)), ...mul, ...get(A2), ...get(un(v)), ...mul, ...sub, ...set(z1(v))]),
    ...each((v) => Array.from({ length: LANES }, (_, k) => [...get(q(LANES * v + k)), ...get(un(v)), ...storeLane(0, k)]).flat()),
    ...lines((l) => [...get(q(l)), ...get(D), I32_ADD, ...set(q(l))]),
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
  const locals = vec([[...uleb(5 + LINES), I32], [...uleb(5 + 4 * VECTORS), V128]]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

function moduleBytes(): Uint8Array {
  const type = section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32], [I32]]), 0]]));
  const funcs = section(3, vec([[0], [0], [0], [0]]));
  const memory = section(5, vec([[0x00, ...uleb(1)]]));
  const exports = section(7, vec([[...name("filt8"), 0x00, 0], [...name("filt4"), 0x00, 1], [...name("filt8f"), 0x00, 2], [...name("filt4f"), 0x00, 3], [...name("mem"), 0x02, 0]]));
  const codeSec = section(10, vec([filtBody(4), filtBody(2), filtBody(2, true), filtBody(1, true)]));
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...funcs, ...memory, ...exports, ...codeSec]);
}

type Filt = (x: number, stride: number, n: number, coef: number, z: number, sections: number, reverse: number) => void;

/** The instantiated kernels: their memory and `filt8` / `filt4` (see {@link filtBody}). */
export interface SimdSos {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  filt8: Filt;
  filt4: Filt;
  /** Eight and four float32 lines: f32x4 vectors, every operation rounded to float32 as SciPy's loop. */
  filt8f: Filt;
  filt4f: Filt;
}

let kernel: SimdSos | null | undefined;

/**
 * This thread's kernel, or null where WebAssembly SIMD is missing (the scalar kernels then run).
 * Compiled synchronously on first use (~1 KB of code).
 */
export function simdSos(): SimdSos | null {
  if (kernel !== undefined) return kernel;
  const e = instantiate(moduleBytes());
  kernel = e === null ? null : { memory: e["mem"] as SimdSos["memory"], filt8: e["filt8"] as Filt, filt4: e["filt4"] as Filt, filt8f: e["filt8f"] as Filt, filt4f: e["filt4f"] as Filt };
  return kernel;
}

/** A line of samples as the kernel takes it: float32 lines only where `f32` was asked for. */
export type FloatLine = Float32Array | Float64Array;

/**
 * scipy's sosfiltfilt (odd padding of `edge` samples, sosfilt_zi states scaled by the end
 * samples) on `width` lines of length `n` at once through the kernel: bit-identical to
 * sosfilt.ts's scalar kernels on each line (with `f32`, in float32 arithmetic, as the float32
 * scalar path and SciPy compute). `zi` is sosfilt_zi's state for `sos`. The returned
 * function reads `srcs` and writes every `q`-th filtered sample into `dsts` (ceil(n/q) long;
 * default: in place). Returns null where the kernel is unavailable.
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
): ((srcs: readonly FloatLine[], dsts?: readonly FloatLine[], q?: number) => void) | null {
  const k = simdSos();
  if (!k) return null;
  const L = width;
  const BYTES = f32 ? 4 : 8;
  const Arr = f32 ? Float32Array : Float64Array;
  const filt = f32 ? (L === 8 ? k.filt8f : k.filt4f) : L === 8 ? k.filt8 : k.filt4;
  const sections = sos.length;
  const m = n + 2 * edge;
  const coefAt = 0;
  const zAt = Math.ceil((sections * 5 * BYTES) / 16) * 16;
  const xAt = zAt + sections * 2 * L * BYTES;
  const bytes = xAt + m * BYTES * L;
  const have = k.memory.buffer.byteLength;
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / 65536));
  return (lines, dsts = lines, q = 1) => {
    if (lines.length !== L) throw new RangeError(`this SIMD kernel takes ${L} lines, got ${lines.length}`);
    // Views are taken per call: another filter may have grown the memory (detaching old views).
    const buf = k.memory.buffer;
    // float32: every value stored below is rounded once to float32, as the scalar path's fround
    const coef = new Arr(buf, coefAt, sections * 5);
    sos.forEach((s, j) => coef.set([s[0]!, s[1]!, s[2]!, s[4]!, s[5]!], 5 * j));
    const z = new Arr(buf, zAt, sections * 2 * L);
    // each padded line contiguous: odd extension, the line (a memcpy), odd extension
    const x = new Arr(buf, xAt, m * L);
    for (let l = 0; l < L; l++) {
      const line = lines[l]!;
      const o = l * m;
      const head = 2 * line[0]!;
      const tail = 2 * line[n - 1]!;
      for (let i = 0; i < edge; i++) x[o + i] = head - line[edge - i]!;
      x.set(line.subarray(0, n), o + edge);
      for (let i = 0; i < edge; i++) x[o + edge + n + i] = tail - line[n - 2 - i]!;
    }
    // state of section j for line l: z0 at lane l of the section's first L doubles, z1 after them
    const start = (at: number) => {
      for (let j = 0; j < sections; j++) {
        for (let l = 0; l < L; l++) {
          const x0 = x[l * m + at]!;
          z[j * 2 * L + l] = zi[2 * j]! * x0;
          z[j * 2 * L + L + l] = zi[2 * j + 1]! * x0;
        }
      }
    };
    // In blocks of BLOCK samples, every section over a block before the next block: the state
    // carries over in memory, so this is the same recursion, but a block stays in cache across
    // the sections (pass by pass over whole long lines ran at memory speed).
    const stride = m * BYTES;
    start(0);
    for (let b = 0; b < m; b += BLOCK) filt(xAt + b * BYTES, stride, Math.min(BLOCK, m - b), coefAt, zAt, sections, 0);
    start(m - 1);
    for (let e = m; e > 0; e -= BLOCK) {
      const b = Math.max(0, e - BLOCK);
      filt(xAt + b * BYTES, stride, e - b, coefAt, zAt, sections, 1);
    }
    // every q-th filtered sample into the output lines (which may be the inputs when q = 1)
    for (let l = 0; l < L; l++) {
      const dst = dsts[l]!;
      if (q === 1) dst.set(x.subarray(l * m + edge, l * m + edge + n));
      else for (let i = 0, j = l * m + edge; i < dst.length; i++, j += q) dst[i] = x[j]!;
    }
  };
}
