// explain(): logical, optimized and physical plans from metadata; analyze adds measured stages.

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

describe("Spool.explain", () => {
  const sp = dc
    .getExampleSpool("random_das")
    .select({ time: ["2020-01-03T00:00:01", "2020-01-03T00:00:09"] })
    .select({ station: "*" })
    .chunk({ time: 2 });

  it("shows the three plans, the rules that fired and each output's hyperslabs", async () => {
    const text = await sp.explain();
    expect(text).toMatchInlineSnapshot(`
      "== Logical plan ==
      Chunk: time=2s
        Select: station~"*"
          Select: time=[2020-01-03T00:00:01, 2020-01-03T00:00:09]
            Source: memory patches=3
      == Optimized plan ==
      Rules fired: mergeSelects×1
      Chunk: time=2s
        Select: time=[2020-01-03T00:00:01, 2020-01-03T00:00:09] AND station~"*"
          Source: memory patches=3
      == Physical plan ==
      Outputs: 4 (estimated: files=0 source patches=2 bytes=4.6 MiB)
        #0 Merge: time from 2020-01-03T00:00:01 samples=500 members=1 shape=(300, 500) ~1.1 MiB
          Load: memory[0] view time[250:750)
        #1 Merge: time from 2020-01-03T00:00:03 samples=500 members=1 shape=(300, 500) ~1.1 MiB
          Load: memory[0] view time[750:1250)
        #2 Merge: time from 2020-01-03T00:00:05 samples=500 members=1 shape=(300, 500) ~1.1 MiB
          Load: memory[0] view time[1250:1750)
        #3 Merge: time from 2020-01-03T00:00:07 samples=500 members=2 shape=(300, 500) ~1.1 MiB
          Load: memory[0] view time[1750:2000)
          Load: memory[1] view time[0:250)"
    `);
  });

  it("reads nothing without analyze and measures every stage with it", async () => {
    let loads = 0;
    const counted = sp.map((p) => {
      loads++;
      return p;
    });
    await counted.explain();
    expect(loads).toBe(0);
    const text = await counted.explain({ analyze: true });
    expect(loads).toBe(4);
    expect(text).toMatch(/== Analyze ==/);
    expect(text).toMatch(/Load: items=4 bytes=4\.6 MiB time=[\d.]+ ms/);
    expect(text).toMatch(/Map: items=4 bytes=0 B time=[\d.]+ ms/);
    expect(text).toMatch(/Total: outputs=4/);
  });

  it("names disabled rules", async () => {
    const text = await sp.explain({ disabledRules: ["mergeSelects"] });
    expect(text).toContain("Rules fired: none (disabled: mergeSelects)");
  });
});

describe("Spool.explain with a map in the middle", () => {
  it("shows the map stage without running it, and plans the rest only with analyze", async () => {
    let calls = 0;
    const sp = dc
      .getExampleSpool("random_das")
      .chunk({ time: 5, overlap: 1 })
      .map((p) => {
        calls++;
        return (p as dc.Patch).aggregate("time", "max");
      })
      .concatenate({ time: null });
    const text = await sp.explain();
    expect(calls).toBe(0);
    expect(text).toContain("Stage 1 (runs first):");
    expect(text).toContain("Outputs: 5 (estimated: files=0 source patches=3");
    expect(text).toContain("Map stage: function");
    expect(text).toContain("Stage 2: concatenate over the map results (planned once they exist; use analyze)");
    const analyzed = await sp.explain({ analyze: true });
    expect(calls).toBe(5);
    expect(analyzed).toMatch(/Concatenate: time parts=5 shape=\(300, 5\)/);
    expect(analyzed).toMatch(/Total: outputs=1/);
  });
});
