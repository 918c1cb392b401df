// Spools over one file and dc.read / dc.write / dc.getFormat, on the real files in ../shared.

import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

const REAL = new URL("../../../../shared/data/real/", import.meta.url).pathname;
const TERRA = join(REAL, "example_triggered_shot.hdf5");

describe("file spools", () => {
  it("lists a file's patch from metadata with path and format columns", async () => {
    const t = await dc.spool(TERRA).getContents();
    expect(t.numRows).toBe(1);
    const row = t.get(0)!.toJSON();
    expect(row.path).toBe("example_triggered_shot.hdf5");
    expect(row.file_format).toBe("TERRA15");
    expect(row.file_version).toBe("6");
    expect(row.time_step).toBe(1_000_004n);
    expect((t.getChild("time_min")!.data[0]!.values as BigInt64Array)[0]).toBe(dc.toDatetime64("2023-01-27T05:54:03.636907520"));
  });

  it("reads only the selected hyperslab, equal to selecting from the full read", async () => {
    const query = { distance: [500, 700], time: ["2023-01-27T05:54:04", "2023-01-27T05:54:04.5"] } as const;
    const sp = dc.spool(TERRA).select(query);
    const explained = await sp.explain();
    expect(explained).toContain("hyperslab distance[56:178) time[364:864)");
    const part = (await sp.get(0)) as dc.Patch;
    const [full] = await dc.read(TERRA);
    expect(part.shape).toEqual([500, 122]);
    expect(part.equals(full!.select(query))).toBe(true);
  });

  it("gives one row and key per frequency band of a PRODML FBE file", async () => {
    const sp = dc.spool(join(REAL, "prodml_fbe_1.h5"));
    expect(await sp.count()).toBe(5);
    const bands = (await sp.collect()) as dc.Patch[];
    expect(bands.some((b, i) => i > 0 && !b.equals(bands[0]!))).toBe(true);
  });

  it("detects formats and rejects unknown files", async () => {
    expect(await dc.getFormat(join(REAL, "dispersion_event.h5"))).toEqual({ format: "DASDAE", version: "1" });
    const dir = mkdtempSync(join(tmpdir(), "daspool-"));
    const junk = join(dir, "junk.h5");
    writeFileSync(junk, "not a das file");
    await expect(dc.getFormat(junk)).rejects.toThrow(dc.UnknownFormatError);
    await expect(dc.spool(junk).count()).rejects.toThrow(dc.UnknownFormatError);
  });

  it("writes DASDAE that reads back equal, and reads DASCore's DASDAE file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "daspool-"));
    const out = join(dir, "example.h5");
    const patch = dc.getExamplePatch();
    await dc.write(patch, out, { format: "DASDAE" });
    const [back] = await dc.read(out);
    expect(back!.equals(patch)).toBe(true);
    copyFileSync(join(REAL, "dispersion_event.h5"), join(dir, "dispersion.h5"));
    const [d] = await dc.read(join(dir, "dispersion.h5"));
    expect(d!.dims).toEqual(["distance", "time"]);
    expect(d!.shape).toEqual([101, 2500]);
  });

  it("reads a selection with dc.read", async () => {
    const [p] = await dc.read(TERRA, { select: { distance: [500, 700] } });
    expect(p!.shape).toEqual([2080, 122]);
  });
});
