// Rule: a select directly above a directory source becomes index predicates. Attribute
// predicates are exact (the index answers them; they leave the select); coordinate ranges are
// inexact (the index finds intersecting patches; the select stays to trim them to hyperslabs).
//
//   before: Select(time=[t0, t1] AND station~"A*") ← Source(directory)
//   after:  Select(time=[t0, t1]) ← Source(directory, index: time ∩ [t0, t1] (inexact),
//                                                          station GLOB 'A*' (exact))
//
// Must not fire over a source that already has a LIMIT/OFFSET (filtering after a limit is not
// filtering before it), nor for keys the index does not know (they stay, and fail or match at run).

import { ParameterError } from "../../src/errors.ts";
import type { Predicate, PushedPredicate, ScalarValue, SelectQuery, SourceRef } from "../plan.ts";
import { coerceBound, rangeLengthError } from "../query.ts";
import { compareValues } from "../coordMath.ts";
import { rewriteBottomUp, type Rule, type SourceSchema } from "./rule.ts";

function toIndexPredicate(key: string, p: Predicate, schema: SourceSchema): PushedPredicate | null {
  const dtype = schema.coordinates.get(key);
  if (dtype !== undefined) {
    if (p.op === "in") throw rangeLengthError(key, p.values.length);
    if (p.op !== "pair" && p.op !== "range") {
      throw new ParameterError(`select on coordinate '${key}' needs a range [lo, hi] of length 2`);
    }
    let lo = coerceBound(p.lo as ScalarValue, dtype, key);
    let hi = coerceBound(p.hi as ScalarValue, dtype, key);
    // Only a reversed pair is swapped; a merged range with lo > hi is empty and stays so.
    if (p.op === "pair" && lo !== null && hi !== null && compareValues(lo, hi) > 0) [lo, hi] = [hi, lo];
    return { kind: "range", column: key, lo, hi, exact: false };
  }
  if (!schema.columns.has(key)) return null;
  switch (p.op) {
    case "glob":
      return { kind: "glob", column: key, pattern: p.pattern, exact: true };
    case "eq":
      return { kind: "eq", column: key, value: p.value, exact: true };
    case "in":
      return { kind: "in", column: key, values: p.values, exact: true };
    case "pair":
      return { kind: "in", column: key, values: [p.lo, p.hi], exact: true };
    case "range":
      return { kind: "range", column: key, lo: p.lo, hi: p.hi, exact: true };
  }
}

function predicateKey(p: PushedPredicate): string {
  return JSON.stringify(p, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
}

export const pushSelectIntoIndex: Rule = {
  name: "pushSelectIntoIndex",
  description: "select predicates become index SQL (attributes exact, coordinate ranges inexact + trim)",
  apply(plan, ctx) {
    const schema = ctx.schema;
    if (!schema) return { plan, changed: false };
    return rewriteBottomUp(plan, (node) => {
      if (node.kind !== "select" || node.input.kind !== "source") return node;
      const source = node.input.source;
      if (source.type !== "directory" || source.query?.limit !== undefined || source.query?.offset !== undefined) {
        return node;
      }
      const already = new Set((source.query?.predicates ?? []).map(predicateKey));
      const pushed: PushedPredicate[] = [];
      const residual: Record<string, Predicate> = {};
      for (const [key, p] of Object.entries(node.query)) {
        const ip = toIndexPredicate(key, p, schema);
        // The residual select of an earlier pass stays above the source: push each predicate once.
        if (ip && !already.has(predicateKey(ip))) pushed.push(ip);
        if (!ip || !ip.exact) residual[key] = p;
      }
      if (pushed.length === 0) return node;
      const query = { ...source.query, predicates: [...(source.query?.predicates ?? []), ...pushed] };
      const newSource = { kind: "source" as const, source: { ...source, query } satisfies SourceRef };
      const rest: SelectQuery = residual;
      return Object.keys(rest).length > 0 ? { kind: "select", input: newSource, query: rest } : newSource;
    });
  },
};
