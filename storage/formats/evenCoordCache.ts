// Remembers coordinates found evenly sampled, per file version, so a scan followed by a read of the
// same file (dc.read, spool.collect) reads and checks a long coordinate array once, not twice.
import { statSync } from "node:fs";
import type { RawCoordRange } from "./types.ts";

/** Enough for every coordinate of a few hundred recent files; entries are a few hundred bytes. */
const MAX_ENTRIES = 1024;
const cache = new Map<string, RawCoordRange>();

/**
 * The identity of the file's current content (size and ns modification time), or null when it
 * cannot be stat'ed. A rewritten file gets a new identity, so stale entries are never found.
 */
export function fileVersion(path: string): string | null {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`;
  } catch {
    return null;
  }
}

/** The cached range coordinate `name` of file version `version`, if one was stored. */
export function cachedRange(version: string | null, path: string, name: string): RawCoordRange | undefined {
  if (version === null) return undefined;
  return cache.get(`${version}\0${path}\0${name}`);
}

/** Stores a range coordinate (arrays are not cached: they are large and need their values anyway). */
export function storeRange(version: string | null, path: string, name: string, coord: RawCoordRange): void {
  if (version === null) return;
  const key = `${version}\0${path}\0${name}`;
  cache.delete(key);
  cache.set(key, coord);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
}
