// Rules: a sort directly above a directory source becomes ORDER BY, and a forward slice above
// it becomes LIMIT/OFFSET, so the index returns only the rows the plan keeps.
//
//   before: Slice(0, 10) ← Sort(station) ← Source(directory)
//   after:  Source(directory, index: ORDER BY station LIMIT 10)
//
// The index orders ties by (time_min, path, key), the order rows have without ORDER BY, so the
// sort stays stable. The sort must not be pushed below a chunk: a chunk orders its windows by
// the sources' position in the index (as DASCore orders them by their original index, ignoring
// an earlier sort), which ORDER BY would change. Must not fire for a slice with a negative bound or a step other than 1
// (they need the count first), nor for a slice above a residual select (trimming may drop a
// candidate, which would shift the window).

import { chainOf, type LogicalPlan } from "../plan.ts";
import { rewriteBottomUp, type Rule } from "./rule.ts";

function directorySource(node: LogicalPlan) {
  return node.kind === "source" && node.source.type === "directory" ? node.source : null;
}

export const pushSortIntoIndex: Rule = {
  name: "pushSortIntoIndex",
  description: "a sort over a directory source becomes ORDER BY",
  apply(plan, ctx) {
    const schema = ctx.schema;
    if (!schema) return { plan, changed: false };
    if (chainOf(plan).some((n) => n.kind === "chunk")) return { plan, changed: false };
    return rewriteBottomUp(plan, (node) => {
      if (node.kind !== "sort") return node;
      const source = directorySource(node.input);
      if (!source || source.query?.limit !== undefined || source.query?.offset !== undefined) return node;
      const isCoordinate = schema.coordinates.has(node.column);
      if (!isCoordinate && !schema.columns.has(node.column)) return node;
      const query = { predicates: [], ...source.query, orderBy: [{ column: node.column }] };
      return { kind: "source", source: { ...source, query } };
    });
  },
};

export const pushSliceIntoIndex: Rule = {
  name: "pushSliceIntoIndex",
  description: "a forward slice over a directory source becomes LIMIT/OFFSET",
  apply(plan) {
    return rewriteBottomUp(plan, (node) => {
      if (node.kind !== "slice") return node;
      const source = directorySource(node.input);
      if (!source) return node;
      const { start, end, step } = node;
      if ((step !== null && step !== 1) || (start !== null && start < 0) || (end !== null && end < 0)) return node;
      const from = start ?? 0;
      const prevOffset = source.query?.offset ?? 0;
      const prevLimit = source.query?.limit;
      let limit = end === null ? undefined : Math.max(0, end - from);
      if (prevLimit !== undefined) limit = Math.min(limit ?? Infinity, Math.max(0, prevLimit - from));
      const query = { predicates: [], ...source.query, offset: prevOffset + from, limit };
      if (query.limit === undefined) delete query.limit;
      return { kind: "source", source: { ...source, query } };
    });
  },
};
