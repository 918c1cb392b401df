// Generates docs/spectrogram.png, the README's "Spectral" image: the spectrogram of a real
// PRODML 2.0 recording (../shared/data/real/prodml_2.0.h5, 512 channels, 12.5 s at 200 Hz),
// power averaged over all channels, in dB, drawn by dc.plot as a waterfall (time along x,
// frequency down y). Run: npx tsx scripts/readme-spectrogram.ts [file.h5] [out.png]

import { realpathSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as dc from "../src/index.ts";

const root = resolve(import.meta.dirname, "..");

/** The default input (a real recording kept with the project's shared test data) and output. */
export const SPECTROGRAM_INPUT = resolve(root, "../shared/data/real/prodml_2.0.h5");
export const SPECTROGRAM_IMAGE = resolve(root, "docs/spectrogram.png");

/**
 * The mean over channels of the spectrogram's power spectral density, in dB: a (ft_time × time) patch.
 *
 * @example
 * ```ts
 * const db = spectrogramDb(await dc.spool("prodml_2.0.h5").get(0)); // dims (ft_time, time)
 * ```
 */
export function spectrogramDb(patch: dc.Patch): dc.Patch {
  const power = patch.spectrogram("time", { nperseg: 128, noverlap: 96 }).aggregate("distance", "mean").squeeze("distance");
  return power.new({ data: Float64Array.from(power.data, (v) => 10 * Math.log10(v)), attrs: { data_units: "dB" } });
}

/** The PNG of {@link spectrogramDb} for `file`. */
export async function spectrogramImage(file = SPECTROGRAM_INPUT): Promise<Uint8Array> {
  const patch = await dc.spool(file).get(0);
  return dc.plot(spectrogramDb(patch), { cmap: "magma", clip: 98, title: `spectrogram of ${file.split("/").at(-1)}, mean over ${patch.shape[patch.dims.indexOf("distance")]} channels (dB)` });
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, out] = process.argv.slice(2);
  const png = await spectrogramImage(file ? resolve(file) : SPECTROGRAM_INPUT);
  writeFileSync(out ?? SPECTROGRAM_IMAGE, png);
  process.stdout.write(`wrote ${out ?? SPECTROGRAM_IMAGE} (${png.length} bytes)\n`);
}
