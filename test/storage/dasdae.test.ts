// DASDAE writing: patches written here read back identically (data, coords, attrs), in DASCore's
// layout (root markers, /waveforms/DAS__net__sta__tag__tmin__tmax groups, int64 ns times).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { asText, attrNames, childNames, datasetDtype, getDataset, getGroup, readAll, readAttr, readAttrs, withH5File, type H5File } from "../../storage/h5/index.ts";
import { nameTime } from "../../storage/formats/dasdaeWrite.ts";
import { getFormat, readFile, scanFile, writeFile } from "../../storage/formats/registry.ts";
import type { RawPatch } from "../../storage/formats/types.ts";
import { REAL } from "./batteryCases.ts";

const dir = mkdtempSync(join(tmpdir(), "daspool-dasdae-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function examplePatch(): RawPatch {
  const data = new Float64Array(3 * 4).map((_, i) => i * 0.5 - 1);
  return {
    data,
    dims: ["distance", "time"],
    shape: [3, 4],
    coords: {
      distance: { kind: "range", start: 10, step: 2.5, length: 3, units: "m", dtype: "float64" },
      time: { kind: "range", start: 1_600_000_000_123_456_789n, step: 4_000_000n, length: 4, units: "s", dtype: "datetime64" },
    },
    attrs: { tag: "random", station: "STA", network: "NET", data_type: "velocity", data_units: "m / s", count: 3n, gain: 1.5, n: 4, history: ["a", "b"] },
  };
}

describe("DASDAE writer", () => {
  it("formats patch-name times as DASCore does", () => {
    expect(nameTime(946684801249500000n)).toBe("2000_01_01T00_00_01_249500000");
  });

  it("round-trips a patch exactly (int64 ns times, attrs, coords)", async () => {
    const path = join(dir, "one.h5");
    const patch = examplePatch();
    await writeFile([patch], path, "dasdae");
    await expect(getFormat(path)).resolves.toEqual({ format: "DASDAE", version: "1" });
    const [back] = await readFile(path);
    expect(back!.dims).toEqual(patch.dims);
    expect(back!.shape).toEqual(patch.shape);
    expect(back!.data).toEqual(patch.data);
    expect(back!.coords).toEqual(patch.coords);
    expect(back!.attrs).toEqual(patch.attrs);
    await withH5File(path, (f) => {
      expect(asText(readAttr(f, "__format__"))).toBe("DASDAE");
      const key = "/waveforms/DAS__NET__STA__random__2020_09_13T12_26_40_123456789__2020_09_13T12_26_40_135456789";
      const t = getDataset(f, `${key}/_coord_time`);
      expect(readAll(f, t).dtype).toBe("int64");
      expect(Number(readAttr(t, "is_datetime64"))).toBe(1);
    });
  });

  it("keeps an uneven time coordinate an array through scan and read after the file held an even one", async () => {
    const path = join(dir, "uneven.h5");
    const even = examplePatch();
    await writeFile([even], path);
    expect((await scanFile(path)).patches[0]!.coords["time"]!.step).toBe(4_000_000n);
    // Same path, size, first, second and last times: only the third differs.
    const t0 = 1_600_000_000_123_456_789n;
    const values = BigInt64Array.of(t0, t0 + 4_000_000n, t0 + 9_000_000n, t0 + 12_000_000n);
    const uneven: RawPatch = { ...even, coords: { ...even.coords, time: { kind: "array", values, units: "s", dtype: "datetime64" } } };
    await writeFile([uneven], path);
    const s = await scanFile(path);
    expect(s.patches[0]!.coords["time"]).toMatchObject({ step: null, min: t0, max: t0 + 12_000_000n, length: 4 });
    const [back] = await readFile(path, { selection: { time: [1, 3] } });
    expect(back!.coords["time"]).toEqual({ kind: "array", values: values.subarray(1, 3), units: "s", dtype: "datetime64" });
    const [again] = await readFile(path);
    expect(again!.coords["time"]).toEqual({ kind: "array", values, units: "s", dtype: "datetime64" });
  });

  it("writes several patches and re-reads dispersion_event.h5 identically", async () => {
    const [orig] = await readFile(REAL + "dispersion_event.h5");
    const path = join(dir, "many.h5");
    await writeFile([orig!, examplePatch()], path);
    const s = await scanFile(path);
    expect(s.patches).toHaveLength(2);
    const back = await readFile(path);
    const same = back.find((p) => p.attrs["id"] === "dispersion_data")!;
    expect(same.coords).toEqual(orig!.coords);
    expect(same.attrs).toEqual(orig!.attrs);
    expect(same.data).toEqual(orig!.data);
  });

  it("writes the same HDF5 layout as DASCore's dispersion_event.h5 (minus PyTables bookkeeping)", async () => {
    const [orig] = await readFile(REAL + "dispersion_event.h5");
    const path = join(dir, "layout.h5");
    await writeFile([orig!], path);
    const pytables = new Set(["CLASS", "TITLE", "VERSION", "FLAVOR", "PYTABLES_FORMAT_VERSION", "_attrs_coords"]);
    const layout = (f: H5File) => {
      const [name] = childNames(getGroup(f, "/waveforms"));
      const g = getGroup(f, `/waveforms/${name}`);
      const attrs = readAttrs(g);
      return {
        root: attrNames(f).filter((a) => !pytables.has(a)).sort(),
        name,
        groupAttrs: Object.fromEntries(Object.entries(attrs).filter(([k]) => !pytables.has(k)).sort()),
        datasets: childNames(g).map((d) => [d, datasetDtype(getDataset(f, `/waveforms/${name}/${d}`))]),
        timeFlags: [readAttr(getDataset(f, `/waveforms/${name}/_coord_time`), "is_datetime64")].map(Number),
      };
    };
    const theirs = await withH5File(REAL + "dispersion_event.h5", layout);
    const ours = await withH5File(path, layout);
    expect(ours.root).toEqual(theirs.root);
    expect(ours.name).toBe(theirs.name);
    expect(ours.groupAttrs).toEqual(theirs.groupAttrs);
    expect(ours.datasets).toEqual(theirs.datasets);
    expect(ours.timeFlags).toEqual(theirs.timeFlags);
  });

  it("round-trips a non-dimensional coordinate and slices it with the selection", async () => {
    const patch = examplePatch();
    patch.coords["latitude"] = { kind: "array", values: Float64Array.of(1, 2.5, 7), units: "deg", dtype: "float64", dims: ["distance"] };
    const path = join(dir, "nondim.h5");
    await writeFile([patch], path);
    const [back] = await readFile(path, { selection: { distance: [1, 3], time: [2, 4] } });
    expect(back!.shape).toEqual([2, 2]);
    expect(back!.coords["latitude"]).toMatchObject({ kind: "array", dims: ["distance"], units: "deg" });
    expect(Array.from(back!.coords["latitude"]!.kind === "array" ? (back!.coords["latitude"]!.values as Float64Array) : [])).toEqual([2.5, 7]);
    expect(Array.from(back!.data as Float64Array)).toEqual([patch.data[6], patch.data[7], patch.data[10], patch.data[11]]);
  });
});
