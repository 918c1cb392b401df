// Read recipes (storage/formats/recipe.ts): a DASDAE patch read from the index's recipe must be the
// patch the ordinary HDF5 read returns, for every selection and target, and only for the file
// version the recipe was made from.
import { mkdtempSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../src/index.ts";
import { readPatch, scanFile } from "../../storage/formats/registry.ts";
import { jsonExact, readByRecipe, recipeHolds } from "../../storage/formats/recipe.ts";
import type { ReadRecipe, Selection } from "../../storage/formats/types.ts";
import { h5EngineMark, h5UsedSince } from "../../storage/h5/module.ts";
import { openIndex, queryIndex } from "../../storage/index/index.ts";
import { task } from "../planner/workers/helpers.ts";

let dir: string;
let archive: string;
const files = { big: "", big32: "", small: "" };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "daspool-recipe-"));
  archive = join(dir, "archive");
  const patches = (await dc.getExampleSpool("random_das", { length: 3, shape: [100, 2000] }).collect()) as dc.Patch[];
  for (const [k, p] of patches.entries()) await dc.write(p, join(archive, `big${k}.h5`), { format: "DASDAE" }); // 1.6 MB of samples each
  const wide = dc.getExamplePatch("random_das", { shape: [200, 2000] });
  await dc.write(wide.new({ data: Float32Array.from(wide.data as Float64Array) }), join(archive, "wide32.h5"), { format: "DASDAE" });
  const p32 = patches[0]!.new({ data: Float32Array.from(patches[0]!.data as Float64Array) });
  await dc.write(p32, join(dir, "small32.h5"), { format: "DASDAE" }); // 0.8 MB: below the 1 MiB floor
  files.big = join(archive, "big0.h5");
  files.big32 = join(archive, "wide32.h5");
  files.small = join(dir, "small32.h5");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function recipeOf(path: string): Promise<{ key: string; recipe: ReadRecipe | undefined; format: string; version: string }> {
  const scan = await scanFile(path);
  const s = scan.patches[0]!;
  return { key: s.key, recipe: s.recipe, format: scan.format, version: scan.version };
}

describe("scan", () => {
  it("gives a large contiguous DASDAE patch a recipe holding its dims, shape, coordinates and attributes", async () => {
    const { recipe } = await recipeOf(files.big);
    expect(recipe).toBeDefined();
    expect(recipe!.dims).toEqual(["distance", "time"]);
    expect(recipe!.shape).toEqual([100, 2000]);
    expect(recipe!.dtype).toBe("float64");
    expect(Object.values(recipe!.coords).every((c) => c.kind === "range")).toBe(true);
    expect(recipe!.offset).toBeGreaterThan(0);
    expect((await recipeOf(files.big32)).recipe!.dtype).toBe("float32");
  });

  it("gives none below 1 MiB of samples, where reads go through HDF5 as before", async () => {
    expect((await recipeOf(files.small)).recipe).toBeUndefined();
  });
});

describe("readByRecipe", () => {
  const selections: Array<Selection | undefined> = [
    undefined,
    { time: [10, 1500] },
    { distance: [5, 60] },
    { distance: [3, 4], time: [0, 1] },
    { time: [7, 7] },
  ];

  for (const which of ["big", "big32"] as const) {
    it(`returns the ordinary read's patch for every selection (${which})`, async () => {
      const path = files[which];
      const { key, recipe, format, version } = await recipeOf(path);
      for (const sel of selections) {
        const ordinary = await readPatch(path, key, { format, version }, sel);
        expect(readByRecipe(path, recipe!, sel)).toEqual(ordinary);
      }
    });
  }

  it("lands in a caller's strided target exactly where the ordinary read puts the samples", async () => {
    const { key, recipe, format, version } = await recipeOf(files.big);
    const into = () => ({ data: new Float64Array(100 * 3000).fill(-1), offset: 500, strides: [3000, 1] });
    const a = into();
    const b = into();
    const sel = { time: [100, 2000] as const };
    await readPatch(files.big, key, { format, version }, sel, a);
    const raw = readByRecipe(files.big, recipe!, sel, b);
    expect(raw.data).toBe(b.data);
    expect(b.data).toEqual(a.data);
  });

  it("holds only for the file version it was made from", async () => {
    const path = files.big;
    const { size, mtimeNs } = statSync(path, { bigint: true });
    const identity = { size: Number(size), mtimeNs };
    expect(recipeHolds(path, identity)).toBe(true);
    expect(recipeHolds(path, { ...identity, size: identity.size + 1 })).toBe(false);
    expect(recipeHolds(join(dir, "gone.h5"), identity)).toBe(false);
  });

  it("refuses values the index's JSON would change", () => {
    expect(jsonExact({ a: [1, "x", null, true, 2n], b: { c: 1.5 } })).toBe(true);
    for (const bad of [NaN, Infinity, -0, { $bigint: "1" }, [1, NaN], { x: { y: -Infinity } }]) expect(jsonExact(bad)).toBe(false);
  });
});

describe("a directory spool with recipes", () => {
  it("keeps each row's recipe in the index, equal to the scan's", async () => {
    await dc.spool(archive).update();
    const rows = await queryIndex(await openIndex(archive));
    for (const row of rows) expect(row.recipe).toEqual((await recipeOf(join(archive, row.path))).recipe);
    expect(rows.filter((r) => r.recipe).map((r) => r.path).sort()).toEqual(["big0.h5", "big1.h5", "big2.h5", "wide32.h5"]);
  });

  it("reads the patches single-file reads give, without HDF5, in the main thread, merged and in workers", async () => {
    const sp = await dc.spool(archive).update();
    const singles = await Promise.all(readdirSync(archive).filter((f) => f.endsWith(".h5")).map(async (f) => (await dc.read(join(archive, f)))[0] as dc.Patch));
    await sp.count(); // the index is queried outside the mark below
    const mark = h5EngineMark();
    const each = (await sp.collect()) as dc.Patch[];
    const merged = (await sp.chunk({ time: null }).collect()) as dc.Patch[];
    expect(h5UsedSince(mark)).toBe(false);
    expect(each).toHaveLength(4);
    for (const s of singles) expect(each.some((p) => p.equals(s))).toBe(true);
    const inWorkers = (await sp.map(task("identity"), { workers: 1 }).collect()) as dc.Patch[];
    expect(inWorkers.every((p, k) => p.equals(each[k]!))).toBe(true);
    // the three float64 patches follow each other in time: one merged patch of 6,000 samples
    const big = merged.find((p) => p.shape[1] === 6000)!;
    const parts = singles.filter((p) => p.shape[0] === 100).sort((a, b) => Number((a.coords.time!.min() as bigint) - (b.coords.time!.min() as bigint)));
    expect(big.select({ time: [parts[1]!.coords.time!.min() as bigint, parts[1]!.coords.time!.max() as bigint] }).equals(parts[1]!)).toBe(true);
  });

  it("keeps one recipe per patch of a file holding several", async () => {
    const multi = join(dir, "multi");
    const patches = (await dc.getExampleSpool("random_das", { length: 2, shape: [100, 2000] }).collect()) as dc.Patch[];
    await dc.write(dc.spool(patches), join(multi, "two.h5"), { format: "DASDAE" });
    const sp = await dc.spool(multi).update();
    const rows = await queryIndex(await openIndex(multi));
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.recipe?.offset)).size).toBe(2); // each patch's own samples
    await sp.count();
    const mark = h5EngineMark();
    const got = (await sp.collect()) as dc.Patch[];
    expect(h5UsedSince(mark)).toBe(false);
    const ordinary = (await dc.read(join(multi, "two.h5"))) as dc.Patch[];
    for (const p of ordinary) expect(got.some((q) => q.equals(p))).toBe(true);
  });

  it("reads a file rewritten since indexing the ordinary way (its new samples)", async () => {
    const path = join(archive, "big2.h5");
    const before = (await dc.read(path))[0] as dc.Patch;
    const changed = before.new({ data: Float64Array.from(before.data as Float64Array, (x) => x + 1) });
    const fresh = join(dir, "rewritten.h5");
    await dc.write(changed, fresh, { format: "DASDAE" });
    renameSync(fresh, path); // same size, new mtime
    utimesSync(path, new Date(), new Date(Date.now() + 5_000)); // a later mtime even on a coarse clock
    const mark = h5EngineMark();
    const got = (await dc.spool(archive).collect()) as dc.Patch[];
    expect(h5UsedSince(mark)).toBe(true);
    expect(got.some((p) => p.equals(changed))).toBe(true);
    expect(got.some((p) => p.equals(before))).toBe(false);
  });
});
