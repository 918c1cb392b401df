// A WebAssembly SIMD FIR kernel (savgolFilter's correlation, decimate's FIR), emitted as bytes
// (wasmEmit.ts), as wasmSimdSos.ts does, one small module per tap count. Each output is summed with the very
// terms, in the very order, of fir.ts's scalar kernel, so results are bit-identical to it
// (wasm's f64x2 add/mul are IEEE operations, never fused). Where SIMD is missing, fir.ts runs.
import { firKernel, type FirKernel } from "./fir.ts";
import { ADD, funcBody as body, ensure, F64_ADD, f64Store, get, I32, I32_ADD, I32_EQZ, I32_GE_U, I32_SUB, i32c, instantiate, lane, load, loadSplat, loadZero, functionModule as moduleBytes, MUL, set, store, V128, type WasmMemory } from "./wasmEmit.ts";

/** Outputs per block: input and output of a block stay in L1/L2 cache between copy and kernel. */
const BLOCK = 4096;
/** Beyond this many taps the written-out body grows past what is worth compiling. */
const MAX_TAPS = 512;
/** Output vectors per loop step of the stride-1 kernel. */
const VECTORS = 2;
/** Outputs per loop step of the strided kernel: independent sums in flight hide the adds' latency. */
const OUTS = 4;
/** Terms whose taps are kept splatted in locals (V8 gives wasm 16 vector registers). */
const REG_TAPS = 10;

/** The scalar kernel's terms for `len` taps, as lists of tap index and the sample offsets it multiplies. */
function terms(len: number, fold: boolean): [number, number[]][] {
  if (!fold) return Array.from({ length: len }, (_, k) => [k, [k]]);
  const m = (len - 1) / 2;
  return [[m, [m]], ...Array.from({ length: m }, (_, k): [number, number[]] => [k, [k, len - 1 - k]])];
}

/**
 * `along(xp, yp, steps)`: 2·VECTORS outputs per step, two per f64x2 vector, y[i] = Σ terms at
 * x + i (stride 1); taps at address 0. Chains as fir.ts: from 8 terms, four partial sums (terms
 * r, r+4, …) and (s0 + s1) + (s2 + s3); below, one left-to-right sum.
 */
function alongBody(len: number, fold: boolean): number[] {
  const [XP, YP, COUNT] = [0, 1, 2];
  const ts = terms(len, fold);
  // up to REG_TAPS taps stay splatted in locals (registers); more are splat-loaded per use
  const inRegs = ts.length <= REG_TAPS;
  const tap = (k: number, slot: number) => (inRegs ? get(3 + slot) : [...i32c(0), ...loadSplat(8 * k)]);
  const term = ([k, offs]: [number, number[]], slot: number, v: number) => {
    const o = 16 * v;
    const xs = offs.length === 1 ? [...get(XP), ...load(o + 8 * offs[0]!)] : [...get(XP), ...load(o + 8 * offs[0]!), ...get(XP), ...load(o + 8 * offs[1]!), ...ADD];
    return [...tap(k, slot), ...xs, ...MUL];
  };
  const chain = (slots: number[], v: number) => slots.flatMap((t, i) => (i === 0 ? term(ts[t]!, t, v) : [...term(ts[t]!, t, v), ...ADD]));
  const all = ts.map((_, t) => t);
  const sum = (v: number) => {
    if (ts.length < 8) return chain(all, v);
    const c = [0, 1, 2, 3].map((r) => chain(all.filter((t) => t % 4 === r), v));
    return [...c[0]!, ...c[1]!, ...ADD, ...c[2]!, ...c[3]!, ...ADD, ...ADD];
  };
  const code = [
    ...(inRegs ? ts.flatMap(([k], slot) => [...i32c(0), ...loadSplat(8 * k), ...set(3 + slot)]) : []),
    0x02, 0x40, 0x03, 0x40, // block, loop
    ...get(COUNT), I32_EQZ, 0x0d, 1,
    // VECTORS vectors (2·VECTORS outputs) per step
    ...Array.from({ length: VECTORS }, (_, v) => [...get(YP), ...sum(v), ...store(16 * v)]).flat(),
    ...get(XP), ...i32c(16 * VECTORS), I32_ADD, ...set(XP),
    ...get(YP), ...i32c(16 * VECTORS), I32_ADD, ...set(YP),
    ...get(COUNT), ...i32c(1), I32_SUB, ...set(COUNT),
    0x0c, 0, 0x0b, 0x0b, 0x0b, // br loop, end loop, end block, end function
  ];
  return body(inRegs ? [[ts.length, V128]] : [], code);
}

/**
 * `strided(xp, yp, steps, strideBytes)`: OUTS outputs per step (x, x + stride, …), x advancing
 * by OUTS strides: the taps in f64x2 pairs, (s0, s1) in one accumulator and (s2, s3) in
 * another, exactly fir.ts's four chains (len ≥ 8, no folding); each tap pair is loaded once for
 * all OUTS outputs. Taps at address 0, zero past len; a last odd term multiplies a sample loaded
 * with a zero beside it, so no sample outside the window enters a sum.
 */
function stridedBody(len: number): number[] {
  // locals: pointers to outputs 1 … OUTS−1's samples, the tap offset K, the tap pair, then per
  // output (s0, s1), (s2, s3)
  const [XP, YP, COUNT, STRIDE] = [0, 1, 2, 3];
  const xp = (o: number) => (o === 0 ? XP : 3 + o);
  const K = 3 + OUTS;
  const T = K + 1;
  const acc = Array.from({ length: 2 * OUTS }, (_, i) => T + 1 + i);
  const outs = Array.from({ length: OUTS }, (_, o) => o);
  const groups = Math.floor(len / 4);
  const rem = len % 4;
  // acc[o·2 + c] (+)= taps at byte k (+ K) × the samples of output o there
  const step = (k: number, c: number, half: boolean, first: boolean, inLoop: boolean) => {
    const at = (base: number[]) => (inLoop ? [...base, ...get(K), I32_ADD] : base);
    const xload = (o: number) => [...at(get(xp(o))), ...(half ? loadZero(k) : load(k))];
    return [
      ...(inLoop ? get(K) : i32c(0)), ...load(k), ...set(T),
      ...outs.flatMap((o) => [...get(T), ...xload(o), ...MUL, ...(first ? [] : [...get(acc[2 * o + c]!), ...ADD]), ...set(acc[2 * o + c]!)]),
    ];
  };
  // the first group starts the sums; the others in a loop (a straight-line body of every tap
  // lets the compiler hoist all loads and spill), then an odd tail
  const loop = [
    ...i32c(32), ...set(K),
    0x02, 0x40, 0x03, 0x40, // block, loop $groups: while K < 32·groups
    ...get(K), ...i32c(32 * groups), I32_GE_U, 0x0d, 1,
    ...step(0, 0, false, false, true), ...step(16, 1, false, false, true),
    ...get(K), ...i32c(32), I32_ADD, ...set(K),
    0x0c, 0, 0x0b, 0x0b,
  ];
  const tail = [
    ...(rem >= 1 ? step(8 * 4 * groups, 0, rem === 1, false, false) : []),
    ...(rem === 3 ? step(8 * (4 * groups + 2), 1, true, false, false) : []),
  ];
  const hsum = (o: number) => {
    const [a, b] = [acc[2 * o]!, acc[2 * o + 1]!];
    return [...get(YP), ...get(a), ...lane(0), ...get(a), ...lane(1), F64_ADD, ...get(b), ...lane(0), ...get(b), ...lane(1), F64_ADD, F64_ADD, ...f64Store(8 * o)];
  };
  const code = [
    0x02, 0x40, 0x03, 0x40,
    ...get(COUNT), I32_EQZ, 0x0d, 1,
    ...outs.slice(1).flatMap((o) => [...get(xp(o - 1)), ...get(STRIDE), I32_ADD, ...set(xp(o))]),
    ...step(0, 0, false, true, false), ...step(16, 1, false, true, false),
    ...loop,
    ...tail,
    ...outs.flatMap(hsum),
    ...get(xp(OUTS - 1)), ...get(STRIDE), I32_ADD, ...set(XP),
    ...get(YP), ...i32c(8 * OUTS), I32_ADD, ...set(YP),
    ...get(COUNT), ...i32c(1), I32_SUB, ...set(COUNT),
    0x0c, 0, 0x0b, 0x0b, 0x0b,
  ];
  return body([[OUTS, I32], [1 + 2 * OUTS, V128]], code);
}

interface Instance {
  mem: WasmMemory;
  along: (xp: number, yp: number, steps: number) => void;
  strided: ((xp: number, yp: number, steps: number, strideBytes: number) => void) | null;
}

function compile(len: number, fold: boolean): Instance | null {
  const strided = !fold && len >= 8;
  const e = instantiate(moduleBytes([{ name: "along", params: 3, body: alongBody(len, fold) }, ...(strided ? [{ name: "strided", params: 4, body: stridedBody(len) }] : [])]));
  return e && { mem: e["mem"] as WasmMemory, along: e["along"] as Instance["along"], strided: (e["strided"] as Instance["strided"]) ?? null };
}

const cache = new Map<string, FirKernel>();

/**
 * fir.ts's {@link firKernel} for `len` taps through WebAssembly SIMD where the engine has it
 * (same signature, bit-identical results): stride 1 computes two outputs per vector along time;
 * a stride (decimation) computes each output with the taps in pairs (from 8 taps, unfolded).
 * Other cases, and engines without SIMD, run the scalar kernel.
 *
 * @example
 * ```ts
 * firKernelSimd(11, true)(weights, x, y, 5, x.length - 5, 0, 1);
 * ```
 */
export function firKernelSimd(len: number, symmetric: boolean): FirKernel {
  const fold = symmetric && len % 2 === 1;
  const key = `${len}:${fold}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const scalar = firKernel(len, symmetric);
  const k = len >= 1 && len <= MAX_TAPS ? compile(len, fold) : null;
  const fn: FirKernel = !k
    ? scalar
    : (h, x, y, i0, i1, first, stride) => {
        if (stride !== 1 && !k.strided) return scalar(h, x, y, i0, i1, first, stride);
        const hBytes = Math.ceil((len + 4) / 2) * 16; // taps, then zeros (the strided tail reads past len)
        const xAt = hBytes;
        const xLen = (BLOCK - 1) * stride + len + 1;
        const yAt = xAt + Math.ceil(xLen / 2) * 16;
        const need = yAt + BLOCK * 8;
        ensure(k.mem, need);
        const buf = k.mem.buffer;
        const taps = new Float64Array(buf, 0, hBytes / 8);
        taps.fill(0);
        taps.set(h.subarray(0, len));
        const xs = new Float64Array(buf, xAt, xLen);
        const ys = new Float64Array(buf, yAt, BLOCK);
        for (let i = i0, p = first; i < i1; ) {
          const count = Math.min(BLOCK, i1 - i);
          const span = (count - 1) * stride + len;
          xs.set(x.subarray(p, p + span));
          let done = count;
          if (stride === 1) {
            done = count - (count % (2 * VECTORS));
            k.along(xAt, yAt, done / (2 * VECTORS));
          } else {
            done = count - (count % OUTS);
            k.strided!(xAt, yAt, done / OUTS, 8 * stride);
          }
          y.set(ys.subarray(0, done), i);
          // the last outputs of a block past whole steps: the scalar kernel, the same sum
          if (done < count) scalar(h, x, y, i + done, i + count, p + done * stride, stride);
          i += count;
          p += count * stride;
        }
      };
  cache.set(key, fn);
  return fn;
}
