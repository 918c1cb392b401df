// Read throughput of the non-HDF5 readers on real files (issue 6): a TDMS file and a Steim-2
// miniSEED file through dc.read, next to a raw readFileSync of the same file in the same run.

import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as dc from "../src/index.ts";
import { benchRow, medianMs, type BenchRow } from "./lib.ts";

const REAL = new URL("../../shared/data/real/", import.meta.url).pathname;
const FILES = [
  ["TDMS", "sample_tdms_file_v4713.tdms"],
  ["miniSEED (Steim-2)", "geofon_9N_HSF.mseed"],
] as const;

/** MB/s of full reads (file bytes / time) through dc.read and through a raw read of the bytes. */
export async function nonHdf5Rows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [label, name] of FILES) {
    const path = join(REAL, name);
    const mb = statSync(path).size / 1e6;
    const raw = await medianMs(() => readFileSync(path), 9, 2);
    const read = await medianMs(() => dc.read(path), 5, 1);
    rows.push(
      benchRow(`${label} full read via dc.read (${name}, ${mb.toFixed(1)} MB on disk)`, mb / (read / 1000), "MB/s", {
        baseline: mb / (raw / 1000),
        baselineName: "readFileSync of the file",
      }),
    );
  }
  return rows;
}
