// The SIMD running median of 3 and 5 (src/proc/kernels/wasmSimdMedian.ts) against the scalar
// sliding-sort kernel (median.ts): every ndimage edge mode, lines from 1 sample to several copy
// chunks, odd and even lengths, ties and infinities; lines with a NaN (or a NaN cval at a
// constant edge) are declined so the scalar kernel (NaN ranks last) decides them.
import { describe, expect, it } from "vitest";
import { medianLine, type NdMode } from "../../../src/proc/kernels/median.ts";
import { simdMedianLine } from "../../../src/proc/kernels/wasmSimdMedian.ts";

const MODES: NdMode[] = ["reflect", "constant", "nearest", "mirror", "wrap"];

function noise(n: number, seed: number, levels = 0): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    const u = (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
    return levels ? Math.round(u * levels) : u; // few levels: many ties
  });
}

function both(x: Float64Array, w: number, mode: NdMode, cval: number): { ok: boolean; got: Float64Array; want: Float64Array } {
  const got = new Float64Array(x.length).fill(-7);
  const want = new Float64Array(x.length);
  const ok = simdMedianLine(x, w, mode, cval, got);
  medianLine(x, w, mode, cval, want);
  return { ok, got, want };
}

describe("simdMedianLine", () => {
  it("declines other window sizes", () => {
    expect(simdMedianLine(noise(20, 1), 7, "reflect", 0, new Float64Array(20))).toBe(false);
    expect(simdMedianLine(noise(20, 1), 4, "reflect", 0, new Float64Array(20))).toBe(false);
  });

  it("equals the scalar kernel for w = 3 and 5, every mode, lengths 1–21 and across chunks, with ties and infinities", () => {
    for (const w of [3, 5]) {
      for (const mode of MODES) {
        for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 21, 4_095, 4_096, 4_097, 9_001]) {
          for (const levels of [0, 3]) {
            const x = noise(n, n + w, levels);
            if (n > 10) {
              x[3] = Infinity;
              x[n - 2] = -Infinity;
            }
            const { ok, got, want } = both(x, w, mode, 0.25);
            expect(ok).toBe(true);
            // ±0 ties may come out with either sign (ndimage's comparisons do not order them)
            expect(Array.from(got).map((v) => v + 0), `w ${w} ${mode} n ${n} levels ${levels}`).toEqual(Array.from(want).map((v) => v + 0));
          }
        }
      }
    }
  });

  it("declines a line with a NaN anywhere (first, middle, last sample) and a NaN cval at a constant edge", () => {
    for (const w of [3, 5]) {
      for (const n of [2, 5, 9, 4_097, 8_193]) {
        for (const at of [0, n >> 1, n - 1]) {
          const x = noise(n, 3);
          x[at] = NaN;
          expect(simdMedianLine(x, w, "reflect", 0, new Float64Array(n)), `w ${w} n ${n} NaN at ${at}`).toBe(false);
        }
      }
      expect(simdMedianLine(noise(50, 2), w, "constant", NaN, new Float64Array(50))).toBe(false);
      expect(simdMedianLine(noise(50, 2), w, "nearest", NaN, new Float64Array(50))).toBe(true); // cval unused
    }
  });
});
