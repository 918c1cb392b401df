// Rule: a slice above a map moves below it. A map is one result per item, in order, so taking
// items k..n of the results equals mapping items k..n — and the task runs only on those.
//
//   before: Slice(0, 1) ← Map(task) ← Chunk(time=5) ← Source
//   after:  Map(task) ← Slice(0, 1) ← Chunk(time=5) ← Source
//
// Must not move past nodes other than a map: slice(chunk(x)) picks windows, chunk(slice(x))
// re-plans windows over fewer sources.

import { rewriteBottomUp, type Rule } from "./rule.ts";

export const sliceBeforeMap: Rule = {
  name: "sliceBeforeMap",
  description: "slices move below maps (the task runs only on the items kept)",
  apply(plan) {
    return rewriteBottomUp(plan, (node) => {
      if (node.kind !== "slice" || node.input.kind !== "map") return node;
      const map = node.input;
      return { ...map, input: { ...node, input: map.input } };
    });
  },
};
