// The README's waterfall image (docs/waterfall.png) is what scripts/readme-plot.ts renders today.
// Pixels are compared, not bytes, so a different zlib build cannot fail it.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodePng } from "../../../src/plot/png.ts";
import { README_IMAGE, readmeImage } from "../../../scripts/readme-plot.ts";

describe("docs/waterfall.png", () => {
  it("is current (regenerate with npx tsx scripts/readme-plot.ts)", async () => {
    const committed = decodePng(readFileSync(README_IMAGE));
    const fresh = decodePng(await readmeImage());
    expect({ width: committed.width, height: committed.height }).toEqual({ width: fresh.width, height: fresh.height });
    expect(Buffer.from(committed.pixels).equals(Buffer.from(fresh.pixels))).toBe(true);
  });
});
