// The text of Spool.toString(): a header with the patch count, and the time span or source.

import type { Spool } from "./Spool.ts";
import { renderPlan } from "../../planner/explain/renderPlan.ts";
import { formatDatetime64 } from "../time.ts";

/** `DASPool Spool 🧵 (N Patches)` and what the spool covers. */
export function describeSpool(spool: Spool): string {
  const plan = spool.plan;
  if (plan.kind === "source" && plan.source.type === "memory") {
    const rows = spool.env.resolver.memory.rows(plan.source.handle);
    const head = `DASPool Spool 🧵 (${rows.length} Patches)`;
    const times = rows.map((r) => r.summary.coords.time).filter((c) => c && typeof c.min === "bigint");
    if (times.length === 0) return head;
    const min = times.reduce((m, c) => ((c!.min as bigint) < m ? (c!.min as bigint) : m), times[0]!.min as bigint);
    const max = times.reduce((m, c) => ((c!.max as bigint) > m ? (c!.max as bigint) : m), times[0]!.max as bigint);
    return `${head}\n    Time Span: <${formatDatetime64(min)}> to <${formatDatetime64(max)}>`;
  }
  if (plan.kind === "source") return `DASPool Spool 🧵 (${plan.source.type} ${"path" in plan.source ? plan.source.path : ""})`;
  return `DASPool Spool 🧵 (lazy plan)\n${renderPlan(plan, 1)}`;
}
