// The Sintela protobuf module (DASCore dev "Sintela_Protobuf" "1"): an MTLV stream of one
// packet family (time series, BAND or FFT) read as one patch; dispatches to the family modules.
import type { FormatModule, PatchSummary, RawPatch, Selection } from "../types.ts";
import { corrupt, withFile, type BinaryFile } from "../mseed/binaryFile.ts";
import { gridModel, gridSummary, readGrid } from "./grid.ts";
import { FAMILIES, MAGIC, walkStream } from "./records.ts";
import { readTimeseries, timeseriesModel, timeseriesSummary } from "./timeseries.ts";

const DATA_TAGS: readonly string[] = Object.values(FAMILIES).flat();

async function scanFile(f: BinaryFile): Promise<PatchSummary> {
  const stream = await walkStream(f);
  return stream.family === "timeseries"
    ? timeseriesSummary(timeseriesModel(f.path, stream))
    : gridSummary(gridModel(f.path, stream));
}

async function readFile(f: BinaryFile, selection?: Selection): Promise<RawPatch> {
  const stream = await walkStream(f);
  return stream.family === "timeseries"
    ? readTimeseries(f, timeseriesModel(f.path, stream), selection)
    : readGrid(f, gridModel(f.path, stream), selection);
}

/**
 * Sintela protobuf (MTLV) reader following DASCore's dev branch. Time-series packets (TS05,
 * RF01) must agree on channels, rate, spacing and gauge length and be contiguous by sample
 * count: a (time, distance) patch starting at the first packet's timestamp with step
 * 1/sample_rate, distance start_channel·spacing by spacing·channel_step. BAND and FFT packets
 * give (time, distance, band|frequency) patches with one time per packet; complex FFT data are
 * refused. A file holds one packet family.
 *
 * @example
 * ```ts
 * const p = await sintelaFormat.read("sintela_protobuf_1.pb", "", "1", { time: [0, 100] });
 * ```
 */
export const sintelaFormat: FormatModule = {
  name: "Sintela_Protobuf",
  versions: ["1"],
  extensions: ["pb"],
  async detect({ head }) {
    // Walk the envelopes in the probe's head: the first non-META record must be a known family.
    const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
    let at = 0;
    while (at + 12 <= head.length) {
      if (v.getUint32(at, true) !== MAGIC) return null;
      const tag = String.fromCharCode(...head.subarray(at + 4, at + 8)).replace(/\0+$/, "");
      if (tag !== "META") return DATA_TAGS.includes(tag) ? "1" : null;
      at += 12 + v.getUint32(at + 8, true);
    }
    // The META record is longer than the probe; its magic and tag are enough.
    return at > 0 ? "1" : null;
  },
  async scan(path) {
    return withFile(path, async (f) => [await scanFile(f)]);
  },
  async read(path, key, _version, selection) {
    if (key !== "") throw corrupt(path, 0, `Sintela: no patch with key "${key}"`);
    return withFile(path, async (f) => readFile(f, selection));
  },
};
