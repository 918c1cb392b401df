// Builds a spool's explain() text: logical plan, optimized plan with rule reports, physical plan,
// and with `analyze` the measured figures of a full run.

import type { ExplainOptions, Spool } from "./Spool.ts";
import { chainOf, sourceOf, type LogicalPlan } from "../../planner/plan.ts";
import { planOutputs, type PlannedOutputs } from "../../planner/pipeline.ts";
import type { RunContext } from "../../planner/context.ts";
import { renderPlan } from "../../planner/explain/renderPlan.ts";
import { formatBytes, renderPhysical } from "../../planner/explain/renderPhysical.ts";
import { StageCounters } from "../../planner/explain/counters.ts";
import { runOutputs } from "../../planner/execute.ts";
import { contextOf, optimizeSpool } from "./run.ts";

/** The explain text of a spool (see {@link Spool.explain}). */
export async function explainSpool(spool: Spool, options: ExplainOptions): Promise<string> {
  const { plan, rules } = await optimizeSpool(spool, "items", options.disabledRules);
  const fired = rules.filter((r) => r.fired > 0).map((r) => `${r.name}×${r.fired}`);
  const disabled = rules.filter((r) => r.disabled).map((r) => r.name);
  const counters = new StageCounters();
  const ctx = contextOf(spool, counters);
  const barrier = innermostMidPlanMap(plan);
  const sections = [
    "== Logical plan ==",
    renderPlan(spool.plan),
    "== Optimized plan ==",
    `Rules fired: ${fired.length ? fired.join(", ") : "none"}${disabled.length ? ` (disabled: ${disabled.join(", ")})` : ""}`,
    renderPlan(plan),
    ...(await indexSql(spool, plan)),
    "== Physical plan ==",
  ];
  if (barrier) {
    // Nodes above a mid-plan map need its results: show the map stage, which runs first, and
    // plan the rest only when analyzing (planning it means running the map).
    sections.push("Stage 1 (runs first):", indent(renderPhysical(await planOutputs(barrier, ctx), spool.env.hooks)));
    const above = chainOf(plan).slice(chainOf(barrier).length).map((n) => n.kind).join(" → ");
    sections.push(`Stage 2: ${above} over the map results${options.analyze ? ":" : " (planned once they exist; use analyze)"}`);
  }
  if (!barrier || options.analyze) {
    const t0 = performance.now();
    const planned = await planOutputs(plan, ctx);
    const planMs = performance.now() - t0;
    const physical = renderPhysical(planned, spool.env.hooks);
    sections.push(barrier ? indent(physical) : physical);
    if (options.analyze) sections.push(...(await analyze(planned, ctx, counters, planMs)));
  }
  return sections.join("\n");
}

/** The deepest map below the top of the plan: a barrier whose results later nodes plan on. */
function innermostMidPlanMap(plan: LogicalPlan): LogicalPlan | null {
  const chain = chainOf(plan);
  const maps = chain.slice(0, -1).filter((n) => n.kind === "map");
  return maps[0] ?? null;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}

/** Runs planned outputs and reports measured figures per stage. */
async function analyze(planned: PlannedOutputs, ctx: RunContext, counters: StageCounters, planMs: number): Promise<string[]> {
  const t1 = performance.now();
  let outputs = 0;
  for await (const _ of runOutputs(planned, ctx)) outputs++;
  const runMs = performance.now() - t1;
  const sections = ["== Analyze ==", `Plan: outputs=${planned.items.length} time=${planMs.toFixed(1)} ms`];
  for (const [stage, f] of counters.entries()) {
    sections.push(`${stage[0]!.toUpperCase()}${stage.slice(1)}: items=${f.items} bytes=${formatBytes(f.bytes)} time=${f.ms.toFixed(1)} ms`);
  }
  sections.push(`Total: outputs=${outputs} time=${(planMs + runMs).toFixed(1)} ms`);
  return sections;
}

/** The index SQL the optimized plan's directory source runs, if any. */
async function indexSql(spool: Spool, plan: Parameters<typeof sourceOf>[0]): Promise<string[]> {
  const sql = await spool.env.resolver.sql(sourceOf(plan));
  return sql ? [`Index SQL: ${sql}`] : [];
}
