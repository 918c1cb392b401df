// In-memory sources: patches held by handle, their rows summarised once, members loaded as
// selections of the held patches (views where the layout allows, no copies of whole arrays).

import type { Patch } from "../../src/patch/Patch.ts";
import { summarizePatch } from "../../src/patch/fromRaw.ts";
import type { Member, SourceRow } from "../items.ts";
import { applyMember } from "./applyMember.ts";

let nextHandle = 0;

/** Holds in-memory patches by handle; shared by a spool and the spools derived from it. */
export class MemoryStore {
  private readonly patches = new Map<string, readonly Patch[]>();
  private readonly rowCache = new Map<string, SourceRow[]>();

  /** Registers patches and returns their handle. */
  add(patches: readonly Patch[]): string {
    const handle = `mem${nextHandle++}`;
    this.patches.set(handle, patches);
    return handle;
  }

  /** The patches behind a handle. */
  get(handle: string): readonly Patch[] {
    const p = this.patches.get(handle);
    if (!p) throw new Error(`in-memory source ${handle} is not available in this thread`);
    return p;
  }

  /** One row per patch, summarised once per handle. */
  rows(handle: string): SourceRow[] {
    let rows = this.rowCache.get(handle);
    if (!rows) {
      rows = this.get(handle).map((p, index) => ({
        locator: { type: "memory", handle, index },
        summary: summarizePatch(p),
      }));
      this.rowCache.set(handle, rows);
    }
    return rows;
  }

  /** Loads a member: the held patch narrowed to the member's hyperslab and residual ranges. */
  load(member: Member): Patch {
    const l = member.row.locator;
    if (l.type !== "memory") throw new Error("MemoryStore.load needs a memory locator");
    return applyMember(this.get(l.handle)[l.index]!, member);
  }
}
