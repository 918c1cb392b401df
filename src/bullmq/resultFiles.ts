// Patch results of remote map jobs travel as DASDAE files in a shared folder: written by the
// worker under a fixed name per item (temp file + rename, so a retry or a duplicate run of the same
// job replaces the file whole), read back by the coordinator.

import { randomUUID } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { read, write } from "../io.ts";
import type { Patch } from "../patch/Patch.ts";

/**
 * Writes `patch` to `dir/name` atomically: readers see no file or a whole one, never a partial
 * write. The temporary name is hidden (a leading dot), so an index over `dir` skips it.
 *
 * @example
 * ```ts
 * await writeResultPatch(patch, "/shared/results", "3f2a-000007.h5"); // "/shared/results/3f2a-000007.h5"
 * ```
 */
export async function writeResultPatch(patch: Patch, dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const final = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await write(patch, temp, { format: "DASDAE" });
    await rename(temp, final);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return final;
}

/** Reads a result file back as the patch the task returned. */
export async function readResultPatch(path: string): Promise<Patch> {
  const patches = await read(path, { format: "DASDAE" });
  if (patches.length !== 1) throw new Error(`result file ${path} holds ${patches.length} patches, expected 1`);
  return patches[0]!;
}
