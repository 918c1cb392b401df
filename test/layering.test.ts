// Imports go one way (STYLE.md §1): src (API, CLI) → planner → storage. The data model in src
// (errors, time, coords, attrs, patch, examples) is shared vocabulary: planner may use it,
// storage only the leaves errors.ts and time.ts. This test reads every import specifier.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...files(rel));
    else if (rel.endsWith(".ts")) out.push(rel);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specs = [...text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)];
  return specs
    .map((m) => m[1] ?? m[2]!)
    .filter((s) => s.startsWith("."))
    .map((s) => relative(root, resolve(root, dirname(file), s)));
}

const MODEL = /^src\/(errors|time)\.ts$|^src\/(coords|attrs|patch|examples)\//;

function violations(dir: string, allowed: (target: string) => boolean): string[] {
  return files(dir).flatMap((f) => imports(f).filter((t) => !allowed(t)).map((t) => `${f} → ${t}`));
}

describe("layering", () => {
  it("storage imports only storage and the leaf modules errors.ts and time.ts", () => {
    const bad = violations("storage", (t) => t.startsWith("storage/") || t === "src/errors.ts" || t === "src/time.ts");
    expect(bad).toEqual([]);
  });

  it("planner imports planner, storage and the data model, never the spool API or the CLI", () => {
    const bad = violations("planner", (t) => t.startsWith("planner/") || t.startsWith("storage/") || MODEL.test(t));
    expect(bad).toEqual([]);
  });

  it("the data model never imports the planner or the spool API", () => {
    const model = ["src/coords", "src/attrs", "src/patch", "src/examples"];
    const bad = model.flatMap((d) =>
      violations(d, (t) => MODEL.test(t) || t.startsWith("storage/formats/types.ts")),
    );
    expect(bad).toEqual([]);
  });
});
