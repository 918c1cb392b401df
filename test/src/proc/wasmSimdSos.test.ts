// The WebAssembly SIMD biquad kernel (src/proc/kernels/wasmSimdSos.ts). Its plain form must give
// exactly what the scalar sosfiltfilt gives, line by line, bit for bit: for 4 and 8 lines, one to
// several sections, lines barely longer than the padding, long lines spanning many blocks, and
// after another filter has grown the shared memory. Its fused form (multiply-adds, where the
// engine has relaxed SIMD) must agree with that to rounding, and give each line the same result
// whatever group or lane it runs in.
import { describe, expect, it } from "vitest";
import { buttap, cheb1ap, iirZpk } from "../../../src/proc/kernels/iirDesign.ts";
import { sosFiltFilter, sosfiltZi, sosPadLength } from "../../../src/proc/kernels/sosfilt.ts";
import { fusedSos, simdSos, simdSosChain, simdSosFiltFilter } from "../../../src/proc/kernels/wasmSimdSos.ts";
import { zpk2sos } from "../../../src/proc/kernels/zpk2sos.ts";

function lines(count: number, n: number, seed: number): Float64Array[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  return Array.from({ length: count }, (_, l) => Float64Array.from({ length: n }, (_, i) => Math.sin(0.05 * i * (l + 1)) + next()));
}

function scalar(sos: Float64Array[], input: Float64Array[]): Float64Array[] {
  const f = sosFiltFilter(sos, input[0]!.length, false, true);
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
          simdSosFiltFilter(sos, sosfiltZi(sos), edge, n, width, false, true)!(got);
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
    const small = simdSosFiltFilter(sos, sosfiltZi(sos), edge, 300, 8, false, true)!;
    simdSosFiltFilter(sos, sosfiltZi(sos), edge, 200_000, 8, false, true); // grows the memory
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
    simdSosFiltFilter(sos, sosfiltZi(sos), sosPadLength(sos), n, 4, false, true)!(input, dsts, 4);
    dsts.forEach((d, k) => expect(Array.from(d)).toEqual(Array.from(want[k]!).filter((_, i) => i % 4 === 0)));
    input.forEach((l, k) => expect(Array.from(l)).toEqual(Array.from(before[k]!)));
  });

  it("rejects a group larger than its lanes, or empty", () => {
    const sos = FILTERS["low-pass, 1 section"]!;
    const g = simdSosFiltFilter(sos, sosfiltZi(sos), sosPadLength(sos), 100, 4)!;
    expect(() => g(lines(5, 100, 1))).toThrow(/takes 1 to 4 lines, got 5/);
    expect(() => g([])).toThrow(/takes 1 to 4 lines, got 0/);
  });
});

describe("simdSosFiltFilter, fused", () => {
  it("is what this engine runs for float64 (Node's V8 has relaxed SIMD, behind a flag on Node 20)", () => {
    expect(fusedSos()).toBe(true);
  });

  for (const [name, sos] of Object.entries(FILTERS)) {
    it(`${name}: equals the scalar kernel to rounding, and differs from it (the multiply-adds ran)`, () => {
      const edge = sosPadLength(sos);
      let differs = false;
      for (const n of [edge + 1, 1_000, 5_000]) {
        const input = lines(8, n, 5 * n);
        const want = scalar(sos, input);
        const got = input.map((l) => l.slice());
        simdSosFiltFilter(sos, sosfiltZi(sos), edge, n, 8)!(got);
        got.forEach((l, k) => {
          const w = want[k]!;
          const peak = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
          l.forEach((v, i) => expect(Math.abs(v - w[i]!)).toBeLessThanOrEqual(1e-12 * peak));
          differs ||= l.some((v, i) => v !== w[i]);
        });
      }
      expect(differs).toBe(true);
    });
  }

  for (const name of ["band-pass, 4 sections", "low-pass, 1 section"]) {
  it(`${name} (${name.startsWith("band") ? "interleaved" : "contiguous"} lines): a line has the same result in any lane of any group, full or not`, () => {
    const sos = FILTERS[name]!;
    const n = 3_000;
    const input = lines(8, n, 13);
    const run = (width: 4 | 8, group: Float64Array[]) => {
      const out = group.map((l) => l.slice());
      simdSosFiltFilter(sos, sosfiltZi(sos), sosPadLength(sos), n, width)!(out);
      return out;
    };
    const eight = run(8, input);
    const bits = (a: Float64Array) => Buffer.from(a.buffer).toString("base64");
    expect(bits(run(4, [input[5]!])[0]!)).toBe(bits(eight[5]!));
    expect(bits(run(4, [input[2]!, input[7]!])[1]!)).toBe(bits(eight[7]!));
    expect(bits(run(8, [input[3]!, input[1]!, input[0]!])[0]!)).toBe(bits(eight[3]!));
    // and through sosFiltFilter: a single line, a pair, a group of four
    const f = sosFiltFilter(sos, n);
    const single = input[6]!.slice();
    f.run(single);
    expect(bits(single)).toBe(bits(eight[6]!));
    const pair = [input[4]!.slice(), input[1]!.slice()];
    f.runGroup!(pair);
    expect(bits(pair[0]!)).toBe(bits(eight[4]!));
  });  }

});

describe("DASPOOL_EXACT_FILTERS", () => {
  it("switches float64 filters to SciPy's operations (the built library, in fresh processes)", async () => {
    const { execFileSync } = await import("node:child_process");
    const lib = new URL("../../../dist/bundle/index.js", import.meta.url).href;
    const script = `const dc = await import(${JSON.stringify(lib)});
      const n = 3000, ch = 10;
      const data = Float64Array.from({ length: ch * n }, (_, i) => Math.sin(0.05 * i) + Math.cos(i * i * 0.001));
      const p = new dc.Patch({ data, dims: ["distance", "time"], coords: { distance: dc.coordRange({ start: 0, step: 1, length: ch }), time: dc.coordRange({ start: 0n, step: 4_000_000n, length: n }) }, attrs: {} });
      const out = p.passFilter({ time: [5, 20] }).data;
      process.stdout.write(Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString("base64"));`;
    const run = (exact: boolean) => {
      const env = { ...process.env };
      if (exact) env["DASPOOL_EXACT_FILTERS"] = "1";
      else delete env["DASPOOL_EXACT_FILTERS"];
      const b = Buffer.from(execFileSync(process.execPath, ["--input-type=module", "-e", script], { env, encoding: "utf8" }), "base64");
      return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
    };
    const exact = run(true);
    const fused = run(false);
    expect(exact.length).toBe(30_000);
    expect(run(true)).toEqual(exact); // the same bits every time
    const peak = exact.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(exact.some((v, i) => v !== fused[i])).toBe(true);
    exact.forEach((v, i) => expect(Math.abs(v - fused[i]!)).toBeLessThanOrEqual(1e-12 * peak));
  });
});

describe("simdSosChain", () => {
  const bandPass = FILTERS["band-pass, 4 sections"]!;
  const antiAlias = FILTERS["Chebyshev I (decimate), 4 sections"]!;
  const stageOf = (sos: Float64Array[]) => ({ sos, zi: sosfiltZi(sos), edge: sosPadLength(sos) });
  const sameBits = (a: Float64Array, b: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

  for (const exact of [false, true]) {
    for (const width of [4, 8] as const) {
      it(`band-pass then decimation filter in one run equals the two runs bit for bit (${width} lanes, ${exact ? "plain" : "fused where available"})`, () => {
        for (const [n, q] of [[60, 1], [1_000, 4], [5_003, 3]] as const) {
          for (const count of [1, 3, width]) {
            const input = lines(count, n, n + count + width);
            const first = simdSosFiltFilter(bandPass, sosfiltZi(bandPass), sosPadLength(bandPass), n, width, false, exact)!;
            const second = simdSosFiltFilter(antiAlias, sosfiltZi(antiAlias), sosPadLength(antiAlias), n, width, false, exact)!;
            const mid = input.map(() => new Float64Array(n));
            first(input, mid, 1);
            const want = input.map(() => new Float64Array(Math.ceil(n / q)));
            second(mid, want, q);
            const got = input.map(() => new Float64Array(Math.ceil(n / q)));
            simdSosChain([stageOf(bandPass), stageOf(antiAlias)], n, width, exact)!(input, got, q);
            got.forEach((g, k) => expect(sameBits(g, want[k]!)).toBe(true));
          }
        }
      });
    }
  }

  it("handles stages of different paddings (a wider one after a narrower one)", () => {
    const wide = zpk2sos(iirZpk(buttap(8), [0.05, 0.3], "bandpass")); // 8 sections: padding 51
    const n = 700;
    const input = lines(8, n, 11);
    const a = simdSosFiltFilter(antiAlias, sosfiltZi(antiAlias), sosPadLength(antiAlias), n, 8, false, true)!;
    const b = simdSosFiltFilter(wide, sosfiltZi(wide), sosPadLength(wide), n, 8, false, true)!;
    const mid = input.map(() => new Float64Array(n));
    a(input, mid, 1);
    const want = input.map(() => new Float64Array(n));
    b(mid, want, 1);
    const got = input.map(() => new Float64Array(n));
    simdSosChain([stageOf(antiAlias), stageOf(wide)], n, 8, true)!(input, got, 1);
    got.forEach((g, k) => expect(sameBits(g, want[k]!)).toBe(true));
  });

  it("declines a stage the fused kernel runs on contiguous lines (fewer than 3 sections)", () => {
    const chain = simdSosChain([stageOf(FILTERS["low-pass, 1 section"]!), stageOf(antiAlias)], 500, 8);
    if (fusedSos()) expect(chain).toBeNull();
    else expect(chain).not.toBeNull();
  });
});
