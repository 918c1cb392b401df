// Single-file sources: rows from the format's scan (metadata only), members read as hyperslabs.

import { basename } from "node:path";
import { readPatch, scanFile } from "../../storage/formats/registry.ts";
import { patchFromRaw } from "../../src/patch/fromRaw.ts";
import type { Patch } from "../../src/patch/Patch.ts";
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

/** Reads a member's hyperslab from its file, then applies residual value ranges. */
export async function loadFileMember(member: Member): Promise<Patch> {
  const l = member.row.locator;
  if (l.type !== "file") throw new Error("loadFileMember needs a file locator");
  const raw = await readPatch(l.path, l.key, { format: l.format, version: l.version }, member.index);
  return applyMember(patchFromRaw(raw), member, true);
}
