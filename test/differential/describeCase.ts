// A case as a one-line TypeScript reproduction (source recipe + daspool calls), for failure
// messages and REPORT.md.

import type { Case, Encoded, Op, Recipe } from "./fixtures.ts";

const T0 = 1578009600000000000n;

function val(v: Encoded): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `[${v.map(val).join(", ")}]`;
  if (typeof v === "object") {
    if ("t" in v) {
      const d = BigInt(v.t) - T0;
      return d >= 0n && d < 10n ** 12n ? `T0+${d}n` : `${v.t}n`;
    }
    if ("td" in v) return `${v.td}n`;
    if ("set" in v) return `new Set(${val(v.set)})`;
  }
  return JSON.stringify(v);
}

function obj(o: Record<string, Encoded>): string {
  return `{ ${Object.entries(o).map(([k, v]) => `${/^\w+$/.test(k) ? k : JSON.stringify(k)}: ${val(v)}`).join(", ")} }`;
}

export function describeRecipe(r: Recipe): string {
  switch (r.kind) {
    case "random": {
      const parts = r.parts.map((p) => `rd(${obj(p)})`).join(" ++ ");
      return `${parts}${r.distinct ? " [patch k data +k]" : ""}${r.order ? ` [order ${r.order.join(",")}]` : ""}`;
    }
    case "diverse":
      return `diverse_das station "${r.station}"${r.distance ? ` distance ${JSON.stringify(r.distance)}` : ""}`;
    case "dasdae":
      return `DASDAE dir ${r.dir} (${describeRecipe(r.from)})`;
  }
}

const KEYS: Record<string, string> = { keep_partial: "keepPartial", snap_coords: "snapCoords" };

export function describeOp(op: Op): string {
  switch (op[0]) {
    case "select":
      return `.select(${obj(op[1])})`;
    case "slice":
      return `.slice(${op[1].map((x) => String(x)).join(", ")})`;
    case "sort":
      return `.sort("${op[1]}")`;
    case "chunk": {
      const { dim, length, ...rest } = op[1];
      const o: Record<string, Encoded> = { [dim]: length };
      for (const [k, v] of Object.entries(rest)) o[KEYS[k] ?? k] = v;
      return `.chunk(${obj(o)})`;
    }
    case "concatenate":
      return `.concatenate({ ${op[1].dim}: ${op[1].n} })`;
  }
}

export function describeCase(c: Case): string {
  return `${c.id}: ${describeRecipe(c.source)}${c.ops.map(describeOp).join("")}${c.notes ? `  notes: ${c.notes.join(",")}` : ""}`;
}
