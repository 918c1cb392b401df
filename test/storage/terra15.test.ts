// Terra15 oddities: an unfinished last block (rows allocated, time stamps still zero) is cut off
// as DASCore does, using only the stamped rows; v5 virtual datasets resolve next to the file.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readFile, scanFile } from "../../storage/formats/registry.ts";
import { summarizeCoord } from "../../storage/formats/rawCoords.ts";
import { getDataset, withH5File } from "../../storage/h5/index.ts";
import { REAL } from "./batteryCases.ts";

const dir = mkdtempSync(join(tmpdir(), "daspool-terra15-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("TERRA15 reader", () => {
  it("ignores an unfinished last block whose time stamps are still zero", async () => {
    const path = join(dir, "unfinished.hdf5");
    copyFileSync(REAL + "example_triggered_shot.hdf5", path);
    await withH5File(path, (f) => {
      // Grow by one 160-row frame, as the recorder allocates it before filling it in.
      getDataset(f, "/data_product/data").resize([2240, 238]);
      getDataset(f, "/data_product/gps_time").resize([2240]);
      getDataset(f, "/data_product/posix_time").resize([2240]);
    }, "a");
    const [orig] = await readFile(REAL + "example_triggered_shot.hdf5");
    const s = await scanFile(path);
    expect(s.patches[0]!.shape).toEqual([2080, 238]);
    const [p] = await readFile(path);
    expect(p!.shape).toEqual([2080, 238]);
    expect(summarizeCoord(p!.coords["time"]!)).toEqual(summarizeCoord(orig!.coords["time"]!));
    expect(p!.data).toEqual(orig!.data);
  });

  it("reads the v5 virtual datasets through their source next to the file", async () => {
    const [v5] = await readFile(REAL + "v5_compatible.h5");
    const [v6] = await readFile(REAL + "example_triggered_shot.hdf5");
    expect(v5!.data).toEqual(v6!.data);
    expect(v5!.coords).toEqual(v6!.coords);
  });
});
