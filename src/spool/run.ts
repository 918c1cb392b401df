// Runs a spool's plan: optimize, plan outputs from metadata, then stream them.

import { Spool } from "./Spool.ts";
import { deriveEnv } from "./env.ts";
import { optimize, type OptimizeResult } from "../../planner/optimizer.ts";
import { sourceOf } from "../../planner/plan.ts";
import { planOutputs, prestartFor, type PlannedOutputs } from "../../planner/pipeline.ts";
import { runOutputs } from "../../planner/execute.ts";
import type { RunContext } from "../../planner/context.ts";
import type { OptimizerContext } from "../../planner/rules/rule.ts";
import type { StageCounters } from "../../planner/explain/counters.ts";
import type { Item } from "../../planner/items.ts";

/** The run context of a spool. */
export function contextOf(
  spool: Spool,
  counters?: StageCounters,
  signal?: AbortSignal,
  materialized: Map<string, Item[]> = new Map(),
): RunContext {
  return {
    sources: spool.env.resolver,
    functions: spool.env.functions,
    hooks: spool.env.hooks,
    counters,
    signal,
    materialized,
  };
}

/** Map results shared by the planning passes of one terminal call (see RunContext.materialized). */
export type CallMemo = Map<string, Item[]>;

/** Optimizes a spool's plan, with the source's schema when it has an index (for pushdown). */
export async function optimizeSpool(
  spool: Spool,
  purpose: OptimizerContext["purpose"],
  disabledRules?: readonly string[],
): Promise<OptimizeResult> {
  const schema = (await spool.env.resolver.schema(sourceOf(spool.plan))) ?? undefined;
  return optimize(spool.plan, { purpose, schema, disabledRules: [...spool.env.disabledRules, ...(disabledRules ?? [])] });
}

/** @internal The same spool, run without some optimizer rules (to compare results). */
export function withDisabledRules<T>(spool: Spool<T>, rules: readonly string[]): Spool<T> {
  return new Spool<T>(spool.plan, deriveEnv(spool.env, false, new Set([...spool.env.disabledRules, ...rules])));
}

/** Plans a spool's outputs from metadata without loading samples. */
export async function planOnly(
  spool: Spool,
  purpose: OptimizerContext["purpose"],
  counters?: StageCounters,
): Promise<PlannedOutputs> {
  const { plan } = await optimizeSpool(spool, purpose);
  return planOutputs(plan, contextOf(spool, counters));
}

/** Counts outputs: a plan reduced to an indexed source is a COUNT(*) in the index. */
export async function countOutputs(spool: Spool, memo?: CallMemo): Promise<number> {
  const ctx = contextOf(spool, undefined, undefined, memo);
  const release = await prestartFor(spool.plan, ctx, true);
  try {
    const { plan } = await optimizeSpool(spool, "count");
    const over = plan.kind === "map" ? plan.input : plan;
    if (over.kind === "source") {
      await release();
      return await spool.env.resolver.count(over.source);
    }
    return (await planOutputs(over, ctx)).items.length;
  } catch (error) {
    await release();
    throw error;
  }
}

/** Streams a spool's outputs in order. */
export async function* runPlan(spool: Spool, counters?: StageCounters, memo?: CallMemo): AsyncGenerator<unknown> {
  const ctx = contextOf(spool, counters, undefined, memo);
  // a memo with entries means this call's count already ran the maps (the innermost first)
  const release = memo && memo.size > 0 ? () => Promise.resolve() : await prestartFor(spool.plan, ctx, false);
  let outputs: PlannedOutputs;
  try {
    outputs = await planOutputs((await optimizeSpool(spool, "items")).plan, ctx);
  } catch (error) {
    await release();
    throw error;
  }
  yield* runOutputs(outputs, ctx);
}
