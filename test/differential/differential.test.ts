// The differential test (issue #16): every case DASCore answered (fixtures/*.json.gz, made by
// gen/generate.py) is rebuilt with daspool's public API and must give the same count, contents
// rows, dims, shapes, coordinates and data — or differ exactly as a named SPEC rule says.
// Run alone: `npm run test:diff`; a fresh seed: `DIFF_SEED=12345 npm run diff:fresh`.

import { afterAll, describe, expect, it } from "vitest";
import { fixturePaths, loadSet } from "./fixtures.ts";
import { judge } from "./rules.ts";
import { runCase } from "./run.ts";
import { sourceSpool } from "./sources.ts";
import { describeCase } from "./describeCase.ts";

const tally = new Map<string, number>();
let total = 0;

for (const path of fixturePaths()) {
  const set = loadSet(path);
  describe(`differential vs ${set.made_with}: ${set.set}`, () => {
    it("holds cases", () => {
      expect(set.cases.length).toBeGreaterThan(0);
    });
    for (const c of set.cases) {
      const title = c.defect ? `${c.id} (#16 defect ${c.defect})` : c.id;
      it(title, async () => {
        const got = await runCase(await sourceSpool(c.source), c.ops);
        const verdict = judge(c, got);
        total++;
        tally.set(verdict.rule, (tally.get(verdict.rule) ?? 0) + 1);
        expect(verdict.diffs, describeCase(c)).toEqual([]);
        expect(verdict.ok).toBe(true);
      });
    }
  });
}

afterAll(() => {
  // the per-rule counts are the test's own report (issue #16 asks for them), not stray output
  const lines = [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([r, n]) => `  ${String(n).padStart(5)}  ${r}`);
  process.stdout.write(`\ndifferential: ${total} cases\n${lines.join("\n")}\n`);
});
