// Renders planned outputs (the physical plan): per output its assembly and member hyperslabs,
// with estimated bytes; long lists are abbreviated.

import { estimatedBytes, type Item, type Locator, type Member } from "../items.ts";
import { formatValue } from "./renderPlan.ts";
import type { PlannedOutputs } from "../pipeline.ts";
import type { MapSpec } from "../plan.ts";
import type { MapHooks } from "../context.ts";
import type { StageHooks } from "../executorStage.ts";

const MAX_OUTPUTS_SHOWN = 8;

/** Human-readable byte counts (KiB, MiB, GiB). */
export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

function memberText(m: Member): string {
  const l = m.row.locator;
  const where = l.type === "memory" ? `memory[${l.index}]` : `${m.row.relPath ?? l.path}${l.key ? `#${l.key}` : ""}`;
  const slab = Object.entries(m.index).map(([d, [a, b]]) => `${d}[${a}:${b})`);
  const residual = Object.entries(m.residual).map(([d, [lo, hi]]) => `${d}∈[${formatValue(lo)}, ${formatValue(hi)}]`);
  const read = l.type === "file" ? (slab.length ? `hyperslab ${slab.join(" ")}` : "whole patch") : slab.length ? `view ${slab.join(" ")}` : "whole patch";
  return `Load: ${where} ${read}${residual.length ? ` residual ${residual.join(" ")}` : ""}`;
}

function itemLines(item: Item, depth: number, index?: number): string[] {
  const pad = "  ".repeat(depth);
  const a = item.assembly;
  const head = index === undefined ? "" : `#${index} `;
  const shape = `shape=(${item.summary.shape.join(", ")}) ~${formatBytes(estimatedBytes(item))}`;
  if (a.type === "single") return [`${pad}${head}${memberText(item.members[0]!)} ${shape}`];
  if (a.type === "merge") {
    return [
      `${pad}${head}Merge: ${a.dim} from ${formatValue(a.start)} samples=${a.samples} members=${item.members.length} ${shape}`,
      ...item.members.map((m) => `${pad}  ${memberText(m)}`),
    ];
  }
  return [
    `${pad}${head}Concatenate: ${a.dim}${a.newDim ? " (new dim)" : ""} parts=${a.parts.length} ${shape}`,
    ...a.parts.flatMap((p) => itemLines(p, depth + 1)),
  ];
}

/**
 * A function map runs in the calling thread; a worker map is one stage, its loads fused into the
 * workers: this process's threads, or another executor's (named, e.g. `executor=bullmq`).
 */
function mapStageText(map: MapSpec, hooks?: ReadonlyMap<string, MapHooks>): string {
  if (map.task.type === "function") return `function ${map.task.name} in the calling thread`;
  const executor = map.hooks ? (hooks?.get(map.hooks) as StageHooks | undefined)?.executor : undefined;
  const where = executor ? `executor=${executor.name}` : `workers=${map.workers === null ? "default" : String(map.workers)}`;
  const order = map.ordered ? "ordered" : "as finished";
  return `Load → Map fused in workers: ${map.task.exportName} from ${map.task.moduleUrl} ${where} ${order}`;
}

/** One source patch's identity: its file and key, or its place in memory. */
function patchId(l: Locator): string {
  return l.type === "file" ? `file\0${l.path}\0${l.key}` : `memory\0${l.handle}\0${l.index}`;
}

/** The physical plan: totals, then the first outputs in detail (`hooks` name a map's executor). */
export function renderPhysical(planned: PlannedOutputs, hooks?: ReadonlyMap<string, MapHooks>): string {
  const { items, map } = planned;
  const bytes = items.reduce((n, i) => n + estimatedBytes(i), 0);
  const files = new Set(items.flatMap((i) => i.members.map((m) => (m.row.locator.type === "file" ? m.row.locator.path : null))).filter(Boolean));
  const patches = new Set(items.flatMap((i) => i.members.map((m) => patchId(m.row.locator))));
  const lines = [
    `Outputs: ${items.length} (estimated: files=${files.size} source patches=${patches.size} bytes=${formatBytes(bytes)})`,
  ];
  if (map) lines.push(`Map stage: ${mapStageText(map, hooks)}`);
  items.slice(0, MAX_OUTPUTS_SHOWN).forEach((item, i) => lines.push(...itemLines(item, 1, i)));
  if (items.length > MAX_OUTPUTS_SHOWN) lines.push(`  ... ${items.length - MAX_OUTPUTS_SHOWN} more outputs`);
  return lines.join("\n");
}
