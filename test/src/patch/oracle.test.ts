// Patch.select against DASCore's answers in the shared oracle (select-only cases on example spools).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { examplePatches } from "../../../src/examples/index.ts";
import type { SelectRange } from "../../../src/coords/index.ts";

interface Case {
  spool: string;
  ops: [string, Record<string, unknown>][];
  outputs?: { time_min: number; time_max: number; time_samples: number; distance_samples: number }[];
}

const url = new URL("../../../../shared/data/oracle/chunk_cases.json", import.meta.url);
// Integers above 2^53 must stay exact: quote them before JSON.parse, then read them as bigint.
const text = existsSync(url) ? readFileSync(url, "utf8") : '{"cases": []}';
const quoted = text.replace(/(:\s*)(-?\d{16,})/g, '$1"$2"');
const cases = (JSON.parse(quoted) as { cases: Case[] }).cases.filter(
  (c) => c.spool === "random" && c.ops.every(([op]) => op === "select") && c.outputs,
);

describe.skipIf(!existsSync(url))("Patch.select matches DASCore (oracle)", () => {
  it("has select cases to check", () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const c of cases) {
    it(`${JSON.stringify(c.ops)}`, () => {
      let patches = examplePatches();
      for (const [, query] of c.ops) {
        patches = patches
          .map((p) => p.select(query as Record<string, SelectRange>))
          .filter((p) => p.shape.every((s) => s > 0));
      }
      expect(
        patches.map((p) => ({
          time_min: String(p.getCoord("time").min()),
          time_max: String(p.getCoord("time").max()),
          time_samples: p.shape[1],
          distance_samples: p.shape[0],
        })),
      ).toEqual(c.outputs!.map((o) => ({ ...o, time_min: String(o.time_min), time_max: String(o.time_max) })));
    });
  }
});
