// The manifest (manifest.json in the index folder): reading it strictly, and committing a new one
// atomically (temporary name, fsync, rename, fsync of the folder). Its rename is the commit point.
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { IndexCorruptError } from "../../src/errors.ts";
import type { Manifest } from "./types.ts";

/** File name of the manifest inside the index folder. */
export const MANIFEST_NAME = "manifest.json";

/** Result of reading a manifest: absent, from another schema version, or usable. */
export type ManifestRead =
  | { state: "absent" }
  | { state: "otherVersion"; schemaVersion: unknown }
  | { state: "ok"; manifest: Manifest };

function isConstants(c: unknown): boolean {
  return c !== null && typeof c === "object" && !Array.isArray(c) && Object.values(c).every((v) => v === null || typeof v === "string");
}

function isGlobs(g: unknown): boolean {
  return g === undefined || (Array.isArray(g) && g.every((s) => typeof s === "string"));
}

function isRowsCache(r: unknown): boolean {
  if (r === undefined || r === null) return true;
  const o = r as { file?: unknown; bytes?: unknown; parquetBytes?: unknown } | null;
  return !!o && typeof o.file === "string" && !o.file.includes("/") && !o.file.includes("\\") && Number.isInteger(o.bytes) && Number.isInteger(o.parquetBytes);
}

function isManifest(m: unknown): m is Manifest {
  if (m === null || typeof m !== "object") return false;
  const o = m as Record<string, unknown>;
  return (
    typeof o["generation"] === "number" &&
    Array.isArray(o["parquet"]) &&
    (o["parquet"] as unknown[]).every((p) => typeof p === "string" && !p.includes("/") && !p.includes("\\")) &&
    typeof o["rows"] === "number" &&
    o["coords"] !== null &&
    typeof o["coords"] === "object" &&
    Array.isArray(o["failed"]) &&
    Array.isArray(o["empty"]) &&
    (o["constants"] === undefined || isConstants(o["constants"])) &&
    isRowsCache(o["rowsCache"]) &&
    isGlobs(o["include"]) &&
    isGlobs(o["exclude"])
  );
}

/**
 * Reads `<indexDir>/manifest.json`.
 * @throws IndexCorruptError naming the file when it is unreadable, not JSON or malformed.
 * @example
 * ```ts
 * const r = await readManifest("/data/.daspool"); // { state: "ok", manifest } | { state: "absent" } | ...
 * ```
 */
export async function readManifest(indexDir: string, expectedVersion: number): Promise<ManifestRead> {
  const file = join(indexDir, MANIFEST_NAME);
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return { state: "absent" };
    throw new IndexCorruptError(`cannot read the index manifest ${file}`, { cause });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new IndexCorruptError(`the index manifest ${file} is not valid JSON`, { cause });
  }
  const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== expectedVersion) return { state: "otherVersion", schemaVersion: version };
  if (!isManifest(parsed)) throw new IndexCorruptError(`the index manifest ${file} is malformed (missing or wrong fields)`);
  return { state: "ok", manifest: parsed };
}

/**
 * A unique suffix for temporary files of this process.
 * @example
 * ```ts
 * tmpToken(); // "4242-9f3a0c1e"
 * ```
 */
export function tmpToken(): string {
  // The global Web Crypto, not an import of node:crypto: loading that module cost a cold
  // index query 3-8 ms, and only writers need a token.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(4));
  return `${process.pid}-${Buffer.from(bytes).toString("hex")}`;
}

/**
 * fsync a file or folder by path (folders: so a rename inside it is durable).
 * @example
 * ```ts
 * await fsyncPath("/data/.daspool");
 * ```
 */
export async function fsyncPath(path: string): Promise<void> {
  const fh = await fs.open(path, "r");
  try {
    await fh.sync();
  } catch {
    // Some file systems refuse fsync on folders; the rename is still atomic there.
  } finally {
    await fh.close();
  }
}

/**
 * Writes `manifest` as `<indexDir>/manifest.json` atomically: readers see the old or the new one.
 * @example
 * ```ts
 * await commitManifest("/data/.daspool", manifest);
 * ```
 */
export async function commitManifest(indexDir: string, manifest: Manifest): Promise<void> {
  const final = join(indexDir, MANIFEST_NAME);
  const tmp = `${final}.${tmpToken()}.tmp`;
  try {
    const fh = await fs.open(tmp, "wx");
    try {
      await fh.writeFile(JSON.stringify(manifest, null, 1));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, final);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await fsyncPath(indexDir);
}
