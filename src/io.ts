// dc.read / dc.write / dc.getFormat: whole-file helpers over the format registry (SPEC §7).

import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { getFormat as detectFormat, readFile, writeFile } from "../storage/formats/registry.ts";
import type { FormatId } from "../storage/formats/types.ts";
import { Patch } from "./patch/Patch.ts";
import { patchFromRaw, patchToRaw } from "./patch/fromRaw.ts";
import { ParameterError } from "./errors.ts";
import { Spool } from "./spool/Spool.ts";
import { spool as makeSpool } from "./spool/createSpool.ts";
import type { UserSelectValue } from "../planner/query.ts";

/** Options of {@link read}. */
export interface ReadOptions {
  format?: string;
  formatVersion?: string;
  /** Coordinate ranges to read (only these samples are read from disk). */
  select?: Readonly<Record<string, UserSelectValue>>;
}

/**
 * Reads every patch of a file.
 *
 * @example
 * ```ts
 * const [patch] = await dc.read("shot.hdf5", { select: { time: [t0, t1] } });
 * ```
 */
export async function read(path: string, options: ReadOptions = {}): Promise<Patch[]> {
  if (!options.select) {
    const raws = await readFile(path, { format: options.format, formatVersion: options.formatVersion });
    return raws.map(patchFromRaw);
  }
  const sp = makeSpool(path, { format: options.format, formatVersion: options.formatVersion }).select(options.select);
  return (await sp.collect()) as Patch[];
}

/**
 * Detects a file's format.
 *
 * @example
 * ```ts
 * await dc.getFormat("dispersion_event.h5"); // { format: "DASDAE", version: "1" }
 * ```
 * @throws UnknownFormatError when no format recognises the file.
 */
export async function getFormat(path: string): Promise<FormatId> {
  return detectFormat(path);
}

/** Options of {@link write}. */
export interface WriteOptions {
  /** Output format; only "DASDAE" is writable today. */
  format?: string;
}

/**
 * Writes a patch or every patch of a spool to one file (parent folders are created).
 *
 * @example
 * ```ts
 * await dc.write(dc.getExamplePatch(), "/tmp/example.h5", { format: "DASDAE" });
 * ```
 */
export async function write(data: Patch | Spool, path: string, options: WriteOptions = {}): Promise<void> {
  let patches: Patch[];
  if (data instanceof Patch) patches = [data];
  else if (data instanceof Spool) patches = (await data.collect()) as Patch[];
  else throw new ParameterError(`write expects a Patch or a Spool, got ${typeof data}`);
  await mkdir(dirname(resolve(path)), { recursive: true });
  await writeFile(patches.map(patchToRaw), path, options.format ?? "DASDAE");
}
