// Reading the source tree's imports, for the tests that hold its import rules (layering, the CLI
// on the public API, bullmq kept optional). Paths are relative to the repository root.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, "..");

/** Every `.ts` file under `dir`, recursively. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(ROOT, rel)).isDirectory() ? sourceFiles(rel) : rel.endsWith(".ts") ? [rel] : [];
  });
}

/** Import specifiers of `file`: static ones (type imports too) and dynamic `import("…")`. */
export function importSpecifiers(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

/** Static value-import specifiers of `file`: `import type` and dynamic `import()` left out. */
export function staticImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(/^(?:import|export)(?!\s+type\b)[^'"]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]!);
}

/** Relative specifiers of `file` among `specifiers`, as repository paths. */
export function asRepoPaths(file: string, specifiers: readonly string[]): string[] {
  return specifiers.filter((s) => s.startsWith(".")).map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

/** `file → target` for every relative import under `dir` that `allowed` refuses. */
export function importViolations(dir: string, allowed: (target: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((f) =>
    asRepoPaths(f, importSpecifiers(f))
      .filter((t) => !allowed(t))
      .map((t) => `${f} → ${t}`),
  );
}
