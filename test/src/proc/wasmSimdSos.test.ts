// The WebAssembly SIMD biquad kernel (src/proc/kernels/wasmSimdSos.ts) must give exactly what the
// scalar sosfiltfilt gives, line by line, bit for bit: for 4 and 8 lines, one to several sections,
// lines barely longer than the padding, long lines spanning many blocks, and after another
// filter has grown the shared memory.
import { describe, expect, it } from "vitest";
import { buttap, cheb1ap, iirZpk } from "../../../src/proc/kernels/iirDesign.ts";
import { sosFiltFilter, sosfiltZi, sosPadLength } from "../../../src/proc/kernels/sosfilt.ts";
import { simdSos, simdSosFiltFilter } from "../../../src/proc/kernels/wasmSimdSos.ts";
import { zpk2sos } from "../../../src/proc/kernels/zpk2sos.ts";

function lines(count: number, n: number, seed: number): Float64Array[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  return Array.from({ length: count }, (_, l) => Float64Array.from({ length: n }, (_, i) => Math.sin(0.05 * i * (l + 1)) + next()));
}

function scalar(sos: Float64Array[], input: Float64Array[]): Float64Array[] {
  const f = sosFiltFilter(sos, input[0]!.length);
  return input.map((l) => {
    const out = l.slice();
    f.run(out);
    return out;
  });
}

const FILTERS: Record<string, Float64Array[]> = {
  "band-pass, 4 sections": zpk2sos(iirZpk(buttap(4), [0.04, 0.16], "bandpass")),
  "low-pass, 1 section": zpk2sos(iirZpk(buttap(2), [0.3], "lowpass")),
  "Chebyshev I (decimate), 4 sections": zpk2sos(iirZpk(cheb1ap(8, 0.05), [0.2], "lowpass")),
};

describe("simdSosFiltFilter", () => {
  it("is available on this engine (Node's V8 has WebAssembly SIMD)", () => {
    expect(simdSos()).not.toBeNull();
  });

  for (const [name, sos] of Object.entries(FILTERS)) {
    for (const width of [4, 8] as const) {
      it(`${name}, ${width} lines: bit-identical to the scalar kernel`, () => {
        const edge = sosPadLength(sos);
        for (const n of [edge + 1, 1_000, 5_000]) {
          const input = lines(width, n, n + width);
          const want = scalar(sos, input);
          const got = input.map((l) => l.slice());
          simdSosFiltFilter(sos, sosfiltZi(sos), edge, n, width)!(got);
          got.forEach((l, k) => expect(Buffer.from(l.buffer).equals(Buffer.from(want[k]!.buffer))).toBe(true));
        }
      });
    }
  }

  for (const [name, sos64] of Object.entries(FILTERS)) {
    it(`${name}, 4 float32 lines: bit-identical to the float32 scalar kernel (every operation rounded)`, () => {
      const sos = sos64.map((s) => s.map(Math.fround));
      const edge = sosPadLength(sos);
      for (const n of [edge + 1, 1_000, 5_000]) {
        const input = lines(4, n, 3 * n).map((l) => l.map(Math.fround));
        const f = sosFiltFilter(sos, n, true);
        const want = input.map((l) => {
          const out = l.slice();
          f.run(out);
          return out;
        });
        const got = input.map((l) => l.slice());
        simdSosFiltFilter(sos, sosfiltZi(sos, true), edge, n, 4, true)!(got);
        got.forEach((l, k) => expect(Buffer.from(l.buffer).equals(Buffer.from(want[k]!.buffer))).toBe(true));
        expect(got[0]!.every((v) => Math.fround(v) === v)).toBe(true);
      }
    });
  }

  it("keeps working after another filter grows the shared memory", () => {
    const sos = FILTERS["band-pass, 4 sections"]!;
    const edge = sosPadLength(sos);
    const small = simdSosFiltFilter(sos, sosfiltZi(sos), edge, 300, 8)!;
    simdSosFiltFilter(sos, sosfiltZi(sos), edge, 200_000, 8); // grows the memory
    const input = lines(8, 300, 7);
    const got = input.map((l) => l.slice());
    small(got);
    const want = scalar(sos, input);
    got.forEach((l, k) => expect(Array.from(l)).toEqual(Array.from(want[k]!)));
  });

  it("writes every q-th filtered sample into other lines, leaving the inputs as they were", () => {
    const sos = FILTERS["Chebyshev I (decimate), 4 sections"]!;
    const n = 1_001;
    const input = lines(4, n, 11);
    const before = input.map((l) => l.slice());
    const want = scalar(sos, input);
    const dsts = Array.from({ length: 4 }, () => new Float64Array(Math.ceil(n / 4)));
    simdSosFiltFilter(sos, sosfiltZi(sos), sosPadLength(sos), n, 4)!(input, dsts, 4);
    dsts.forEach((d, k) => expect(Array.from(d)).toEqual(Array.from(want[k]!).filter((_, i) => i % 4 === 0)));
    input.forEach((l, k) => expect(Array.from(l)).toEqual(Array.from(before[k]!)));
  });

  it("rejects a group of the wrong size", () => {
    const sos = FILTERS["low-pass, 1 section"]!;
    const g = simdSosFiltFilter(sos, sosfiltZi(sos), sosPadLength(sos), 100, 4)!;
    expect(() => g(lines(3, 100, 1))).toThrow(/takes 4 lines, got 3/);
  });
});
