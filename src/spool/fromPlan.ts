// dc.spoolFromPlan(): rebuilds a spool from `spool.toJSON()` in another thread, process or
// machine that sees the same files.

import { ParameterError } from "../errors.ts";
import type { LogicalPlan } from "../../planner/plan.ts";
import { chainOf } from "../../planner/plan.ts";
import { Spool } from "./Spool.ts";
import type { Patch } from "../patch/Patch.ts";
import { newEnv } from "./env.ts";

function reviveBigints(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_k, v) =>
    v && typeof v === "object" && typeof v.$bigint === "string" && Object.keys(v).length === 1 ? BigInt(v.$bigint) : v,
  );
}

/**
 * Rebuilds a spool from its JSON plan. Plans over in-memory patches or with function map tasks
 * cannot travel (their data lives in the original thread) and are rejected. Typed `Spool<Patch>`;
 * a plan that ends in a map of another result type names it: `spoolFromPlan<number>(json)`.
 *
 * @example
 * ```ts
 * const json = JSON.stringify(dc.spool("/archive").select({ station: "A*" }));
 * const again = dc.spoolFromPlan(JSON.parse(json));
 * ```
 */
export function spoolFromPlan<T = Patch>(json: unknown): Spool<T> {
  const doc = (typeof json === "string" ? JSON.parse(json) : json) as { daspoolPlan?: number; plan?: unknown };
  if (!doc || doc.daspoolPlan !== 1 || typeof doc.plan !== "object") {
    throw new ParameterError("spoolFromPlan expects the output of spool.toJSON()");
  }
  const plan = reviveBigints(doc.plan) as LogicalPlan;
  for (const node of chainOf(plan)) {
    if (node.kind === "source" && node.source.type === "memory") {
      throw new ParameterError("a plan over in-memory patches cannot be rebuilt elsewhere; write the patches to files first");
    }
    if (node.kind === "map" && node.spec.task.type === "function") {
      throw new ParameterError("a plan with a function map task cannot be rebuilt elsewhere; use dc.workerTask()");
    }
  }
  return new Spool<T>(plan, newEnv());
}
