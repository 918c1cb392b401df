// The real-FFT split passes of fft.ts (rfft's bins from the half-length transform, irfft's
// half-length spectrum from the bins) as WebAssembly SIMD over pair-lines (fftSimdPasses.ts's
// layout: element j at 32·j bytes as [re₀, re₁, im₀, im₁]). The statements below are fft.ts's
// loop bodies, operation for operation (compiled by wasmExpr.ts), so each lane is bit-identical
// to the scalar split of its line.
import { compileStatements, V128Locals } from "./wasmExpr.ts";
import { MEMORY_IMPORT } from "./fftSimdPasses.ts";
import {
  brIf, END, F64, f64Load, funcBody, get, HIGH_LANES, I32, I32_ADD, I32_EQZ, I32_MUL, I32_SUB, i32c, IF, instantiate, LOOP, LOW_LANES, moduleBytes, MUL, NEG, name,
  RETURN, section, set, SPLAT, tee, V128, v128Load, v128Store, vec,
} from "./wasmEmit.ts";

/**
 * `(src, dst, half, w, k0, count, scale)`: for `count` k from k0, reads bins k and b = half − k of
 * `src`, the twiddle (cos, sin of 2πk/n) at `w + 16k`, and writes bins b, then k, of `dst` (so
 * where b = k the k formula holds, as in the scalar loops).
 */
export type SplitFn = (src: number, dst: number, half: number, w: number, k0: number, count: number, scale: number) => void;

/** rfftTo's split: X_k = E_k + W_n^k·O_k and X_{half−k} = conj(E_k − W_n^k·O_k), × scale. */
const SPLIT = `
const ar = lar, ai = lai, br = lbr, bi = -lzbi;
const er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
const or = 0.5 * (ai - bi), oi = -0.5 * (ar - br);
const s = -wk;
const tr = or * c - oi * s, ti = or * s + oi * c;
const ykr = (er + tr) * scale, yki = (ei + ti) * scale, ybr = (er - tr) * scale, ybi = -(ei - ti) * scale;`;

/**
 * irfftFrom's inverse split of the bins × scale (irfftFrom's ÷ div where that is a
 * multiplication by an exact reciprocal, or 1: a copy): Z_k = E_k + i·O_k,
 * Z_{half−k} = conj(E_k) + i·conj(O_k).
 */
const UNSPLIT_BODY = `
const bi = -zbi;
const er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
const dr = 0.5 * (ar - br), di = 0.5 * (ai - bi);
const or = dr * c - di * wk, oi = dr * wk + di * c;
const ykr = er - oi, yki = ei + or, ybr = er + oi, ybi = -ei + or;`;
const UNSPLIT = `const ar = lar * scale, ai = lai * scale, br = lbr * scale, zbi = lzbi * scale;${UNSPLIT_BODY}`;
/** The same with irfftFrom's division by div (`scale` here) where no exact reciprocal stands for it. */
const UNSPLIT_DIV = `const ar = lar / scale, ai = lai / scale, br = lbr / scale, zbi = lzbi / scale;${UNSPLIT_BODY}`;

/**
 * The split loop over `text`'s statements. With `planar`, bins are written as two lines of
 * interleaved complex bins (line 0's bin k at dst + 16k, line 1's n/2 + 1 bins later), ready
 * for block copies into a patch's rows. With `rotate`, each bin X is written as −i·X (the
 * Hilbert transform's spectrum: re ← im, im ← −re, exact).
 */
function splitBody(text: string, planar = false, rotate = false): number[] {
  const [SRC, DST, HALF, W, K0, COUNT, SCALE] = [0, 1, 2, 3, 4, 5, 6];
  const [PK, PB, QK, QB, PW] = [7, 8, 9, 10, 11];
  const first = 13;
  const v = new V128Locals(first);
  const l = (n: string): number => v.at(n, true);
  const SC = l("scale");
  const loads = [
    ...get(PK), ...v128Load(0), ...set(l("lar")), ...get(PK), ...v128Load(16), ...set(l("lai")),
    ...get(PB), ...v128Load(0), ...set(l("lbr")), ...get(PB), ...v128Load(16), ...set(l("lzbi")),
    ...get(PW), ...f64Load(0), ...SPLAT, ...set(l("c")), ...get(PW), ...f64Load(8), ...SPLAT, ...set(l("wk")),
  ];
  const body = compileStatements(text, v);
  const at = (base: number, k: number[], bytes = 32): number[] => [...get(base), ...k, ...i32c(bytes), I32_MUL, I32_ADD];
  const D = 12; // planar: bytes from line 0's bins to line 1's, 16·(half + 1)
  const qb = planar ? 16 : 32;
  // bin b, then bin k (so where b = k the k formula holds)
  const store = (q: number, re: string, im: string): number[] =>
    planar
      ? [
          ...get(q), ...get(v.at(re)), ...get(v.at(im)), ...LOW_LANES, ...v128Store(0),
          ...get(q), ...get(D), I32_ADD, ...get(v.at(re)), ...get(v.at(im)), ...HIGH_LANES, ...v128Store(0),
        ]
      : rotate
        ? [...get(q), ...get(v.at(im)), ...v128Store(0), ...get(q), ...get(v.at(re)), ...NEG, ...v128Store(16)] // −i·(re + i·im)
        : [...get(q), ...get(v.at(re)), ...v128Store(0), ...get(q), ...get(v.at(im)), ...v128Store(16)];
  const inc = (x: number, by: number): number[] => [...get(x), ...i32c(by), I32_ADD, ...set(x)];
  const code = [
    ...get(SCALE), ...SPLAT, ...set(SC),
    ...at(SRC, get(K0)), ...set(PK), ...at(SRC, [...get(HALF), ...get(K0), I32_SUB]), ...set(PB),
    ...at(DST, get(K0), qb), ...set(QK), ...at(DST, [...get(HALF), ...get(K0), I32_SUB], qb), ...set(QB),
    ...get(HALF), ...i32c(1), I32_ADD, ...i32c(16), I32_MUL, ...set(D),
    ...get(W), ...get(K0), ...i32c(16), I32_MUL, I32_ADD, ...set(PW),
    ...get(COUNT), I32_EQZ, ...IF, RETURN, END, // if count == 0 return
    ...LOOP,
    ...loads, ...body,
    ...store(QB, "ybr", "ybi"),
    ...store(QK, "ykr", "yki"),
    ...inc(PK, 32), ...inc(PB, -32), ...inc(QK, qb), ...inc(QB, -qb), ...inc(PW, 16),
    ...get(COUNT), ...i32c(1), I32_SUB, ...tee(COUNT), ...brIf(0),
    END,
    END,
  ];
  return funcBody([[6, I32], [v.count(first), V128]], code);
}

/**
 * `(src, dst, half, _, _, _, f)`: the `half` elements of pair-line `src` (an inverse's result)
 * × f as two lines of 2·half samples, line 0 at dst, line 1 right after: element j's real parts
 * are samples 2j, its imaginary parts samples 2j + 1 (fft.ts's `out[2j] = zr[j]·f`).
 */
function unpairBody(): number[] {
  const [SRC, DST, HALF, F] = [0, 1, 2, 6];
  const [P, Q, D, CNT] = [7, 8, 9, 10];
  const [FV, A, B] = [11, 12, 13];
  const inc = (x: number, by: number): number[] => [...get(x), ...i32c(by), I32_ADD, ...set(x)];
  const code = [
    ...get(F), ...SPLAT, ...set(FV),
    ...get(SRC), ...set(P), ...get(DST), ...set(Q), ...get(HALF), ...set(CNT),
    ...get(HALF), ...i32c(16), I32_MUL, ...set(D),
    ...get(CNT), I32_EQZ, ...IF, RETURN, END, // if half == 0 return
    ...LOOP,
    ...get(P), ...v128Load(0), ...get(FV), ...MUL, ...set(A),
    ...get(P), ...v128Load(16), ...get(FV), ...MUL, ...set(B),
    ...get(Q), ...get(A), ...get(B), ...LOW_LANES, ...v128Store(0),
    ...get(Q), ...get(D), I32_ADD, ...get(A), ...get(B), ...HIGH_LANES, ...v128Store(0),
    ...inc(P, 32), ...inc(Q, 16),
    ...get(CNT), ...i32c(1), I32_SUB, ...tee(CNT), ...brIf(0),
    END,
    END,
  ];
  return funcBody([[4, I32], [3, V128]], code);
}

/** The split (pair-line or planar bins), the inverse split and the unpairing of an inverse's result. */
export interface SimdSplits {
  split: SplitFn;
  splitPlanar: SplitFn;
  splitRotated: SplitFn;
  unsplit: SplitFn;
  unsplitDiv: SplitFn;
  unpair: SplitFn;
}

let kernels: SimdSplits | null | undefined;

/** The splits over `memory`, compiled once (null without WebAssembly SIMD). */
export function simdSplits(memory: object): SimdSplits | null {
  if (kernels === undefined) {
    const type = section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32], [F64]]), 0]]));
    const names = ["split", "splitPlanar", "splitRotated", "unsplit", "unsplitDiv", "unpair"] as const;
    const funcs = section(3, vec(names.map(() => [0])));
    const exports = section(7, vec(names.map((n, i) => [...name(n), 0x00, i])));
    const code = section(10, vec([splitBody(SPLIT), splitBody(SPLIT, true), splitBody(SPLIT, false, true), splitBody(UNSPLIT), splitBody(UNSPLIT_DIV), unpairBody()]));
    const e = instantiate(moduleBytes([type, MEMORY_IMPORT, funcs, exports, code]), { env: { mem: memory } });
    kernels = e === null ? null : (Object.fromEntries(names.map((n) => [n, e[n] as SplitFn])) as unknown as SimdSplits);
  }
  return kernels;
}
