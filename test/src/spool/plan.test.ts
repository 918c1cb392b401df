// toJSON / spoolFromPlan: a plan is plain data that rebuilds an equal spool elsewhere.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

const REAL = new URL("../../../../shared/data/real/", import.meta.url).pathname;

describe("serialisable plans", () => {
  it("round-trips every node kind over a file through JSON text", async () => {
    const sp = dc
      .spool(join(REAL, "example_triggered_shot.hdf5"))
      .select({ time: ["2023-01-27T05:54:04", null], distance: [450, 700] })
      .sort("time")
      .slice(0, 5)
      .chunk({ time: 0.5, overlap: 0.1, keepPartial: true })
      .concatenate({ time: 2 })
      .map(dc.workerTask("file:///tasks.js", "rms"));
    const text = JSON.stringify(sp);
    const again = dc.spoolFromPlan(JSON.parse(text));
    expect(JSON.stringify(again)).toBe(text);
    expect(again.plan).toEqual(sp.plan);
  });

  it("rebuilds a spool with the same outputs", async () => {
    const sp = dc
      .spool(join(REAL, "example_triggered_shot.hdf5"))
      .select({ distance: [450, 700] })
      .chunk({ time: 0.5 });
    const again = dc.spoolFromPlan(JSON.stringify(sp));
    const a = (await sp.collect()) as dc.Patch[];
    const b = (await again.collect()) as dc.Patch[];
    expect(a).toHaveLength(4);
    expect(b).toHaveLength(4);
    a.forEach((p, i) => expect(p.equals(b[i]!)).toBe(true));
  });

  it("refuses plans whose data or functions cannot travel", () => {
    expect(() => dc.spoolFromPlan(JSON.stringify(dc.getExampleSpool()))).toThrow(/in-memory/);
    const fn = dc.spool(join(REAL, "example_triggered_shot.hdf5")).map((p) => p);
    expect(() => dc.spoolFromPlan(JSON.stringify(fn))).toThrow(/function map task/);
    expect(() => dc.spoolFromPlan({ nope: true })).toThrow(dc.ParameterError);
  });
});
