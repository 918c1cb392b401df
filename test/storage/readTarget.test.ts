// Read targets (types.ts ReadTarget): samples read straight into a caller's array at an offset
// with strides give the same values as a normal read, on real files; bad targets are typed errors.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ParameterError } from "../../src/errors.ts";
import { checkTarget, placeSamples } from "../../storage/formats/readTarget.ts";
import { readPatch, scanFile } from "../../storage/formats/registry.ts";
import { getDataset, readSlab, withH5File } from "../../storage/h5/index.ts";
import type { ReadTarget, TypedArray } from "../../storage/formats/types.ts";
import { REAL } from "./batteryCases.ts";

/** Element (i, j) of a 2-D target. */
const at = (t: ReadTarget, i: number, j: number) => t.data[t.offset + i * t.strides[0]! + j * t.strides[1]!];

/** Reads `file`'s first patch with `selection` normally, then into a target 2 columns wider and
 * 1 row lower than the block (so offset and row stride both matter); returns both. */
async function readBoth(file: string, selection: Record<string, [number, number]>) {
  const scan = await scanFile(file);
  const s = scan.patches[0]!;
  const plain = await readPatch(file, s.key, scan, selection);
  const [rows, cols] = plain.shape as [number, number];
  const Ctor = plain.data.constructor as new (n: number) => TypedArray;
  const into: ReadTarget = { data: new Ctor((rows + 1) * (cols + 2)), offset: cols + 2 + 1, strides: [cols + 2, 1] };
  const placed = await readPatch(file, s.key, scan, selection, into);
  return { plain, placed, into, rows, cols };
}

describe("read targets", () => {
  it("place a block at an offset with row strides (placeSamples)", () => {
    const out = new Float32Array(8);
    placeSamples(Float32Array.of(1, 2, 3, 4), [2, 2], { data: out, offset: 2, strides: [4, 1] });
    expect([...out]).toEqual([0, 0, 1, 2, 0, 0, 3, 4]);
    const t = new Float64Array(6);
    placeSamples(Float64Array.of(1, 2, 3), [3], { data: t, offset: 1, strides: [2] });
    expect([...t]).toEqual([0, 1, 0, 2, 0, 3]);
  });

  it("reject another dtype, too few samples and wrong strides with ParameterError", () => {
    const t = (data: TypedArray, offset: number, strides: number[]): ReadTarget => ({ data, offset, strides });
    expect(() => checkTarget(t(new Float64Array(4), 0, [2, 1]), [2, 2], "float32", "x")).toThrow(/is float64 but the samples are float32/);
    expect(() => checkTarget(t(new Float32Array(4), 1, [2, 1]), [2, 2], "float32", "x")).toThrow(/too small for 4 samples/);
    expect(() => checkTarget(t(new Float32Array(4), 0, [1]), [2, 2], "float32", "x")).toThrow(ParameterError);
    expect(() => checkTarget(t(new Float32Array(4), 0, [2, 1]), [2, 2], "float32", "x")).not.toThrow();
  });

  it("DASDAE reads a time slice straight into the target, same values as a normal read", async () => {
    const { plain, placed, into, rows, cols } = await readBoth(join(REAL, "dispersion_event.h5"), { time: [100, 400] });
    expect(placed.data).toBe(into.data); // read in place: no array of the reader's own
    expect(placed.shape).toEqual(plain.shape);
    expect(placed.coords).toEqual(plain.coords);
    for (const i of [0, rows >> 1, rows - 1]) for (const j of [0, 7, cols - 1]) expect(at(into, i, j)).toBe(plain.data[i * cols + j]);
    expect(into.data[0]).toBe(0); // outside the block: untouched
    expect(into.data[into.offset + cols]).toBe(0); // the gap column after row 0
  });

  it("a format that returns its own array is placed by readPatch (TDMS), same values", async () => {
    const { plain, placed, into, rows, cols } = await readBoth(join(REAL, "sample_tdms_file_v4713.tdms"), {});
    expect(placed.data).toBe(into.data);
    for (const i of [0, rows - 1]) for (const j of [0, cols - 1]) expect(at(into, i, j)).toBe(plain.data[i * cols + j]);
  });

  // Every HDF5 reader whose read is the dataset's block as it is passes `into` through.
  const inPlace = [
    "ap_sensing_1.hdf5",
    "gdr_1.h5",
    "h5_simple_1.h5",
    "xdas_netcdf.nc",
    "neubrex_das_1.h5",
    "decimated_optodas.hdf5",
    "prodml_2.0.h5",
    "silixa_h5_1.hdf5",
    "example_triggered_shot.hdf5",
  ];
  it.each(inPlace)("%s reads a trimmed block in place with the values of a normal read", async (name) => {
    const file = join(REAL, name);
    const s = (await scanFile(file)).patches[0]!;
    const d0 = s.dims[0]!;
    const n = s.shape[0]!;
    const { plain, placed, into, rows, cols } = await readBoth(file, n > 2 ? { [d0]: [1, n - 1] } : {});
    expect(placed.data).toBe(into.data);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j += 7) expect(at(into, i, j)).toBe(plain.data[i * cols + j]);
  });

  it("readSlab into a too-small or mistyped array is a ParameterError", async () => {
    const scan = await scanFile(join(REAL, "dispersion_event.h5"));
    const key = scan.patches[0]!.key;
    await withH5File(join(REAL, "dispersion_event.h5"), (f) => {
      const ds = getDataset(f, `${key}/data`);
      const Ctor = readSlab(f, ds, [[0, 1], [0, 1]]).data.constructor as new (n: number) => TypedArray;
      const Other = Ctor === Float64Array ? Float32Array : Float64Array;
      expect(() => readSlab(f, ds, [[0, 2], [0, 10]], { into: new Other(1000) })).toThrow(ParameterError);
      expect(() => readSlab(f, ds, [[0, 2], [0, 10]], { into: new Ctor(19) })).toThrow(/too small/);
      expect(() => readSlab(f, ds, [[0, 2], [0, 10]], { into: new Ctor(30), offset: 11 })).toThrow(/too small/);
    });
  });
});
