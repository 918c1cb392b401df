// dc.spool(): turns patches, a spool, a file path or a directory path into a Spool (SPEC §5).

import { statSync } from "node:fs";
import { resolve } from "node:path";
import { InvalidSpoolError } from "../errors.ts";
import { Patch } from "../patch/Patch.ts";
import { Spool } from "./Spool.ts";
import { newEnv } from "./env.ts";

/** Options of {@link spool}. */
export interface SpoolOptions {
  /** Force a file format (DASCore name, case-insensitive) instead of detecting it. */
  format?: string;
  /** Force a format version. */
  formatVersion?: string;
  /** Keep a directory's index here instead of `<dir>/.daspool/` (needed for a read-only directory). */
  indexPath?: string;
  /**
   * Unix globs of the files a directory's index takes (a pattern without `/` matches the file
   * name, one with `/` the path under the directory). Used when the index is built or updated by
   * this spool, and recorded in the index. Known sidecar files (.xml, .json, .log, .txt,
   * .tdms_index, ...) are always skipped.
   */
  include?: readonly string[];
  /** Unix globs of files the directory's index leaves out (see `include`). */
  exclude?: readonly string[];
}

/**
 * Makes a spool of patches, synchronously and without reading data. A `Spool` given is returned
 * as is (typed `Spool<Patch>`: pass a spool of patches).
 *
 * @example
 * ```ts
 * const a = dc.spool([patch1, patch2]);          // in memory
 * const b = dc.spool("/data/das/shot.h5");        // one file, format detected
 * const c = dc.spool("/data/das/archive/");        // a directory, over its index
 * ```
 * @throws InvalidSpoolError "may not exist" for a missing path, "could not get spool from" for
 * any other unsupported value.
 */
export function spool(source: unknown, options: SpoolOptions = {}): Spool<Patch> {
  if (source instanceof Spool) return source as Spool<Patch>;
  if (source instanceof Patch) return memorySpool([source]);
  if (Array.isArray(source)) {
    const bad = source.findIndex((p) => !(p instanceof Patch));
    if (bad >= 0) {
      throw new InvalidSpoolError(`could not get spool from an array whose item ${bad} is not a Patch`);
    }
    return memorySpool(source as Patch[]);
  }
  if (typeof source === "string" || source instanceof URL) {
    const path = resolve(source instanceof URL ? source.pathname : source);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (cause) {
      throw new InvalidSpoolError(`could not get spool from ${path}: the path may not exist`, { cause });
    }
    const env = newEnv();
    if (isDir) {
      const globs = {
        ...(options.include ? { include: [...options.include] } : {}),
        ...(options.exclude ? { exclude: [...options.exclude] } : {}),
      };
      return new Spool<Patch>({ kind: "source", source: { type: "directory", path, indexPath: options.indexPath, ...globs } }, env);
    }
    return new Spool<Patch>(
      { kind: "source", source: { type: "file", path, format: options.format, formatVersion: options.formatVersion } },
      env,
    );
  }
  throw new InvalidSpoolError(`could not get spool from ${describe(source)}`);
}

function memorySpool(patches: readonly Patch[]): Spool<Patch> {
  const env = newEnv();
  const handle = env.resolver.memory.add(patches);
  return new Spool<Patch>({ kind: "source", source: { type: "memory", handle, count: patches.length } }, env);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "object") return `a ${(v as object).constructor?.name ?? "object"}`;
  return `${typeof v} ${String(v)}`;
}
