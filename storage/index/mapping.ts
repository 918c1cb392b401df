// The user-cache record of external indexes: directory → indexPath, in
// `$XDG_CACHE_HOME/daspool/index-map.json` (or `~/.cache/daspool`). A corrupt file is ignored.
import { promises as fs } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { tmpToken } from "./manifest.ts";

interface MappingFile {
  version: 1;
  entries: Record<string, string>;
}

/**
 * Folder of daspool's user cache.
 * @example
 * ```ts
 * cacheDir(); // "/home/me/.cache/daspool"
 * ```
 */
export function cacheDir(): string {
  const xdg = process.env["XDG_CACHE_HOME"];
  return join(xdg && xdg.length > 0 ? xdg : join(homedir(), ".cache"), "daspool");
}

/**
 * Path of the mapping file.
 * @example
 * ```ts
 * mappingFile(); // "/home/me/.cache/daspool/index-map.json"
 * ```
 */
export function mappingFile(): string {
  return join(cacheDir(), "index-map.json");
}

async function readEntries(): Promise<Record<string, string>> {
  try {
    const parsed = JSON.parse(await fs.readFile(mappingFile(), "utf8")) as Partial<MappingFile> | null;
    const entries = parsed?.entries;
    if (parsed?.version !== 1 || entries === null || typeof entries !== "object") return {};
    return Object.fromEntries(Object.entries(entries).filter(([, v]) => typeof v === "string"));
  } catch {
    return {}; // missing or corrupt: ignored (and rewritten by the next record)
  }
}

/**
 * The index folder recorded for directory `root` (an absolute, real path), if any.
 * @example
 * ```ts
 * await lookupMapping("/data/archive"); // "/fast/ssd/archive-index" | undefined
 * ```
 */
export async function lookupMapping(root: string): Promise<string | undefined> {
  return (await readEntries())[root];
}

/**
 * Records `root → indexDir` (atomically; a corrupt mapping file is replaced).
 * @example
 * ```ts
 * await recordMapping("/data/archive", "/fast/ssd/archive-index");
 * ```
 */
export async function recordMapping(root: string, indexDir: string): Promise<void> {
  const entries = await readEntries();
  if (entries[root] === indexDir) return;
  entries[root] = indexDir;
  const file = mappingFile();
  await fs.mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${tmpToken()}.tmp`;
  try {
    await fs.writeFile(tmp, JSON.stringify({ version: 1, entries } satisfies MappingFile, null, 1));
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
