// The README's generated parts (format table, CLI reference) must match the code
// (regenerate with `npx tsx scripts/readme.ts`), and it must show the two commands.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { replaceSection, SECTIONS } from "../scripts/readmeSections.ts";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  for (const [name, body] of Object.entries(SECTIONS)) {
    it(`has a current ${name} section`, () => {
      expect(replaceSection(readme, name, body())).toBe(readme);
    });
  }

  it("shows the two commands", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm test");
  });
});
