// Runs the 69 DASCore select/chunk oracle cases (../shared/data/oracle/chunk_cases.json) against
// the row-level chunk planner: window count, time bounds (ns), and sample counts.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { recipeRows, runOps, type OracleOutput } from "./fixtures.ts";

interface OracleCase {
  spool: string;
  ops: Array<[string, Record<string, unknown>]>;
  note: string;
  outputs?: Array<Record<string, string | number>>;
  error?: string;
  message?: string;
}

const path = fileURLToPath(new URL("../../../../shared/data/oracle/chunk_cases.json", import.meta.url));
// Epoch ns exceed 2^53: quote every long integer before parsing so none loses precision.
const text = readFileSync(path, "utf8").replace(/(?<=[:\s[,])(-?\d{16,})(?=[\s,\]}])/g, '"$1"');
const cases = (JSON.parse(text) as { cases: OracleCase[] }).cases;

function expected(c: OracleCase): OracleOutput[] {
  return (c.outputs ?? []).map((o) => ({
    time_min: BigInt(o["time_min"] as string),
    time_max: BigInt(o["time_max"] as string),
    time_samples: Number(o["time_samples"]),
    distance_samples: Number(o["distance_samples"]),
  }));
}

// The case message fragment the spec pins, per DASCore error class.
const FRAGMENT: Record<string, string> = { ChunkError: "No segments with sufficient length" };

describe("chunk planner against DASCore's oracle", () => {
  it("has all 69 cases", () => {
    expect(cases).toHaveLength(69);
  });

  cases.forEach((c, i) => {
    const title = `case ${i}: ${c.spool} ${JSON.stringify(c.ops)}`;
    it(title, () => {
      const rows = recipeRows(c.spool);
      if (c.error !== undefined) {
        expect(() => runOps(rows, c.ops)).toThrowError(FRAGMENT[c.error] ?? (c.message as string));
        try {
          runOps(rows, c.ops);
        } catch (e) {
          expect((e as Error).name).toBe(c.error);
        }
        return;
      }
      expect(runOps(rows, c.ops)).toEqual(expected(c));
    });
  });
});
