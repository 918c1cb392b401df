// The default SourceResolver: memory handles and files (directories arrive with the index).

import { stat } from "node:fs/promises";
import type { Patch } from "../../src/patch/Patch.ts";
import { InvalidSpoolError } from "../../src/errors.ts";
import type { SourceResolver } from "../context.ts";
import type { Member, SourceRow } from "../items.ts";
import type { SourceRef } from "../plan.ts";
import { MemoryStore } from "./memory.ts";
import { fileRows, loadFileMember } from "./file.ts";

/** Resolves memory and file sources. One per spool family (spools derived from one another). */
export class DefaultResolver implements SourceResolver {
  /** Scanned rows per file, reused while the file's size and mtime are unchanged. */
  private readonly fileCache = new Map<string, { stamp: string; rows: SourceRow[] }>();

  constructor(readonly memory: MemoryStore = new MemoryStore()) {}

  private async cachedFileRows(ref: Extract<SourceRef, { type: "file" }>): Promise<SourceRow[]> {
    const key = JSON.stringify([ref.path, ref.format ?? null, ref.formatVersion ?? null]);
    let stamp = "";
    try {
      const st = await stat(ref.path);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      // A vanished file is reported by the format layer with its own error.
    }
    const hit = this.fileCache.get(key);
    if (hit && stamp && hit.stamp === stamp) return hit.rows;
    const rows = await fileRows(ref);
    if (stamp) this.fileCache.set(key, { stamp, rows });
    return rows;
  }

  async rows(ref: SourceRef): Promise<SourceRow[]> {
    switch (ref.type) {
      case "memory":
        return this.memory.rows(ref.handle);
      case "file":
        return this.cachedFileRows(ref);
      case "directory":
        throw new InvalidSpoolError(`directory spools need the index (not built yet): ${ref.path}`);
    }
  }

  async load(member: Member): Promise<Patch> {
    return member.row.locator.type === "memory" ? this.memory.load(member) : loadFileMember(member);
  }

  describe(ref: SourceRef): string {
    switch (ref.type) {
      case "memory":
        return `memory (${ref.count} patches)`;
      case "file":
        return `file ${ref.path}${ref.format ? ` as ${ref.format}` : ""}`;
      case "directory":
        return `directory ${ref.path}${ref.indexPath ? ` (index at ${ref.indexPath})` : ""}`;
    }
  }

  adopt(patches: readonly Patch[]): SourceRow[] {
    return this.memory.rows(this.memory.add(patches));
  }
}
