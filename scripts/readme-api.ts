// Generates the API reference docs/api/*.md from the TSDoc of the public entries (src/index.ts,
// src/bullmq/index.ts) with typedoc and typedoc-plugin-markdown (settings in typedoc.json).
// Run: npx tsx scripts/readme-api.ts — test/readme.test.ts fails when docs/api is stale.

import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Application, LogLevel, TSConfigReader, TypeDocReader } from "typedoc";

const root = resolve(import.meta.dirname, "..");

/** Where the committed reference lives. */
export const API_DIR = resolve(root, "docs/api");

/** Writes the reference into `out` (default docs/api); returns the file names written. */
export async function generateApiDocs(out = API_DIR): Promise<string[]> {
  const app = await Application.bootstrapWithPlugins(
    { options: resolve(root, "typedoc.json"), tsconfig: resolve(root, "tsconfig.json"), out, logLevel: LogLevel.Error },
    [new TypeDocReader(), new TSConfigReader()],
  );
  const project = await app.convert();
  if (!project) throw new Error("typedoc could not convert the project (see the errors above)");
  await app.generateOutputs(project);
  return readdirSync(out).sort();
}

/** The reference as it would be generated now: file name → text. */
export async function freshApiDocs(): Promise<Map<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), "daspool-api-"));
  try {
    const names = await generateApiDocs(dir);
    return new Map(names.map((n) => [n, readFileSync(join(dir, n), "utf8")]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  rmSync(API_DIR, { recursive: true, force: true });
  const names = await generateApiDocs();
  process.stdout.write(`wrote ${names.map((n) => `docs/api/${n}`).join(", ")}\n`);
}
