// The shape of an optimizer rule, and a helper that applies a node rewrite everywhere in a plan.

import { inputOf, withInput, type LogicalPlan } from "../plan.ts";

/** What the source can answer by itself (a directory index): its coordinates and columns. */
export interface SourceSchema {
  /** Coordinate name → dtype (`datetime64`, `timedelta64`, `float64`). */
  coordinates: ReadonlyMap<string, string>;
  /** Columns the index can filter and order on exactly. */
  columns: ReadonlySet<string>;
}

/** What a rule may know about the run: what the plan is for, and what the source answers. */
export interface OptimizerContext {
  /** The terminal call the plan serves: some rules only hold for some purposes. */
  purpose: "items" | "count" | "contents" | "explain";
  signal?: AbortSignal;
  /** Present for sources with an index; pushdown rules fire only then. */
  schema?: SourceSchema;
}

/** A rule's answer: the (maybe) rewritten plan and whether anything changed. */
export interface RuleResult {
  plan: LogicalPlan;
  changed: boolean;
}

/** One optimizer rule: a named, result-preserving rewrite. */
export interface Rule {
  name: string;
  /** One line for explain: what the rule does. */
  description: string;
  apply(plan: LogicalPlan, ctx: OptimizerContext): RuleResult;
}

/**
 * Applies `rewrite` to every node, bottom-up (inputs first), rebuilding parents over rewritten
 * inputs. `rewrite` returns the node unchanged (same object) when it does not fire.
 */
export function rewriteBottomUp(
  plan: LogicalPlan,
  rewrite: (node: LogicalPlan) => LogicalPlan,
): RuleResult {
  const input = inputOf(plan);
  let changed = false;
  let node = plan;
  if (input) {
    const r = rewriteBottomUp(input, rewrite);
    if (r.changed) {
      node = withInput(plan, r.plan);
      changed = true;
    }
  }
  const out = rewrite(node);
  return { plan: out, changed: changed || out !== node };
}
