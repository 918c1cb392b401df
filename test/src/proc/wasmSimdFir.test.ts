// The WebAssembly SIMD FIR kernel (src/proc/kernels/wasmSimdFir.ts) must give exactly what the
// scalar fir.ts kernel gives, bit for bit: every tap count up to past the four-chain threshold,
// folded and unfolded, stride 1 and decimating strides, short runs (fewer outputs than one SIMD
// step), odd counts, runs spanning several blocks, offsets into the line, and non-finite samples
// just outside a window (which must not leak into it). Then savgolFilter and decimate(fir) on
// float64 and float32 patches against a direct double loop.
import { describe, expect, it } from "vitest";
import { firKernel } from "../../../src/proc/kernels/fir.ts";
import { firDecimateLine, firDecimateTaps } from "../../../src/proc/kernels/firDecimate.ts";
import { savgolLine, savgolWeights } from "../../../src/proc/kernels/savgol.ts";
import { firKernelSimd } from "../../../src/proc/kernels/wasmSimdFir.ts";

function noise(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, (_, i) => Math.sin(0.01 * i) + ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5));
}

function taps(len: number, symmetric: boolean, seed: number): Float64Array {
  const h = noise(len, seed);
  if (symmetric) for (let k = 0; k < len / 2; k++) h[len - 1 - k] = h[k]!;
  return h;
}

/** Both kernels over outputs [i0, i1) of a fresh line; returns [scalar, simd]. */
function both(len: number, symmetric: boolean, n: number, i0: number, i1: number, first: number, stride: number, x = noise(n, len + n)): [Float64Array, Float64Array] {
  const h = taps(len, symmetric, 7 * len);
  const want = new Float64Array(i1 + 3).fill(-1);
  const got = new Float64Array(i1 + 3).fill(-1);
  firKernel(len, symmetric)(h, x, want, i0, i1, first, stride);
  firKernelSimd(len, symmetric)(h, x, got, i0, i1, first, stride);
  return [want, got];
}

const same = (a: Float64Array, b: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe("firKernelSimd", () => {
  it("compiles on this engine (Node's V8 has WebAssembly SIMD): not the scalar kernel", () => {
    expect(firKernelSimd(11, true)).not.toBe(firKernel(11, true));
    expect(firKernelSimd(81, false)).not.toBe(firKernel(81, false));
  });

  it("stride 1, 1 to 21 taps, folded and not: bit-identical to the scalar kernel", () => {
    for (let len = 1; len <= 21; len++) {
      for (const symmetric of [false, true]) {
        for (const n of [len, len + 1, len + 2, len + 3, len + 4, len + 5, 1_003]) {
          const count = n - len + 1;
          const [want, got] = both(len, symmetric, n, 0, count, 0, 1);
          expect(same(want, got), `len ${len} symmetric ${symmetric} n ${n}`).toBe(true);
        }
      }
    }
  });

  it("stride 2 to 5 (decimation), 8 to 23 taps and 81: bit-identical, odd and short output counts", () => {
    for (const len of [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 22, 23, 41, 81]) {
      for (const stride of [2, 3, 4, 5]) {
        for (const count of [1, 2, 3, 4, 5, 7, 9, 250]) {
          const n = (count - 1) * stride + len + 2;
          const [want, got] = both(len, false, n, 0, count, 1, stride);
          expect(same(want, got), `len ${len} stride ${stride} count ${count}`).toBe(true);
        }
      }
    }
  });

  it("runs spanning several blocks, starting at an offset in both line and output: bit-identical", () => {
    for (const [len, symmetric, stride] of [[11, true, 1], [25, false, 1], [9, true, 1], [81, false, 4], [41, false, 2]] as const) {
      const count = 9_001;
      const n = (count - 1) * stride + len + 40;
      const [want, got] = both(len, symmetric, n, 3, 3 + count, 17, stride);
      expect(same(want, got), `len ${len} stride ${stride}`).toBe(true);
      expect(got[2]).toBe(-1); // nothing written before i0 …
      expect(got[3 + count]).toBe(-1); // … or after i1
    }
  });

  it("a NaN or infinity just outside a window stays out of it; one inside gives NaN as the scalar sum", () => {
    for (const [len, stride] of [[9, 2], [81, 4], [83, 3], [11, 1]] as const) {
      const count = 12;
      const n = (count - 1) * stride + len;
      const x = noise(n + 8, 3);
      x[n] = Infinity; // one past the last window
      x[n + 1] = NaN;
      const [want, got] = both(len, false, n, 0, count, 0, stride, x);
      expect(same(want, got)).toBe(true);
      expect(got.subarray(0, count).every(Number.isFinite)).toBe(true);
      x[len - 1] = NaN; // inside the first window only
      const [w2, g2] = both(len, false, n, 0, count, 0, stride, x);
      expect(same(w2, g2)).toBe(true);
      expect(Number.isNaN(g2[0]!)).toBe(true);
    }
  });
});

describe("savgolLine and firDecimateLine through the SIMD kernel", () => {
  it("savgol interior outputs equal the direct weighted sum to 1e-12 (float64) and edges stay polynomial fits", () => {
    const x = noise(5_001, 11);
    const w = savgolWeights(11, 2);
    const y = new Float64Array(x.length);
    savgolLine(x, w, 2, "interp", 0, y);
    for (let i = 5; i < x.length - 5; i += 37) {
      let s = 0;
      for (let j = 0; j < 11; j++) s += w[j]! * x[i - 5 + j]!;
      expect(Math.abs(y[i]! - s)).toBeLessThan(1e-12);
    }
    // a quadratic is reproduced exactly (to rounding) everywhere, edges included
    const q = Float64Array.from({ length: 301 }, (_, i) => 0.5 * i * i - 3 * i + 2);
    const yq = new Float64Array(q.length);
    savgolLine(q, w, 2, "interp", 0, yq);
    for (let i = 0; i < q.length; i++) expect(Math.abs(yq[i]! - q[i]!)).toBeLessThan(1e-8 * Math.max(1, Math.abs(q[i]!)));
  });

  it("decimate's FIR (q = 4, 81 taps) equals resample_poly's direct convolution, float64 and float32 taps", () => {
    const q = 4;
    const x = noise(10_007, 5);
    for (const f32 of [false, true]) {
      const h = firDecimateTaps(q).map((v) => (f32 ? Math.fround(v) : v));
      const y = new Float64Array(Math.ceil(x.length / q));
      firDecimateLine(x, firDecimateTaps(q), q, y, f32);
      const half = (h.length - 1) / 2;
      for (let j = 0; j < y.length; j += 13) {
        // output j is the filter centred on sample j·q (zero outside the line)
        let s = 0;
        for (let k = 0; k < h.length; k++) {
          const i = j * q + half - k;
          if (i >= 0 && i < x.length) s += h[k]! * x[i]!;
        }
        expect(Math.abs(y[j]! - s)).toBeLessThan(1e-12);
      }
    }
  });
});
