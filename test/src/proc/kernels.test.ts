// Processing kernels against plain-loop references (STYLE §19): sosfilt, rolling reducers, the
// FFT, the median line filter, and DASCore's history text.
import { describe, expect, it } from "vitest";
import { sosfiltInPlace } from "../../../src/proc/kernels/sosfilt.ts";
import { rollingLayout, rollLine, type RollingReducer } from "../../../src/proc/kernels/rolling.ts";
import { dft, irfft, rfft } from "../../../src/proc/kernels/fft.ts";
import { medianFilterNd, medianLine } from "../../../src/proc/kernels/median.ts";
import { historyEntry, pyNumber } from "../../../src/proc/history.ts";
import { buttap, iirZpk } from "../../../src/proc/kernels/iirDesign.ts";
import { zpk2sos } from "../../../src/proc/kernels/zpk2sos.ts";
import { MT19937 } from "../../../src/examples/index.ts";

const random = (n: number, seed = 1): Float64Array => Float64Array.from(new MT19937(seed).random(n), (x) => x - 0.5);

describe("sosfiltInPlace", () => {
  it("equals a direct-form difference equation run section by section", () => {
    const sos = zpk2sos(iirZpk(buttap(4), [0.1, 0.3], "bandpass"));
    const x = random(200);
    const got = x.slice();
    sosfiltInPlace(sos, got, got.length, new Float64Array(2 * sos.length));
    let ref = x.slice();
    for (const s of sos) {
      const y = new Float64Array(ref.length);
      for (let n = 0; n < ref.length; n++) {
        y[n] = s[0]! * ref[n]! + s[1]! * (ref[n - 1] ?? 0) + s[2]! * (ref[n - 2] ?? 0) - s[4]! * (y[n - 1] ?? 0) - s[5]! * (y[n - 2] ?? 0);
      }
      ref = y;
    }
    for (let i = 0; i < x.length; i++) expect(got[i]).toBeCloseTo(ref[i]!, 12);
  });
});

describe("rollLine", () => {
  const brute = (how: RollingReducer, w: number[]): number => {
    if (w.some((v) => Number.isNaN(v))) return NaN;
    const s = [...w].sort((a, b) => a - b);
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    switch (how) {
      case "mean":
        return mean;
      case "sum":
        return w.reduce((a, b) => a + b, 0);
      case "min":
        return s[0]!;
      case "max":
        return s[s.length - 1]!;
      case "std":
        return Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length);
      case "median":
        return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    }
  };

  for (const how of ["mean", "sum", "min", "max", "std", "median"] as const) {
    it(`${how} matches a brute-force window loop, with NaN, steps and centring`, () => {
      const x = random(97, 7);
      x[30] = NaN;
      for (const [w, step, center] of [[5, 1, false], [8, 3, true], [4, 4, false], [1, 1, false], [10, 2, false], [20, 5, false], [21, 6, true], [40, 3, false], [2, 1, false], [17, 17, false], [24, 8, false], [27, 9, true], [32, 8, false], [16, 16, false], [20, 10, false], [18, 9, true], [22, 11, false]] as const) {
        const L = rollingLayout(x.length, w, step, center);
        const out = new Float64Array(L.outLength).fill(NaN);
        rollLine(how, x, w, step, L.start, L.count, out, L.offset);
        for (let j = 0; j < L.count; j++) {
          const k = L.start + j * step;
          const want = brute(how, Array.from(x.subarray(k, k + w)));
          const got = out[L.offset + j]!;
          if (Number.isNaN(want)) expect(got).toBeNaN();
          else expect(Math.abs(got - want)).toBeLessThan(1e-12);
        }
      }
    });
  }
});

describe("FFT", () => {
  const naive = (re: Float64Array, im: Float64Array): [Float64Array, Float64Array] => {
    const n = re.length;
    const R = new Float64Array(n);
    const I = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * j * k) / n;
        R[k]! += re[j]! * Math.cos(a) - im[j]! * Math.sin(a);
        I[k]! += re[j]! * Math.sin(a) + im[j]! * Math.cos(a);
      }
    }
    return [R, I];
  };

  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 30, 45, 64, 97, 105, 128, 143, 186, 646, 250, 343, 625, 1000, 2048, 3000, 4374]) {
    it(`dft and rfft of length ${n} equal the naive DFT, and irfft(rfft(x)) gives x back`, () => {
      const re = random(n, n);
      const im = random(n, n + 100);
      const [R, I] = naive(re, im);
      const r = re.slice();
      const i = im.slice();
      dft(r, i, false);
      for (let k = 0; k < n; k++) {
        expect(Math.abs(r[k]! - R[k]!)).toBeLessThan(1e-12 * n);
        expect(Math.abs(i[k]! - I[k]!)).toBeLessThan(1e-12 * n);
      }
      const X = rfft(re);
      const [RR, RI] = naive(re, new Float64Array(n));
      expect(X.re.length).toBe((n >> 1) + 1);
      for (let k = 0; k < X.re.length; k++) {
        expect(Math.abs(X.re[k]! - RR[k]!)).toBeLessThan(1e-12 * n);
        expect(Math.abs(X.im[k]! - RI[k]!)).toBeLessThan(1e-12 * n);
      }
      const back = irfft(X.re, X.im, n);
      for (let k = 0; k < n; k++) expect(Math.abs(back[k]! - re[k]!)).toBeLessThan(1e-13 * n);
    });
  }
});

describe("medianLine", () => {
  it("equals the N-D box filter along one axis for every mode", () => {
    const plain = random(41, 3);
    // NaN (sorts last), repeated values and infinities exercise the sliding sorted windows
    const nasty = random(41, 4);
    nasty[10] = NaN;
    nasty[11] = NaN;
    nasty[20] = nasty[21] = nasty[23] = 0.5;
    nasty[30] = Infinity;
    nasty[31] = -Infinity;
    nasty[40] = NaN;
    for (const x of [plain, nasty]) {
      for (const mode of ["reflect", "constant", "nearest", "mirror", "wrap"] as const) {
        for (const w of [1, 2, 5, 6, 11, 12, 13, 20]) {
          const a = new Float64Array(41);
          const b = new Float64Array(41);
          medianLine(x, w, mode, 0.25, a);
          medianFilterNd(x, [41], [w], mode, 0.25, b);
          expect(Array.from(a)).toEqual(Array.from(b));
        }
      }
    }
  });
});

describe("history text", () => {
  it("prints numbers as Python's str() does", () => {
    expect([pyNumber(4), pyNumber(0.05), pyNumber(1e-5), pyNumber(2.5e-7), pyNumber(1e16 + 2)]).toEqual(["4", "0.05", "1e-05", "2.5e-07", "1.0000000000000002e+16"]);
  });

  it("sorts arguments and drops nulls as DASCore's _func_and_kwargs_str", () => {
    expect(historyEntry("pass_filter", { time: [null, 10], corners: 4, zerophase: true, extra: null })).toBe("pass_filter(corners='4',time='(None,10)',zerophase='True')");
  });
});
