// Rule: two consecutive selects become one, so the index (or the row filter) is asked once.
//
//   before: Select(station=*a) ← Select(time=[t0, t1]) ← Source
//   after:  Select(time=[t0, t1], station=*a) ← Source
//
// Must not fire when both selects constrain the same attribute with a pair, e.g.
// select({station: ["a", "b"]}).select({station: ["b", "c"]}): that is membership twice, not a
// range, so merging would change the meaning. Same-key ranges merge only on known coordinates.

import { mergeQueries } from "../query.ts";
import { rewriteBottomUp, type Rule } from "./rule.ts";

export const mergeSelects: Rule = {
  name: "mergeSelects",
  description: "consecutive selects merge into one predicate set",
  apply(plan) {
    return rewriteBottomUp(plan, (node) => {
      if (node.kind !== "select" || node.input.kind !== "select") return node;
      const merged = mergeQueries(node.input.query, node.query);
      return merged ? { kind: "select", input: node.input.input, query: merged } : node;
    });
  },
};
