// Directory spools: every pushdown (select, glob, set, count, slice, sort) gives the same results
// as the in-memory spool over the same patches, and chunk works across files.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

let dir: string;
let memory: dc.Spool;
let directory: dc.Spool;

/** A comparable fingerprint of each output: station, network, tag, time range and shape. */
async function fingerprint(sp: dc.Spool): Promise<string[]> {
  const out: string[] = [];
  for await (const item of sp) {
    const p = item as dc.Patch;
    const t = p.getCoord("time");
    out.push(`${p.attrs.network}/${p.attrs.station}/${p.attrs.tag} ${t.min()}..${t.max()} ${p.shape.join("x")}`);
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "daspool-dir-"));
  const patches = (await dc.getExampleSpool("diverse_das").collect()) as dc.Patch[];
  await Promise.all(
    patches.map((p, i) => dc.write(p, join(dir, i % 2 ? "odd" : "even", `patch_${String(i).padStart(2, "0")}.h5`))),
  );
  directory = await dc.spool(dir).update();
  // The same patches, in the index's order (time_min, path, key), held in memory.
  memory = dc.spool((await directory.collect()) as dc.Patch[]);
}, 120_000);

describe("directory spool pushdown equals the in-memory spool", () => {
  const cases: [string, (s: dc.Spool) => dc.Spool][] = [
    ["everything", (s) => s],
    ["station glob", (s) => s.select({ station: "*g*" })],
    ["glob matching the empty default station", (s) => s.select({ station: "*" })],
    ["empty station equality", (s) => s.select({ station: "" })],
    ["network equality", (s) => s.select({ network: "das2" })],
    ["station set", (s) => s.select({ station: new Set(["big_gaps", "overlaps"]) })],
    ["time range with trim", (s) => s.select({ time: ["2020-01-03T00:00:05", "2020-01-03T00:00:12.5"] })],
    ["attribute + time", (s) => s.select({ tag: "random", time: [null, "2020-01-03T00:00:09"] })],
    ["sort by station then slice", (s) => s.sort("station").slice(2, 7)],
    ["sort by time", (s) => s.sort("time")],
    ["chunk across files", (s) => s.select({ station: "big_gaps" }).chunk({ time: 3 })],
    ["merge across files", (s) => s.chunk({ time: null })],
  ];
  for (const [name, build] of cases) {
    it(name, async () => {
      const a = await fingerprint(build(memory));
      const b = await fingerprint(build(directory));
      expect(b).toEqual(a);
      expect(await build(directory).count()).toBe(await build(memory).count());
    });
  }

  it("counts from the index and shows the pushed SQL in explain", async () => {
    const sp = directory.select({ network: "das2", time: ["2020-01-03T00:00:02", null] });
    expect(await sp.count()).toBe(3);
    const text = await sp.explain();
    expect(text).toContain('pushed exact=[network~"das2"]');
    expect(text).toContain("pushed inexact=[time∩[2020-01-03T00:00:02, None]] (residual trim)");
    expect(text).toMatch(/Index SQL: SELECT .* WHERE .*"network" GLOB \$\d+/);
    const sql = text.split("\n").find((l) => l.startsWith("Index SQL:"))!.split("  -- ")[0]!;
    expect(sql).not.toContain("das2"); // user values are bound, never in the SQL text
  });

  it("lists contents from the index without opening data files", async () => {
    const t = await directory.getContents();
    expect(t.numRows).toBe(18);
    const paths = [...(t.getChild("path")!.toArray() as string[])];
    expect(paths.every((p) => /^(odd|even)\/patch_\d\d\.h5$/.test(p))).toBe(true);
    expect(t.getChild("file_format")!.get(0)).toBe("DASDAE");
  });
});
