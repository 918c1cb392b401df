// The h5wasm adapter turns h5wasm's quiet failures into our errors and reads exact hyperslabs.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CorruptFileError, ParameterError } from "../../../src/errors.ts";
import {
  asText,
  createDataset,
  getDataset,
  getGroup,
  isHdf5File,
  openH5File,
  readAttr,
  readAttrs,
  readSlab,
  tryGet,
  withH5File,
  writeAttr,
} from "../../../storage/h5/index.ts";
import { REAL } from "../batteryCases.ts";

const dir = mkdtempSync(join(tmpdir(), "daspool-h5-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TERRA = REAL + "example_triggered_shot.hdf5";

describe("h5 adapter: opening", () => {
  it("throws CorruptFileError naming a missing file (h5wasm gives file_id -1)", async () => {
    await expect(openH5File(join(dir, "nope.h5"))).rejects.toThrow(/nope\.h5.*does not exist/);
  });

  it("throws CorruptFileError for a file that is not HDF5", async () => {
    const path = join(dir, "text.h5");
    writeFileSync(path, "not hdf5 at all");
    expect(isHdf5File(path)).toBe(false);
    await expect(openH5File(path)).rejects.toThrow(CorruptFileError);
  });

  it("recognises the HDF5 signature", () => {
    expect(isHdf5File(TERRA)).toBe(true);
    expect(isHdf5File(REAL + "README.md")).toBe(false);
  });
});

describe("h5 adapter: nodes and attributes", () => {
  it("names the file and path of a missing dataset or group", async () => {
    await withH5File(TERRA, (f) => {
      expect(tryGet(f, "/no/such")).toBeNull();
      expect(() => getDataset(f, "/no/such")).toThrow(/example_triggered_shot\.hdf5: expected a dataset at \/no\/such, found nothing/);
      expect(() => getGroup(f, "/data_product/data")).toThrow(/expected a group at \/data_product\/data, found a dataset/);
    });
  });

  it("reads attributes as JS values: int64 as bigint, enums as numbers, strings decoded", async () => {
    await withH5File(TERRA, (f) => {
      const a = readAttrs(f);
      expect(a["file_version"]).toBe(6n);
      expect(a["nx"]).toBe(238n);
      expect(a["gps_locked"]).toBe(1);
      expect(a["serial_number"]).toBe("TrebleIISystem02");
      expect(a["dx"]).toBe(1.6335238141942516);
      expect(asText(readAttr(f, "data_product"))).toBe("velocity");
      expect(readAttr(f, "missing")).toBeUndefined();
    });
  });
});

describe("h5 adapter: hyperslabs", () => {
  it("reads exactly the requested block", async () => {
    await withH5File(TERRA, (f) => {
      const ds = getDataset(f, "/data_product/data");
      const full = readSlab(f, ds);
      expect(full.shape).toEqual([2080, 238]);
      const part = readSlab(f, ds, [[10, 13], [5, 9]]);
      expect(part.shape).toEqual([3, 4]);
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 4; j++) expect(part.data[i * 4 + j]).toBe(full.data[(10 + i) * 238 + 5 + j]);
      }
    });
  });

  it("rejects out-of-range slices instead of clamping them", async () => {
    await withH5File(TERRA, (f) => {
      const ds = getDataset(f, "/data_product/data");
      expect(() => readSlab(f, ds, [[2000, 2100]])).toThrow(ParameterError);
      expect(() => readSlab(f, ds, [[5, 3]])).toThrow(/out of bounds/);
      expect(() => readSlab(f, ds, [null, [-1, 2]])).toThrow(ParameterError);
    });
  });

  it("reads into a caller's buffer at an offset", async () => {
    await withH5File(TERRA, (f) => {
      const ds = getDataset(f, "/data_product/data");
      const into = new Float32Array(10).fill(7);
      readSlab(f, ds, [[0, 1], [0, 4]], { into, offset: 3 });
      const ref = readSlab(f, ds, [[0, 1], [0, 4]]).data;
      expect(Array.from(into)).toEqual([7, 7, 7, ...Array.from(ref as Float32Array), 7, 7, 7]);
      expect(() => readSlab(f, ds, [[0, 1], [0, 4]], { into: new Float64Array(4) })).toThrow(ParameterError);
    });
  });
});

describe("h5 adapter: writing", () => {
  it("round-trips int64, float64, strings and typed datasets", async () => {
    const path = join(dir, "w.h5");
    await withH5File(path, (f) => {
      writeAttr(f, "big", 1_600_000_000_123_456_789n);
      writeAttr(f, "x", 1.25);
      writeAttr(f, "n", 3);
      writeAttr(f, "s", "µϵ / s");
      writeAttr(f, "empty", "");
      createDataset(f, "t", BigInt64Array.of(1n, 2n, 9_007_199_254_740_993n), [3]);
      createDataset(f, "d", Float64Array.of(1.5, 2.5), [2]);
    }, "w");
    await withH5File(path, (f) => {
      expect(readAttrs(f)).toEqual({ big: 1_600_000_000_123_456_789n, x: 1.25, n: 3, s: "µϵ / s", empty: "" });
      const t = readSlab(f, getDataset(f, "t"));
      expect(t.dtype).toBe("int64");
      expect(Array.from(t.data as BigInt64Array)).toEqual([1n, 2n, 9_007_199_254_740_993n]);
      expect(readSlab(f, getDataset(f, "d")).dtype).toBe("float64");
    });
  });

  it("writes large arrays block by block into a contiguous dataset with the same values", async () => {
    const path = join(dir, "blocks.h5");
    const data = new Float32Array(103 * 7).map((_, i) => i * 0.25);
    const big = BigInt64Array.from({ length: 5 * 3 }, (_, i) => 1_700_000_000_000_000_000n + BigInt(i));
    const u16 = Uint16Array.from({ length: 9 * 2 }, (_, i) => 65_535 - i);
    await withH5File(path, (f) => {
      const g = f.create_group("g");
      createDataset(g, "d", data, [103, 7], { blockBytes: 10 * 7 * 4 });
      createDataset(f, "t", big, [5, 3], { blockBytes: 16 });
      createDataset(f, "u", u16, [9, 2], { blockBytes: 4 });
    }, "w");
    await withH5File(path, (f) => {
      const ds = getDataset(f, "g/d");
      // As DASCore writes: contiguous, so a time slice of a distance-major patch reads only its bytes.
      expect(ds.metadata.chunks).toBeNull();
      const back = readSlab(f, ds);
      expect(back.shape).toEqual([103, 7]);
      expect(back.data).toEqual(data);
      expect(readSlab(f, ds, [[50, 53], [2, 4]]).data).toEqual(Float32Array.of(...[50, 51, 52].flatMap((r) => [data[r * 7 + 2]!, data[r * 7 + 3]!])));
      const t = getDataset(f, "t");
      expect(t.metadata.chunks).toBeNull();
      expect(readSlab(f, t)).toEqual({ data: big, shape: [5, 3], dtype: "int64" });
      expect(readSlab(f, getDataset(f, "u"))).toEqual({ data: u16, shape: [9, 2], dtype: "uint16" });
    });
  });
});
