// The Stockham passes of fftPasses.ts as WebAssembly SIMD, two lines at once: lane 0 of every
// f64x2 is one line, lane 1 the other. Element j of a pair-line sits at 32·j bytes as
// [re₀, re₁, im₀, im₁]. The butterflies are fftPasses.ts's own source text compiled by
// wasmExpr.ts, in the same three loop shapes, with the same twiddle table and the same order
// of operations, so each lane is bit-identical to the scalar pass on its line. One module per
// radix, all over one shared memory (fftSimd.ts owns it).
import { butterfly } from "./fftPasses.ts";
import { compileStatements, V128Locals } from "./wasmExpr.ts";
import {
  ADD, brIf, END, F64, F64_MUL, f64Load, funcBody, get, I32, I32_ADD, I32_EQ, I32_EQZ, I32_MUL, I32_SUB, i32c, IF, instantiate, HIGH_LANES, LOOP, LOW_LANES,
  moduleBytes, MUL, name, RETURN, section, set, SPLAT, SUB, tee, uleb, V128, v128Load, v128Store, vec,
} from "./wasmEmit.ts";

/** A SIMD pass: like {@link PassFn} with byte addresses of pair-lines x, y and of the twiddle table. */
export type SimdPassFn = (x: number, y: number, m: number, s: number, tw: number, sg: number) => void;

/** Import of the shared memory ("env" "mem", at least one page). */
export const MEMORY_IMPORT = section(2, vec([[...name("env"), ...name("mem"), 0x02, 0x00, ...uleb(1)]]));

/**
 * The body of radix p's pass function `(x, y, m, s, tw, sg)`; with `planar`, the first pass
 * (s = 1) only, reading two real lines of 2·m·p samples stored one after the other at x (line
 * 0's z_j = x_2j + i·x_2j+1 at x + 16j, line 1's m·p elements later) instead of a pair-line:
 * the packing into lanes rides on the loads (two shuffles) instead of a pass of its own.
 */
function passBody(p: number, planar = false): number[] {
  const { pre, body } = butterfly(p);
  const [X, Y, M, S, TW, SG] = [0, 1, 2, 3, 4, 5];
  const [PA, PB, PTW, CNT, KC, XK, YK, AD] = [6, 7, 8, 9, 10, 11, 12, 13];
  const off = (r: number): number => 13 + r; // r = 1 … p − 1: byte offset of input r
  const soff = (t: number): number => 13 + p - 1 + t; // t = 1 … p − 1: byte offset of output t
  const nI32 = 9 + 2 * (p - 1); // … and D1, the planar pass's offset of line 1
  const first = 6 + nI32;
  const v = new V128Locals(first);
  const SGV = v.at("sg", true);
  const ts = Array.from({ length: p - 1 }, (_, i) => i + 1);
  const rs = Array.from({ length: p }, (_, r) => r);
  const preCode = compileStatements(pre.join("\n"), v);
  // w_t = (tw[j + 2(t − 1)], sg · tw[j + 2t − 1]), j the butterfly's twiddle row at PTW
  const twiddles = ts.flatMap((t) => [
    ...get(PTW), ...f64Load(16 * (t - 1)), ...SPLAT, ...set(v.at(`w${t}r`, true)),
    ...get(SG), ...get(PTW), ...f64Load(16 * (t - 1) + 8), F64_MUL, ...SPLAT, ...set(v.at(`w${t}i`, true)),
  ]);
  // planar: lane l of input r from line l's element k + r·m (16 bytes: re, im), line 1 at D1 bytes
  const [TA, TB] = [v.at("_ta", true), v.at("_tb", true)];
  const D1 = 6 + nI32 - 1;
  const planarLoads = rs.flatMap((r) => {
    const at = r === 0 ? get(PA) : [...get(PA), ...get(off(r)), I32_ADD];
    return [
      ...at, ...tee(AD), ...v128Load(0), ...set(TA), ...get(AD), ...get(D1), I32_ADD, ...v128Load(0), ...set(TB),
      ...get(TA), ...get(TB), ...LOW_LANES, ...set(v.at(`a${r}r`, true)), ...get(TA), ...get(TB), ...HIGH_LANES, ...set(v.at(`a${r}i`, true)),
    ];
  });
  const loads = rs.flatMap((r) => {
    const at = r === 0 ? get(PA) : [...get(PA), ...get(off(r)), I32_ADD];
    return [...at, ...tee(AD), ...v128Load(0), ...set(v.at(`a${r}r`, true)), ...get(AD), ...v128Load(16), ...set(v.at(`a${r}i`, true))];
  });
  const bf = compileStatements(body.join("\n"), v);
  // output t at PB + (constant 32t | soff_t), twiddled as the scalar store: e·w − e·w, e·w + e·w
  const stores = (twiddled: boolean, constStride: boolean): number[] =>
    [0, ...ts].flatMap((t) => {
      const at = t === 0 || constStride ? get(PB) : [...get(PB), ...get(soff(t)), I32_ADD];
      const o = constStride ? 32 * t : 0;
      const [er, ei] = [get(v.at(`e${t}r`)), get(v.at(`e${t}i`))];
      if (t === 0 || !twiddled) return [...at, ...er, ...v128Store(o), ...at, ...ei, ...v128Store(o + 16)];
      const [wr, wi] = [get(v.at(`w${t}r`)), get(v.at(`w${t}i`))];
      return [...at, ...er, ...wr, ...MUL, ...ei, ...wi, ...MUL, ...SUB, ...v128Store(o), ...at, ...er, ...wi, ...MUL, ...ei, ...wr, ...MUL, ...ADD, ...v128Store(o + 16)];
    });
  const inc = (l: number, by: number[]): number[] => [...get(l), ...by, I32_ADD, ...set(l)];
  const countDown = (l: number, depth: number): number[] => [...get(l), ...i32c(1), I32_SUB, ...tee(l), ...brIf(depth)];
  const offsets = (stride: number[], list: number[], idx: (r: number) => number, bytes = 32): number[] =>
    list.flatMap((r) => [...stride, ...i32c(bytes * r), I32_MUL, ...set(idx(r))]);
  const sm = [...get(S), ...get(M), I32_MUL];
  if (planar) {
    const code = [
      ...get(SG), ...SPLAT, ...set(SGV),
      ...preCode,
      ...offsets(get(M), ts, off, 16),
      ...get(M), ...i32c(16 * p), I32_MUL, ...set(D1),
      ...get(X), ...set(PA), ...get(Y), ...set(PB), ...get(TW), ...set(PTW), ...get(M), ...set(CNT),
      ...LOOP,
      ...twiddles, ...planarLoads, ...bf, ...stores(true, true),
      ...inc(PA, i32c(16)), ...inc(PB, i32c(32 * p)), ...inc(PTW, i32c(16 * (p - 1))),
      ...countDown(CNT, 0),
      END,
      END,
    ];
    return funcBody([[nI32, I32], [v.count(first), V128]], code);
  }
  const code = [
    ...get(SG), ...SPLAT, ...set(SGV),
    ...preCode,
    // s = 1 (the first pass): one loop over k, twiddled, outputs 32 bytes apart
    ...get(S), ...i32c(1), I32_EQ, ...IF,
    ...offsets(get(M), ts, off),
    ...get(X), ...set(PA), ...get(Y), ...set(PB), ...get(TW), ...set(PTW), ...get(M), ...set(CNT),
    ...LOOP,
    ...twiddles, ...loads, ...bf, ...stores(true, true),
    ...inc(PA, i32c(32)), ...inc(PB, i32c(32 * p)), ...inc(PTW, i32c(16 * (p - 1))),
    ...countDown(CNT, 0),
    END,
    RETURN,
    END,
    // k = 0: no twiddles
    ...offsets(sm, ts, off), ...offsets(get(S), ts, soff),
    ...get(X), ...set(PA), ...get(Y), ...set(PB), ...get(S), ...set(CNT),
    ...LOOP,
    ...loads, ...bf, ...stores(false, false),
    ...inc(PA, i32c(32)), ...inc(PB, i32c(32)),
    ...countDown(CNT, 0),
    END,
    // k = 1 … m − 1, each over the s lines
    ...get(M), ...i32c(1), I32_SUB, ...tee(KC), I32_EQZ, ...IF, RETURN, END,
    ...get(X), ...get(S), ...i32c(32), I32_MUL, I32_ADD, ...set(XK),
    ...get(Y), ...get(S), ...i32c(32 * p), I32_MUL, I32_ADD, ...set(YK),
    ...get(TW), ...i32c(16 * (p - 1)), I32_ADD, ...set(PTW),
    ...LOOP,
    ...twiddles,
    ...get(XK), ...set(PA), ...get(YK), ...set(PB), ...get(S), ...set(CNT),
    ...LOOP,
    ...loads, ...bf, ...stores(true, false),
    ...inc(PA, i32c(32)), ...inc(PB, i32c(32)),
    ...countDown(CNT, 0),
    END,
    ...inc(XK, [...get(S), ...i32c(32), I32_MUL]), ...inc(YK, [...get(S), ...i32c(32 * p), I32_MUL]), ...inc(PTW, i32c(16 * (p - 1))),
    ...countDown(KC, 0),
    END,
    END,
  ];
  return funcBody([[nI32, I32], [v.count(first), V128]], code);
}

/** A radix's two pass functions. */
export interface SimdPasses {
  pass: SimdPassFn;
  planar: SimdPassFn;
}

const PASSES = new Map<number, SimdPasses | null>();

/**
 * Radix p's SIMD passes over `memory`, compiled once (null where WebAssembly SIMD is missing):
 * `pass` over pair-lines, `planar` the first pass from two real lines (see {@link passBody}).
 */
export function simdPassFor(p: number, memory: object): SimdPasses | null {
  let fn = PASSES.get(p);
  if (fn === undefined) {
    const type = section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [F64]]), 0]]));
    const funcs = section(3, vec([[0], [0]]));
    const exports = section(7, vec([[...name("pass"), 0x00, 0], [...name("planar"), 0x00, 1]]));
    const code = section(10, vec([passBody(p), passBody(p, true)]));
    const e = instantiate(moduleBytes([type, MEMORY_IMPORT, funcs, exports, code]), { env: { mem: memory } });
    fn = e === null ? null : { pass: e["pass"] as SimdPassFn, planar: e["planar"] as SimdPassFn };
    PASSES.set(p, fn);
  }
  return fn;
}
