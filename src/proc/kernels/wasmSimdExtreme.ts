// The maximum (or minimum) of each step-long block of a line in WebAssembly SIMD: the first
// stage of rolling max/min with a step (rollingSteps.ts). A fast pass compares with pmax/pmin;
// blocks it cannot settle (a NaN, an extreme of ±0) are redone with f64x2.max/min and
// f64.max/min, which give exactly Math.max/min's answers in any order, so the result is the
// scalar loop's. Why: Math.max costs several instructions per sample in V8; here two samples go
// through one instruction, and the loop is bound by reading the line.
import { ANY_TRUE, funcBody as body, ensure, F64_MAX, F64_MIN, f64Store, get, I32, I32_ADD, I32_EQZ, I32_LT_U, I32_SUB, i32c, instantiate, lane, load, MAX, MIN, functionModule as moduleBytes, NE, OR, PMAX, PMIN, set, tee, V128, type WasmMemory } from "./wasmEmit.ts";

/** Samples copied into the module's memory per call (32 KiB: stays in L1/L2 cache). */
const CHUNK = 4096;

const F64 = 0x7c;
const F64_EQ = 0x61, I32_OR = 0x72;
const f64Zero = [0x44, 0, 0, 0, 0, 0, 0, 0, 0];

/**
 * `ext(xp, yp, blocks, stepBytes)`: y[b] = extreme of x[b·step … (b+1)·step), step ≥ 2. Two
 * accumulators start with the block's first and last pair; the middle is read pair by pair,
 * alternately into each, the last middle pair possibly overlapping the final one (harmless for
 * an extreme), so every load stays inside the block. The fast pass uses pmax/pmin (one
 * instruction, but blind to NaN and to the sign of zero) and notes NaNs; a block with a NaN or
 * an extreme of ±0 is redone with max/min, which are exactly Math.max/min.
 */
function extBody(max: boolean): number[] {
  const [XP, YP, COUNT, STEP, P, END, A, B, V, N, R] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const pass = (op: number[], watch: boolean) => {
    // acc = op(acc, x at p + offset), noting NaNs in N when watching
    const take = (acc: number, offset: number) =>
      watch
        ? [...get(acc), ...get(P), ...load(offset), ...tee(V), ...op, ...set(acc), ...get(N), ...get(V), ...get(V), ...NE, ...OR, ...set(N)]
        : [...get(acc), ...get(P), ...load(offset), ...op, ...set(acc)];
    return [
      ...get(XP), ...load(0), ...set(A),
      ...get(END), ...load(0), ...set(B),
      ...(watch ? [...get(A), ...get(A), ...NE, ...get(B), ...get(B), ...NE, ...OR, ...set(N)] : []),
      ...get(XP), ...i32c(16), I32_ADD, ...set(P),
      0x02, 0x40, 0x03, 0x40, // block, loop $pairs: while p + 16 < end, two pairs
      ...get(P), ...i32c(16), I32_ADD, ...get(END), I32_LT_U, I32_EQZ, 0x0d, 1,
      ...take(A, 0), ...take(B, 16),
      ...get(P), ...i32c(32), I32_ADD, ...set(P),
      0x0c, 0, 0x0b, 0x0b,
      ...get(P), ...get(END), I32_LT_U, 0x04, 0x40, ...take(A, 0), 0x0b, // one more pair if p < end
      ...get(A), ...get(B), ...op, ...set(A),
      ...get(A), ...lane(0), ...get(A), ...lane(1), max ? F64_MAX : F64_MIN, ...set(R),
    ];
  };
  const code = [
    0x02, 0x40, 0x03, 0x40, // block, loop $blocks
    ...get(COUNT), I32_EQZ, 0x0d, 1,
    // END = xp + step − 16: the last pair
    ...get(XP), ...get(STEP), I32_ADD, ...i32c(16), I32_SUB, ...set(END),
    ...pass(max ? PMAX : PMIN, true),
    ...get(N), ...ANY_TRUE, ...get(R), ...f64Zero, F64_EQ, I32_OR, 0x04, 0x40, ...pass(max ? MAX : MIN, false), 0x0b,
    ...get(YP), ...get(R), ...f64Store(0),
    ...get(XP), ...get(STEP), I32_ADD, ...set(XP),
    ...get(YP), ...i32c(8), I32_ADD, ...set(YP),
    ...get(COUNT), ...i32c(1), I32_SUB, ...set(COUNT),
    0x0c, 0, 0x0b, 0x0b, 0x0b,
  ];
  return body([[2, I32], [4, V128], [1, F64]], code);
}

type Ext = (xp: number, yp: number, blocks: number, stepBytes: number) => void;
let kernel: { mem: WasmMemory; max: Ext; min: Ext } | null | undefined;

function compiled(): typeof kernel {
  if (kernel !== undefined) return kernel;
  const e = instantiate(moduleBytes([{ name: "max", params: 4, body: extBody(true) }, { name: "min", params: 4, body: extBody(false) }]));
  kernel = e && { mem: e["mem"] as WasmMemory, max: e["max"] as Ext, min: e["min"] as Ext };
  return kernel;
}

/**
 * `out[b]` = the maximum (sgn 1) or minimum (sgn −1) of `x[start + b·step … + step)` for b < nb,
 * through the SIMD kernel; false (nothing written) where it is unavailable or step < 2.
 *
 * @example
 * ```ts
 * const blocks = new Float64Array(nb);
 * if (!simdBlockExtremes(1, line, 0, 25, nb, blocks)) scalarLoop();
 * ```
 */
export function simdBlockExtremes(sgn: 1 | -1, x: Float64Array, start: number, step: number, nb: number, out: Float64Array): boolean {
  const k = step >= 2 ? compiled() : null;
  if (!k) return false;
  const per = Math.max(1, Math.floor(CHUNK / step)); // blocks per call
  const yAt = per * step * 8;
  ensure(k.mem, yAt + per * 8);
  const xs = new Float64Array(k.mem.buffer, 0, per * step);
  const ys = new Float64Array(k.mem.buffer, yAt, per);
  const ext = sgn === 1 ? k.max : k.min;
  for (let b = 0; b < nb; b += per) {
    const count = Math.min(per, nb - b);
    const p = start + b * step;
    xs.set(x.subarray(p, p + count * step));
    ext(0, yAt, count, step * 8);
    out.set(ys.subarray(0, count), b);
  }
  return true;
}
