// Evaluates concatenate on planned items (SPEC §6.3): groups of n (or all) joined along an
// existing dimension as they are, or stacked on a new last dimension. Parts whose other
// coordinates differ raise CoordMergeError (DASCore drops them with a warning; daspool never
// loses or mislabels samples).

import { CoordMergeError, PatchCoordinateError } from "../../src/errors.ts";
import type { CoordSummary } from "../../storage/formats/types.ts";
import type { Item } from "../items.ts";
import { compareValues } from "../coordMath.ts";
import { concatItem } from "./trim.ts";

/**
 * Joins items in groups of `groupSize` (null: all into one) along `dim`. Every item is checked
 * against the first one of the spool, whatever its group: DASCore picks the patches compatible
 * with the spool's first before grouping (and drops the rest, where daspool raises).
 */
export function evaluateConcatenate(items: readonly Item[], dim: string, groupSize: number | null): Item[] {
  if (items.length === 0) return [];
  const dims = items[0]!.summary.dims.join(",");
  for (const p of items) {
    if (p.summary.dims.join(",") !== dims) {
      throw new PatchCoordinateError(
        `cannot concatenate patches with different dimensions: (${dims}) and (${p.summary.dims.join(",")})`,
      );
    }
  }
  const newDim = !items[0]!.summary.dims.includes(dim);
  checkOtherCoords(items, newDim ? null : dim, 0);
  const size = groupSize ?? items.length;
  const out: Item[] = [];
  for (let i = 0; i < items.length; i += size) out.push(concatItem(items.slice(i, i + size), dim, newDim));
  return out;
}

function sameValue(a: CoordSummary[keyof CoordSummary], b: CoordSummary[keyof CoordSummary]): boolean {
  if (a === b) return true;
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) {
    return compareValues(a, b) === 0;
  }
  return false;
}

/** Describes a part for an error: its source file(s) or memory position, and its place. */
export function describePart(item: Item, position: number): string {
  const where = [...new Set(item.members.map((m) => {
    const l = m.row.locator;
    return l.type === "file" ? l.path + (l.key ? `#${l.key}` : "") : `memory[${l.index}]`;
  }))];
  return `patch ${position} (${where.join(", ")})`;
}

/** Every dimension but the joined one must have the same coordinate in every part. */
function checkOtherCoords(parts: readonly Item[], dim: string | null, offset: number): void {
  const head = parts[0]!.summary;
  for (const d of head.dims) {
    if (d === dim) continue;
    const a = head.coords[d];
    for (let k = 1; k < parts.length; k++) {
      const b = parts[k]!.summary.coords[d];
      const fields = ["length", "min", "max", "step", "units"] as const;
      const bad = fields.find((f) => !sameValue(a?.[f], b?.[f]));
      if (bad === undefined) continue;
      throw new CoordMergeError(
        `cannot concatenate along ${dim ?? "a new dimension"}: coordinate '${d}' differs ` +
          `(${bad} ${String(a?.[bad])} vs ${String(b?.[bad])}) between ` +
          `${describePart(parts[0]!, offset)} and ${describePart(parts[k]!, offset + k)}`,
      );
    }
  }
}
