// A WebAssembly SIMD kernel for cascaded biquads (direct form II transposed) over 8 interleaved
// lines, emitted as bytes here: no compiler in the toolchain and no dependency. Each f64x2 lane
// runs one line with the very operations, in the very order, of sosfilt.ts's scalar loops, so
// results are bit-identical to them (wasm's f64x2 add/sub/mul are IEEE operations, never fused).
// Why: the recursion is latency-bound per line; eight lines in four vectors keep more chains in
// flight than JavaScript's scalar code can, for half the instructions.

/** Lines per call: four f64x2 vectors, or two (see {@link simdSosFiltFilter}). */
export const SIMD_LINES = 8;
/** Time steps per block (64 bytes each: 128 KiB, in L2 cache). */
const BLOCK = 2048;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

// Opcodes (WebAssembly core + SIMD).
const I32 = 0x7f;
const V128 = 0x7b;
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32c = (v: number) => [0x41, ...sleb(v)];
const I32_ADD = 0x6a, I32_SUB = 0x6b, I32_MUL = 0x6c, I32_GE_S = 0x4e;
const f64Load = (offset: number) => [0x2b, 3, ...uleb(offset)];
const simd = (op: number, ...rest: number[]) => [0xfd, ...uleb(op), ...rest];
const v128Load = (offset: number) => simd(0x00, 4, ...uleb(offset));
const v128Store = (offset: number) => simd(0x0b, 4, ...uleb(offset));
const SPLAT = simd(0x14), ADD = simd(0xf0), SUB = simd(0xf1), MUL = simd(0xf2);

/**
 * The function `filt(x, n, coef, z, sections, reverse)`: runs `sections` biquads (coefficients
 * b0 b1 b2 a1 a2 as f64 at `coef`, 40 bytes each) in place over `n` time steps of 8 interleaved
 * lines at `x` (64 bytes a step), forwards or backwards, with the state at `z` (per section:
 * the four z0 vectors, then the four z1 vectors; updated).
 */
function filtBody(VECTORS: number): number[] {
  // params 0 x, 1 n, 2 coef, 3 z, 4 sections, 5 reverse; i32 locals 6 k, 7 p, 8 d, 9 j, 10 c, 11 zp
  const [X, N, COEF, Z, SECTIONS, REVERSE, K, P, D, J, C, ZP] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const B0 = 12, B1 = 13, B2 = 14, A1 = 15, A2 = 16;
  const z0 = (v: number) => 17 + v;
  const z1 = (v: number) => 17 + VECTORS + v;
  const u = (v: number) => 17 + 2 * VECTORS + v;
  const un = (v: number) => 17 + 3 * VECTORS + v;
  const each = (f: (v: number) => number[]) => Array.from({ length: VECTORS }, (_, v) => f(v)).flat();
  const stride = 16 * VECTORS;
  const code = [
    ...i32c(0), ...set(K),
    ...get(COEF), ...set(C),
    ...get(Z), ...set(ZP),
    0x02, 0x40, // block $done
    0x03, 0x40, // loop $section
    ...get(K), ...get(SECTIONS), I32_GE_S, 0x0d, 1, // br_if $done
    ...[B0, B1, B2, A1, A2].flatMap((l, i) => [...get(C), ...f64Load(8 * i), ...SPLAT, ...set(l)]),
    ...each((v) => [...get(ZP), ...v128Load(16 * v), ...set(z0(v))]),
    ...each((v) => [...get(ZP), ...v128Load(16 * (VECTORS + v)), ...set(z1(v))]),
    // p = reverse ? x + (n − 1)·stride : x; d = reverse ? −stride : stride
    ...get(REVERSE), 0x04, 0x40,
    ...get(X), ...get(N), ...i32c(1), I32_SUB, ...i32c(stride), I32_MUL, I32_ADD, ...set(P), ...i32c(-stride), ...set(D),
    0x05,
    ...get(X), ...set(P), ...i32c(stride), ...set(D),
    0x0b,
    ...get(N), ...set(J),
    0x02, 0x40, // block $empty
    ...get(J), 0x45, 0x0d, 0, // i32.eqz; br_if $empty
    0x03, 0x40, // loop $step
    ...each((v) => [...get(P), ...v128Load(16 * v), ...set(u(v))]),
    // xn = b0·x + z0
    ...each((v) => [...get(B0), ...get(u(v)), ...MUL, ...get(z0(v)), ...ADD, ...set(un(v))]),
    // z0 = b1·x − a1·xn + z1
    ...each((v) => [...get(B1), ...get(u(v)), ...MUL, ...get(A1), ...get(un(v)), ...MUL, ...SUB, ...get(z1(v)), ...ADD, ...set(z0(v))]),
    // z1 = b2·x − a2·xn
    ...each((v) => [...get(B2), ...get(u(v)), ...MUL, ...get(A2), ...get(un(v)), ...MUL, ...SUB, ...set(z1(v))]),
    ...each((v) => [...get(P), ...get(un(v)), ...v128Store(16 * v)]),
    ...get(P), ...get(D), I32_ADD, ...set(P),
    ...get(J), ...i32c(1), I32_SUB, ...set(J),
    ...get(J), 0x0d, 0, // br_if $step
    0x0b, // end loop $step
    0x0b, // end block $empty
    ...each((v) => [...get(ZP), ...get(z0(v)), ...v128Store(16 * v)]),
    ...each((v) => [...get(ZP), ...get(z1(v)), ...v128Store(16 * (VECTORS + v))]),
    ...get(C), ...i32c(40), I32_ADD, ...set(C),
    ...get(ZP), ...i32c(2 * stride), I32_ADD, ...set(ZP),
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

function moduleBytes(): Uint8Array {
  const type = section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), 0]]));
  const funcs = section(3, vec([[0], [0]]));
  const memory = section(5, vec([[0x00, ...uleb(1)]]));
  const exports = section(7, vec([[...name("filt8"), 0x00, 0], [...name("filt4"), 0x00, 1], [...name("mem"), 0x02, 0]]));
  const codeSec = section(10, vec([filtBody(4), filtBody(2)]));
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...funcs, ...memory, ...exports, ...codeSec]);
}

type Filt = (x: number, n: number, coef: number, z: number, sections: number, reverse: number) => void;

/** The instantiated kernels: their memory and `filt8` / `filt4` (see {@link filtBody}). */
export interface SimdSos {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  filt8: Filt;
  filt4: Filt;
}

let kernel: SimdSos | null | undefined;

/**
 * This thread's kernel, or null where WebAssembly SIMD is missing (the scalar kernels then run).
 * Compiled synchronously on first use (~1 KB of code).
 */
export function simdSos(): SimdSos | null {
  if (kernel !== undefined) return kernel;
  try {
    const wasm = (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object) => { exports: Record<string, unknown> } } }).WebAssembly;
    const instance = new wasm.Instance(new wasm.Module(moduleBytes()));
    const e = instance.exports;
    kernel = { memory: e["mem"] as SimdSos["memory"], filt8: e["filt8"] as Filt, filt4: e["filt4"] as Filt };
  } catch {
    kernel = null;
  }
  return kernel;
}

/**
 * scipy's sosfiltfilt (odd padding of `edge` samples, sosfilt_zi states scaled by the end
 * samples) on {@link SIMD_LINES} lines of length `n` at once, in place, through the kernel:
 * bit-identical to sosfilt.ts's `run` on each line. `zi` is sosfilt_zi's state for `sos`.
 * Returns null where the kernel is unavailable.
 * @example
 * ```ts
 * const group = simdSosFiltFilter(sos, zi, edge, n); group?.(eightLines);
 * ```
 */
export function simdSosFiltFilter(sos: readonly Float64Array[], zi: Float64Array, edge: number, n: number, width: 4 | 8 = 8): ((lines: readonly Float64Array[]) => void) | null {
  const k = simdSos();
  if (!k) return null;
  const L = width;
  const VECTORS = L / 2;
  const filt = L === 8 ? k.filt8 : k.filt4;
  const sections = sos.length;
  const m = n + 2 * edge;
  const coefAt = 0;
  const zAt = Math.ceil((sections * 40) / 16) * 16;
  const xAt = zAt + sections * 2 * 16 * VECTORS;
  const bytes = xAt + m * 8 * L;
  const have = k.memory.buffer.byteLength;
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / 65536));
  return (lines) => {
    if (lines.length !== L) throw new RangeError(`this SIMD kernel takes ${L} lines, got ${lines.length}`);
    // Views are taken per call: another filter may have grown the memory (detaching old views).
    const buf = k.memory.buffer;
    const coef = new Float64Array(buf, coefAt, sections * 5);
    sos.forEach((s, j) => coef.set([s[0]!, s[1]!, s[2]!, s[4]!, s[5]!], 5 * j));
    const z = new Float64Array(buf, zAt, sections * 2 * L);
    const x = new Float64Array(buf, xAt, m * L);
    /** Writes padded steps [a, b) interleaved: odd extension before and after the line. */
    const fill = (a: number, b: number) => {
      for (let t = a; t < b; t++) {
        const o = t * L;
        if (t >= edge && t < edge + n) {
          const i = t - edge;
          for (let l = 0; l < L; l++) x[o + l] = lines[l]![i]!;
        } else {
          for (let l = 0; l < L; l++) {
            const line = lines[l]!;
            x[o + l] = t < edge ? 2 * line[0]! - line[edge - t]! : 2 * line[n - 1]! - line[n - 2 - (t - edge - n)]!;
          }
        }
      }
    };
    /** Copies the filtered steps [a, b) that belong to the line back into the lines. */
    const drain = (a: number, b: number) => {
      for (let t = Math.max(a, edge); t < Math.min(b, edge + n); t++) {
        const o = t * L;
        const i = t - edge;
        for (let l = 0; l < L; l++) lines[l]![i] = x[o + l]!;
      }
    };
    // state of section j for line l: z0 at lane l of the section's first L doubles, z1 after them
    const start = (at: number) => {
      for (let j = 0; j < sections; j++) {
        for (let l = 0; l < L; l++) {
          const x0 = x[at * L + l]!;
          z[j * 2 * L + l] = zi[2 * j]! * x0;
          z[j * 2 * L + L + l] = zi[2 * j + 1]! * x0;
        }
      }
    };
    // In blocks of BLOCK steps, every section over a block before the next block: the state
    // carries over in memory, so this is the same recursion, but a block stays in cache from
    // being written, through the sections, to being read back (a whole 250,000-sample group is
    // 16 MB: pass by pass over it ran at memory speed).
    for (let b = 0; b < m; b += BLOCK) {
      const e = Math.min(m, b + BLOCK);
      fill(b, e);
      if (b === 0) start(0);
      filt(xAt + b * 8 * L, e - b, coefAt, zAt, sections, 0);
    }
    start(m - 1);
    for (let e = m; e > 0; e -= BLOCK) {
      const b = Math.max(0, e - BLOCK);
      filt(xAt + b * 8 * L, e - b, coefAt, zAt, sections, 1);
      drain(b, e);
    }
  };
}
