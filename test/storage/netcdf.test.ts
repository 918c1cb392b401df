// netCDF-CF oddities beyond the battery: coordinate variables instead of tie points, CF time units,
// dimension order from attached scales, and the CF version gate (synthetic files in a temp dir).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toDatetime64 } from "../../src/time.ts";
import { netcdfCf } from "../../storage/formats/netcdf.ts";
import { createDataset, withH5File, writeAttr } from "../../storage/h5/index.ts";

const dir = mkdtempSync(join(tmpdir(), "daspool-nc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Scalable = { make_scale(name?: string): void; attach_scale(index: number, path: string): void };

/** distance (4, every 2 m from 100) × time (5, hourly since 2020-01-02 in "hours since" units). */
async function writeCf(path: string, conventions: string): Promise<void> {
  await withH5File(
    path,
    (f) => {
      writeAttr(f, "Conventions", conventions);
      const distance = createDataset(f, "distance", new Float64Array([100, 102, 104, 106]), [4]);
      writeAttr(distance, "units", "m");
      const time = createDataset(f, "time", new Float64Array([0, 1, 2, 3, 4]), [5]);
      writeAttr(time, "units", "hours since 2020-01-02 00:00:00");
      (distance as unknown as Scalable).make_scale("distance");
      (time as unknown as Scalable).make_scale("time");
      const data = createDataset(f, "data", Float32Array.from({ length: 20 }, (_, i) => i), [4, 5]);
      (data as unknown as Scalable).attach_scale(0, "/distance");
      (data as unknown as Scalable).attach_scale(1, "/time");
      writeAttr(data, "data_units", "m/s");
    },
    "w",
  );
}

function probe(path: string) {
  return { path, size: 0, head: new Uint8Array(0) };
}

describe("NETCDF_CF on coordinate variables", () => {
  it("takes dims from attached scales and decodes CF time units", async () => {
    const path = join(dir, "cf.nc");
    await writeCf(path, "CF-1.8");
    await expect(netcdfCf.detect(probe(path))).resolves.toBe("1.8");
    const [s] = await netcdfCf.scan(path, "1.8");
    expect(s!.dims).toEqual(["distance", "time"]);
    expect(s!.coords["time"]).toMatchObject({ min: toDatetime64("2020-01-02"), max: toDatetime64("2020-01-02T04:00"), step: 3_600_000_000_000n });
    expect(s!.coords["distance"]).toMatchObject({ min: 100, max: 106, step: 2, units: "m" });
    expect(s!.attrs).toEqual({ data_units: "m/s" });
    const p = await netcdfCf.read(path, s!.key, "1.8", { distance: [1, 3], time: [2, 4] });
    expect(Array.from(p.data as Float32Array)).toEqual([7, 8, 12, 13]);
  });

  it("does not claim CF versions before 1.6 or HDF5 files without CF markers", async () => {
    const old = join(dir, "old.nc");
    await writeCf(old, "CF-1.5");
    await expect(netcdfCf.detect(probe(old))).resolves.toBeNull();
    const plain = join(dir, "plain.h5");
    await writeCf(plain, "none");
    await expect(netcdfCf.detect(probe(plain))).resolves.toBeNull();
  });
});
