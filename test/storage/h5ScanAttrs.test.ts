// The scan-path attribute readers (issue 5's scan speed) give exactly what storage/h5's readAttrs
// gives, on every HDF5 file in shared/data/real (strings, numbers, numpy bools, null attributes).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanAttr, scanAttrs, scanSomeAttrs } from "../../storage/formats/h5ScanAttrs.ts";
import { childNames, isHdf5File, readAttrs, tryGet, withH5File, type H5Dataset, type H5File, type H5Group } from "../../storage/h5/index.ts";
import { REAL } from "./batteryCases.ts";

const files = readdirSync(REAL).filter((f) => isHdf5File(join(REAL, f)));

/** Root and three levels below it (a few children each): where the formats keep attributes. */
function nodes(file: H5File): Array<H5Group | H5Dataset> {
  const out: Array<H5Group | H5Dataset> = [file];
  const walk = (path: string, depth: number) => {
    const node = tryGet(file, path);
    if (!node) return;
    out.push(node);
    if (depth < 3 && "keys" in node) for (const c of childNames(node).slice(0, 5)) walk(`${path === "/" ? "" : path}/${c}`, depth + 1);
  };
  for (const c of childNames(file).slice(0, 5)) walk(`/${c}`, 1);
  return out;
}

describe("scanAttrs", () => {
  it("finds HDF5 files to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)("equals readAttrs on every node near the root of %s", async (name) => {
    await withH5File(join(REAL, name), (file) => {
      let checked = 0;
      for (const node of nodes(file)) {
        const expected = readAttrs(node);
        expect(scanAttrs(node)).toEqual(expected);
        for (const [k, v] of Object.entries(expected)) expect(scanAttr(node, k)).toEqual(v);
        checked += Object.keys(expected).length;
      }
      return checked;
    });
  });

  it("scanSomeAttrs reads only the listed attributes the node has", async () => {
    await withH5File(join(REAL, "dispersion_event.h5"), (file) => {
      const root = scanSomeAttrs(file, ["__format__", "no_such_attribute"]);
      expect(root).toEqual({ __format__: "DASDAE" });
    });
  });
});
