// Rule: when the plan only serves count(), a sort that nothing order-dependent sits above is
// removed: counting does not depend on order.
//
//   before (count): Select(tag=x) ← Sort(station) ← Source
//   after  (count): Select(tag=x) ← Source
//
// Must not fire under a slice, chunk, concatenate or map above the sort (their outputs depend
// on order), nor for any purpose other than count.

import { chainOf, withInput, type LogicalPlan } from "../plan.ts";
import type { Rule } from "./rule.ts";

export const dropSortForCount: Rule = {
  name: "dropSortForCount",
  description: "count() ignores sorts that nothing order-dependent follows",
  apply(plan, ctx) {
    if (ctx.purpose !== "count") return { plan, changed: false };
    const chain = chainOf(plan);
    // Walk down from the top while nodes are order-independent (selects).
    let i = chain.length - 1;
    while (i > 0 && chain[i]!.kind === "select") i--;
    if (chain[i]!.kind !== "sort") return { plan, changed: false };
    const kept: LogicalPlan[] = [...chain.slice(0, i), ...chain.slice(i + 1)];
    let rebuilt = kept[0]!;
    for (const node of kept.slice(1)) rebuilt = withInput(node, rebuilt);
    return { plan: rebuilt, changed: true };
  },
};
