// Rule: a select above a sort moves below it, so fewer rows are sorted and the select can meet
// the source (where the index answers it). A filter keeps relative order and the sort is stable,
// so the result is the same.
//
//   before: Select(station=a) ← Sort(time_min) ← Source
//   after:  Sort(time_min) ← Select(station=a) ← Source
//
// Must not move past a slice: select(slice(x)) keeps rows among the first n, slice(select(x))
// the first n matching rows.

import { rewriteBottomUp, type Rule } from "./rule.ts";

export const selectBeforeSort: Rule = {
  name: "selectBeforeSort",
  description: "selects move below sorts (filter first, then sort fewer rows)",
  apply(plan) {
    return rewriteBottomUp(plan, (node) => {
      if (node.kind !== "select" || node.input.kind !== "sort") return node;
      const sort = node.input;
      return { ...sort, input: { kind: "select", input: sort.input, query: node.query } };
    });
  },
};
