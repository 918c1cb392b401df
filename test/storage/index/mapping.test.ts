// indexPath (issue 5): an external index is recorded in the user cache so a later open of the
// directory finds it; an index inside the directory wins; a corrupt mapping file is ignored.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countIndex, openIndex, updateIndex } from "../../../storage/index/index.ts";
import { mappingFile } from "../../../storage/index/mapping.ts";
import { copyReal, isolateCache, tempDir } from "./helpers.ts";

let restoreCache: () => void;
let dir: string;
let ext: string;
let cleanups: (() => void)[] = [];

beforeEach(() => {
  restoreCache = isolateCache();
  const a = tempDir();
  const b = tempDir("daspool-ext-");
  dir = a.dir;
  ext = join(b.dir, "my-index");
  cleanups = [a.cleanup, b.cleanup];
  copyReal("prodml_fbe_1.h5", join(dir, "a.h5"));
});

afterEach(() => {
  for (const c of cleanups) c();
  restoreCache();
});

describe("indexPath", () => {
  it("keeps the index there, records the mapping, and a later open without indexPath finds it", async () => {
    const rep = await updateIndex(dir, { indexPath: ext });
    expect(rep).toMatchObject({ indexDir: ext, rows: 5 });
    expect(existsSync(join(dir, ".daspool"))).toBe(false);
    expect(existsSync(join(ext, "manifest.json"))).toBe(true);
    expect(mappingFile().startsWith(process.env["XDG_CACHE_HOME"]!)).toBe(true);
    expect(JSON.parse(readFileSync(mappingFile(), "utf8")).entries).toEqual({ [dir]: ext });

    const index = await openIndex(dir);
    expect(index.indexDir).toBe(ext);
    expect(await countIndex(index)).toBe(5);

    copyReal("dispersion_event.h5", join(dir, "b.h5"));
    const again = await updateIndex(dir); // no indexPath: updates the mapped index
    expect(again).toMatchObject({ indexDir: ext, added: 1, rows: 6 });
    expect(existsSync(join(dir, ".daspool"))).toBe(false);
  });

  it("an index inside the directory wins over the mapping", async () => {
    await updateIndex(dir, { indexPath: ext });
    copyReal("dispersion_event.h5", join(dir, "b.h5"));
    await updateIndex(dir, { indexPath: join(dir, ".daspool") });
    const index = await openIndex(dir);
    expect(index.indexDir).toBe(join(dir, ".daspool"));
    expect(await countIndex(index)).toBe(6);
    expect(await countIndex(await openIndex(dir, { indexPath: ext }))).toBe(5);
  });

  it("ignores a corrupt mapping file and rewrites it", async () => {
    mkdirSync(join(mappingFile(), ".."), { recursive: true });
    writeFileSync(mappingFile(), "{{{ not json");
    expect((await openIndex(dir)).manifest).toBeNull();
    await updateIndex(dir, { indexPath: ext });
    expect(JSON.parse(readFileSync(mappingFile(), "utf8"))).toEqual({ version: 1, entries: { [dir]: ext } });
    expect(await countIndex(await openIndex(dir))).toBe(5);
  });

  it("ignores a mapping whose index folder vanished", async () => {
    const other = tempDir();
    cleanups.push(other.cleanup);
    mkdirSync(join(mappingFile(), ".."), { recursive: true });
    writeFileSync(mappingFile(), JSON.stringify({ version: 1, entries: { [dir]: join(other.dir, "nothing-here") } }));
    const index = await openIndex(dir);
    expect(index.indexDir).toBe(join(dir, ".daspool"));
    expect(index.manifest).toBeNull();
  });

  it("never indexes its own files when indexPath is a visible folder inside the directory", async () => {
    const inside = join(dir, "my-index");
    const rep = await updateIndex(dir, { indexPath: inside });
    expect(rep).toMatchObject({ rows: 5, failed: [] });
    const again = await updateIndex(dir, { indexPath: inside });
    expect(again).toMatchObject({ written: false, added: 0, rows: 5, failed: [] });
  });
});
