// Detection of the issue-4 part B formats (Febus A1/T1/G1, GDR, H5Simple, DASVader, netCDF-CF):
// every detector claims its own real file and no other file in shared/data/real.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dasVader } from "../../storage/formats/dasvader.ts";
import { febus } from "../../storage/formats/febus.ts";
import { febusBslH5 } from "../../storage/formats/febusBsl.ts";
import { febusMtxH5 } from "../../storage/formats/febusMtx.ts";
import { febusT1 } from "../../storage/formats/febusT1.ts";
import { gdrDas } from "../../storage/formats/gdr.ts";
import { h5Simple } from "../../storage/formats/h5simple.ts";
import { netcdfCf } from "../../storage/formats/netcdf.ts";
import type { FileProbe, FormatModule } from "../../storage/formats/types.ts";
import { REAL } from "./batteryCases.ts";

const OWN: Array<[FormatModule, string, string]> = [
  [febus, "valencia_febus_example.h5", "1"],
  [gdrDas, "gdr_1.h5", "1"],
  [h5Simple, "h5_simple_1.h5", "1"],
  [febusT1, "febus_dts.h5", "1"],
  [febusBslH5, "febusg1_C2_2026-06-03T17.18.13+0200.bsl.h5", "1"],
  [febusMtxH5, "febus-g1-spectra_C2_2026-06-03T17.28.13+0200.mtx.h5", "1"],
  [dasVader, "das_vader_1.jld2", "1"],
  [netcdfCf, "xdas_netcdf.nc", "1.8"],
];

const FILES = readdirSync(REAL).filter((f) => !f.endsWith(".md"));

function probe(file: string): FileProbe {
  const path = REAL + file;
  return { path, size: statSync(path).size, head: readFileSync(path).subarray(0, 4096) };
}

describe("part B detectors over every real file", () => {
  const rows = OWN.map(([mod, own, version]) => ({ name: mod.name, mod, own, version }));
  it.each(rows)("$name claims exactly its own file", async ({ mod, own, version }) => {
    const claimed: Array<[string, string]> = [];
    for (const file of FILES) {
      const v = await mod.detect(probe(file)).catch(() => null);
      if (v) claimed.push([file, v]);
    }
    expect(claimed).toEqual([[own, version]]);
  });
});
