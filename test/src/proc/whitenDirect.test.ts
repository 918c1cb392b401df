// whiten of real samples without smoothing runs line by line (kernels/whitenLines.ts), without the
// patch-sized spectrum of the dft → bin pass → idft chain. Its numbers must be the chain's bit for
// bit — the chain is still what whitening a dft'd patch and inverting it runs — and its metadata
// that of DASCore's whiten (the fixtures check those; here: against the chain's own on the
// same patch, over SIMD pairs and the scalar path, both dimension orders, float32, a padded
// length, bands of 2 and 4 corners or none, and NaN and zero lines).
import { afterEach, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { useSimdFft } from "../../../src/proc/kernels/fftSimd.ts";
import type { Patch } from "../../../src/patch/Patch.ts";
import type { WhitenBand } from "../../../src/proc/whiten.ts";

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function sameAsChain(p: Patch, band: WhitenBand | null): Patch {
  const direct = p.whiten(band === null ? null : { time: band });
  const chain = p.dft("time", { real: true }).whiten(band === null ? null : { time: band }).idft();
  expect(direct.dims).toEqual(p.dims);
  expect(direct.shape).toEqual(p.shape);
  expect(direct.data).toBeInstanceOf(Float64Array);
  expect(firstDifference(direct.data as Float64Array, chain.data as Float64Array)).toBe(-1);
  for (const name of Object.keys(p.coords)) {
    expect(Array.from(direct.getCoord(name).values() as ArrayLike<unknown>)).toEqual(Array.from(p.getCoord(name).values() as ArrayLike<unknown>));
  }
  expect(direct.attrs.data_units).toBe(chain.attrs.data_units);
  expect(direct.attrs.data_type).toBe(p.attrs.data_type);
  expect(direct.history.at(-1)).toBe(band === null ? "whiten()" : `whiten(time='(${band.map((b) => (b === null ? "None" : b)).join(",")})')`);
  return direct;
}

describe("whiten line by line", () => {
  afterEach(() => useSimdFft(true));

  const base = (): Patch => dc.getExamplePatch().select({ distance: [0, 7], time: [0, 1000] }, { samples: true });

  for (const simd of [true, false]) {
    for (const order of [["distance", "time"], ["time", "distance"]] as const) {
      it(`equals the dft → whiten → idft chain bit for bit (${order.join(", ")}, SIMD ${simd ? "on" : "off"})`, () => {
        useSimdFft(simd);
        sameAsChain(base().transpose(...order), [2, 30]); // 7 lines: 3 pairs and a scalar one
      });
    }
  }

  it("on float32, a length the dft pads (999 → 1000) and other bands", () => {
    const p = base();
    sameAsChain(p.new({ data: Float32Array.from(p.data as Float64Array) }), [5, 40]);
    sameAsChain(p.select({ time: [0, 999] }, { samples: true }), [2, 30]);
    sameAsChain(p, [1, 3, 40, 60]);
    sameAsChain(p, null);
  });

  it("on a 3-D patch, time first, middle or last", () => {
    const n = 64;
    const data = Float64Array.from({ length: 3 * 4 * n }, (_, i) => Math.sin(i * 0.37) + ((i * 7919) % 13) / 13);
    const p = new dc.Patch({
      data,
      dims: ["a", "distance", "time"],
      coords: { a: dc.coordRange({ start: 0, step: 1, length: 3 }), distance: dc.coordRange({ start: 0, step: 2, length: 4 }), time: dc.coordRange({ start: 0n, step: 4_000_000n, length: n }) },
      attrs: {},
    });
    for (const q of [p, p.transpose("time", "a", "distance"), p.transpose("a", "time", "distance")]) sameAsChain(q, [5, 40]);
  });

  it("leaves a negative step to the chain, which keeps its spectrum complex", () => {
    const flipped = base().flip("time");
    const direct = flipped.whiten(null);
    const chain = flipped.dft("time", { real: true }).whiten(null).idft();
    expect(direct.shape).toEqual([7, 501]);
    expect(direct.dtype).toBe(chain.dtype);
    expect(firstDifference(direct.data as Float64Array, chain.data as Float64Array)).toBe(-1);
  });

  it("on lines of zeros and with NaN (the phase of atan2)", () => {
    const p = base();
    const data = Float64Array.from(p.data as Float64Array);
    const n = p.shape[1]!;
    data.fill(0, 0, n);
    data[2 * n + 10] = Number.NaN;
    const w = sameAsChain(p.new({ data }), [2, 30]);
    expect(Number.isNaN((w.data as Float64Array)[2 * n])).toBe(true);
  });
});
