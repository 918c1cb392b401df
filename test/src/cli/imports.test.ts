// The CLI and the plots stand on the public API: src/cli imports only src/index.ts, src/plot, the
// format list (for `daspool formats`), the Parquet export, the contents as plain columns (what
// getContents() wraps in Arrow: the CLI prints them without loading Arrow) and itself; src/plot
// imports only src/index.ts and itself.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(root, rel)).isDirectory() ? filesUnder(rel) : rel.endsWith(".ts") ? [rel] : [];
  });
}

function relativeImports(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)]
    .map((m) => m[1] ?? m[2]!)
    .filter((s) => s.startsWith("."))
    .map((s) => relative(root, resolve(root, dirname(file), s)));
}

function violations(dir: string, allowed: (target: string) => boolean): string[] {
  return filesUnder(dir).flatMap((f) => relativeImports(f).filter((t) => !allowed(t)).map((t) => `${f} → ${t}`));
}

describe("CLI and plot imports", () => {
  it("src/cli uses only the public API (daspool and daspool/bullmq), src/plot, the format list, the Parquet export and the contents columns", () => {
    const extra = new Set([
      "src/index.ts",
      "src/bullmq/index.ts",
      "storage/formats/all.ts",
      "storage/index/exportParquet.ts",
      "src/spool/contentsColumns.ts",
    ]);
    const ok = (t: string) => t.startsWith("src/cli/") || t.startsWith("src/plot/") || extra.has(t);
    expect(violations("src/cli", ok)).toEqual([]);
  });

  it("src/plot uses only the public API", () => {
    expect(violations("src/plot", (t) => t.startsWith("src/plot/") || t === "src/index.ts")).toEqual([]);
  });
});
