// Regenerates the README's generated sections (format table, CLI reference) from the code.
// Run: npx tsx scripts/readme.ts   (test/readme.test.ts fails when the README is stale)

import { readFileSync, writeFileSync } from "node:fs";
import { replaceSection, SECTIONS } from "./readmeSections.ts";

const file = new URL("../README.md", import.meta.url);
let text = readFileSync(file, "utf8");
for (const [name, body] of Object.entries(SECTIONS)) text = replaceSection(text, name, body());
writeFileSync(file, text);
process.stdout.write(`README.md: regenerated ${Object.keys(SECTIONS).join(", ")}\n`);
