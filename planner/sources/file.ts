// Single-file sources: rows from the format's scan (metadata only), members read as hyperslabs.

import { basename } from "node:path";
import { readPatch, scanFile } from "../../storage/formats/registry.ts";
import { patchFromRaw } from "../../src/patch/fromRaw.ts";
import type { Patch } from "../../src/patch/Patch.ts";
import { StridedArray } from "../../src/patch/StridedArray.ts";
import type { ReadTarget, TypedArray } from "../../storage/formats/types.ts";
import type { Member, SourceRow } from "../items.ts";
import type { SourceRef } from "../plan.ts";
import { applyMember } from "./applyMember.ts";

/** Rows of a file: one per patch inside it, each with its key. */
export async function fileRows(ref: Extract<SourceRef, { type: "file" }>): Promise<SourceRow[]> {
  const scan = await scanFile(ref.path, { format: ref.format, formatVersion: ref.formatVersion });
  return scan.patches.map((summary) => ({
    locator: { type: "file", path: ref.path, key: summary.key, format: scan.format, version: scan.version },
    summary,
    relPath: basename(ref.path),
  }));
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
  const raw = await readPatch(l.path, l.key, { format: l.format, version: l.version }, member.index, into);
  if (!into) return applyMember(patchFromRaw(raw), member, true);
  if (Object.keys(member.residual).length > 0) throw new Error("loadFileMember: a read target needs a member without residual ranges");
  // Patch takes a strided view as its data (shared, not copied): the block as it lies in `into`.
  const view = new StridedArray(into.data, into.offset, raw.shape, into.strides);
  return patchFromRaw({ ...raw, data: view as unknown as TypedArray });
}
