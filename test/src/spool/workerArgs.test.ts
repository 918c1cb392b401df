// Worker tasks take arguments (issue 20): `(patch, args)` with a structured clone of args, which
// travel with the plan through toJSON / spoolFromPlan.
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

const TASKS = new URL("./tasks/argTasks.ts", import.meta.url);

describe("dc.workerTask with args", () => {
  it("calls the export as (patch, args) in the workers", async () => {
    const sp = dc.getExampleSpool("random_das", { length: 2 });
    const out = await sp.map(dc.workerTask<dc.Patch>(TASKS, "scaled", { factor: 2, tag: "doubled" }), { workers: 2 }).collect();
    const src = await sp.collect();
    expect(out).toHaveLength(2);
    expect(out[1]!.attrs.tag).toBe("doubled");
    expect(out[1]!.data[17]).toBe(src[1]!.data[17]! * 2);
  });

  it("filters in the workers exactly as in this thread (the same fused IIR kernel on every thread)", async () => {
    const sp = dc.getExampleSpool("random_das", { length: 2 });
    const out = await sp.map(dc.workerTask<dc.Patch>(TASKS, "bandPass", { lo: 5, hi: 20 }), { workers: 2 }).collect();
    const here = (await sp.collect()).map((p) => p.passFilter({ time: [5, 20] }));
    expect(out).toHaveLength(2);
    out.forEach((p, k) => {
      expect(p.data).toBeInstanceOf(Float64Array);
      expect(Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).equals(Buffer.from(here[k]!.data.buffer, here[k]!.data.byteOffset, here[k]!.data.byteLength))).toBe(true);
    });
  });

  it("passes bigints, nested objects and null through the structured clone", async () => {
    const args = { t: 5n, band: [5, 20], nested: { a: null, b: "x" } };
    const [echoed] = await dc.getExampleSpool("random_das", { length: 1 }).map(dc.workerTask(TASKS, "echo", args), { workers: 1 }).collect();
    expect(echoed).toEqual(args);
  });

  it("clones args when the task is made, so later changes to the caller's object do not leak in", () => {
    const args = { factor: 1 };
    const task = dc.workerTask(TASKS, "scaled", args);
    args.factor = 3;
    expect(task.args).toEqual({ factor: 1 });
  });

  it("rejects a worker count that is not a positive integer at the call, naming the option", () => {
    const sp = dc.getExampleSpool("random_das", { length: 1 });
    for (const workers of [0, -1, 1.5, Number.NaN]) {
      expect(() => sp.map(dc.workerTask(TASKS, "echo", {}), { workers })).toThrow(/workers must be a positive integer.*got/);
      expect(() => sp.map(dc.workerTask(TASKS, "echo", {}), { workers })).toThrow(dc.ParameterError);
    }
  });

  it("rejects args that cannot be structured-cloned", () => {
    expect(() => dc.workerTask(TASKS, "scaled", { f: () => 1 })).toThrow(dc.ParameterError);
  });

  it("keeps args in toJSON and rebuilds them with spoolFromPlan (bigints included)", () => {
    const sp = dc.spool(new URL("../../../../shared/data/real/", import.meta.url).pathname).map(dc.workerTask(TASKS, "echo", { lo: 5, hi: 20, t: 7n }));
    const json = JSON.parse(JSON.stringify(sp.toJSON())) as unknown;
    const again = dc.spoolFromPlan<unknown>(json);
    const node = again.plan as { kind: string; spec: { task: { args: unknown } } };
    expect(node.kind).toBe("map");
    expect(node.spec.task.args).toEqual({ lo: 5, hi: 20, t: 7n });
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(sp.toJSON()));
  });
});

describe("BullMQ job data", () => {
  it("carries the task's args through Redis encoding (bigints and typed arrays kept)", async () => {
    const { decodeJob, encodeJob } = await import("../../../src/bullmq/jobs.ts");
    const args = { lo: 5, hi: 20, t: 9n, w: Float32Array.of(1.5, 2) };
    const data = JSON.parse(JSON.stringify(encodeJob("run1", 3, {} as never, { moduleUrl: "file:///t.js", exportName: "f", args }, "/out")));
    expect(decodeJob(data).task.args).toEqual(args);
  });
});
