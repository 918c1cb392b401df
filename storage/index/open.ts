// Opening a directory's index: resolve where it lives, read the committed manifest and check that
// its Parquet files exist. The result is a snapshot that queries read (read-only; no lock).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { IndexCorruptError } from "../../src/errors.ts";
import { startDuckDatabase } from "./duck.ts";
import { resolveLocation } from "./location.ts";
import { MANIFEST_NAME, readManifest } from "./manifest.ts";
import { SCHEMA_VERSION } from "./schema.ts";
import type { DirectoryIndex, Manifest, OpenOptions } from "./types.ts";

/**
 * Absolute paths of a manifest's Parquet files.
 * @example
 * ```ts
 * parquetPaths(index); // ["/data/.daspool/index-3-123-ab12cd34.parquet"]
 * ```
 */
export function parquetPaths(index: { indexDir: string; manifest: Manifest | null }): string[] {
  return (index.manifest?.parquet ?? []).map((p) => join(index.indexDir, p));
}

/**
 * Reads the committed manifest of `indexDir` (null when there is none or it is from another
 * schema version, which `onWarning` reports) and checks its Parquet files.
 * @throws IndexCorruptError naming the manifest or the missing Parquet file.
 * @example
 * ```ts
 * const manifest = await loadManifest("/data/.daspool"); // null when there is no index yet
 * ```
 */
export async function loadManifest(indexDir: string, onWarning?: (m: string) => void): Promise<Manifest | null> {
  const read = await readManifest(indexDir, SCHEMA_VERSION);
  if (read.state === "absent") return null;
  if (read.state === "otherVersion") {
    onWarning?.(
      `the index in ${indexDir} has schema version ${String(read.schemaVersion)}, this daspool reads ${SCHEMA_VERSION}: ` +
        "it is ignored until update() rebuilds it",
    );
    return null;
  }
  for (const p of parquetPaths({ indexDir, manifest: read.manifest })) {
    if (!existsSync(p)) {
      throw new IndexCorruptError(`the index file ${p} named by ${join(indexDir, MANIFEST_NAME)} is missing`);
    }
  }
  return read.manifest;
}

/**
 * Opens the index of directory `dir` (see `resolveLocation` for where it is looked for). A
 * directory without an index yet opens as an empty index (`manifest: null`).
 * @throws ParameterError when `dir` is not a directory; IndexCorruptError when the manifest is
 * corrupt or names a missing Parquet file.
 * @example
 * ```ts
 * const index = await openIndex("/data/archive");
 * const rows = await queryIndex(index, { predicates: [{ kind: "glob", column: "station", pattern: "B*" }] });
 * ```
 */
export async function openIndex(dir: string, opts: OpenOptions = {}): Promise<DirectoryIndex> {
  const loc = await resolveLocation(dir, opts.indexPath);
  const manifest = await loadManifest(loc.indexDir, opts.onWarning);
  // An open index is opened to be queried: DuckDB starts opening now, while the caller builds its
  // query. Not for a generation with a rows cache: its queries run here, without DuckDB.
  if (manifest && !manifest.rowsCache) startDuckDatabase();
  return { root: loc.root, indexDir: loc.indexDir, manifest };
}

/**
 * Re-reads the manifest of an opened index (after an update by this or another process).
 * @example
 * ```ts
 * index = await refreshIndex(index);
 * ```
 */
export async function refreshIndex(index: DirectoryIndex, onWarning?: (m: string) => void): Promise<DirectoryIndex> {
  return { ...index, manifest: await loadManifest(index.indexDir, onWarning) };
}
