// Two lines through the interleaved zero-phase kernel give exactly (bit for bit) what each gives
// alone, and a patch with an odd number of channels takes both paths.
import { describe, expect, it } from "vitest";
import { butterSos } from "../../../src/proc/filter.ts";
import { sosFiltFilter } from "../../../src/proc/kernels/sosfilt.ts";

const line = (seed: number, n: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.013 * seed) + (((i + seed) * 7919) % 97) / 40);

describe("sosFiltFilter.runPair", () => {
  it("equals two single runs exactly", () => {
    const sos = butterSos(250, 5, 20, 4);
    const n = 1001;
    const f = sosFiltFilter(sos, n);
    const [a, b] = [line(1, n), line(2, n)];
    const [a1, b1] = [a.slice(), b.slice()];
    f.runPair!(a, b);
    f.run(a1);
    f.run(b1);
    expect(a).toEqual(a1);
    expect(b).toEqual(b1);
    expect(Array.from(a).some((v, i) => v !== line(1, n)[i])).toBe(true); // it filtered something
  });

  it("is not offered for float32 arithmetic, which rounds each step", () => {
    expect(sosFiltFilter(butterSos(250, 5, 20, 4), 500, true).runPair).toBeNull();
  });
});
