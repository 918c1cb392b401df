// map with function tasks, concatenate, and the seed pipeline chunk → map → concatenate.

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

const maxOverTime = (p: unknown) => (p as dc.Patch).aggregate("time", "max");

describe("Spool.map with function tasks", () => {
  it("returns results in input order, lazily", async () => {
    let calls = 0;
    const sp = dc.getExampleSpool("random_das").map((p) => {
      calls++;
      return (p as dc.Patch).getCoord("time").min();
    });
    expect(calls).toBe(0);
    const got = await sp.collect();
    expect(calls).toBe(3);
    const t0 = dc.toDatetime64("2020-01-03");
    expect(got).toEqual([t0, t0 + 8_000_000_000n, t0 + 16_000_000_000n]);
  });

  it("awaits async tasks and reports progress up to the total", async () => {
    const progress: string[] = [];
    const sp = dc.getExampleSpool("random_das").map(
      async (p) => (p as dc.Patch).shape[1],
      { onProgress: ({ done, total }) => progress.push(`${done}/${total}`) },
    );
    expect(await sp.collect()).toEqual([2000, 2000, 2000]);
    expect(progress).toEqual(["1/3", "2/3", "3/3"]);
  });

  it("names the item index in a MapError", async () => {
    const sp = dc.getExampleSpool("random_das").map((p) => {
      if ((p as dc.Patch).getCoord("time").min()! > dc.toDatetime64("2020-01-03T00:00:10")) throw new Error("boom");
      return 1;
    });
    const err = await sp.collect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(dc.MapError);
    expect((err as dc.MapError).itemIndex).toBe(2);
    expect((err as Error).message).toMatch(/item 2.*boom/);
  });

  it("cancels through an AbortSignal", async () => {
    const controller = new AbortController();
    let calls = 0;
    const sp = dc.getExampleSpool("random_das", { length: 10 }).map(
      (p) => {
        calls++;
        if (calls === 2) controller.abort();
        return p;
      },
      { signal: controller.signal },
    );
    await expect(sp.collect()).rejects.toThrow(dc.AbortError);
    expect(calls).toBe(2);
  });

  it("refuses patch operations on non-patch results", async () => {
    const sp = dc.getExampleSpool("random_das").map(() => 1).concatenate({ time: null });
    await expect(sp.collect()).rejects.toThrow(dc.ParameterError);
  });
});

describe("Spool.concatenate", () => {
  it("joins along an existing dimension, values as they are (gaps allowed)", async () => {
    const sp = dc.getExampleSpool("random_das", { time_gap: 1 });
    const p = (await sp.concatenate({ time: null }).get(0)) as dc.Patch;
    expect(p.shape).toEqual([300, 6000]);
    expect(p.getCoord("time").evenlySampled).toBe(false);
    expect(p.history.at(-1)).toBe("concatenate");
    const parts = (await sp.collect()) as dc.Patch[];
    expect(p.getArray()[2000 * 0 + 2000]).toBe(parts[1]!.getArray()[0]);
  });

  it("stacks along a new dimension with a partial coordinate", async () => {
    const base = dc.getExamplePatch();
    const parts = [base, base.updateAttrs({ station: "b" }), base.updateAttrs({ station: "c" })];
    const sp = dc.spool(parts);
    const p = (await sp.concatenate({ run: null }).get(0)) as dc.Patch;
    expect(p.dims).toEqual(["distance", "time", "run"]);
    expect(p.shape).toEqual([300, 2000, 3]);
    expect(p.getCoord("run").kind).toBe("partial");
    expect(p.getCoord("time").equals(base.getCoord("time"))).toBe(true);
    expect(p.getArray()[5 * 3 + 1]).toBe(parts[1]!.getArray()[5]);
  });

  it("refuses to stack patches of other times on a new dimension (issue 16, defect 2)", async () => {
    // DASCore drops them with a warning; labelling them with the first patch's times would
    // mislabel samples (SPEC §6.3).
    const sp = dc.getExampleSpool("random_das");
    await expect(sp.concatenate({ run: null }).count()).rejects.toThrow(/coordinate 'time' differs/);
  });

  it("joins in groups of n", async () => {
    const sp = dc.getExampleSpool("random_das", { length: 5 }).concatenate({ time: 2 });
    const shapes = ((await sp.collect()) as dc.Patch[]).map((p) => p.shape[1]);
    expect(shapes).toEqual([4000, 4000, 2000]);
  });

  it("refuses patches with different dimensions", async () => {
    const p = dc.getExamplePatch();
    const sp = dc.spool([p, p.aggregate("time", "max", { dimReduce: "squeeze" })]);
    await expect(sp.concatenate({ time: null }).count()).rejects.toThrow(dc.PatchCoordinateError);
  });
});

describe("the seed pipeline", () => {
  it("chunk(time=5, overlap=1) → map(max over time) → concatenate gives one (300, 5) patch", async () => {
    const sp = dc.getExampleSpool("random_das").chunk({ time: 5, overlap: 1 }).map(maxOverTime).concatenate({ time: null });
    expect(await sp.count()).toBe(1);
    const out = (await sp.get(0)) as dc.Patch;
    expect(out.shape).toEqual([300, 5]);
    // Column 0 is the max of the first window (0–5 s, samples 0..1249 of patch 0) per channel.
    const first = dc.getExamplePatch("random_das", { time_min: "2020-01-03" });
    const row0 = first.getArray().subarray(0, 1250) as Float64Array;
    expect(out.getArray()[0]).toBe(Math.max(...row0));
  });
});
