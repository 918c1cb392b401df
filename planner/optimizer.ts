// The optimizer driver: runs the named rules to a fixed point, checking cancellation, skipping
// disabled rules, timing each, recording which fired (for explain) and checking invariants.

import { throwIfAborted } from "./abort.ts";
import { sourceOf, chainOf, type LogicalPlan } from "./plan.ts";
import type { OptimizerContext, Rule } from "./rules/rule.ts";
import { mergeSelects } from "./rules/mergeSelects.ts";
import { selectBeforeSort } from "./rules/selectBeforeSort.ts";
import { sliceBeforeMap } from "./rules/sliceBeforeMap.ts";
import { pushSelectIntoIndex } from "./rules/pushSelectIntoIndex.ts";
import { pushSliceIntoIndex, pushSortIntoIndex } from "./rules/pushSortSliceIntoIndex.ts";

/** The rules, in the order they are tried on each pass. */
export const DEFAULT_RULES: readonly Rule[] = [
  selectBeforeSort,
  mergeSelects,
  sliceBeforeMap,
  pushSelectIntoIndex,
  pushSortIntoIndex,
  pushSliceIntoIndex,
];

/** What happened to one rule during optimization. */
export interface RuleReport {
  name: string;
  fired: number;
  ms: number;
  disabled: boolean;
}

export interface OptimizeOptions extends Partial<OptimizerContext> {
  /** Names of rules to skip (to compare plans with and without a rule). */
  disabledRules?: readonly string[];
  rules?: readonly Rule[];
}

export interface OptimizeResult {
  plan: LogicalPlan;
  rules: RuleReport[];
}

const MAX_PASSES = 16;

/** Optimizes a logical plan. The result computes the same outputs as the input. */
export function optimize(plan: LogicalPlan, options: OptimizeOptions = {}): OptimizeResult {
  const rules = options.rules ?? DEFAULT_RULES;
  const disabled = new Set(options.disabledRules ?? []);
  const ctx: OptimizerContext = { purpose: options.purpose ?? "items", signal: options.signal, schema: options.schema };
  const reports = rules.map((r) => ({ name: r.name, fired: 0, ms: 0, disabled: disabled.has(r.name) }));
  let current = plan;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changedThisPass = false;
    rules.forEach((rule, k) => {
      if (disabled.has(rule.name)) return;
      throwIfAborted(ctx.signal);
      const t0 = performance.now();
      const result = rule.apply(current, ctx);
      reports[k]!.ms += performance.now() - t0;
      if (result.changed) {
        checkInvariants(current, result.plan, rule.name);
        reports[k]!.fired++;
        current = result.plan;
        changedThisPass = true;
      }
    });
    if (!changedThisPass) break;
  }
  return { plan: current, rules: reports };
}

/**
 * A rule must keep the source (up to what was pushed into its query) and every node that shapes
 * outputs (chunk, concatenate, map); selects, sorts and slices may move into the source.
 */
function checkInvariants(before: LogicalPlan, after: LogicalPlan, rule: string): void {
  const shaping = (p: LogicalPlan) =>
    chainOf(p)
      .filter((n) => n.kind === "chunk" || n.kind === "concatenate" || n.kind === "map")
      .map((n) => n.kind)
      .join(",");
  const where = (p: LogicalPlan) => {
    const s = sourceOf(p);
    return JSON.stringify(s.type === "directory" ? { ...s, query: undefined } : s);
  };
  if (where(before) !== where(after) || shaping(before) !== shaping(after)) {
    throw new Error(`optimizer rule ${rule} broke a plan invariant (source or output-shaping nodes changed)`);
  }
}
