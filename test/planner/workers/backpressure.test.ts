// The worker stage keeps at most 2 × workers items in flight, counting results that wait for a
// slow consumer, so memory stays bounded however long the spool (issue 7).

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import type { RunContext, SourceResolver } from "../../../planner/context.ts";
import { itemFromRow } from "../../../planner/items.ts";
import { DefaultResolver } from "../../../planner/sources/resolver.ts";
import { runWorkerMap } from "../../../planner/workers/runWorkerMap.ts";
import type { MapSpec } from "../../../planner/plan.ts";
import { task } from "./helpers.ts";

/** A resolver over in-memory patches that counts member loads (each load = one item sent). */
function countingContext(patches: dc.Patch[]): { ctx: RunContext; loads: () => number; rows: ReturnType<DefaultResolver["adopt"]> } {
  const inner = new DefaultResolver();
  const rows = inner.adopt(patches);
  let n = 0;
  const sources: SourceResolver = {
    rows: (ref) => inner.rows(ref),
    describe: (ref) => inner.describe(ref),
    adopt: (p) => inner.adopt(p),
    load: (member) => {
      n++;
      return inner.load(member);
    },
  };
  return { ctx: { sources, functions: new Map(), hooks: new Map() }, loads: () => n, rows };
}

describe("runWorkerMap back-pressure", () => {
  it("sends no more than 2 × workers items ahead of a slow consumer", async () => {
    const patches = (await dc.getExampleSpool("random_das").chunk({ time: 1 }).collect()) as dc.Patch[];
    const { ctx, loads, rows } = countingContext(patches);
    const t = task("timeMin");
    const spec: MapSpec = { task: { type: "worker", moduleUrl: t.moduleUrl, exportName: t.exportName }, workers: 2, ordered: true, hooks: null };
    const stream = runWorkerMap(rows.map(itemFromRow), spec, ctx);
    try {
      const first = await stream.next();
      expect(first.value).toBe(dc.toDatetime64("2020-01-03"));
      expect(loads()).toBe(4);
      await new Promise((r) => setTimeout(r, 500)); // the consumer dawdles: nothing more is sent
      expect(loads()).toBe(4);
      await stream.next();
      expect(loads()).toBe(5);
    } finally {
      await stream.return(undefined);
    }
    expect(loads()).toBe(5);
  });
});
