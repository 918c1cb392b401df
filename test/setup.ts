// Fails any test that writes to the console: stray output hides real diagnostics (STYLE.md §16).
// Points the user cache (index mappings) at a private temp folder, so `npm test` never writes
// into the user's real ~/.cache/daspool; child processes inherit it through the environment.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, vi } from "vitest";

const cache = mkdtempSync(join(tmpdir(), "daspool-test-cache-"));
process.env["XDG_CACHE_HOME"] = cache;
afterAll(() => rmSync(cache, { recursive: true, force: true }));

const methods = ["log", "info", "warn", "error", "debug"] as const;
let written: string[] = [];

beforeEach(() => {
  written = [];
  for (const m of methods) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      written.push(`console.${m}: ${args.map(String).join(" ")}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (written.length > 0) {
    throw new Error(`unexpected console output:\n${written.join("\n")}`);
  }
});
