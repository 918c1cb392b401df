// Runs a spool's plan: optimize, plan outputs from metadata, then stream them.

import type { Spool } from "./Spool.ts";
import { optimize } from "../../planner/optimizer.ts";
import { planOutputs, type PlannedOutputs } from "../../planner/pipeline.ts";
import { runOutputs } from "../../planner/execute.ts";
import type { RunContext } from "../../planner/context.ts";
import type { OptimizerContext } from "../../planner/rules/rule.ts";
import type { StageCounters } from "../../planner/explain/counters.ts";

/** The run context of a spool. */
export function contextOf(spool: Spool, counters?: StageCounters, signal?: AbortSignal): RunContext {
  return {
    sources: spool.env.resolver,
    functions: spool.env.functions,
    hooks: spool.env.hooks,
    counters,
    signal,
  };
}

/** Plans a spool's outputs from metadata without loading samples. */
export async function planOnly(
  spool: Spool,
  purpose: OptimizerContext["purpose"],
  counters?: StageCounters,
): Promise<PlannedOutputs> {
  const { plan } = optimize(spool.plan, { purpose });
  return planOutputs(plan, contextOf(spool, counters));
}

/** Streams a spool's outputs in order. */
export async function* runPlan(spool: Spool, counters?: StageCounters): AsyncGenerator<unknown> {
  const ctx = contextOf(spool, counters);
  const { plan } = optimize(spool.plan, { purpose: "items" });
  yield* runOutputs(await planOutputs(plan, ctx), ctx);
}
