// Waterfall rendering: axes, peak-preserving downsampling, colours, ticks, and a
// full render of the example patch decoded back from PNG.

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { divergingColor, NAN_COLOR } from "../../../src/plot/colormap.ts";
import { decodePng, drawWaterfall, renderWaterfall, waterfallAxes } from "../../../src/plot/index.ts";
import { formatClock, numericTicks, timeTicks } from "../../../src/plot/ticks.ts";

function signedPatch(): dc.Patch {
  // A plane wave: sin over time, shifted with distance, so the image has both colour signs.
  const base = dc.getExamplePatch();
  const [nd, nt] = base.shape as [number, number];
  const data = new Float64Array(nd * nt);
  for (let d = 0; d < nd; d++) for (let t = 0; t < nt; t++) data[d * nt + t] = Math.sin((t - 3 * d) / 25);
  return new dc.Patch({ data, dims: base.dims, coords: { distance: base.getCoord("distance"), time: base.getCoord("time") }, attrs: { data_units: "m/s" } });
}

function distinctColors(pixels: Uint8Array, channels: number): number {
  const seen = new Set<number>();
  for (let i = 0; i < pixels.length; i += channels) seen.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
  return seen.size;
}

describe("waterfall", () => {
  it("puts time on x whatever the dimension order", () => {
    const p = dc.getExamplePatch();
    expect(waterfallAxes(p)).toEqual({ x: "time", y: "distance" });
    expect(waterfallAxes(p.aggregate("distance", "mean", { dimReduce: "empty" }))).toEqual({ x: "time", y: "distance" });
    expect(() => waterfallAxes(p.aggregate("time", "max").aggregate("distance", "max"))).toThrow(/2 dimensions longer than 1/);
  });

  it("keeps each pixel's largest-magnitude sample when downsampling", () => {
    const nt = 3000;
    const data = new Float64Array(4 * nt).fill(0.1);
    data[1 * nt + 1234] = -9; // distance 1, one sample of 3000 in time
    const p = new dc.Patch({ data, dims: ["distance", "time"], coords: { distance: [0, 1, 2, 3], time: dc.coordRange({ start: 0n, step: 1_000_000n, length: nt }) } });
    const img = decodePng(renderWaterfall(p, { width: 600, height: 400, clip: 100 }));
    const w = 600 - 96 - 130;
    const h = 400 - 44 - 74;
    const x = 96 + Math.floor(((1234 + 0.5) / nt) * w);
    const y = 44 + Math.floor((1.5 / 4) * h);
    const at = (xx: number) => [...img.pixels.subarray((y * 600 + xx) * 3, (y * 600 + xx) * 3 + 3)];
    // Signed data, limits ±9: the single -9 sample is the darkest blue at its own time.
    expect(at(x)).toEqual([...divergingColor(-9, 9)]);
    expect(at(x + 20)).toEqual([...divergingColor(0.1, 9)]);
  });

  it("maps negative to blue, zero to near-white, positive to red and NaN to grey", () => {
    const [r0, g0, b0] = divergingColor(0, 1);
    expect(Math.min(r0, g0, b0)).toBeGreaterThan(240);
    const blue = divergingColor(-2, 1);
    const red = divergingColor(2, 1);
    expect(blue[2]).toBeGreaterThan(blue[0]);
    expect(red[0]).toBeGreaterThan(red[2]);
    expect(divergingColor(Number.NaN, 1)).toEqual(NAN_COLOR);
  });

  it("renders a PNG of the requested size with the data's colours, axes and colour bar", () => {
    const png = renderWaterfall(signedPatch(), { width: 640, height: 400 });
    const img = decodePng(png);
    expect({ width: img.width, height: img.height }).toEqual({ width: 640, height: 400 });
    expect(distinctColors(img.pixels, img.channels)).toBeGreaterThan(100);
    const canvas = drawWaterfall(signedPatch(), { width: 640, height: 400 });
    // Black ink of labels and frames exists outside the image area (left margin, bottom margin).
    const inkAt = (x0: number, y0: number, w: number, h: number) => {
      for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) if (canvas.pixels[(y * 640 + x) * 3] === 0) return true;
      return false;
    };
    expect(inkAt(0, 44, 90, 280)).toBe(true);
    expect(inkAt(96, 330, 400, 70)).toBe(true);
  });

  it("rejects sizes with no room for the plot", () => {
    expect(() => renderWaterfall(signedPatch(), { width: 100, height: 100 })).toThrow("use at least 400x300");
    expect(() => renderWaterfall(signedPatch(), { clipPercentile: 0 })).toThrow("clip must be a percentile");
  });
});

describe("ticks", () => {
  it("chooses 1-2-5 steps for numbers", () => {
    expect(numericTicks(410, 797, 5).map((t) => t.label)).toEqual(["500", "600", "700"]);
    expect(numericTicks(0, 1, 5).map((t) => t.label)).toEqual(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
    expect(numericTicks(0, 299, 4)[1]).toEqual({ at: 100 / 299, label: "100" });
  });

  it("chooses clock steps for times and labels them with the precision they need", () => {
    const lo = dc.toDatetime64("2023-01-27T05:54:03.63690752");
    const hi = dc.toDatetime64("2023-01-27T05:54:05.715915836");
    expect(timeTicks(lo, hi, 5).map((t) => t.label)).toEqual(["05:54:04.0", "05:54:04.5", "05:54:05.0", "05:54:05.5"]);
    expect(formatClock(dc.toDatetime64("2017-09-18T00:01:00"), 60_000_000_000n)).toBe("00:01:00");
    expect(formatClock(dc.toDatetime64("2017-09-18"), 86_400_000_000_000n)).toBe("2017-09-18");
  });
});
