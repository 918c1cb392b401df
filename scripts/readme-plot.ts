// Generates docs/waterfall.png, the README's example image: the picture `npm start` draws (the
// channel energy of the demo archive's station BBB, 00:08–00:18) from a small copy of the demo
// archive (same signals and layout, 20 Hz instead of 200 Hz, so it builds in seconds).
// Run: npx tsx scripts/readme-plot.ts — test/src/plot/docsImage.test.ts checks it is current.

import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as dc from "../src/index.ts";
import { ensureDemoArchive } from "../src/examples/demoArchive.ts";
import { channelEnergy } from "../src/examples/tasks.ts";
import { DEMO_PLOT, demoQuery } from "../src/main.ts";

const root = resolve(import.meta.dirname, "..");

/** Where the README image lives. */
export const README_IMAGE = resolve(root, "docs/waterfall.png");

/** The demo's energy patch (from the small archive) and its picture. */
export async function readmeImage(): Promise<{ png: Uint8Array; patch: dc.Patch }> {
  const dir = mkdtempSync(join(tmpdir(), "daspool-readme-"));
  try {
    await ensureDemoArchive((p, path) => dc.write(p, path), { dir, stations: ["BBB"], filesPerStation: 37, rate: 20 });
    const patch = (await demoQuery(dc.spool(dir), channelEnergy).get(0)) as dc.Patch;
    return { png: await dc.plot(patch, DEMO_PLOT), patch };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { png } = await readmeImage();
  writeFileSync(README_IMAGE, png);
  process.stdout.write(`wrote ${README_IMAGE} (${png.length} bytes)\n`);
}
