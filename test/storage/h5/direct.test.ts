// Direct reads (storage/h5/direct.ts): a large contiguous dataset is read from the file straight
// into the target; the samples must equal what was written, for time and distance slices, into
// offsets and strides; a truncated file is still our error.
import { copyFileSync, mkdtempSync, rmSync, statSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorruptFileError } from "../../../src/errors.ts";
import { writeFile } from "../../../storage/formats/registry.ts";
import { directBase, withDeferredDirectReads } from "../../../storage/h5/direct.ts";
import { childNames, datasetDtype, getDataset, getGroup, readSlab, tryGet, withH5File, type H5Dataset, type H5File } from "../../../storage/h5/index.ts";
import { REAL } from "../batteryCases.ts";

const dir = mkdtempSync(join(tmpdir(), "daspool-direct-"));
const file = join(dir, "big.h5");
const [ND, NT] = [64, 8192]; // 2 MiB of float32: above the direct-read threshold
const data = new Float32Array(ND * NT).map((_, i) => Math.sin(i * 0.37) * 100 + (i % 7));

beforeAll(async () => {
  await writeFile(
    [
      {
        data,
        dims: ["distance", "time"],
        shape: [ND, NT],
        coords: {
          distance: { kind: "range", start: 0, step: 1, length: ND, units: "m", dtype: "float64" },
          time: { kind: "range", start: 1_700_000_000_000_000_000n, step: 1_000_000n, length: NT, units: "s", dtype: "datetime64" },
        },
        attrs: {},
      },
    ],
    file,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dataPath = (f: H5File) => `/waveforms/${childNames(getGroup(f, "/waveforms"))[0]}/data`;

describe("direct reads of contiguous datasets", () => {
  it("find where the samples start, as HDF5 itself reads them", async () => {
    await withH5File(file, (f) => {
      const base = directBase(f, getDataset(f, dataPath(f)), 4);
      expect(base).not.toBeNull();
      expect(base! + data.byteLength).toBeLessThanOrEqual(statSync(file).size);
    });
  });

  it("read time and distance slices with the written values", async () => {
    await withH5File(file, (f) => {
      const ds = getDataset(f, dataPath(f));
      const t = readSlab(f, ds, [null, [1000, 3000]]).data as Float32Array; // 64 rows of 2000
      for (const r of [0, 31, 63]) expect(t.subarray(r * 2000, (r + 1) * 2000)).toEqual(data.subarray(r * NT + 1000, r * NT + 3000));
      const d = readSlab(f, ds, [[10, 30], null]).data as Float32Array; // whole rows: one read
      expect(d).toEqual(data.subarray(10 * NT, 30 * NT));
    });
  });

  it("read into an offset with row strides, leaving the rest of the target alone", async () => {
    await withH5File(file, (f) => {
      const ds = getDataset(f, dataPath(f));
      const into = new Float32Array(40 * 5000).fill(-1);
      readSlab(f, ds, [[5, 45], [100, 4100]], { into, offset: 1000, strides: [5000, 1] });
      for (const r of [0, 20, 39]) {
        expect(into.subarray(1000 + r * 5000, 1000 + r * 5000 + 4000)).toEqual(data.subarray((5 + r) * NT + 100, (5 + r) * NT + 4100));
        expect(into[r * 5000 + 999]).toBe(-1);
      }
    });
  });

  it("turn a file cut inside the samples into CorruptFileError, not short data", async () => {
    const cut = join(dir, "cut.h5");
    copyFileSync(file, cut);
    truncateSync(cut, statSync(file).size - 300_000);
    await expect(
      withH5File(cut, (f) => readSlab(f, getDataset(f, dataPath(f)), [null, [0, NT]])),
    ).rejects.toThrow(CorruptFileError);
  });

  it("read whole rows into a wider merged array in the background: one scatter read, landed when the scope resolves", async () => {
    const W = NT * 3; // as if this file were the middle third of a time merge
    const into = new Float32Array(ND * W).fill(-1);
    let returned = false;
    await withDeferredDirectReads(into, () =>
      withH5File(file, (f) => {
        readSlab(f, getDataset(f, dataPath(f)), [null, null], { into, offset: NT, strides: [W, 1] });
        returned = true;
      }),
    );
    expect(returned).toBe(true);
    for (const r of [0, 1, 33, ND - 1]) {
      expect(into.subarray(r * W + NT, r * W + 2 * NT)).toEqual(data.subarray(r * NT, (r + 1) * NT));
      expect([into[r * W + NT - 1], into[r * W + 2 * NT]]).toEqual([-1, -1]);
    }
  });

  it("reports a file cut while its samples load in the background as CorruptFileError", async () => {
    const cut = join(dir, "cut-bg.h5");
    copyFileSync(file, cut);
    const into = new Float32Array(ND * NT);
    await expect(
      withDeferredDirectReads(into, () =>
        withH5File(cut, (f) => {
          readSlab(f, getDataset(f, dataPath(f)), [null, null], { into });
          truncateSync(cut, statSync(cut).size - 300_000); // before the background read runs
        }),
      ),
    ).rejects.toThrow(/file ends inside a dataset \(truncated\)/);
  });

  // Real files' large contiguous datasets, against h5wasm's own reader (ds.slice): an oracle that
  // shares none of our read code. Of the real HDF5 files only these two hold one (≥ 1 MiB, not
  // chunked); the others' samples are small or chunked and are read through HDF5.
  const realFiles = ["ap_sensing_1.hdf5", "neubrex_das_1.h5"];
  it.each(realFiles)("%s: every direct-readable dataset reads as h5wasm reads it", async (name) => {
    await withH5File(join(REAL, name), (f) => {
      const found: H5Dataset[] = [];
      const walk = (path: string): void => {
        const node = tryGet(f, path);
        if (node === null) return;
        if ("keys" in node) for (const c of childNames(node)) walk(`${path === "/" ? "" : path}/${c}`);
        else if (datasetDtype(node) !== null && directBase(f, node, node.metadata.size) !== null) found.push(node);
      };
      walk("/");
      expect(found.length).toBeGreaterThan(0);
      for (const ds of found) {
        const shape = ds.shape!;
        const ranges = shape.map((n) => [Math.floor(n / 4), Math.max(Math.floor(n / 4) + 1, Math.floor((3 * n) / 4))] as [number, number]);
        const ours = readSlab(f, ds, ranges).data;
        const theirs = ds.slice(ranges) as typeof ours;
        expect(ours.length).toBe(theirs.length);
        expect(ours).toEqual(theirs);
      }
    });
  });
});
