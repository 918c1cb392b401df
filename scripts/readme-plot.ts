// Generates docs/waterfall.png, the README's example image: a waterfall of the real DASDAE file
// dispersion_event.h5 (an active-source shot with clear moveout). Run: npx tsx scripts/readme-plot.ts
// test/src/plot/docsImage.test.ts checks that the committed image is current.

import { realpathSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as dc from "../src/index.ts";
import { renderWaterfall } from "../src/plot/index.ts";

const root = resolve(import.meta.dirname, "..");

/** Where the README image lives. */
export const README_IMAGE = resolve(root, "docs/waterfall.png");

/** The README image, rendered from the real example file. */
export async function readmeImage(): Promise<Buffer> {
  const source = resolve(root, "../shared/data/real/dispersion_event.h5");
  const [patch] = await dc.read(source);
  if (!patch) throw new Error(`${source} holds no patch`);
  return renderWaterfall(patch, { width: 800, height: 460, title: "dispersion_event.h5 (DASDAE)" });
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const png = await readmeImage();
  writeFileSync(README_IMAGE, png);
  process.stdout.write(`wrote ${README_IMAGE} (${png.length} bytes)\n`);
}
