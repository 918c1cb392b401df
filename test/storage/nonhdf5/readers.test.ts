// The same checks for every non-HDF5 reader and real file: scan agrees with read, and a
// selection (hyperslab) equals the same slice of a full read.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { sliceNd, summarizeCoord } from "../../../storage/formats/rawCoords.ts";
import { BATTERY, REAL, consistent } from "./battery.ts";

const cases = BATTERY.flatMap(({ module, version, files }) => files.map((file) => ({ module, version, file })));

describe.each(cases)("$module.name reader on $file", ({ module, version, file }) => {
  const path = join(REAL, file);

  it("reads every scanned patch with the scanned shape, dtype and coordinates", async () => {
    const rows = await module.scan(path, version);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const p = await module.read(path, row.key, version);
      expect(consistent(p)).toBe(true);
      expect(p.dims).toEqual(row.dims);
      expect(p.shape).toEqual(row.shape);
      expect(p.data.constructor.name.toLowerCase()).toContain(row.dataDtype.replace(/\d+$/, ""));
      for (const d of row.dims) expect(summarizeCoord(p.coords[d]!), `${d} of ${row.key}`).toEqual(row.coords[d]);
      expect(p.attrs).toEqual(row.attrs);
    }
  });

  it("reads the middle of every dimension equal to that slice of a full read", async () => {
    const [row] = await module.scan(path, version);
    const full = await module.read(path, row!.key, version);
    const bounds = row!.shape.map((n) => [Math.floor(n / 3), Math.max(Math.floor(n / 3) + 1, Math.ceil((2 * n) / 3))] as [number, number]);
    const selection = Object.fromEntries(row!.dims.map((d, i) => [d, bounds[i]!]));
    const part = await module.read(path, row!.key, version, selection);
    expect(part.shape).toEqual(bounds.map(([a, b]) => b - a));
    expect(part.data).toEqual(sliceNd(full.data, full.shape, bounds));
    for (const [i, d] of row!.dims.entries()) {
      const c = summarizeCoord(part.coords[d]!);
      const f = summarizeCoord(full.coords[d]!);
      if (f.step !== null && c.length > 0) expect(c.step).toEqual(f.step);
      expect(c.length).toBe(bounds[i]![1] - bounds[i]![0]);
    }
  });

  it("reads an empty selection as an empty patch", async () => {
    const [row] = await module.scan(path, version);
    const d = row!.dims[row!.dims.length - 1]!;
    const p = await module.read(path, row!.key, version, { [d]: [0, 0] });
    expect(p.data.length).toBe(0);
    expect(consistent(p)).toBe(true);
  });
});
