// The README's image (docs/waterfall.png) is what scripts/readme-plot.ts renders today from the
// demo archive, and it shows the demo's vehicle where the axes say it is: for several times, the
// brightest pixel of that column lies at the vehicle's position then. Pixels are compared, not
// bytes, so a different zlib build cannot fail it.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { DEMO_SIGNALS, vehiclePosition } from "../../../src/examples/demoArchive.ts";
import { placeAxis, pixelOf } from "../../../src/plot/placement.ts";
import { decodePng } from "../../../src/plot/png.ts";
import { MARGIN } from "../../../src/plot/waterfall.ts";
import { README_IMAGE, readmeImage } from "../../../scripts/readme-plot.ts";

const START = dc.toDatetime64("2024-01-01");

describe("docs/waterfall.png", { timeout: 300_000 }, () => {
  it("is current and shows the moving source where the time axis says (regenerate with npx tsx scripts/readme-plot.ts)", async () => {
    const committed = decodePng(readFileSync(README_IMAGE));
    const { png, patch } = await readmeImage();
    const fresh = decodePng(Buffer.from(png));
    expect({ width: committed.width, height: committed.height }).toEqual({ width: fresh.width, height: fresh.height });
    expect(Buffer.from(committed.pixels).equals(Buffer.from(fresh.pixels))).toBe(true);

    const pw = committed.width - MARGIN.left - MARGIN.right;
    const ph = committed.height - MARGIN.top - MARGIN.bottom;
    const px = placeAxis(patch.getCoord("time"), pw);
    const py = placeAxis(patch.getCoord("distance"), ph);
    const brightness = (x: number, y: number) => {
      const o = (y * committed.width + x) * 3;
      return committed.pixels[o]! + committed.pixels[o + 1]! + committed.pixels[o + 2]!;
    };
    for (const clock of ["00:08:30", "00:12:20", "00:15:40", "00:17:20"]) {
      const t = dc.toDatetime64(`2024-01-01T${clock}`);
      const x = MARGIN.left + Math.floor(pixelOf(px, Number(t - (px.origin as bigint))));
      let best = MARGIN.top;
      for (let y = MARGIN.top; y < MARGIN.top + ph; y++) if (brightness(x, y) > brightness(x, best)) best = y;
      const metres = py.lo + ((best - MARGIN.top + 0.5) / ph) * (py.hi - py.lo);
      // Each column is the energy of a 60 s window, during which the vehicle moves 45 m.
      const expected = vehiclePosition(Number(t - START) / 1e9)!;
      expect(Math.abs(metres - expected), `${clock}: brightest at ${metres.toFixed(0)} m, vehicle at ${expected} m`).toBeLessThan(
        30 * DEMO_SIGNALS.vehicle.speed + 12,
      );
    }
    // The missing files (00:10:00-00:11:00) leave a blank column: white across the whole height.
    const gap = MARGIN.left + Math.floor(pixelOf(px, Number(dc.toDatetime64("2024-01-01T00:10:30") - (px.origin as bigint))));
    for (const f of [0.1, 0.5, 0.9]) expect(brightness(gap, MARGIN.top + Math.floor(f * ph))).toBe(765);
  });
});
