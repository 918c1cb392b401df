// Generates docs/waterfall.png, the README's example image: a waterfall of the real DASDAE file
// dispersion_event.h5 (an active-source shot with clear moveout). Run: npx tsx scripts/readme-plot.ts

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import * as dc from "../src/index.ts";
import { renderWaterfall } from "../src/plot/index.ts";

const root = resolve(import.meta.dirname, "..");
const source = resolve(root, "../shared/data/real/dispersion_event.h5");
const out = resolve(root, "docs/waterfall.png");

const [patch] = await dc.read(source);
if (!patch) throw new Error(`${source} holds no patch`);
const png = renderWaterfall(patch, { width: 800, height: 460, title: "dispersion_event.h5 (DASDAE)" });
writeFileSync(out, png);
process.stdout.write(`wrote ${out} (${png.length} bytes)\n`);
