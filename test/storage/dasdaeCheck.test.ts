// Issue 17: a DASDAE file that a read would reject fails its scan, so a directory update reports it
// as failed instead of indexing it as healthy.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as dc from "../../src/index.ts";
import { getGroup, withH5File, writeAttr, type H5File } from "../../storage/h5/index.ts";
import { CorruptFileError } from "../../src/errors.ts";
import { writeAsciiAttr } from "../../storage/h5/rawAttr.ts";

const FIXTURES = join(import.meta.dirname, "../fixtures/dasdae");
const dir = mkdtempSync(join(tmpdir(), "daspool-dasdae-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function spoil(path: string, edit: (group: ReturnType<typeof getGroup>) => void): Promise<void> {
  await withH5File(
    path,
    (f) => {
      const wf = getGroup(f, "/waveforms");
      edit(getGroup(f, `/waveforms/${wf.keys()[0]!}`));
    },
    "a",
  );
}

/** A DASDAE file made from scratch: the root's format attributes, then whatever `build` adds. */
async function craft(path: string, build: (f: H5File) => void): Promise<void> {
  await withH5File(
    path,
    (f) => {
      writeAsciiAttr(f as never, "__format__", "DASDAE");
      writeAsciiAttr(f as never, "__DASDAE_version__", "1");
      build(f);
    },
    "w",
  );
}

describe("damaged DASDAE structure is named, never read as something else", () => {
  it("a file without its /waveforms group is damaged (every writer makes it), in a read and in an update", async () => {
    const sub = join(dir, "nowaveforms");
    mkdirSync(sub);
    const path = join(sub, "lost.h5");
    await craft(path, () => {});
    const err = await dc.read(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorruptFileError);
    expect(String(err)).toContain(path);
    expect(String(err)).toMatch(/without its \/waveforms group/);
    const sp = await dc.spool(sub).update();
    expect(sp.lastUpdate!.failed.map((f) => f.path)).toEqual(["lost.h5"]);
  });

  it("a patch whose two dimensions have no coordinate is damaged, named in a read without an index", async () => {
    const path = join(dir, "nocoords.h5");
    await craft(path, (f) => {
      const g = f.create_group("waveforms").create_group("p");
      writeAsciiAttr(g, "_dims", "distance,time");
      g.create_dataset({ name: "data", data: Float64Array.from([1, 2, 3, 4, 5, 6]), shape: [2, 3], dtype: "<f8" });
    });
    const err = await dc.read(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorruptFileError);
    expect(String(err)).toContain(path);
    expect(String(err)).toMatch(/dimensions distance, time have no coordinates/);
  });
});

describe("a coordinate's dims without its values (a damaged link name) is damaged", () => {
  it("is named in a read and fails its scan, as DASCore's reader asserts every _cdims_ has its _coord_", async () => {
    const sub = join(dir, "renamed");
    mkdirSync(sub);
    const path = join(sub, "renamed.h5");
    await craft(path, (f) => {
      const g = f.create_group("waveforms").create_group("p");
      writeAsciiAttr(g, "_dims", "distance,time");
      g.create_dataset({ name: "data", data: Float64Array.from([1, 2, 3, 4, 5, 6]), shape: [2, 3], dtype: "<f8" });
      g.create_dataset({ name: "_coord_distance", data: Float64Array.from([0, 1]), shape: [2], dtype: "<f8" });
      writeAsciiAttr(g, "_cdims_distance", "distance");
      // the time coordinate's link name damaged from _coord_time to _coord_t
      g.create_dataset({ name: "_coord_t", data: Float64Array.from([0, 0.5, 1]), shape: [3], dtype: "<f8" });
      writeAsciiAttr(g, "_cdims_time", "time");
    });
    const err = await dc.read(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorruptFileError);
    expect(String(err)).toContain(path);
    expect(String(err)).toMatch(/'_cdims_time' names coordinate 'time', but there is no dataset _coord_time/);
    const sp = await dc.spool(sub).update();
    expect(sp.lastUpdate!.failed.map((f) => f.path)).toEqual(["renamed.h5"]);
    expect(sp.lastUpdate!.failed[0]!.reason).toMatch(/no dataset _coord_time/);
  });
});

describe("DASDAE scan rejects what a read would reject (issue 17)", () => {
  it("reports a file whose network is a pickled None as failed in update(), and indexes the good one", async () => {
    const sub = join(dir, "net");
    mkdirSync(sub);
    copyFileSync(join(FIXTURES, "default.h5"), join(sub, "good.h5"));
    copyFileSync(join(FIXTURES, "default.h5"), join(sub, "bad.h5"));
    await spoil(join(sub, "bad.h5"), (g) => writeAsciiAttr(g, "_attrs_network", "N."));
    await expect(dc.read(join(sub, "bad.h5"))).rejects.toThrow(/network/);
    const sp = await dc.spool(sub).update();
    expect(sp.lastUpdate!.failed.map((f) => f.path)).toEqual(["bad.h5"]);
    expect(sp.lastUpdate!.failed[0]!.reason).toMatch(/attribute 'network' must be a string, got null/);
    expect(await sp.count()).toBe(1);
  });

  it("rejects a data_category outside the list and an over-long station", async () => {
    const a = join(dir, "cat.h5");
    copyFileSync(join(FIXTURES, "default.h5"), a);
    await spoil(a, (g) => writeAttr(g, "_attrs_data_category", "XYZ"));
    await expect(dc.spool(a).count()).rejects.toThrow(/data_category' must be one of/);
    const b = join(dir, "sta.h5");
    copyFileSync(join(FIXTURES, "default.h5"), b);
    await spoil(b, (g) => writeAttr(g, "_attrs_station", "ABCDEFGHIJKLMN"));
    await expect(dc.spool(b).count()).rejects.toThrow(/'station' must be at most 12 characters, got 14/);
  });
});
