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
import { getDataset, readSlab, withH5File, writeAttr } from "../../storage/h5/index.ts";
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
