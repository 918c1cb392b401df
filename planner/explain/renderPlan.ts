// Renders logical plans as text: one line per node, two-space indent, `Name: key=value`.

import { formatDatetime64, formatTimedelta64 } from "../../src/time.ts";
import { assertNever, type LogicalPlan, type Predicate, type PushedPredicate, type SourceRef } from "../plan.ts";

/** Formats a plan value: bigint times as ISO text, durations as text. */
export function formatValue(v: unknown, key = ""): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "bigint") {
    const looksAbsolute = v > 10n ** 17n || v < -(10n ** 17n);
    return looksAbsolute ? formatDatetime64(v) : key === "time" || key === "length" || key === "overlap" ? formatTimedelta64(v) : v.toString();
  }
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

function predicateText(key: string, p: Predicate): string {
  switch (p.op) {
    case "range":
    case "pair":
      return `${key}=[${formatValue(p.lo, key)}, ${formatValue(p.hi, key)}]`;
    case "glob":
      return `${key}~${JSON.stringify(p.pattern)}`;
    case "eq":
      return `${key}==${formatValue(p.value)}`;
    case "in":
      return `${key} in {${p.values.map((v) => formatValue(v)).join(", ")}}`;
  }
}

/** One line describing a source. */
export function sourceText(s: SourceRef): string {
  switch (s.type) {
    case "memory":
      return `Source: memory patches=${s.count}`;
    case "file":
      return `Source: file path=${s.path}${s.format ? ` format=${s.format}` : ""}`;
    case "directory": {
      const parts = [`Source: directory path=${s.path}${s.indexPath ? ` index=${s.indexPath}` : ""}`];
      const q = s.query;
      if (q) {
        const exact = q.predicates.filter((p) => p.exact).map(pushedText);
        const inexact = q.predicates.filter((p) => !p.exact).map(pushedText);
        if (exact.length) parts.push(`pushed exact=[${exact.join(" AND ")}]`);
        if (inexact.length) parts.push(`pushed inexact=[${inexact.join(" AND ")}] (residual trim)`);
        if (q.orderBy?.length) parts.push(`order=${q.orderBy.map((o) => o.column + (o.desc ? " desc" : "")).join(",")}`);
        if (q.offset) parts.push(`offset=${q.offset}`);
        if (q.limit !== undefined) parts.push(`limit=${q.limit}`);
      }
      return parts.join(" ");
    }
  }
}

function pushedText(p: PushedPredicate): string {
  switch (p.kind) {
    case "range":
      return `${p.column}∩[${formatValue(p.lo, p.column)}, ${formatValue(p.hi, p.column)}]`;
    case "glob":
      return `${p.column}~${JSON.stringify(p.pattern)}`;
    case "eq":
      return `${p.column}==${formatValue(p.value)}`;
    case "in":
      return `${p.column} in {${p.values.map((v) => formatValue(v)).join(", ")}}`;
  }
}

/** One line describing a node (without its input). */
export function nodeText(p: LogicalPlan): string {
  switch (p.kind) {
    case "source":
      return sourceText(p.source);
    case "select":
      return `Select: ${Object.entries(p.query).map(([k, q]) => predicateText(k, q)).join(" AND ")}`;
    case "chunk": {
      const s = p.spec;
      const parts = [`${s.dim}=${formatValue(s.length, "length")}`];
      if (s.overlap !== null) parts.push(`overlap=${formatValue(s.overlap, "overlap")}`);
      if (s.keepPartial) parts.push("keepPartial=true");
      if (!s.snapCoords) parts.push("snapCoords=false");
      if (s.tolerance !== 1.5) parts.push(`tolerance=${s.tolerance}`);
      if (s.conflict !== "raise") parts.push(`conflict=${s.conflict}`);
      return `Chunk: ${parts.join(" ")}`;
    }
    case "concatenate":
      return `Concatenate: ${p.dim}=${p.groupSize ?? "None"}`;
    case "slice":
      return `Slice: start=${p.start ?? "None"} end=${p.end ?? "None"} step=${p.step ?? "None"}`;
    case "sort":
      return `Sort: by=${p.column}`;
    case "map": {
      const t = p.spec.task;
      const what = t.type === "function" ? `function=${t.name}` : `worker=${t.moduleUrl}#${t.exportName}`;
      return `Map: ${what}${p.spec.workers ? ` workers=${p.spec.workers}` : ""}`;
    }
    default:
      return assertNever(p);
  }
}

/** The plan as an indented tree, top node first. */
export function renderPlan(plan: LogicalPlan, indent = 0): string {
  const lines: string[] = [];
  let depth = indent;
  for (let p: LogicalPlan | null = plan; p; p = p.kind === "source" ? null : p.input) {
    lines.push(`${"  ".repeat(depth)}${nodeText(p)}`);
    depth++;
  }
  return lines.join("\n");
}
