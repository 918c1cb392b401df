// Febus oddities beyond the battery: A1 block overlap removal and the first sample DASCore's spool
// drops (issue 4), G1's temperature coordinate along time, and G1 format-version gating.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toDatetime64 } from "../../src/time.ts";
import { febus } from "../../storage/formats/febus.ts";
import { febusBslH5 } from "../../storage/formats/febusBsl.ts";
import { febusMtxH5 } from "../../storage/formats/febusMtx.ts";
import { createDataset, getDataset, readSlab, withH5File, writeAttr, type H5Group } from "../../storage/h5/index.ts";
import { summarizeCoord } from "../../storage/formats/rawCoords.ts";
import type { RawCoordArray } from "../../storage/formats/types.ts";
import { REAL } from "./batteryCases.ts";

const VALENCIA = REAL + "valencia_febus_example.h5";
const CUBE = "/fa1-20050027/Source1/Zone1/SR_Valencia";
const BSL = REAL + "febusg1_C2_2026-06-03T17.18.13+0200.bsl.h5";
const MTX = REAL + "febus-g1-spectra_C2_2026-06-03T17.28.13+0200.mtx.h5";

/** Plain numbers of a typed-array slice (the TypedArray union has no common Array.from overload). */
const list = (a: unknown): number[] => Array.from(a as ArrayLike<number>);
const sub = (a: unknown, i: number, j: number): number[] => list((a as Float32Array).subarray(i, j));

const dir = mkdtempSync(join(tmpdir(), "daspool-febus-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("febus A1 (valencia, issue 4)", () => {
  it("keeps the first sample that DASCore's spool drops: 1250 samples from 07:21:46.413666304", async () => {
    const [s] = await febus.scan(VALENCIA, "1");
    expect(s!.shape).toEqual([1250, 100]);
    expect(s!.coords["time"]!.min).toBe(toDatetime64("2020-09-02T07:21:46.413666304"));
    expect(s!.coords["time"]!.step).toBe(4_000_000n); // 250 Hz SamplingRate, not Spacing's 2 ms
  });

  it("reads rows 62..186 of each 250-row block (the overlapping halves are dropped)", async () => {
    const p = await febus.read(VALENCIA, CUBE, "1");
    const cube = await withH5File(VALENCIA, (f) => {
      const ds = getDataset(f, CUBE);
      return [
        readSlab(f, ds, [[0, 1], [62, 63], [0, 100]]).data,
        readSlab(f, ds, [[0, 1], [186, 187], [0, 100]]).data,
        readSlab(f, ds, [[1, 2], [62, 63], [0, 100]]).data,
      ];
    });
    expect(sub(p.data, 0, 100)).toEqual(list(cube[0]));
    expect(sub(p.data, 124 * 100, 125 * 100)).toEqual(list(cube[1]));
    expect(sub(p.data, 125 * 100, 126 * 100)).toEqual(list(cube[2]));
  });

  it("reads a window spanning three blocks, and a distance-only window, as slices of the full read", async () => {
    const full = await febus.read(VALENCIA, CUBE, "1");
    const part = await febus.read(VALENCIA, CUBE, "1", { time: [100, 400], distance: [10, 13] });
    expect(part.shape).toEqual([300, 3]);
    for (let i = 0; i < 300; i++) {
      expect(sub(part.data, i * 3, i * 3 + 3)).toEqual(sub(full.data, (100 + i) * 100 + 10, (100 + i) * 100 + 13));
    }
    expect(summarizeCoord(part.coords["time"]!).min).toBe(toDatetime64("2020-09-02T07:21:46.813666304"));
    const cols = await febus.read(VALENCIA, "", "1", { distance: [99, 100] });
    expect(cols.shape).toEqual([1250, 1]);
    expect(cols.data[1249]).toBe(full.data[full.data.length - 1]);
  });
});

/** A tiny synthetic Febus v2 file: 3 blocks of 20 rows × 4 channels, block rate 1 Hz, 0.1 s step. */
async function writeFebusV2(path: string): Promise<void> {
  await withH5File(
    path,
    (f) => {
      const source = f.create_group("host").create_group("Source1") as H5Group;
      for (const [k, v] of Object.entries({ AmpliPower: 1, Hostname: "host", WholeExtent: 0, SamplingRate: 10, Version: "2.3.1" })) writeAttr(source, k, v);
      const zone = source.create_group("Zone1") as H5Group;
      writeAttr(zone, "Version", "2.3.1");
      writeAttr(zone, "BlockRate", 1000); // mHz: one block per second
      writeAttr(zone, "Extent", new Float64Array([2, 5, 5, 24, 0, 0])); // rows 5..24: 20 per block
      writeAttr(zone, "Spacing", new Float64Array([2.5, 100, 1])); // 2.5 m, 100 ms
      writeAttr(zone, "Origin", new Float64Array([10, 0, 0]));
      writeAttr(zone, "GaugeLength", new Float64Array([5]));
      createDataset(zone, "Strain", Float32Array.from({ length: 3 * 20 * 4 }, (_, i) => i), [3, 20, 4]);
      createDataset(source, "time", new Float64Array([100, 101, 102]), [3]);
    },
    "w",
  );
}

describe("febus A1 version 2 (synthetic file)", () => {
  it("uses Spacing[1] as the step, keeps the middle 10 of 20 rows per block, and the zone's extent", async () => {
    const path = join(dir, "febus_v2.h5");
    await writeFebusV2(path);
    await expect(febus.detect({ path, size: 0, head: new Uint8Array(0) })).resolves.toBe("2");
    const [s] = await febus.scan(path, "2");
    expect(s!.shape).toEqual([30, 4]);
    expect(s!.coords["time"]!).toMatchObject({ min: 100_500_000_000n, step: 100_000_000n });
    expect(s!.coords["distance"]!).toMatchObject({ min: 15, max: 22.5, step: 2.5 });
    expect(s!.attrs["folog_a1_software_version"]).toBe("2.3.1");
    const p = await febus.read(path, s!.key, "2", { time: [8, 12] });
    // Rows 8, 9 of block 0 are cube rows 13, 14; rows 10, 11 are block 1's rows 5, 6.
    const cells = [[0, 13], [0, 14], [1, 5], [1, 6]].flatMap(([b, r]) => [0, 1, 2, 3].map((c) => (b! * 20 + r!) * 4 + c));
    expect(list(p.data)).toEqual(cells);
  });
});

describe("febus G1 HDF5 (bsl, mtx)", () => {
  it("slices the temperature coordinate with the time rows", async () => {
    const full = await febusBslH5.read(BSL, "", "1");
    const part = await febusBslH5.read(BSL, "", "1", { time: [10, 20] });
    const t = part.coords["temperature"] as RawCoordArray;
    expect(t.dims).toEqual(["time"]);
    expect(list(t.values)).toEqual(sub((full.coords["temperature"] as RawCoordArray).values, 10, 20));
    expect(summarizeCoord(part.coords["time"]!).length).toBe(10);
  });

  it("reads an mtx frequency window on the descending axis", async () => {
    const p = await febusMtxH5.read(MTX, "", "1", { frequency: [0, 16], distance: [10, 21] });
    expect(p.shape).toEqual([68, 11, 16]);
    const f = summarizeCoord(p.coords["frequency"]!);
    expect([f.max, f.min, f.step]).toEqual([10750, 10750 - 15 * 3.90625, -3.90625]);
    expect(summarizeCoord(p.coords["distance"]!).min).toBe(60);
  });

  it("does not claim a copy whose formatVersion is 2", async () => {
    const path = join(dir, "v2.bsl.h5");
    copyFileSync(BSL, path);
    await withH5File(path, (f) => writeAttr(f, "formatVersion", new Int32Array([2])), "a");
    const probe = { path, size: readFileSync(path).length, head: readFileSync(path).subarray(0, 4096) };
    await expect(febusBslH5.detect(probe)).resolves.toBeNull();
    const ok = { path: BSL, size: readFileSync(BSL).length, head: readFileSync(BSL).subarray(0, 4096) };
    await expect(febusBslH5.detect(ok)).resolves.toBe("1");
  });
});
