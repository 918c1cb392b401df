// The two-line WebAssembly SIMD FFT (src/proc/kernels/fftSimd.ts and the passes it compiles)
// must give, bit for bit, what the scalar FFT gives on each line: the real transforms on every
// radix the Stockham plans use, and the patch methods that run through it (dft real and
// complex, idft, correlate, hilbert, envelope, resample) with the SIMD path on and off, on odd and even
// numbers of lines, one line, both dimension orders, float32 data and scalar-path lengths.
import { afterEach, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { irfftFrom, rfftTo } from "../../../src/proc/kernels/fft.ts";
import { realPairs, useSimdFft } from "../../../src/proc/kernels/fftSimd.ts";
import type { Patch } from "../../../src/patch/Patch.ts";

function randomLine(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5);
}

/** Indices where a and b differ as doubles (Object.is: −0 and NaN count), or −1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

// lengths n whose half takes every radix the plans use: 8, 4, 2, 3, 5, 7, a generic odd prime
// (11, 13), mixed, and DASCore's 250,000 = 2^4·5^6 and its 500,000 pad
const LENGTHS = [4, 6, 8, 10, 12, 14, 16, 18, 22, 26, 30, 64, 70, 96, 210, 256, 1000, 1024, 2002, 2310, 4096, 6144, 15_625 * 2, 250_000, 500_000];

describe("realPairs (two lines per f64x2)", () => {
  it("is available on this engine (Node's V8 has WebAssembly SIMD)", () => {
    expect(realPairs([1024])?.[0]).not.toBeNull();
  });

  it("leaves odd lengths, lengths below 4 and Bluestein halves to the scalar path", () => {
    expect(realPairs([7, 2, 2 * 37])).toEqual([null, null, null]);
  });

  for (const n of LENGTHS) {
    it(`rfft and irfft of length ${n}: each lane bit-identical to fft.ts on its line`, () => {
      const p = realPairs([n])![0]!;
      const x0 = randomLine(n, n);
      const x1 = randomLine(n, n + 1);
      const h = (n >> 1) + 1;
      const s0 = new Float64Array(2 * h);
      const s1 = new Float64Array(2 * h);
      rfftTo(x0, s0, 0, 2, 0.37);
      rfftTo(x1, s1, 0, 2, 0.37);
      p.forward(x0, x1, 0.37);
      const v = p.view();
      const lane = (l: number): Float64Array => Float64Array.from({ length: 2 * h }, (_, i) => v[p.s / 8 + 4 * (i >> 1) + 2 * (i & 1) + l]!);
      expect(firstDifference(lane(0), s0)).toBe(-1);
      expect(firstDifference(lane(1), s1)).toBe(-1);
      // the planar form: line 0's interleaved bins, then line 1's
      const saved = Float64Array.from({ length: 4 * h }, (_, i) => v[p.s / 8 + i]!);
      p.forward(x0, x1, 0.37, true);
      expect(firstDifference(p.view().subarray(p.s / 8, p.s / 8 + 2 * h), s0)).toBe(-1);
      expect(firstDifference(p.view().subarray(p.s / 8 + 2 * h, p.s / 8 + 4 * h), s1)).toBe(-1);
      p.view().set(saved, p.s / 8);
      // the inverse of the spectrum just made (in place), against irfftFrom of the scalar spectra
      const y0 = new Float64Array(n);
      const y1 = new Float64Array(n);
      irfftFrom(s0, 0, 2, h, 1, n, y0);
      irfftFrom(s1, 0, 2, h, 1, n, y1);
      const r = p.inverse() / 8;
      const f = 1 / (n >> 1);
      const back = (l: number): Float64Array => Float64Array.from({ length: n }, (_, i) => p.view()[r + 4 * (i >> 1) + 2 * (i & 1) + l]! * f);
      expect(firstDifference(back(0), y0)).toBe(-1);
      expect(firstDifference(back(1), y1)).toBe(-1);
      // and it is a transform: back to the input (× 0.37) to rounding
      expect(Math.abs(y0[n - 1]! - 0.37 * x0[n - 1]!)).toBeLessThan(1e-14);
    });
  }

  it("keeps plans of several lengths valid together, past the cache's reset", () => {
    for (const n of [20, 40, 60, 80, 100, 120, 140]) realPairs([n]);
    const [a, b] = realPairs([1000, 640])!;
    const x = randomLine(1000, 3);
    a!.forward(x, x, 1);
    b!.forward(x.subarray(0, 640), x.subarray(0, 640), 1);
    const s = new Float64Array(2 * 501);
    rfftTo(x, s, 0, 2, 1);
    expect(a!.view()[a!.s / 8 + 4 * 7]).toBe(s[14]); // a's spectrum survived b's transform
  });
});

describe("patch methods with the SIMD FFT on and off", () => {
  afterEach(() => useSimdFft(true));

  /** `f(patch)`'s data with the SIMD path off, then on: identical arrays. */
  function same(p: Patch, f: (p: Patch) => Patch): void {
    useSimdFft(false);
    const a = f(p);
    useSimdFft(true);
    const b = f(p);
    expect(b.dtype).toBe(a.dtype);
    expect(b.shape).toEqual(a.shape);
    expect(firstDifference(b.data as Float64Array, a.data as Float64Array)).toBe(-1);
  }

  const METHODS: [string, (p: Patch) => Patch][] = [
    ["dft real", (p) => p.dft("time", { real: true })],
    ["dft real, unpadded", (p) => p.dft("time", { real: true, pad: false })],
    ["dft complex of real data", (p) => p.dft("time")],
    ["dft over both dimensions", (p) => p.dft(["distance", "time"])],
    ["dft over both dimensions, real time", (p) => p.dft(["distance", "time"], { real: "time" })],
    ["idft of a real dft", (p) => p.dft("time", { real: true }).idft()],
    ["idft of a real dft of time-flipped data (negative divisor)", (p) => p.flip("time").dft("time", { real: true }).idft()],
    ["correlate with line 0", (p) => p.correlate({ distance: 0 }, { samples: true })],
    ["correlate with two sources", (p) => p.correlate({ distance: [0, p.shape[p.dims.indexOf("distance")]! - 1] }, { samples: true })],
    ["correlate of time-flipped data (negative step)", (p) => p.flip("time").correlate({ distance: 0 }, { samples: true })],
    ["hilbert", (p) => p.hilbert("time")],
    ["envelope", (p) => p.envelope("time")],
    ["resample to 8 ms", (p) => p.resample({ time: 0.008 })],
    ["resample to 10 ms (interpolated)", (p) => p.resample({ time: 0.01 })],
    ["resample to 2 ms (upsampling)", (p) => p.resample({ time: 0.002 })],
    ["resample to 301 samples", (p) => p.resample({ time: 301 }, { samples: true })],
  ];
  // [rows, samples]: odd and even line counts, one line, an odd length (scalar), a padded length
  const SHAPES: [number, number][] = [[7, 1000], [6, 250], [1, 512], [5, 999], [3, 1001]];

  for (const [name, f] of METHODS) {
    for (const [rows, cols] of SHAPES) {
      it(`${name} on ${rows} × ${cols}, both dimension orders`, () => {
        const p = dc.getExamplePatch("random_das", { shape: [rows, cols] });
        same(p, f);
        same(p.transpose("time", "distance"), f);
      });
    }
    it(`${name} on float32 data`, () => {
      const p = dc.getExamplePatch("random_das", { shape: [5, 600] });
      same(p.new({ data: Float32Array.from(p.data as Float64Array) }), f);
    });
  }
});
