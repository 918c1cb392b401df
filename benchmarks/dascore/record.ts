// Writes one benchmark's section into benchmarks/RESULTS.md, replacing that section's previous
// text and keeping every other section as it is.

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const RESULTS = fileURLToPath(new URL("../RESULTS.md", import.meta.url));

/** Replaces (or appends) `### name` in RESULTS.md with `body`. */
export function recordSection(name: string, body: string): void {
  const text = readFileSync(RESULTS, "utf8");
  const heading = `### ${name}\n`;
  const start = text.indexOf(heading);
  const section = `${heading}\n${body}\n`;
  if (start < 0) {
    writeFileSync(RESULTS, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf("\n### ", start + heading.length);
  writeFileSync(RESULTS, text.slice(0, start) + section + (next < 0 ? "" : text.slice(next)));
}
