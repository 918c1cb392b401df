// Shared table and helpers for the non-HDF5 reader tests: which module owns which real file,
// probing a file as the registry would, and the fuzz cases (temp copies, never the originals).
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readdirSync, statSync } from "node:fs";
import type { FileProbe, FormatModule, RawPatch } from "../../../storage/formats/types.ts";
import { mseedFormat } from "../../../storage/formats/mseed/index.ts";
import { tdmsFormat } from "../../../storage/formats/tdms/index.ts";
import { segyFormat } from "../../../storage/formats/segy/index.ts";
import { sentekFormat } from "../../../storage/formats/sentek/index.ts";
import { febusG1CsvFormat } from "../../../storage/formats/febusG1Csv/index.ts";
import { sorFormat } from "../../../storage/formats/sor/index.ts";
import { sintelaFormat } from "../../../storage/formats/sintela/index.ts";

/** The shared real-data folder (read only). */
export const REAL = join(import.meta.dirname, "../../../../shared/data/real");

/** Every module under test with the real files it must claim, and the version it reports. */
export const BATTERY: { module: FormatModule; version: string; files: string[] }[] = [
  {
    module: mseedFormat,
    version: "2",
    files: ["etna_9n_3chan_10s.mseed", "geofon_3U_HSF.mseed", "geofon_5J_HSF.mseed", "geofon_9N_HSF.mseed"],
  },
  { module: tdmsFormat, version: "4713", files: ["sample_tdms_file_v4713.tdms"] },
  { module: segyFormat, version: "2.1", files: ["small_channel_patch.sgy"] },
  { module: sentekFormat, version: "5", files: ["DASDMSShot00_20230328155653619.das"] },
  { module: febusG1CsvFormat, version: "1", files: ["febg1_C1_2023-05-10T12.25.03+0000.bsl"] },
  { module: sorFormat, version: "200", files: ["ofl100_1.sor", "ofl100_3.sor"] },
  { module: sintelaFormat, version: "1", files: ["sintela_protobuf_1.pb"] },
];

/** Every data file in the real folder (not the README / FILES.md notes). */
export function realFiles(): string[] {
  return readdirSync(REAL).filter((f) => !f.endsWith(".md")).sort();
}

/** The probe the registry would hand to `detect`. */
export async function probeOf(path: string): Promise<FileProbe> {
  const fh = await open(path, "r");
  try {
    const size = (await fh.stat()).size;
    const head = new Uint8Array(Math.min(4096, size));
    await fh.read(head, 0, head.length, 0);
    return { path, size, head };
  } finally {
    await fh.close();
  }
}

/** Checks a patch is internally consistent: data length, shape and coordinate lengths agree. */
export function consistent(p: RawPatch): boolean {
  const n = p.shape.reduce((a, b) => a * b, 1);
  if (p.data.length !== n || p.dims.length !== p.shape.length) return false;
  return p.dims.every((d, i) => {
    const c = p.coords[d];
    return c !== undefined && (c.kind === "range" ? c.length : c.values.length) === p.shape[i];
  });
}

/** Runs `fn` with a temp folder that is always removed. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "daspool-fuzz-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const originals = new Map<string, Promise<Buffer>>();

/** A damaged temp copy of `name`: cut at `cut` bytes, or with bytes flipped at `flips`. The
 * original is read once per test file and kept in memory, so each case costs one write. */
export async function damagedCopy(dir: string, name: string, damage: { cut?: number; flips?: number[] }): Promise<string> {
  if (!originals.has(name)) originals.set(name, readFile(join(REAL, name)));
  const original = await originals.get(name)!;
  const bytes = Buffer.from(original.subarray(0, damage.cut ?? original.length));
  for (const at of damage.flips ?? []) if (at < bytes.length) bytes[at] = bytes[at]! ^ 0xff;
  const target = join(dir, name);
  await writeFile(target, bytes);
  return target;
}

/** Offsets spread over a file of `size` bytes, including the first and last header bytes. */
export function offsetsFor(size: number, count: number): number[] {
  const fixed = [0, 1, 4, 8, 12, 20, 30, 44, 46, 48, 60, 100, 400, 3200, 3600];
  const spread = Array.from({ length: count }, (_, i) => Math.floor(((i + 1) * size) / (count + 1)));
  return [...new Set([...fixed, ...spread, size - 1])].filter((x) => x >= 0 && x < size).sort((a, b) => a - b);
}

/** Size of a real file. */
export function sizeOf(name: string): number {
  return statSync(join(REAL, name)).size;
}
