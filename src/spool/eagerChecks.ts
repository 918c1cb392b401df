// Checks that can run when a spool is built, not when it runs: over in-memory patches the
// columns and coordinates are known synchronously, so a bad key fails at the call that made it.

import type { Spool } from "./Spool.ts";
import { chainOf, sourceOf } from "../../planner/plan.ts";
import { itemFromRow, type Item } from "../../planner/items.ts";
import { knownCoordinates } from "../../planner/evaluate/columns.ts";

/** The source items of a spool over memory patches with no map in its plan, else null. */
export function memoryItems(spool: Spool): Item[] | null {
  const source = sourceOf(spool.plan);
  if (source.type !== "memory" || chainOf(spool.plan).some((n) => n.kind === "map")) return null;
  return spool.env.resolver.memory.rows(source.handle).map(itemFromRow);
}

/** Coordinate names of a memory spool's patches (time and distance otherwise). */
export function memoryCoordinates(spool: Spool): Set<string> {
  const items = memoryItems(spool);
  return items && items.length > 0 ? knownCoordinates(items) : new Set(["time", "distance"]);
}
