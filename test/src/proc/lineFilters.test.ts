// A zero-phase band-pass defers its samples, and a decimation (or another band-pass) along the
// same axis folds it into one pass over the lines (src/proc/lineFilters.ts): the values must be
// those of running the operations one after the other, bit for bit, on every layout.

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { StridedArray } from "../../../src/patch/StridedArray.ts";

/** A (distance, time) patch of `channels` × `samples` seeded values at 250 Hz, in `Ctor`. */
function noisePatch(channels: number, samples: number, Ctor: typeof Float64Array | typeof Float32Array = Float64Array): dc.Patch {
  const data = new Ctor(channels * samples);
  let s = 7;
  for (let i = 0; i < data.length; i++) data[i] = ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  return new dc.Patch({
    data,
    dims: ["distance", "time"],
    coords: { distance: dc.coordRange({ start: 0, step: 1, length: channels }), time: dc.coordRange({ start: 0n, step: 4_000_000n, length: samples }) },
    attrs: { tag: "noise" },
  });
}

/** The same patch holding `p`'s computed samples in a plain array (nothing deferred to fold). */
function computed(p: dc.Patch): dc.Patch {
  return p.new({ data: p.data.slice() });
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe("deferred band-pass", () => {
  it("describes its result without computing it, and computes it once when read", () => {
    const p = noisePatch(5, 400);
    const band = p.passFilter({ time: [5, 20] });
    expect(band.view.pending).toBe(true);
    expect(band.dtype).toBe("float64");
    expect(band.shape).toEqual([5, 400]);
    expect(band.history.at(-1)).toContain("pass_filter");
    expect(band.toString()).toContain("pass_filter"); // printing reads the samples
    expect(band.view.pending).toBe(false);
    expect(band.data).toBe(band.data);
  });

  it("still rejects bad arguments when called, not when read", () => {
    const p = noisePatch(2, 20);
    expect(() => p.passFilter({ time: [5, 20] })).toThrow(dc.ParameterError); // 20 samples ≤ the pad length 27
    expect(() => p.passFilter({ time: [20, 5] })).toThrow(/less than high/);
  });
});

describe("band-pass folded into a decimation", () => {
  const cases: Array<[string, (p: dc.Patch) => dc.Patch]> = [
    ["time last (contiguous lines)", (p) => p],
    ["time first (strided lines)", (p) => p.transpose("time", "distance")],
    ["a selected window (offset view)", (p) => p.select({ distance: [2, 11] }, { samples: true }).select({ time: [50, 950] }, { samples: true })],
  ];
  for (const [label, layout] of cases) {
    it(`equals band-pass then decimate bit for bit: ${label}`, () => {
      const p = layout(noisePatch(19, 1000)); // 19 lines: groups of 8 and single lines
      const band = p.passFilter({ time: [5, 20] });
      const folded = band.decimate({ time: 4 });
      expect(band.view.pending).toBe(true); // the band-pass's own samples were never made
      const stepwise = computed(p.passFilter({ time: [5, 20] })).decimate({ time: 4 });
      expect(folded.shape).toEqual(stepwise.shape);
      expect(folded.dims).toEqual(stepwise.dims);
      expect(sameBits(folded.data, stepwise.data)).toBe(true);
      expect(folded.history).toEqual(stepwise.history);
      expect(folded.getCoord("time").equals(stepwise.getCoord("time"))).toBe(true);
      // and the band-pass, read afterwards, is what it always was
      expect(sameBits(band.data, p.passFilter({ time: [5, 20] }).data)).toBe(true);
    });
  }

  it("equals the stepwise result on 40 seeded random shapes, bands, factors and layouts", () => {
    let seed = 2026;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let c = 0; c < 40; c++) {
      const channels = 1 + Math.floor(rand() * 20);
      const samples = 40 + Math.floor(rand() * 1500); // from just above the largest padding (39, 6 corners)
      let p = noisePatch(channels, samples);
      if (rand() < 0.5) p = p.transpose("time", "distance");
      const lo = 1 + rand() * 40;
      const band: [number, number] = [lo, lo + 5 + rand() * 60];
      const q = 1 + Math.floor(rand() * 7);
      const corners = 2 + Math.floor(rand() * 5);
      const label = `${channels}×${samples} ${p.dims.join(",")} band ${band.map((b) => b.toFixed(1))} corners ${corners} q ${q}`;
      const pending = p.passFilter({ time: band }, { corners });
      const folded = pending.decimate({ time: q });
      expect(pending.view.pending, label).toBe(true);
      const stepwise = computed(p.passFilter({ time: band }, { corners })).decimate({ time: q });
      expect(sameBits(folded.data, stepwise.data), label).toBe(true);
    }
  });

  it("folds two band-passes, and a band-pass along another axis computes first", () => {
    const p = noisePatch(12, 600);
    const twice = p.passFilter({ time: [2, 40] }).passFilter({ time: [5, 20] });
    expect(sameBits(twice.data, computed(computed(p.passFilter({ time: [2, 40] })).passFilter({ time: [5, 20] })).data)).toBe(true);
    const across = noisePatch(40, 300).passFilter({ time: [5, 20] });
    const both = across.passFilter({ distance: [0.05, 0.2] });
    expect(across.view.pending).toBe(false); // another axis: computed, then filtered
    expect(sameBits(both.data, computed(across).passFilter({ distance: [0.05, 0.2] }).data)).toBe(true);
  });

  it("leaves float32 unfolded (float32 rounding between operations) with the same values", () => {
    const p = noisePatch(9, 800, Float32Array);
    const band = p.passFilter({ time: [5, 20] });
    const out = band.decimate({ time: 4 });
    expect(band.view.pending).toBe(false);
    expect(out.dtype).toBe("float32");
    expect(sameBits(out.data, computed(p.passFilter({ time: [5, 20] })).decimate({ time: 4 }).data)).toBe(true);
  });
});

describe("StridedArray.deferred", () => {
  it("computes on the first read of base, once, and a slice reads it", () => {
    let calls = 0;
    const v = StridedArray.deferred(Float64Array, [2, 3], { compute: () => (calls++, Float64Array.from([1, 2, 3, 4, 5, 6])), source: null });
    expect([v.pending, v.size, v.ctor, v.offset, [...v.strides]]).toEqual([true, 6, Float64Array, 0, [3, 1]]);
    expect(Array.from(v.slice(1, 1, 3).toContiguous() as Float64Array)).toEqual([2, 3, 5, 6]);
    expect(v.pending).toBe(false);
    void v.base;
    expect(calls).toBe(1);
  });

  it("refuses a computation that returns the wrong size or type", () => {
    expect(() => StridedArray.deferred(Float64Array, [4], { compute: () => new Float64Array(3), source: null }).base).toThrow(/wrong size or type/);
    expect(() => StridedArray.deferred(Float64Array, [4], { compute: () => new Float32Array(4), source: null }).base).toThrow(/wrong size or type/);
  });
});
