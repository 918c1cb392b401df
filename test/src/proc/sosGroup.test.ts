// Two or four lines through the interleaved zero-phase kernel give exactly (bit for bit) what each gives
// alone, and a patch with an odd number of channels takes both paths.
import { describe, expect, it } from "vitest";
import { butterSos } from "../../../src/proc/filter.ts";
import { sosFiltFilter } from "../../../src/proc/kernels/sosfilt.ts";

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
