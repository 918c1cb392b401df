// correlate's `lags` option (a daspool addition): keeping only some lags must give what
// correlate followed by a select on lag_{dim} gives (coordinates, attributes and history exactly;
// data to rounding, since few lags take a shorter FFT), on the SIMD pair path and the scalar path, both dimension orders, a negative
// step, ranges at and past the ends, and an unevenly sampled coordinate (every lag computed,
// then selected). A dft input has no lags: `lags` there is an error.
import { afterEach, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { useSimdFft } from "../../../src/proc/kernels/fftSimd.ts";
import type { Patch } from "../../../src/patch/Patch.ts";
import type { SelectRange } from "../../../src/coords/Coord.ts";

function sameAsSelect(p: Patch, sources: Record<string, number | number[]>, lags: SelectRange, samples = false): Patch {
  const full = p.correlate(sources, { samples });
  const lagDim = full.dims.find((d) => d.startsWith("lag_"))!;
  const want = full.select({ [lagDim]: lags });
  const got = p.correlate(sources, { samples, lags });
  expect(got.dims).toEqual(want.dims);
  expect(got.shape).toEqual(want.shape);
  for (const name of Object.keys(want.coords)) {
    expect(Array.from(got.getCoord(name).values() as ArrayLike<unknown>)).toEqual(Array.from(want.getCoord(name).values() as ArrayLike<unknown>));
  }
  expect(got.attrs).toEqual(want.attrs);
  const a = got.data as Float64Array;
  const b = want.data as Float64Array;
  expect(a.length).toBe(b.length);
  // a shorter FFT sums in another order: equal to rounding, relative to the largest value
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < a.length; i++) (scale = Math.max(scale, Math.abs(b[i]!))), (diff = Math.max(diff, Math.abs(a[i]! - b[i]!)));
  expect(diff).toBeLessThanOrEqual(1e-13 * scale);
  return got;
}

const ms = (n: number): bigint => BigInt(n) * 1_000_000n;

describe("correlate with lags", () => {
  afterEach(() => useSimdFft(true));

  for (const simd of [true, false]) {
    for (const order of [["distance", "time"], ["time", "distance"]] as const) {
      it(`equals correlate then select on lag_time (${order.join(", ")}, SIMD ${simd ? "on" : "off"})`, () => {
        useSimdFft(simd);
        // 5 lines: two SIMD pairs and an odd last line on the scalar path
        const p = dc.getExamplePatch().select({ distance: [0, 5], time: [0, 250] }, { samples: true }).transpose(...order);
        const got = sameAsSelect(p, { distance: 0 }, [-ms(100), ms(100)], true);
        // 250 Hz: ±100 ms is 25 samples each side of lag 0
        expect(got.shape[got.dims.indexOf("lag_time")]).toBe(51);
        expect(got.getCoord("lag_time").values()[25]).toBe(0n);
      });
    }
  }

  it("keeps lags at both ends, one-sided ranges and a range past the ends", () => {
    const p = dc.getExamplePatch().select({ distance: [0, 4], time: [0, 64] }, { samples: true });
    sameAsSelect(p, { distance: [0, 3] }, [null, -ms(200)], true);
    sameAsSelect(p, { distance: 1 }, [ms(120), null], true);
    // lags −40…30 of 64 samples: a 108-point FFT (n + 40 → 108) instead of 128, no wrap-around
    const near = sameAsSelect(p, { distance: [0, 2] }, [-ms(160), ms(120)], true);
    expect(near.shape[near.dims.indexOf("lag_time")]).toBe(71);
    sameAsSelect(p, { distance: 1 }, [-ms(10_000), ms(10_000)], true);
    const none = sameAsSelect(p, { distance: 1 }, [ms(5_000), ms(6_000)], true);
    expect(none.shape[none.dims.indexOf("lag_time")]).toBe(0);
  });

  it("keeps lags of a correlation along distance (float lags) and of a negative step", () => {
    const p = dc.getExamplePatch().select({ distance: [0, 40], time: [0, 6] }, { samples: true });
    const step = Number(p.getCoord("distance").step);
    sameAsSelect(p, { time: 0 }, [-3 * step, 5 * step], true);
    sameAsSelect(p.flip("time"), { distance: 0 }, [-ms(8), ms(8)], true);
  });

  it("names the option and the lag coordinate when lags is not a [lo, hi] range", () => {
    const p = dc.getExamplePatch().select({ distance: [0, 3], time: [0, 16] }, { samples: true });
    for (const bad of [[1], "x", [1, 2, 3]]) {
      expect(() => p.correlate({ distance: 0 }, { lags: bad as never })).toThrow(/correlate's lags must be a range \[lo, hi\] of lag_time values/);
    }
  });

  it("selects after the fact on an uneven time coordinate and refuses lags of a dft input", () => {
    const p = dc.getExamplePatch().select({ distance: [0, 3], time: [0, 32] }, { samples: true });
    const spectrum = p.pad({ time: [0, 31] }, { samples: true }).dft("time", { real: true });
    expect(() => spectrum.correlate({ distance: 0 }, { samples: true, lags: [-1, 1] })).toThrow(/ft_time.*no lags to keep/);
    const t = p.getCoord("time").values() as BigInt64Array;
    const uneven = p.updateCoords({ time: BigInt64Array.from(t, (v, i) => v + BigInt(i % 2)) });
    sameAsSelect(uneven, { distance: 0 }, [-ms(20), ms(20)], true);
  });
});
