// Two or four lines through the interleaved zero-phase kernel give exactly (bit for bit) what each gives
// alone, and a patch with an odd number of channels takes both paths; float32 patches go through
// float32 line views with the same results.
import { describe, expect, it } from "vitest";
import { butterSos } from "../../../src/proc/filter.ts";
import { sosFiltFilter } from "../../../src/proc/kernels/sosfilt.ts";
import { cheb1ap, iirZpk } from "../../../src/proc/kernels/iirDesign.ts";
import { zpk2sos } from "../../../src/proc/kernels/zpk2sos.ts";
import * as dc from "../../../src/index.ts";

const line = (seed: number, n: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.013 * seed) + (((i + seed) * 7919) % 97) / 40);

describe("sosFiltFilter.runGroup", () => {
  it("takes 8 lines where the SIMD kernel runs", () => {
    expect(sosFiltFilter(butterSos(250, 5, 20, 4), 500).groupWidths).toEqual([8, 4, 2]);
  });

  it.each([2, 4, 8])("equals %i single runs exactly", (width) => {
    const sos = butterSos(250, 5, 20, 4);
    const n = 1001;
    const f = sosFiltFilter(sos, n);
    const lines = Array.from({ length: width }, (_, i) => line(i + 1, n));
    const singles = lines.map((l) => l.slice());
    f.runGroup!(lines);
    for (const s of singles) f.run(s);
    lines.forEach((l, i) => expect(l).toEqual(singles[i]));
    expect(Array.from(lines[0]!).some((v, i) => v !== line(1, n)[i])).toBe(true); // it filtered something
  });

  it.each([2, 4, 8])("in float32 arithmetic (the SIMD kernel's float32 lanes for 4 and 8, line by line for 2) equals %i single runs exactly", (width) => {
    const sos = butterSos(250, 5, 20, 4).map((s) => s.map(Math.fround));
    const n = 1001;
    const f = sosFiltFilter(sos, n, true);
    const lines = Array.from({ length: width }, (_, i) => line(i + 1, n).map(Math.fround));
    const singles = lines.map((l) => l.slice());
    f.runGroup!(lines);
    for (const s of singles) f.run(s);
    lines.forEach((l, i) => expect(l).toEqual(singles[i]));
    expect(Array.from(lines[0]!).some((v, i) => v !== Math.fround(line(1, n)[i]!))).toBe(true);
  });
});

describe("float32 patches through float32 line views (runGroupInto32)", () => {
  // 13 channels: a group of 8 and one of 4 as float32 views, the last channel through float64
  // scratch lines; each must equal the single-line float32 kernel bit for bit, and a transposed
  // (strided) copy, which takes the scratch-line path throughout, must agree.
  const rows = 13;
  const n = 2_001;
  const data = new Float32Array(rows * n);
  for (let r = 0; r < rows; r++) data.set(line(r + 1, n).map(Math.fround), r * n);
  const patch = dc.getExamplePatch("random_das", { shape: [rows, n] }).new({ data });
  const single = (sos: Float64Array[], q: number) => {
    const f = sosFiltFilter(sos.map((s) => s.map(Math.fround)), n, true);
    return Array.from({ length: rows }, (_, r) => {
      const dst = new Float64Array(Math.ceil(n / q));
      f.runInto(Float64Array.from(data.subarray(r * n, (r + 1) * n)), dst, q);
      return Float32Array.from(dst);
    });
  };

  it("is offered for float32 filters where the SIMD kernel runs", () => {
    expect(sosFiltFilter(butterSos(250, 5, 20, 4), 500, true).runGroupInto32?.widths).toEqual([8, 4]);
    expect(sosFiltFilter(butterSos(250, 5, 20, 4), 500, false).runGroupInto32).toBeNull();
  });

  it("passFilter: every channel equals its single-line float32 run; the transposed patch agrees", () => {
    const got = patch.passFilter({ time: [5, 20] });
    expect(got.data).toBeInstanceOf(Float32Array);
    const want = single(butterSos(250, 5, 20, 4), 1);
    for (let r = 0; r < rows; r++) expect((got.data as Float32Array).subarray(r * n, (r + 1) * n)).toEqual(want[r]);
    const t = patch.transpose("time", "distance").passFilter({ time: [5, 20] }).transpose("distance", "time");
    expect(Array.from(t.data as Float32Array)).toEqual(Array.from(got.data as Float32Array));
  });

  it("decimate (iir) ×3: every channel equals its single-line float32 run, every third sample", () => {
    const got = patch.decimate({ time: 3 });
    const m = Math.ceil(n / 3);
    expect(got.data).toBeInstanceOf(Float32Array);
    const sos = zpk2sos(iirZpk(cheb1ap(8, 0.05), [0.8 / 3], "lowpass"));
    const want = single(sos, 3);
    for (let r = 0; r < rows; r++) expect((got.data as Float32Array).subarray(r * m, (r + 1) * m)).toEqual(want[r]);
  });
});
