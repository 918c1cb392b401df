// Scan tasks of an index update (issue 5's update speed): files go to workers in batches sized
// so every worker gets several, and a batch reports every file's outcome in order.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyFileSync } from "node:fs";
import { MAX_BATCH, POOL_MIN_CHEAP_FILES, POOL_MIN_FILES, runLimited, scanBatchSize, scanFiles, scanWorkers, type RunBatch } from "../../../storage/index/scanPool.ts";
import { h5OpenCount } from "../../../storage/h5/index.ts";
import { scanFile } from "../../../storage/formats/registry.ts";
import { scanBatch } from "../../../storage/index/scanWorker.ts";
import { tempDir, writeDasdae } from "./helpers.ts";

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe("scanWorkers", () => {
  it("uses a pool from POOL_MIN_FILES files, or from POOL_MIN_CHEAP_FILES files that scan without libhdf5", () => {
    expect(scanWorkers(POOL_MIN_FILES - 1)).toBe(0);
    expect(scanWorkers(POOL_MIN_FILES)).toBeGreaterThan(0);
    expect(scanWorkers(POOL_MIN_FILES, undefined, true)).toBe(0);
    expect(scanWorkers(POOL_MIN_CHEAP_FILES, undefined, true)).toBeGreaterThan(0);
    expect(scanWorkers(5000, 0)).toBe(0); // asked for
  });
});

describe("scanFiles of files DASCore wrote", () => {
  it("scans them in this thread without libhdf5, each as scanFile does", async () => {
    const { dir, cleanup } = tempDir();
    const source = join(import.meta.dirname, "../../fixtures/dasdae/default.h5");
    const files = Array.from({ length: POOL_MIN_FILES + 10 }, (_, i) => join(dir, `f${i}.h5`));
    for (const f of files) copyFileSync(source, f);
    const before = h5OpenCount();
    const seen = new Map<string, unknown>();
    await scanFiles(files, { onFile: (f, o) => seen.set(f, o) });
    expect(h5OpenCount() - before).toBe(0);
    expect(seen.size).toBe(files.length);
    const expected = await scanFile(files[0]!);
    for (const f of [files[0]!, files[1]!, files.at(-1)!]) expect(seen.get(f)).toEqual({ ok: true, scan: { ...expected, path: f } });
    cleanup();
  });
});

describe("scanBatchSize", () => {
  it("gives each worker at least 8 batches of at most MAX_BATCH files", () => {
    expect(scanBatchSize(2000, 2)).toBe(MAX_BATCH);
    expect(scanBatchSize(200, 2)).toBe(12);
    expect(scanBatchSize(200, 4)).toBe(6);
    expect(scanBatchSize(10, 4)).toBe(1);
  });
});

describe("scanBatch", () => {
  it("returns one outcome per file, in order, failures included", async () => {
    await writeDasdae(join(dir, "a.h5"), { station: "A" });
    writeFileSync(join(dir, "junk.txt"), "not a DAS file");
    await writeDasdae(join(dir, "b.h5"), { station: "B" });
    const outcomes = await scanBatch(["a.h5", "junk.txt", "b.h5"].map((f) => join(dir, f)));
    expect(outcomes.map((o) => (o.ok ? o.scan.patches[0]!.attrs["station"] : "failed"))).toEqual(["A", "failed", "B"]);
    expect(outcomes[1]).toMatchObject({ ok: false, reason: expect.stringMatching(/^UnknownFormatError: /) });
  });
});

describe("runLimited", () => {
  // A stand-in for the pool: "hang.h5" never finishes until its signal aborts (as piscina
  // terminates the thread), every other file scans at once.
  const run: RunBatch = (batch, signal) =>
    new Promise((resolve, reject) => {
      if (!batch.includes("/d/hang.h5")) return resolve(batch.map((f) => ({ ok: false, reason: `scanned ${f}` })));
      signal.addEventListener("abort", () => reject(new Error("terminated")));
    });

  it("reports only the file that overran its limit, and scans the rest of its batch", async () => {
    const outcomes = await runLimited(run, ["/d/a.h5", "/d/hang.h5", "/d/b.h5"], (b) => 20 * b.length);
    expect(outcomes).toEqual([
      { ok: false, reason: "scanned /d/a.h5" },
      { ok: false, reason: "CorruptFileError: /d/hang.h5: scanning did not finish within 20 ms (a cycle in the file's HDF5 structures?)" },
      { ok: false, reason: "scanned /d/b.h5" },
    ]);
  });

  it("reports a thread that failed without a timeout for each file of its batch", async () => {
    const crash: RunBatch = () => Promise.reject(new Error("worker exited"));
    const outcomes = await runLimited(crash, ["/d/a.h5", "/d/b.h5"], () => 1000);
    expect(outcomes).toEqual([
      { ok: false, reason: "worker failed: Error: worker exited" },
      { ok: false, reason: "worker failed: Error: worker exited" },
    ]);
  });
});
