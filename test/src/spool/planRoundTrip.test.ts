// Issue 9: plans travel. Every node kind and predicate kind over a directory archive survives
// toJSON → JSON text → spoolFromPlan with equal outputs, and split({ count }) gives each of n
// machines a deterministic, disjoint share that together covers every output.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

let dir: string;
let archive: dc.Spool;

/** A comparable fingerprint of each output: station, tag, time range and shape. */
async function fingerprint(sp: dc.Spool): Promise<string[]> {
  const out: string[] = [];
  for await (const item of sp) {
    const p = item as dc.Patch;
    const t = p.getCoord("time");
    out.push(`${p.attrs.station}/${p.attrs.tag} ${t.min()}..${t.max()} ${p.shape.join("x")}`);
  }
  return out;
}

/** The spool rebuilt from its JSON text, as another machine would. */
function travelled(sp: dc.Spool): dc.Spool {
  return dc.spoolFromPlan(JSON.parse(JSON.stringify(sp)));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "daspool-plan-"));
  const small = { shape: [20, 500] as [number, number] };
  const a = (await dc.getExampleSpool("random_das", { length: 4, ...small, station: "AA1", tag: "raw" }).collect()) as dc.Patch[];
  const b = (await dc.getExampleSpool("random_das", { length: 3, ...small, station: "BB2", tag: "cut" }).collect()) as dc.Patch[];
  await Promise.all([...a, ...b].map((p, i) => dc.write(p, join(dir, `p${String(i).padStart(2, "0")}.h5`))));
  archive = await dc.spool(dir).update();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("toJSON / spoolFromPlan over a directory archive", () => {
  const cases: [string, (s: dc.Spool) => dc.Spool][] = [
    ["source", (s) => s],
    ["select: time range (bigint ns)", (s) => s.select({ time: ["2020-01-03T00:00:01", "2020-01-03T00:00:05.5"] })],
    ["select: numeric range", (s) => s.select({ distance: [3, 12] })],
    ["select: glob", (s) => s.select({ station: "B*" })],
    ["select: set", (s) => s.select({ station: new Set(["AA1"]), tag: ["raw", "other"] })],
    ["select: equality", (s) => s.select({ tag: "cut" })],
    ["sort", (s) => s.sort("station")],
    ["slice with a negative start and a step", (s) => s.slice(-6, null, 2)],
    ["chunk with overlap", (s) => s.chunk({ time: 0.75, overlap: "250ms", keepPartial: true })],
    ["chunk merging contiguous runs (null)", (s) => s.chunk({ time: null })],
    ["concatenate groups", (s) => s.select({ station: "AA1" }).concatenate({ time: 2 })],
    ["concatenate on a new dimension", (s) => s.slice(0, 2).concatenate({ shot: null })],
    ["everything chained", (s) => s.select({ station: "*" }).sort("time").slice(1).chunk({ time: 0.5 }).slice(0, 9)],
  ];
  for (const [name, build] of cases) {
    it(`round-trips ${name} with equal outputs`, async () => {
      const sp = build(archive);
      const again = travelled(sp);
      expect(again.plan).toEqual(sp.plan);
      expect(JSON.stringify(again)).toBe(JSON.stringify(sp));
      const expected = await fingerprint(sp);
      expect(expected.length).toBeGreaterThan(0);
      expect(await fingerprint(again)).toEqual(expected);
    });
  }

  it("round-trips a worker map node, keeping its task and options but not its run-time hooks", () => {
    const controller = new AbortController();
    const sp = archive
      .chunk({ time: 1 })
      .map(dc.workerTask("file:///opt/tasks.js", "rms"), { workers: 3, ordered: false, signal: controller.signal });
    const again = travelled(sp);
    expect(again.plan).toEqual(sp.plan);
    const map = again.plan as Extract<dc.Spool["plan"], { kind: "map" }>;
    expect(map.spec.task).toEqual({ type: "worker", moduleUrl: "file:///opt/tasks.js", exportName: "rms" });
    expect([map.spec.workers, map.spec.ordered]).toEqual([3, false]);
    expect(again.env.hooks.size).toBe(0); // the signal stayed behind
  });

  it("round-trips a directory source kept elsewhere (indexPath)", () => {
    const sp = dc.spool(dir, { indexPath: join(dir, "elsewhere") }).select({ station: "AA1" });
    expect(travelled(sp).plan).toEqual(sp.plan);
  });
});

describe("split({ count }) shares for n machines (issue 9)", () => {
  it("gives exactly n disjoint, deterministic shares that cover every output", async () => {
    const sp = archive.chunk({ time: 0.5 }); // 7 patches × 2 s → windows across both stations
    const all = await fingerprint(sp);
    for (const n of [1, 2, 3, 5]) {
      const here = await sp.split({ count: n });
      const there = await travelled(sp).split({ count: n }); // another machine, same index
      expect(here).toHaveLength(n);
      const shares = await Promise.all(here.map(fingerprint));
      expect(await Promise.all(there.map(fingerprint))).toEqual(shares);
      expect(shares.flat()).toEqual(all); // disjoint and complete, in order
      const sizes = shares.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it("gives empty shares to extra machines when there are fewer outputs than machines", async () => {
    const sp = archive.select({ station: "BB2" });
    const shares = await sp.split({ count: 5 });
    expect(await Promise.all(shares.map((s) => s.count()))).toEqual([1, 1, 1, 0, 0]);
    expect(await shares[4]!.collect()).toEqual([]);
  });

  it("splits a worker map's outputs too (the slice goes below the map)", async () => {
    const sp = archive.chunk({ time: 1 }).map(dc.workerTask("file:///opt/tasks.js", "rms"));
    const shares = await sp.split({ count: 3 });
    expect(await Promise.all(shares.map((s) => s.count()))).toEqual([5, 5, 4]);
  });

  it("rejects a count that is not a positive integer", async () => {
    await expect(archive.split({ count: 0 })).rejects.toThrow(/positive integer/);
  });
});
