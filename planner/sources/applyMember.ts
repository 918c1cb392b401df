// Narrows a loaded patch to what a member asks: sample-index ranges, then residual value ranges.

import type { Patch } from "../../src/patch/Patch.ts";
import type { Member } from "../items.ts";

/** Applies a member's index selection (skipping dims already read as a hyperslab) and residuals. */
export function applyMember(patch: Patch, member: Member, alreadySliced = false): Patch {
  let out = patch;
  if (!alreadySliced && Object.keys(member.index).length > 0) {
    const query: Record<string, [number, number]> = {};
    for (const [dim, [i0, i1]] of Object.entries(member.index)) query[dim] = [i0, i1];
    out = out.select(query, { samples: true });
  }
  if (Object.keys(member.residual).length > 0) {
    const query: Record<string, [bigint | number | null, bigint | number | null]> = {};
    for (const [dim, [lo, hi]] of Object.entries(member.residual)) query[dim] = [lo, hi];
    out = out.select(query);
  }
  return out;
}
