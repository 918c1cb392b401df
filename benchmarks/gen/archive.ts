// Generates the seeded benchmark archive: one DASDAE file of contiguous float32 patches (time ×
// distance), deterministic for a seed. Run: npx tsx benchmarks/gen/archive.ts [path] [megabytes]
import { existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Patch } from "../../src/patch/Patch.ts";
import { coordRange } from "../../src/coords/index.ts";
import { write } from "../../src/io.ts";
import { spool } from "../../src/spool/createSpool.ts";

/** Shape of the archive: 1000 channels at 250 Hz, in patches of 97 s (so 10 s windows straddle them). */
export const ARCHIVE = { channels: 1000, rateHz: 250, patchSeconds: 97, seed: 7 } as const;

/** Default location (benchmarks/data is git-ignored). */
export const DEFAULT_ARCHIVE = fileURLToPath(new URL("../data/map-archive.h5", import.meta.url));

/** A fast seeded PRNG (mulberry32): uniform floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makePatch(k: number, rand: () => number): Patch {
  const { channels, rateHz, patchSeconds } = ARCHIVE;
  const nt = patchSeconds * rateHz;
  const data = new Float32Array(nt * channels);
  for (let t = 0; t < nt; t++) {
    const s = Math.sin((2 * Math.PI * 12 * (k * nt + t)) / rateHz); // a 12 Hz tone under the noise
    for (let c = 0, i = t * channels; c < channels; c++, i++) data[i] = s + (rand() - 0.5);
  }
  const stepNs = BigInt(1e9 / rateHz);
  return new Patch({
    data,
    dims: ["time", "distance"],
    coords: {
      time: coordRange({ start: BigInt(Date.UTC(2024, 0, 1)) * 1_000_000n + BigInt(k * nt) * stepNs, step: stepNs, length: nt }),
      distance: coordRange({ start: 0, step: 1, length: channels, units: "m" }),
    },
    attrs: { network: "BN", station: "GEN", tag: "bench", data_units: "strain_rate" },
  });
}

/**
 * Writes an archive of about `megabytes` MB to `path` unless a file of that size is there.
 * Returns the path.
 *
 * @example
 * ```ts
 * const path = await generateArchive(DEFAULT_ARCHIVE, 500);
 * ```
 */
export async function generateArchive(path: string = DEFAULT_ARCHIVE, megabytes = 500): Promise<string> {
  const perPatch = ARCHIVE.patchSeconds * ARCHIVE.rateHz * ARCHIVE.channels * 4;
  const count = Math.max(1, Math.round((megabytes * 1e6) / perPatch));
  if (existsSync(path) && Math.abs(statSync(path).size - count * perPatch) < perPatch / 2) return path;
  mkdirSync(dirname(path), { recursive: true });
  const rand = mulberry32(ARCHIVE.seed);
  const patches = Array.from({ length: count }, (_, k) => makePatch(k, rand));
  const tmp = `${path}.tmp`;
  await write(spool(patches), tmp, { format: "DASDAE" });
  renameSync(tmp, path);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [path, mb] = process.argv.slice(2);
  await generateArchive(path ?? DEFAULT_ARCHIVE, mb ? Number(mb) : 500);
}
