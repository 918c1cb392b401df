// updateIndex (issue 5): nested folders, multi-patch files, new/changed/deleted/old-mtime files,
// no duplicates, junk and corrupt files remembered until they change, progress, abort, rebuilds.
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortError } from "../../../src/errors.ts";
import { countIndex, openIndex, queryIndex, updateIndex } from "../../../storage/index/index.ts";
import { copyReal, isolateCache, REAL, SEC, T0, tempDir, writeDasdae } from "./helpers.ts";

let templates: string;
let cleanupTemplates: () => void;
let restoreCache: () => void;

beforeAll(async () => {
  restoreCache = isolateCache();
  ({ dir: templates, cleanup: cleanupTemplates } = tempDir("daspool-templates-"));
  for (let i = 0; i < 4; i++) await writeDasdae(join(templates, `t${i}.h5`), { station: `S${i}`, t0: T0 + BigInt(i) * 10n * SEC, nt: 50 + i });
});

afterAll(() => {
  cleanupTemplates();
  restoreCache();
});

/** Copies template i to `dest` under `root`. */
function put(root: string, i: number, dest: string): void {
  mkdirSync(join(root, dest, ".."), { recursive: true });
  copyFileSync(join(templates, `t${i}.h5`), join(root, dest));
}

async function keysOf(dir: string): Promise<string[]> {
  return (await queryIndex(await openIndex(dir))).map((r) => `${r.path}#${r.key}`).sort();
}

describe("updateIndex", () => {
  it("indexes nested folders and multi-patch files, skipping hidden entries", async () => {
    const { dir, cleanup } = tempDir();
    try {
      put(dir, 0, "a.h5");
      put(dir, 1, "2023/01/b.h5");
      put(dir, 2, "2023/02/deep/er/c.h5");
      put(dir, 3, ".hidden/d.h5");
      put(dir, 3, "2023/.e.h5");
      copyReal("prodml_fbe_1.h5", join(dir, "fbe", "bands.h5"));
      const rep = await updateIndex(dir);
      expect(rep).toMatchObject({ added: 4, changed: 0, removed: 0, unchanged: 0, scanned: 4, rows: 8, written: true, failed: [] });
      const rows = await queryIndex(await openIndex(dir));
      expect(rows.map((r) => r.path).sort()).toEqual(["2023/01/b.h5", "2023/02/deep/er/c.h5", "a.h5", ...Array(5).fill("fbe/bands.h5")].sort());
      const fbe = rows.filter((r) => r.path === "fbe/bands.h5");
      expect(new Set(fbe.map((r) => r.key)).size).toBe(5);
      expect(fbe[0]).toMatchObject({ format: "PRODML", fileSize: readFileSync(join(REAL, "prodml_fbe_1.h5")).length });
    } finally {
      cleanup();
    }
  });

  it("adds new, replaces changed, drops deleted files, and finds a file copied in with an old mtime", async () => {
    const { dir, cleanup } = tempDir();
    try {
      put(dir, 0, "keep.h5");
      put(dir, 1, "change.h5");
      put(dir, 2, "delete.h5");
      await updateIndex(dir);
      const before = await queryIndex(await openIndex(dir));
      const old = before.find((r) => r.path === "change.h5")!;

      put(dir, 3, "change.h5"); // different content and size, new mtime
      rmSync(join(dir, "delete.h5"));
      put(dir, 2, "old/ancient.h5");
      utimesSync(join(dir, "old/ancient.h5"), 946_684_800, 946_684_800); // year 2000: older than the index
      const rep = await updateIndex(dir);
      expect(rep).toMatchObject({ added: 1, changed: 1, removed: 1, unchanged: 1, scanned: 2, rows: 3 });
      const rows = await queryIndex(await openIndex(dir));
      expect(rows.map((r) => r.path).sort()).toEqual(["change.h5", "keep.h5", "old/ancient.h5"]);
      const now = rows.find((r) => r.path === "change.h5")!;
      expect(now.attrs["station"]).toBe("S3");
      expect(now.key).not.toBe(old.key);
      expect(now.mtimeNs).not.toBe(old.mtimeNs);
    } finally {
      cleanup();
    }
  });

  it("a file renamed over another with the same mtime but a new size is rescanned", async () => {
    const { dir, cleanup } = tempDir();
    try {
      put(dir, 0, "x.h5");
      await updateIndex(dir);
      copyReal("dispersion_event.h5", join(dir, "tmp.h5"), 1e9); // another size, same mtime
      utimesSync(join(dir, "x.h5"), 1e9, 1e9);
      await updateIndex(dir);
      renameSync(join(dir, "tmp.h5"), join(dir, "x.h5"));
      const rep = await updateIndex(dir);
      expect(rep).toMatchObject({ changed: 1, removed: 1, rows: 1 });
      expect((await queryIndex(await openIndex(dir)))[0]!.path).toBe("x.h5");
      expect((await queryIndex(await openIndex(dir)))[0]!.fileSize).toBe(readFileSync(join(REAL, "dispersion_event.h5")).length);
    } finally {
      cleanup();
    }
  });

  it("never duplicates rows across repeated updates; a no-change update writes nothing", async () => {
    const { dir, cleanup } = tempDir();
    try {
      for (let i = 0; i < 4; i++) put(dir, i, `f${i}.h5`);
      await updateIndex(dir);
      const first = await keysOf(dir);
      for (let k = 0; k < 3; k++) {
        const rep = await updateIndex(dir);
        expect(rep).toMatchObject({ written: false, scanned: 0, unchanged: 4, rows: 4 });
      }
      appendFileSync(join(dir, "f0.h5"), new Uint8Array(0)); // touch only: same size, same content
      utimesSync(join(dir, "f0.h5"), new Date(), new Date(Date.now() + 5000));
      const rep = await updateIndex(dir);
      expect(rep).toMatchObject({ changed: 1, scanned: 1, rows: 4, written: true });
      expect(await keysOf(dir)).toEqual(first);
      expect(new Set(first).size).toBe(first.length);
    } finally {
      cleanup();
    }
  });

  it("reports junk and corrupt files, remembers them, and rescans them only once they change", async () => {
    const { dir, cleanup } = tempDir();
    try {
      put(dir, 0, "good.h5");
      writeFileSync(join(dir, "notes.dat"), "not a DAS file");
      const bytes = readFileSync(join(REAL, "prodml_fbe_1.h5"));
      writeFileSync(join(dir, "truncated.h5"), bytes.subarray(0, 3000));
      const rep = await updateIndex(dir);
      expect(rep.rows).toBe(1);
      expect(rep.failed.map((f) => f.path)).toEqual(["notes.dat", "truncated.h5"]);
      expect(rep.failed[0]!.reason).toMatch(/UnknownFormatError/);
      expect(rep.newlyFailed).toHaveLength(2);

      const again = await updateIndex(dir);
      expect(again).toMatchObject({ scanned: 0, written: false, newlyFailed: [] });
      expect(again.failed.map((f) => f.path)).toEqual(["notes.dat", "truncated.h5"]);

      writeFileSync(join(dir, "truncated.h5"), bytes); // repaired
      const fixed = await updateIndex(dir);
      expect(fixed).toMatchObject({ scanned: 1, changed: 1, rows: 6 });
      expect(fixed.failed.map((f) => f.path)).toEqual(["notes.dat"]);

      rmSync(join(dir, "notes.dat"));
      const gone = await updateIndex(dir);
      expect(gone).toMatchObject({ removed: 1, failed: [], written: true });
      expect((await openIndex(dir)).manifest!.failed).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it("indexes an empty directory as an empty index", async () => {
    const { dir, cleanup } = tempDir();
    try {
      expect((await openIndex(dir)).manifest).toBeNull();
      expect(await queryIndex(await openIndex(dir))).toEqual([]);
      const rep = await updateIndex(dir);
      expect(rep).toMatchObject({ rows: 0, written: true });
      expect(await countIndex(await openIndex(dir))).toBe(0);
      put(dir, 0, "late.h5");
      expect(await updateIndex(dir)).toMatchObject({ added: 1, rows: 1 });
    } finally {
      cleanup();
    }
  });

  it("reports progress and stops on abort, leaving the previous index", async () => {
    const { dir, cleanup } = tempDir();
    try {
      put(dir, 0, "a.h5");
      await updateIndex(dir);
      for (let i = 0; i < 6; i++) put(dir, i % 4, `n${i}.h5`);
      const ctl = new AbortController();
      const seen: number[] = [];
      const p = updateIndex(dir, {
        signal: ctl.signal,
        onProgress: ({ done, total, bytes }) => {
          seen.push(done);
          expect(total).toBe(6);
          expect(bytes).toBeGreaterThan(0);
          if (done === 2) ctl.abort();
        },
      });
      await expect(p).rejects.toThrow(AbortError);
      expect(seen).toEqual([1, 2]);
      expect(await keysOf(dir)).toHaveLength(1);
      const full: number[] = [];
      const rep = await updateIndex(dir, { onProgress: ({ done }) => full.push(done) });
      expect(full).toEqual([1, 2, 3, 4, 5, 6]);
      expect(rep.rows).toBe(7);
    } finally {
      cleanup();
    }
  });

  it("rebuilds an index of another schema version with a warning", async () => {
    const { dir, cleanup } = tempDir();
    try {
      put(dir, 0, "a.h5");
      await updateIndex(dir);
      const mf = join(dir, ".daspool", "manifest.json");
      writeFileSync(mf, JSON.stringify({ ...JSON.parse(readFileSync(mf, "utf8")), schemaVersion: 0 }));
      const openWarnings: string[] = [];
      expect((await openIndex(dir, { onWarning: (m) => openWarnings.push(m) })).manifest).toBeNull();
      expect(openWarnings.join()).toMatch(/schema version 0/);
      const warnings: string[] = [];
      const rep = await updateIndex(dir, { onWarning: (m) => warnings.push(m) });
      expect(rep).toMatchObject({ rebuilt: true, added: 1, rows: 1 });
      expect(warnings.join()).toMatch(/rebuilding.*schema version 0/);
      expect(await keysOf(dir)).toHaveLength(1);
    } finally {
      cleanup();
    }
  });

  it("does not commit when another updater broke its lock meanwhile", async () => {
    const { dir, cleanup } = tempDir();
    try {
      put(dir, 0, "a.h5");
      await updateIndex(dir);
      put(dir, 1, "b.h5");
      const lock = join(dir, ".daspool", "lock");
      const p = updateIndex(dir, { testHooks: { beforeCommit: () => writeFileSync(lock, JSON.stringify({ pid: 1, token: "other" })) } });
      await expect(p).rejects.toThrow(/lost its lock/);
      rmSync(lock);
      expect(await keysOf(dir)).toHaveLength(1);
    } finally {
      cleanup();
    }
  });

  it("readers querying during updates always see a whole generation", async () => {
    const { dir, cleanup } = tempDir();
    try {
      put(dir, 0, "a.h5");
      await updateIndex(dir);
      const index = await openIndex(dir); // a snapshot whose Parquet the updates below delete
      let stop = false;
      const counts: number[] = [];
      const reader = (async () => {
        while (!stop) counts.push(await countIndex(index));
      })();
      for (let i = 1; i <= 4; i++) {
        put(dir, i % 4, `n${i}.h5`);
        await updateIndex(dir);
      }
      stop = true;
      await reader;
      expect(counts.length).toBeGreaterThan(0);
      for (const c of counts) expect(c).toBeGreaterThanOrEqual(1);
      expect(await countIndex(index)).toBe(5); // the stale snapshot follows to the newest generation
    } finally {
      cleanup();
    }
  });

  it("scans on worker threads with the same result as the calling thread", async () => {
    const { dir, cleanup } = tempDir();
    try {
      for (let i = 0; i < 8; i++) put(dir, i % 4, `w/f${i}.h5`);
      writeFileSync(join(dir, "junk.bin"), "junk");
      copyReal("prodml_fbe_1.h5", join(dir, "fbe.h5"));
      const done: number[] = [];
      const rep = await updateIndex(dir, { workers: 2, onProgress: (p) => done.push(p.done) });
      expect(rep).toMatchObject({ added: 10, rows: 13 });
      expect(rep.failed.map((f) => f.path)).toEqual(["junk.bin"]);
      expect(done).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const viaWorkers = await queryIndex(await openIndex(dir));

      for (let i = 0; i < 6; i++) put(dir, i % 4, `w2/g${i}.h5`);
      const ctl = new AbortController();
      const p = updateIndex(dir, { workers: 2, signal: ctl.signal, onProgress: ({ done }) => done === 2 && ctl.abort() });
      await expect(p).rejects.toThrow(AbortError);
      expect(await queryIndex(await openIndex(dir))).toEqual(viaWorkers);
      rmSync(join(dir, "w2"), { recursive: true });
      rmSync(join(dir, ".daspool"), { recursive: true });
      await updateIndex(dir, { workers: 0 });
      expect(await queryIndex(await openIndex(dir))).toEqual(viaWorkers.map((r) => ({ ...r })));
    } finally {
      cleanup();
    }
  });
});
