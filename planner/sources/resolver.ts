// The default SourceResolver: memory handles and files (directories arrive with the index).

import type { Patch } from "../../src/patch/Patch.ts";
import { InvalidSpoolError } from "../../src/errors.ts";
import type { SourceResolver } from "../context.ts";
import type { Member, SourceRow } from "../items.ts";
import type { SourceRef } from "../plan.ts";
import { MemoryStore } from "./memory.ts";
import { fileRows, loadFileMember } from "./file.ts";

/** Resolves memory and file sources. One per spool family (spools derived from one another). */
export class DefaultResolver implements SourceResolver {
  constructor(readonly memory: MemoryStore = new MemoryStore()) {}

  async rows(ref: SourceRef): Promise<SourceRow[]> {
    switch (ref.type) {
      case "memory":
        return this.memory.rows(ref.handle);
      case "file":
        return fileRows(ref);
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
