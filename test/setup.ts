// Fails any test that writes to the console: stray output hides real diagnostics (STYLE.md §16).
import { afterEach, beforeEach, vi } from "vitest";

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
