// PRODML oddities DASCore pins in its own tests (issues 221 and 514), replayed on edited copies
// of prodml_2.0.h5, plus FBE bands keyed per node.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toDatetime64 } from "../../src/time.ts";
import { readFile, readPatch, scanFile } from "../../storage/formats/registry.ts";
import { summarizeCoord } from "../../storage/formats/rawCoords.ts";
import { getDataset, withH5File, writeAttr } from "../../storage/h5/index.ts";
import { REAL } from "./batteryCases.ts";

const dir = mkdtempSync(join(tmpdir(), "daspool-prodml-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function editedCopy(name: string, edit: Parameters<typeof withH5File>[1]): Promise<string> {
  const path = join(dir, name);
  copyFileSync(REAL + "prodml_2.0.h5", path);
  await withH5File(path, edit, "a");
  return path;
}

describe("PRODML reader", () => {
  it("reads Dimensions given as one string 'time, locus' (DASCore issue 221)", async () => {
    const path = await editedCopy("dims.h5", (f) => {
      writeAttr(getDataset(f, "/Acquisition/Raw[0]/RawData"), "Dimensions", "time, locus");
    });
    const [p] = await readFile(path);
    expect(p!.dims).toEqual(["time", "distance"]);
    expect(p!.shape).toEqual([2500, 512]);
  });

  it("trusts the time array when PartEndTime is a few samples off (DASCore issue 514)", async () => {
    const path = await editedCopy("end.h5", (f) => {
      writeAttr(getDataset(f, "/Acquisition/Raw[0]/RawDataTime"), "PartEndTime", "1970-01-01T00:00:12.505000+00:00");
    });
    const [p] = await readFile(path);
    const t = summarizeCoord(p!.coords["time"]!);
    expect(t.min).toBe(0n);
    expect(t.max).toBe(toDatetime64("1970-01-01T00:00:12.495"));
    expect(t.step).toBe(5_000_000n);
  });

  it("keys each FBE band by its node, so all five read differently", async () => {
    const s = await scanFile(REAL + "prodml_fbe_1.h5");
    expect(s.patches.map((p) => p.key)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `/Acquisition/Processed/Fbe[0]/FbeData[${i}]`),
    );
    const bands = await readFile(REAL + "prodml_fbe_1.h5");
    expect(new Set(bands.map((b) => b.data[0])).size).toBe(5);
    // Concurrent reads of one file each open their own handle and agree with the serial read.
    const parallel = await Promise.all(s.patches.map((p) => readPatch(REAL + "prodml_fbe_1.h5", p.key, s)));
    expect(parallel.map((b) => b.data[0])).toEqual(bands.map((b) => b.data[0]));
  });
});
