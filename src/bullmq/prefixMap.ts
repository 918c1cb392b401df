// Path prefix maps for workers whose machine mounts the shared files elsewhere: a coordinator's
// `/data/das/x.h5` becomes a worker's `/mnt/das/x.h5` (and result paths map back).

import { fileURLToPath, pathToFileURL } from "node:url";
import type { Item } from "../../planner/items.ts";

/** One `from=to` rule: coordinator paths under `from` are found under `to` on this machine. */
export interface PrefixRule {
  from: string;
  to: string;
}

/**
 * Parses `from=to` rules (as given to `daspool worker --prefix-map`).
 *
 * @example
 * ```ts
 * parsePrefixMap(["/data=/mnt/data"]); // [{ from: "/data", to: "/mnt/data" }]
 * ```
 */
export function parsePrefixMap(rules: readonly string[]): PrefixRule[] {
  return rules.map((rule) => {
    const eq = rule.indexOf("=");
    if (eq <= 0 || eq === rule.length - 1) throw new Error(`--prefix-map expects FROM=TO, got '${rule}'`);
    return { from: rule.slice(0, eq), to: rule.slice(eq + 1) };
  });
}

/** Whether `path` is `prefix` or lies below it (a rule for /data does not touch /database). */
function under(path: string, prefix: string): boolean {
  const p = prefix.replace(/\/+$/, "");
  return path === p || path.startsWith(p + "/");
}

function swap(path: string, rules: readonly PrefixRule[], reverse: boolean): string {
  // The longest matching prefix wins, so /data/a=... overrides /data=...
  let best: PrefixRule | null = null;
  for (const r of rules) {
    const from = reverse ? r.to : r.from;
    if (under(path, from) && (!best || from.length > (reverse ? best.to : best.from).length)) best = r;
  }
  if (!best) return path;
  const [from, to] = reverse ? [best.to, best.from] : [best.from, best.to];
  return to.replace(/\/+$/, "") + path.slice(from.replace(/\/+$/, "").length);
}

/** A coordinator path as this machine sees it. */
export function toLocalPath(path: string, rules: readonly PrefixRule[]): string {
  return swap(path, rules, false);
}

/** A path of this machine as the coordinator sees it (results sent back). */
export function toCoordinatorPath(path: string, rules: readonly PrefixRule[]): string {
  return swap(path, rules, true);
}

/** A task module URL as this machine sees it (`file:` URLs only; others are left alone). */
export function toLocalUrl(url: string, rules: readonly PrefixRule[]): string {
  if (rules.length === 0 || !url.startsWith("file:")) return url;
  return pathToFileURL(toLocalPath(fileURLToPath(url), rules)).href;
}

/** An item whose file members (and concatenated parts) point at this machine's paths. */
export function localItem(item: Item, rules: readonly PrefixRule[]): Item {
  if (rules.length === 0) return item;
  const members = item.members.map((m) =>
    m.row.locator.type === "file" ? { ...m, row: { ...m.row, locator: { ...m.row.locator, path: toLocalPath(m.row.locator.path, rules) } } } : m,
  );
  const assembly = item.assembly.type === "concat" ? { ...item.assembly, parts: item.assembly.parts.map((p) => localItem(p, rules)) } : item.assembly;
  return { ...item, members, assembly };
}
