// Generates the seeded 1 GiB DASDAE file of benchmarks/read.bench.ts through dc.write, and finds
// where each distance row's samples sit in it (for the raw-read baseline). Output: benchmarks/data/.
// Run: npx tsx benchmarks/gen/dasdaeFile.ts [path] [contiguousPath]
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * One patch, dims as DASCore's patches have them (distance, time), float32: 1000 × 268435 × 4 B
 * = 1.0737e9 B, 1.7 kB short of 1 GiB. 1 kHz from 2024-01-01, 1 m channels.
 */
export const READ_FILE = {
  dims: ["distance", "time"] as const,
  channels: 1000,
  samples: 268_435,
  startNs: BigInt(Date.UTC(2024, 0, 1)) * 1_000_000n,
  stepNs: 1_000_000n,
  seed: 4,
} as const;

/** Bytes of one distance row (the time axis is the contiguous one). */
export const ROW_BYTES = READ_FILE.samples * 4;

/** Default location (benchmarks/data is git-ignored). */
export const DEFAULT_READ_FILE = fileURLToPath(new URL("../data/read-1gib.h5", import.meta.url));

/** The same file with its samples stored contiguously, as DASCore (PyTables) writes them. */
export const DEFAULT_CONTIGUOUS_FILE = fileURLToPath(new URL("../data/read-1gib-contiguous.h5", import.meta.url));

/** Sidecar holding each row's byte offset in the file (see {@link locateRows}). */
export const rowsSidecar = (path: string): string => `${path}.rows.json`;

/** mulberry32, seeded per row so any row's samples can be recomputed without the others. */
function rowRandom(row: number): () => number {
  let a = (READ_FILE.seed * 0x9e3779b1 + row * 0x85ebca6b) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fills `out` (length `samples` or less) with the first samples of distance row `row`. */
export function fillRow(row: number, out: Float32Array): Float32Array {
  const rand = rowRandom(row);
  const w = (2 * Math.PI * 12) / 1000; // a 12 Hz tone, delayed along the fibre, under the noise
  for (let t = 0; t < out.length; t++) out[t] = Math.sin(w * (t - row)) + (rand() - 0.5);
  return out;
}

/** Where row r's bytes start in the file, r = 0 … channels-1. */
export interface RowLayout {
  size: number;
  offsets: number[];
}

function rowSignature(row: number): Buffer {
  const f = fillRow(row, new Float32Array(8));
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
}

/**
 * Finds every row's byte offset by its first 32 bytes (recomputed from the seed): the writer
 * stores the data in row chunks, normally back to back, so each guess (previous row's end) is
 * checked with one 32-byte read and searched for only when it misses.
 */
export function locateRows(path: string): RowLayout {
  const fd = openSync(path, "r");
  try {
    const size = statSync(path).size;
    const probe = Buffer.alloc(32);
    const offsets: number[] = [];
    let guess = -1;
    for (let r = 0; r < READ_FILE.channels; r++) {
      const sig = rowSignature(r);
      let at = -1;
      if (guess >= 0 && readSync(fd, probe, 0, 32, guess) === 32 && probe.equals(sig)) at = guess;
      // Search forward from the previous row (or the start): metadata and index nodes may sit between chunks.
      for (let from = guess >= 0 ? guess : 0, win = 2 * ROW_BYTES + (1 << 20); at < 0 && from < size; from += win - 32) {
        const buf = Buffer.alloc(Math.min(win, size - from));
        readSync(fd, buf, 0, buf.length, from);
        const k = buf.indexOf(sig);
        if (k >= 0) at = from + k;
      }
      if (at < 0) throw new Error(`${path}: row ${r} not found (not a file made by generateDasdaeFile?)`);
      offsets.push(at);
      guess = at + ROW_BYTES;
    }
    return { size, offsets };
  } finally {
    closeSync(fd);
  }
}

/** The row layout of `path`, from its sidecar when it matches the file, else located and saved. */
export function rowLayout(path: string): RowLayout {
  const side = rowsSidecar(path);
  if (existsSync(side)) {
    const saved = JSON.parse(readFileSync(side, "utf8")) as RowLayout;
    if (saved.size === statSync(path).size && saved.offsets.length === READ_FILE.channels) return saved;
  }
  const layout = locateRows(path);
  writeFileSync(side, JSON.stringify(layout));
  return layout;
}

/** True when `path` holds a file of the expected size (generation is deterministic). */
export function isGenerated(path: string): boolean {
  if (!existsSync(path)) return false;
  const size = statSync(path).size;
  const dataBytes = READ_FILE.channels * ROW_BYTES;
  return size > dataBytes && size < dataBytes + 16 * 2 ** 20;
}

/**
 * Writes the benchmark file to `path` with dc.write (DASDAE) unless it is there; returns the path.
 * Needs ~1 GiB for the samples plus the writer's 64 MiB blocks.
 *
 * @example
 * ```ts
 * const path = await generateDasdaeFile(); // benchmarks/data/read-1gib.h5
 * ```
 */
export async function generateDasdaeFile(path: string = DEFAULT_READ_FILE): Promise<string> {
  if (isGenerated(path)) return path;
  const dc = await import("../../src/index.ts");
  const { channels, samples, startNs, stepNs } = READ_FILE;
  const data = new Float32Array(channels * samples);
  for (let r = 0; r < channels; r++) fillRow(r, data.subarray(r * samples, (r + 1) * samples));
  const patch = new dc.Patch({
    data,
    dims: [...READ_FILE.dims],
    coords: {
      distance: dc.coordRange({ start: 0, step: 1, length: channels, units: "m" }),
      time: dc.coordRange({ start: startNs, step: stepNs, length: samples }),
    },
    attrs: { network: "BN", station: "READ", tag: "bench", data_type: "strain_rate", data_units: "1/s" },
  });
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  await dc.write(patch, tmp, { format: "DASDAE" });
  renameSync(tmp, path);
  rowLayout(path);
  return path;
}

// Compared by name too: bundled into read.bench's child script, import.meta.url is the bundle's.
/**
 * Copies a file written by {@link generateDasdaeFile} to `path` with the samples in one
 * contiguous dataset, as DASCore writes them (files from before dc.write went contiguous stored
 * arrays over 64 MiB in chunks of whole rows). The null-data-pointer trick used here to copy in
 * row blocks is the one storage/h5/write.ts `createDataset` now uses. Returns the path.
 *
 * @example
 * ```ts
 * const twin = await generateContiguousTwin(await generateDasdaeFile());
 * ```
 */
export async function generateContiguousTwin(source: string, path: string = DEFAULT_CONTIGUOUS_FILE): Promise<string> {
  if (isGenerated(path)) return path;
  const h5 = await import("../../storage/h5/index.ts");
  const mod = await h5.loadH5();
  const copyAttrs = (from: Parameters<typeof h5.readAttrs>[0], to: Parameters<typeof h5.writeAttr>[0]) => {
    for (const [k, v] of Object.entries(h5.readAttrs(from))) {
      if (v === null || (Array.isArray(v) && !v.every((x) => typeof x === "string"))) continue;
      h5.writeAttr(to, k, v as Parameters<typeof h5.writeAttr>[2]);
    }
  };
  const tmp = `${path}.tmp`;
  await h5.withH5File(source, (src) =>
    h5.withH5File(
      tmp,
      (dst) => {
        copyAttrs(src, dst);
        const [name] = h5.childNames(h5.getGroup(src, "/waveforms"));
        const g = `/waveforms/${name}`;
        const group = dst.create_group("waveforms").create_group(name!);
        copyAttrs(h5.getGroup(src, g), group);
        for (const coord of h5.childNames(h5.getGroup(src, g)).filter((n) => n.startsWith("_coord_"))) {
          const ds = h5.getDataset(src, `${g}/${coord}`);
          copyAttrs(ds, h5.createDataset(group, coord, h5.readAll(src, ds).data, h5.datasetShape(ds)));
        }
        const { channels, samples } = READ_FILE;
        const shape = [BigInt(channels), BigInt(samples)];
        const meta = { type: 1, size: 4, signed: false, littleEndian: true, vlen: false, shape, maxshape: shape, chunks: null, compression: 0, compression_opts: [], track_order: false };
        (mod.create_dataset as (...a: unknown[]) => number)(dst.file_id, `${g}/data`, 0n, meta);
        const out = h5.getDataset(dst, `${g}/data`);
        const from = h5.getDataset(src, `${g}/data`);
        const rows = 50;
        const block = new Float32Array(rows * samples);
        for (let r0 = 0; r0 < channels; r0 += rows) {
          const r1 = Math.min(channels, r0 + rows);
          h5.readSlab(src, from, [[r0, r1], null], { into: block });
          out.write_slice([[r0, r1], []], block.subarray(0, (r1 - r0) * samples));
        }
        dst.flush();
      },
      "w",
    ),
  );
  renameSync(tmp, path);
  rowLayout(path);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href && /dasdaeFile\.[jt]s$/.test(process.argv[1] ?? "")) {
  const path = await generateDasdaeFile(process.argv[2] ?? DEFAULT_READ_FILE);
  const twin = await generateContiguousTwin(path, process.argv[3] ?? DEFAULT_CONTIGUOUS_FILE);
  for (const p of [path, twin]) console.log(`${p}: ${statSync(p).size} bytes`);
}
