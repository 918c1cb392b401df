// The sources a chunk re-plans from (SPEC §6.2 "Composition"): the lineage of the rows it is
// given, each source once, in the order the rows first name it.

import { lineageOf, type Item, type Member } from "../items.ts";

function jsonable(_key: string, v: unknown): unknown {
  return typeof v === "bigint" ? `${v}n` : v;
}

function memberKey(m: Member): string {
  const l = m.row.locator;
  const where = l.type === "file" ? `f:${l.path}#${l.key}` : `m:${l.handle}:${l.index}`;
  return `${where}|${JSON.stringify(m.index, jsonable)}|${JSON.stringify(m.residual, jsonable)}`;
}

/**
 * A key equal for items that read the same samples the same way. Trimming a lineage (a select
 * after a chunk) makes new objects for the same source, so identity alone would count it twice.
 */
export function itemKey(item: Item): string {
  const a = item.assembly;
  switch (a.type) {
    case "single":
      return `s(${memberKey(item.members[0]!)})`;
    case "merge":
      return `m(${JSON.stringify({ ...a }, jsonable)};${item.members.map(memberKey).join(";")})`;
    case "concat":
      return `c(${a.dim},${a.newDim},${JSON.stringify(a.window ?? null, jsonable)};${a.parts.map(itemKey).join(";")})`;
  }
}

/** The distinct sources beneath `items`, in order of first appearance. */
export function chunkSourcesOf(items: readonly Item[]): Item[] {
  const seen = new Set<Item>();
  const keys = new Set<string>();
  const out: Item[] = [];
  for (const item of items) {
    for (const source of lineageOf(item)) {
      if (seen.has(source)) continue;
      seen.add(source);
      const key = itemKey(source);
      if (keys.has(key)) continue;
      keys.add(key);
      out.push(source);
    }
  }
  return out;
}
