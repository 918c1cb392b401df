// The 69 select/chunk cases of ../shared/data/oracle run end to end through the public Spool API:
// same output count, time bounds (ns), and sample counts as DASCore, with the data loaded.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

interface OracleOutput {
  time_min: number | string;
  time_max: number | string;
  time_samples: number;
  distance_samples: number;
}
interface OracleCase {
  spool: string;
  ops: [string, Record<string, unknown>][];
  note: string;
  outputs?: OracleOutput[];
  error?: string;
  message?: string;
}

const oraclePath = new URL("../../../../shared/data/oracle/chunk_cases.json", import.meta.url);
const cases: OracleCase[] = JSON.parse(
  readFileSync(oraclePath, "utf8").replace(/"time_(min|max)": (\d+)/g, '"time_$1": "$2"'),
).cases;

function recipe(name: string): dc.Spool {
  const [kind, arg] = name.split(":");
  switch (kind) {
    case "patch":
      return dc.spool([dc.getExamplePatch()]);
    case "random":
      return dc.getExampleSpool("random_das");
    case "random10":
      return dc.getExampleSpool("random_das", { length: 10 });
    case "random10gap":
      return dc.getExampleSpool("random_das", { length: 10, time_gap: Number(arg) });
    case "overlap":
      return dc.getExampleSpool("random_das", { length: 4, time_gap: -Number(arg) });
    case "single":
      return dc.getExampleSpool("random_das", {
        time_step: 0.999767552,
        shape: [100, 1],
        length: 10,
        time_min: "2023-06-13T15:38:00.49953408",
      });
    case "diverse":
      return dc.getExampleSpool("diverse_das").select({ station: arg! });
    default:
      throw new Error(`unknown recipe ${name}`);
  }
}

function apply(sp: dc.Spool, ops: OracleCase["ops"]): dc.Spool {
  let out = sp;
  for (const [op, raw] of ops) {
    const args: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) args[k === "keep_partial" ? "keepPartial" : k] = v;
    out = op === "select" ? out.select(args as never) : out.chunk(args as dc.ChunkArgs);
  }
  return out;
}

describe("DASCore chunk/select oracle, end to end", () => {
  it("has the 69 cases", () => {
    expect(cases).toHaveLength(69);
  });

  for (const [n, c] of cases.entries()) {
    const title = `#${n} ${c.spool} ${JSON.stringify(c.ops)}`;
    if (c.error) {
      it(`${title} fails with ${c.error}`, async () => {
        const run = async () => apply(recipe(c.spool), c.ops).count();
        await expect(run()).rejects.toThrow(dc.ChunkError);
        await expect(run()).rejects.toThrow(/No segments with sufficient length/);
      });
      continue;
    }
    it(`${title} gives ${c.outputs!.length} outputs`, async () => {
      const sp = apply(recipe(c.spool), c.ops);
      expect(await sp.count()).toBe(c.outputs!.length);
      const got = (await sp.collect()) as dc.Patch[];
      const summary = got.map((p) => ({
        time_min: String(p.getCoord("time").min()),
        time_max: String(p.getCoord("time").max()),
        time_samples: p.getCoord("time").length,
        distance_samples: p.getCoord("distance").length,
      }));
      expect(summary).toEqual(c.outputs!.map((o) => ({ ...o, time_min: String(o.time_min), time_max: String(o.time_max) })));
    });
  }
});
