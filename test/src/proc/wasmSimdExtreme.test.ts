// The SIMD block extremes (src/proc/kernels/wasmSimdExtreme.ts) must equal Math.max/Math.min
// over each block exactly: every step from 2 to 40, blocks across several copy chunks, NaN
// anywhere in a block (first pair, middle, last sample), infinities, and ±0 ties where only the
// sign tells Math.max's answer (+0 for max, −0 for min) from a blind comparison's.
import { describe, expect, it } from "vitest";
import { blockExtreme } from "../../../src/proc/kernels/rollingSteps.ts";
import { simdBlockExtremes } from "../../../src/proc/kernels/wasmSimdExtreme.ts";

function noise(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
}

function scalar(sgn: 1 | -1, x: Float64Array, start: number, step: number, nb: number): Float64Array {
  const f = sgn === 1 ? Math.max : Math.min;
  return Float64Array.from({ length: nb }, (_, b) => {
    let m = x[start + b * step]!;
    for (let i = 1; i < step; i++) m = f(m, x[start + b * step + i]!);
    return m;
  });
}

const sameValues = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe("simdBlockExtremes", () => {
  it("runs on this engine and declines steps below 2", () => {
    expect(simdBlockExtremes(1, noise(10, 1), 0, 2, 5, new Float64Array(5))).toBe(true);
    expect(simdBlockExtremes(1, noise(10, 1), 0, 1, 5, new Float64Array(5))).toBe(false);
  });

  it("equals Math.max / Math.min block by block for steps 2–40, across copy chunks", () => {
    for (let step = 2; step <= 40; step++) {
      const nb = Math.ceil(9_000 / step);
      const x = noise(nb * step + 7, step);
      for (const sgn of [1, -1] as const) {
        const got = new Float64Array(nb);
        expect(simdBlockExtremes(sgn, x, 3, step, nb, got)).toBe(true);
        expect(sameValues(got, scalar(sgn, x, 3, step, nb)), `step ${step} sgn ${sgn}`).toBe(true);
      }
    }
  });

  it("NaN anywhere in a block gives NaN for that block only; infinities and ±0 ties as Math.max/min", () => {
    for (const step of [2, 3, 4, 5, 8, 25]) {
      const nb = 40;
      const x = noise(nb * step, 9 + step);
      // NaN in the first sample, the middle, the last sample of three blocks
      x[2 * step] = NaN;
      x[5 * step + (step >> 1)] = NaN;
      x[9 * step - 1] = NaN;
      x[12 * step + 1] = Infinity;
      x[14 * step] = -Infinity;
      // blocks 20 and 21: all ±0 (max must be +0 wherever the +0 sits); block 22: −0 and negatives
      for (let i = 0; i < step; i++) {
        x[20 * step + i] = i % 2 ? 0 : -0;
        x[21 * step + i] = i === step - 1 ? 0 : -0;
        x[22 * step + i] = i === 0 ? -0 : -1 - i;
        x[23 * step + i] = i === step - 1 ? -0 : 0; // min must be −0
      }
      for (const sgn of [1, -1] as const) {
        const got = new Float64Array(nb);
        simdBlockExtremes(sgn, x, 0, step, nb, got);
        const want = scalar(sgn, x, 0, step, nb);
        expect(sameValues(got, want), `step ${step} sgn ${sgn}: ${Array.from(got).slice(0, 24)} vs ${Array.from(want).slice(0, 24)}`).toBe(true);
        expect(Number.isNaN(got[2]!) && Number.isNaN(got[5]!) && Number.isNaN(got[8]!)).toBe(true);
        expect(Number.isNaN(got[3]!)).toBe(false);
      }
      const maxes = new Float64Array(nb);
      simdBlockExtremes(1, x, 0, step, nb, maxes);
      expect(Object.is(maxes[20], 0) && Object.is(maxes[21], 0) && Object.is(maxes[22], -0)).toBe(true);
      const mins = new Float64Array(nb);
      simdBlockExtremes(-1, x, 0, step, nb, mins);
      expect(Object.is(mins[23], -0)).toBe(true);
    }
  });

  it("blockExtreme (rolling max/min with a step) gives each window's Math.max / Math.min", () => {
    const x = noise(5_003, 4);
    x[1_000] = NaN;
    for (const [w, step] of [[50, 25], [51, 25], [7, 3], [10, 10], [9, 4]] as const) {
      const count = Math.floor((x.length - w) / step) + 1;
      for (const sgn of [1, -1] as const) {
        const out = new Float64Array(count);
        blockExtreme(sgn, x, w, step, 0, count, out, 0);
        const f = sgn === 1 ? Math.max : Math.min;
        const want = Float64Array.from({ length: count }, (_, j) => f(...x.subarray(j * step, j * step + w)));
        expect(sameValues(out, want), `w ${w} step ${step}`).toBe(true);
      }
    }
  });
});
