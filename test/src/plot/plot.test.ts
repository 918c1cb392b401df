// dc.plot (SPEC §10, issue 22): samples drawn at their coordinates (a gapped and an uneven time
// axis decoded back from the PNG), sequential vs diverging colormaps, vmin/vmax, clip, demean,
// units and integer axes, wiggles for few traces and single traces, and a spool's first output.

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { GAP_COLOR, mapColor, type Rgb } from "../../../src/plot/colormap.ts";
import { axisInfo } from "../../../src/plot/axes.ts";
import { hasGlyph } from "../../../src/plot/font.ts";
import { decodePng, plotKind } from "../../../src/plot/index.ts";
import { placeAxis } from "../../../src/plot/placement.ts";
import { numericTicks } from "../../../src/plot/ticks.ts";
import { MARGIN } from "../../../src/plot/waterfall.ts";
import { REAL } from "../cli/runCli.ts";

const W = 700;
const H = 400;
const PW = W - MARGIN.left - MARGIN.right; // 474 data pixels across
const PH = H - MARGIN.top - MARGIN.bottom;
const T0 = dc.toDatetime64("2024-01-01T00:00:00");
const SEC = 1_000_000_000n;

/** A 4-channel patch on the given time offsets (s), data from `f(channel, k)`. */
function patchAt(seconds: readonly number[], f: (ch: number, k: number) => number, attrs: Record<string, unknown> = {}): dc.Patch {
  const time = BigInt64Array.from(seconds, (s) => T0 + BigInt(Math.round(s * 1e3)) * 1_000_000n);
  const data = new Float64Array(4 * seconds.length);
  for (let ch = 0; ch < 4; ch++) for (let k = 0; k < seconds.length; k++) data[ch * seconds.length + k] = f(ch, k);
  return new dc.Patch({ data, dims: ["distance", "time"], coords: { distance: [0, 10, 20, 30], time }, attrs });
}

async function image(target: dc.Patch | dc.Spool, options: dc.PlotOptions = {}) {
  const png = await dc.plot(target, { width: W, height: H, kind: "waterfall", ...options });
  expect(png).toBeInstanceOf(Uint8Array);
  const img = decodePng(png);
  /** The colour at axis fraction fx across and fy down the data area. */
  const at = (fx: number, fy = 0.5): Rgb => {
    const x = MARGIN.left + Math.min(PW - 1, Math.floor(fx * PW));
    const y = MARGIN.top + Math.min(PH - 1, Math.floor(fy * PH));
    const o = (y * img.width + x) * 3;
    return [img.pixels[o]!, img.pixels[o + 1]!, img.pixels[o + 2]!];
  };
  /** The colour at canvas pixel (x, y). */
  const px = (x: number, y: number): Rgb => [...img.pixels.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)] as unknown as Rgb;
  return { img, at, px };
}

describe("dc.plot places samples at their coordinates", () => {
  it("draws a time gap as a gap, each side where the axis says", async () => {
    // 0..99 s and 200..299 s at 1 s: the axis spans -0.5 .. 299.5 s, the gap is its middle third.
    const seconds = [...Array.from({ length: 100 }, (_, i) => i), ...Array.from({ length: 100 }, (_, i) => 200 + i)];
    const { at } = await image(patchAt(seconds, (_, k) => (k < 100 ? 1 : 2)), { clip: 100 });
    const frac = (s: number) => (s + 0.5) / 300;
    expect(at(frac(50))).toEqual(mapColor("viridis", 0)); // the first block, value 1 = the bottom of the scale
    expect(at(frac(250))).toEqual(mapColor("viridis", 1)); // the second block, value 2 = the top
    for (const s of [105, 150, 195]) expect(at(frac(s))).toEqual(GAP_COLOR);
    // By index the second block would start at the middle of the image: it must not.
    expect(at(0.55)).toEqual(GAP_COLOR);
  });

  it("puts uneven samples at their true times", async () => {
    // Samples at 0..9 s and one at 30 s: the last one sits at the right end, not at 10/11 of the width.
    const seconds = [...Array.from({ length: 10 }, (_, i) => i), 30];
    const { at } = await image(patchAt(seconds, (_, k) => (k === 10 ? 5 : 1)), { clip: 100 });
    const frac = (s: number) => (s + 0.5) / 31;
    expect(at(frac(30))).toEqual(mapColor("viridis", 1));
    expect(at(frac(5))).toEqual(mapColor("viridis", 0));
    expect(at(frac(20))).toEqual(GAP_COLOR);
    expect(at(10.5 / 11)).toEqual(GAP_COLOR); // where index placement would have drawn it
  });
});

describe("dc.plot colours", () => {
  const ramp = (offset: number) => patchAt(Array.from({ length: 50 }, (_, i) => i), (_, k) => offset + k);
  const top = (img: Awaited<ReturnType<typeof image>>) => img.px(MARGIN.left + PW + 24 + 9, MARGIN.top + 14);
  const middle = (img: Awaited<ReturnType<typeof image>>) => img.px(MARGIN.left + PW + 24 + 9, MARGIN.top + 14 + Math.round((PH - 15) / 2));

  it("uses a sequential map for one-signed data and a diverging one centred on 0 for signed data", async () => {
    const positive = await image(ramp(18), { clip: 100 }); // 18 .. 67, like DTS temperatures
    expect(top(positive)).toEqual(mapColor("viridis", 1));
    expect(positive.at(0.01)).toEqual(mapColor("viridis", 0));
    const signed = await image(ramp(-25), { clip: 100 }); // -25 .. 24
    expect(top(signed)).toEqual(mapColor("rdbu", 1));
    expect(Math.min(...middle(signed))).toBeGreaterThan(240); // zero, near-white, in the middle of the bar
    expect(signed.at(0.01)).toEqual(mapColor("rdbu", 0)); // -25 is the bottom of ±25
  });

  it("takes cmap, vmin/vmax and clip", async () => {
    const gray = await image(ramp(18), { cmap: "Gray", clip: 100 });
    expect(gray.at(0.01)).toEqual([0, 0, 0]);
    const limited = await image(ramp(18), { vmin: 0, vmax: 134 }); // 18 → 18/134 of the way
    expect(limited.at(0.01)).toEqual(mapColor("viridis", 18 / 134));
    const clipped = await image(ramp(0), { clip: 50 }); // 0 .. 49: limits are the 50th percentiles
    expect(clipped.at(0.99)).toEqual(mapColor("viridis", 1));
    expect(clipped.at(0.6)).toEqual(mapColor("viridis", 1)); // 30 > the 50th percentile: saturated
    await expect(dc.plot(ramp(0), { cmap: "jet" })).rejects.toThrow(/unknown cmap "jet"; choose one of viridis, magma, gray, rdbu, seismic, bwr/);
    const bwr = await image(ramp(-25), { cmap: "BWR", clip: 100 });
    expect(bwr.at(0.01)).toEqual([0, 0, 255]); // -25: pure blue
    expect((await image(ramp(-25), { cmap: "RdBu_r", clip: 100 })).at(0.01)).toEqual(mapColor("rdbu", 0));
    await expect(dc.plot(ramp(0), { vmin: 2, vmax: 1 })).rejects.toThrow(dc.ParameterError);
    await expect(dc.plot(ramp(0), { clip: 0 })).rejects.toThrow(/clip must be a percentile/);
  });

  it("demeans each trace along time", async () => {
    const offsetWave = patchAt(Array.from({ length: 40 }, (_, i) => i), (ch, k) => 100 * (ch + 1) + Math.sin(k / 3));
    expect(top(await image(offsetWave, { clip: 100 }))).toEqual(mapColor("viridis", 1)); // all positive
    const demeaned = await image(offsetWave, { clip: 100, demean: true });
    expect(top(demeaned)).toEqual(mapColor("rdbu", 1)); // now signed about 0
  });
});

describe("dc.plot axes", () => {
  it("has glyphs for the units of the real files (°C, µε, m / s)", async () => {
    for (const ch of "°Cµϵε/ ²") expect(hasGlyph(ch), ch).toBe(true);
    const [dts] = await dc.read(`${REAL}/febus_dts.h5`);
    expect(dts!.attrs.data_units).toBe("°C");
    for (const ch of String(dts!.attrs.data_units)) expect(hasGlyph(ch)).toBe(true);
  });

  it("ticks integer axes in whole numbers and names missing units", async () => {
    expect(numericTicks(-0.5, 3.5, 6, true).map((t) => t.label)).toEqual(["0", "1", "2", "3"]);
    expect(numericTicks(0, 0).map((t) => t.label)).toEqual(["0"]);
    const [shot] = await dc.read(`${REAL}/dispersion_event.h5`);
    const info = axisInfo(shot!, "distance", placeAxis(shot!.getCoord("distance"), 300), 5);
    expect(info.label).toBe("distance (no units)");
    expect(info.ticks.every((t) => /^\d+$/.test(t.label))).toBe(true);
    const channels = new dc.Patch({ data: new Float64Array(6), dims: ["channel", "x"], coords: { channel: Int32Array.of(0, 1, 2), x: [0.5, 1.5] } });
    const ch = axisInfo(channels, "channel", placeAxis(channels.getCoord("channel"), 300), 8);
    expect(ch.ticks.map((t) => t.label)).toEqual(["0", "1", "2"]);
  });
});

describe("dc.plot kinds", () => {
  it("draws one trace (OTDR) and up to 8 traces as wiggles, more as a waterfall", async () => {
    const [otdr] = await dc.read(`${REAL}/ofl100_1.sor`);
    expect(otdr!.shape).toEqual([1, 16384]);
    expect(plotKind(otdr!)).toBe("wiggle");
    expect(plotKind(otdr!, "waterfall")).toBe("wiggle"); // a single trace has no image
    const four = patchAt([0, 1, 2], () => 1);
    expect(plotKind(four)).toBe("wiggle");
    expect(plotKind(dc.getExamplePatch())).toBe("waterfall");
    const img = decodePng(await dc.plot(otdr!, { width: W, height: H }));
    // The wiggle's line colour appears in the data area; no colormap image fills it.
    let line = 0;
    let white = 0;
    for (let y = MARGIN.top; y < MARGIN.top + PH; y++) {
      for (let x = MARGIN.left; x < MARGIN.left + PW; x++) {
        const o = (y * W + x) * 3;
        if (img.pixels[o] === 20 && img.pixels[o + 1] === 60 && img.pixels[o + 2] === 140) line++;
        if (img.pixels[o] === 255 && img.pixels[o + 1] === 255 && img.pixels[o + 2] === 255) white++;
      }
    }
    expect(line).toBeGreaterThan(PW);
    expect(white).toBeGreaterThan(PW * PH * 0.3);
  });

  it("plots a spool's first output", async () => {
    const sp = dc.getExampleSpool("random_das");
    const a = await dc.plot(sp, { width: 500, height: 320 });
    const b = await dc.plot((await sp.get(0)) as dc.Patch, { width: 500, height: 320 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect([...a.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await expect(dc.plot(dc.spool([]))).rejects.toThrow(dc.IndexError);
  });
});
