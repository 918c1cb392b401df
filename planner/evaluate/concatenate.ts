// Evaluates concatenate on planned items (SPEC §6.3): groups of n (or all) joined along an
// existing dimension as they are, or stacked on a new last dimension.

import { PatchCoordinateError } from "../../src/errors.ts";
import type { Item } from "../items.ts";
import { concatItem } from "./trim.ts";

/** Joins items in groups of `groupSize` (null: all into one) along `dim`. */
export function evaluateConcatenate(items: readonly Item[], dim: string, groupSize: number | null): Item[] {
  if (items.length === 0) return [];
  const size = groupSize ?? items.length;
  const out: Item[] = [];
  for (let i = 0; i < items.length; i += size) {
    const parts = items.slice(i, i + size);
    const dims = parts[0]!.summary.dims.join(",");
    for (const p of parts) {
      if (p.summary.dims.join(",") !== dims) {
        throw new PatchCoordinateError(
          `cannot concatenate patches with different dimensions: (${dims}) and (${p.summary.dims.join(",")})`,
        );
      }
    }
    const newDim = !parts[0]!.summary.dims.includes(dim);
    out.push(concatItem(parts, dim, newDim));
  }
  return out;
}
