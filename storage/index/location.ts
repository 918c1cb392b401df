// Where a directory's index lives: `indexPath` when given, else `<dir>/.daspool` when it holds an
// index (an index inside the directory wins), else the folder recorded in the user-cache mapping.
import { existsSync, promises as fs } from "node:fs";
import { join, resolve } from "node:path";
import { ParameterError } from "../../src/errors.ts";
import { MANIFEST_NAME } from "./manifest.ts";
import { lookupMapping } from "./mapping.ts";

/** Name of the hidden index folder at a directory's root. */
export const INDEX_FOLDER = ".daspool";

/** A resolved index location. */
export interface IndexLocation {
  /** Absolute real path of the indexed directory. */
  root: string;
  /** Absolute path of the index folder. */
  indexDir: string;
  /** True when the index lives outside `<root>/.daspool`. */
  external: boolean;
}

/**
 * Resolves the index folder of directory `dir`.
 * @throws ParameterError when `dir` is not an existing directory.
 * @example
 * ```ts
 * await resolveLocation("/data/archive"); // { root: "/data/archive", indexDir: "/data/archive/.daspool", external: false }
 * ```
 */
export async function resolveLocation(dir: string, indexPath?: string): Promise<IndexLocation> {
  let root: string;
  try {
    root = await fs.realpath(dir);
    if (!(await fs.stat(root)).isDirectory()) throw new Error("not a directory");
  } catch (cause) {
    throw new ParameterError(`cannot index ${dir}: it may not exist or is not a directory`, { cause });
  }
  const inside = join(root, INDEX_FOLDER);
  if (indexPath !== undefined) {
    const indexDir = resolve(indexPath);
    return { root, indexDir, external: indexDir !== inside };
  }
  if (existsSync(join(inside, MANIFEST_NAME))) return { root, indexDir: inside, external: false };
  const mapped = await lookupMapping(root);
  if (mapped !== undefined && existsSync(join(mapped, MANIFEST_NAME))) return { root, indexDir: mapped, external: true };
  return { root, indexDir: inside, external: false };
}
