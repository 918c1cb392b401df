// Chunk planner errors rewritten for users: the planner names sources by position ("source 33"),
// the user knows files; the message then names the file and how to leave it out.

import { DaspoolError } from "../../src/errors.ts";
import { formatDatetime64 } from "../../src/time.ts";
import type { PatchSummary } from "../../storage/formats/types.ts";
import type { Item } from "../items.ts";

/** A chunk source as the error needs it: its item and its summary (trimmed by selects). */
export interface NamedSource {
  item: Item;
  summary: PatchSummary;
}

/**
 * `e` with "source N" replaced by the file of source N, the span it covers along `dim` and the
 * selects or index exclusions that leave it out. Other errors, and sources that are not one file's
 * patch, are returned as they are.
 */
export function nameSource(e: unknown, sources: readonly NamedSource[], dim: string): unknown {
  if (!(e instanceof DaspoolError)) return e;
  const m = /source (\d+)/.exec(e.message);
  const source = m ? sources[Number(m[1])] : undefined;
  if (!source || source.item.assembly.type !== "single") return e;
  const row = source.item.members[0]!.row;
  if (row.locator.type !== "file") return e;
  const file = row.relPath ?? row.locator.path;
  const c = source.summary.coords[dim];
  const show = (v: bigint | number): string => (typeof v === "bigint" ? formatDatetime64(v) : String(v));
  const hint =
    c && c.min !== null && c.max !== null
      ? `; it spans ${dim} ${show(c.min)} to ${show(c.max)}: leave it out with a select on ${dim} that ends before ` +
        `or starts after that span, or exclude it from the index (update({ exclude: ["${file}"] }), daspool index --exclude ${file})`
      : "";
  const key = row.locator.key ? ` (patch ${row.locator.key})` : "";
  e.message = e.message.replace(m![0], `file ${file}${key}`).replace(/\.$/, "") + hint;
  return e;
}
