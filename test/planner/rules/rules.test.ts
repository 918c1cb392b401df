// Optimizer rules: each is a plan diff (the optimized plan text), a check that disabling the rule
// changes the plan, and a check that results are equal with and without the rule.

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { optimize } from "../../../planner/optimizer.ts";
import { renderPlan } from "../../../planner/explain/renderPlan.ts";
import { withDisabledRules } from "../../../src/spool/run.ts";

async function outputsWithAndWithout(sp: dc.Spool, rule: string): Promise<[unknown, unknown]> {
  const summarize = async (s: dc.Spool) => {
    const t = await s.getContents();
    return t.toArray().map((r) => JSON.stringify(r.toJSON(), (_k, v) => (typeof v === "bigint" ? String(v) : v)));
  };
  const without = withDisabledRules(sp, [rule]);
  const withRule = sp;
  return [await summarize(withRule), await summarize(without)];
}

describe("rule mergeSelects", () => {
  const sp = dc
    .getExampleSpool("diverse_das")
    .select({ time: ["2020-01-03T00:00:02", null] })
    .select({ time: [null, "2020-01-03T00:00:20"] })
    .select({ network: "das2" });

  it("merges consecutive selects into one", () => {
    expect(renderPlan(optimize(sp.plan).plan)).toMatchInlineSnapshot(`
      "Select: time=[2020-01-03T00:00:02, 2020-01-03T00:00:20] AND network~"das2"
        Source: memory patches=18"
    `);
    expect(renderPlan(optimize(sp.plan, { disabledRules: ["mergeSelects"] }).plan).split("\n")).toHaveLength(4);
  });

  it("does not merge membership pairs on an attribute", () => {
    const s = dc.getExampleSpool("diverse_das").select({ station: ["big_gaps", "smallg"] }).select({ station: ["smallg", "x"] });
    expect(optimize(s.plan).rules.find((r) => r.name === "mergeSelects")!.fired).toBe(0);
  });

  it("keeps results equal", async () => {
    const [a, b] = await outputsWithAndWithout(sp, "mergeSelects");
    expect(a).toEqual(b);
    expect((a as string[]).length).toBe(3);
  });
});

describe("rule selectBeforeSort", () => {
  const sp = dc.getExampleSpool("diverse_das").sort("station").select({ network: "das2" });

  it("moves the select below the sort", () => {
    expect(renderPlan(optimize(sp.plan).plan)).toMatchInlineSnapshot(`
      "Sort: by=station
        Select: network~"das2"
          Source: memory patches=18"
    `);
    expect(renderPlan(optimize(sp.plan, { disabledRules: ["selectBeforeSort"] }).plan)).toMatch(/^Select/);
  });

  it("does not move a select past a slice", () => {
    const s = dc.getExampleSpool("diverse_das").sort("station").slice(0, 3).select({ network: "das2" });
    expect(renderPlan(optimize(s.plan).plan)).toMatch(/^Select/);
  });

  it("keeps results equal", async () => {
    const [a, b] = await outputsWithAndWithout(sp, "selectBeforeSort");
    expect(a).toEqual(b);
    expect((a as string[]).length).toBe(3);
  });
});

describe("rule sliceBeforeMap", () => {
  it("moves a slice below a map so the task runs only on kept items", async () => {
    let calls = 0;
    const sp = dc
      .getExampleSpool("random_das")
      .chunk({ time: 2 })
      .map((p) => {
        calls++;
        return (p as dc.Patch).aggregate("time", "max");
      })
      .slice(1, 3);
    expect(renderPlan(optimize(sp.plan).plan).split("\n").map((l) => l.trim().split(":")[0])).toEqual([
      "Map",
      "Slice",
      "Chunk",
      "Source",
    ]);
    const withRule = (await sp.collect()) as dc.Patch[];
    expect(calls).toBe(2);
    calls = 0;
    const without = (await withDisabledRules(sp, ["sliceBeforeMap"]).collect()) as dc.Patch[];
    expect(calls).toBe(12);
    expect(withRule).toHaveLength(2);
    withRule.forEach((p, i) => expect(p.equals(without[i]!)).toBe(true));
    const windows = (await dc.getExampleSpool("random_das").chunk({ time: 2 }).slice(1, 3).collect()) as dc.Patch[];
    withRule.forEach((p, i) => expect(p.equals(windows[i]!.aggregate("time", "max"))).toBe(true));
  });

  it("does not move a slice below a chunk", () => {
    const sp = dc.getExampleSpool("random_das").chunk({ time: 2 }).slice(0, 2);
    expect(renderPlan(optimize(sp.plan).plan)).toMatch(/^Slice/);
  });
});
