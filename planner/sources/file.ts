// Single-file sources: rows from the format's scan (metadata only), members read as hyperslabs.

import { existsSync } from "node:fs";
import { basename } from "node:path";
import { CorruptFileError } from "../../src/errors.ts";
import { readPatch, scanFile } from "../../storage/formats/registry.ts";
import { fileVersion } from "../../storage/formats/evenCoordCache.ts";
import { patchFromRaw } from "../../src/patch/fromRaw.ts";
import type { Patch } from "../../src/patch/Patch.ts";
import { StridedArray } from "../../src/patch/StridedArray.ts";
import type { ReadTarget, TypedArray } from "../../storage/formats/types.ts";
import type { Member, SourceRow } from "../items.ts";
import type { SourceRef } from "../plan.ts";
import { applyMember } from "./applyMember.ts";

// Rows of recently scanned files, across spools, per file version (device, inode, size, ns
// mtime): `dc.read(path, { select })` in a loop over windows of one file makes a new spool per
// call, and detection + scan cost ~13 ms each time, as much as reading a 10 % slice.
const ROWS_ENTRIES = 256;
const rowsCache = new Map<string, SourceRow[]>();

/** Rows of a file: one per patch inside it, each with its key. */
export async function fileRows(ref: Extract<SourceRef, { type: "file" }>): Promise<SourceRow[]> {
  const version = fileVersion(ref.path);
  const key = JSON.stringify([version, ref.path, ref.format ?? null, ref.formatVersion ?? null]);
  const hit = version === null ? undefined : rowsCache.get(key);
  if (hit) return hit;
  const scan = await scanFile(ref.path, { format: ref.format, formatVersion: ref.formatVersion });
  const rows: SourceRow[] = scan.patches.map((summary) => ({
    locator: { type: "file", path: ref.path, key: summary.key, format: scan.format, version: scan.version },
    summary,
    relPath: basename(ref.path),
  }));
  if (version !== null) {
    rowsCache.set(key, rows);
    if (rowsCache.size > ROWS_ENTRIES) rowsCache.delete(rowsCache.keys().next().value!);
  }
  return rows;
}

/**
 * Reads a member's hyperslab from its file, then applies residual value ranges. With `into`
 * (assembly's output, a caller's buffer) the samples are read straight there and the patch views
 * them — no array of its own; `into` is then for members without residual ranges, whose shape
 * the row and the index selection give before reading.
 */
export async function loadFileMember(member: Member, into?: ReadTarget): Promise<Patch> {
  const l = member.row.locator;
  if (l.type !== "file") throw new Error("loadFileMember needs a file locator");
  const recipe = member.row.summary.recipe;
  const indexed = recipe && l.identity ? { recipe, identity: l.identity } : undefined;
  const raw = await readPatch(l.path, l.key, { format: l.format, version: l.version }, member.index, into, indexed).catch((cause: unknown) => {
    // A file listed by a directory's index and deleted since reads as "does not exist": say why.
    if (existsSync(l.path)) throw cause;
    throw new CorruptFileError(
      `${l.path} no longer exists; if it was listed by a directory's index, the index is stale: ` +
        "bring it up to date with spool.update() (daspool index DIR)",
      { cause },
    );
  });
  if (!into) return applyMember(patchFromRaw(raw), member, true);
  if (Object.keys(member.residual).length > 0) throw new Error("loadFileMember: a read target needs a member without residual ranges");
  // Patch takes a strided view as its data (shared, not copied): the block as it lies in `into`.
  const view = new StridedArray(into.data, into.offset, raw.shape, into.strides);
  return patchFromRaw({ ...raw, data: view as unknown as TypedArray });
}
