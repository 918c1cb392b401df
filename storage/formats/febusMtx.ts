// Febus G1 Brillouin gain spectra in HDF5 (DASCore "febus_mtx_h5" 1): the 3-D /mtx cube (time ×
// distance × frequency) with a descending frequency axis built from root attrs.
import { CorruptFileError } from "../../src/errors.ts";
import { asNumber, datasetDtype, datasetShape, getDataset, readAttrs, withH5File, type H5File } from "../h5/index.ts";
import { g1Attrs, g1Coords, g1Version, sliceTemperature } from "./febusG1.ts";
import { readDimsSlab } from "./h5Helpers.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import { selectionBounds, summarizeCoord } from "./rawCoords.ts";
import type { FormatModule, PatchSummary, RawAttrValue, RawCoord } from "./types.ts";

const DATA = "mtx";
const DIMS = ["time", "distance", "frequency"];
const REQUIRED_ATTRS = ["formatVersion", "freq_offset_abs", "freq_step"];

function attrs(file: H5File): Record<string, RawAttrValue> {
  const out = g1Attrs(file);
  const kind = out["febus_data_kind"];
  delete out["febus_data_kind"];
  out["data_category"] = "DSS";
  out["data_type"] = typeof kind === "string" && kind !== "" ? kind : "brillouin_spectrum";
  return out;
}

/** Time, distance, temperature (along time) and frequency: freq_offset_abs + k·freq_step, in MHz. */
function coords(file: H5File): Record<string, RawCoord> {
  const shape = datasetShape(getDataset(file, `/${DATA}`));
  if (shape.length !== 3) throw new CorruptFileError(`${file.filename}: expected 'mtx' to be 3D, got ${shape.length}D`);
  const root = readAttrs(file);
  const start = asNumber(root["freq_offset_abs"]);
  const step = asNumber(root["freq_step"]);
  if (start === undefined || step === undefined) throw new CorruptFileError(`${file.filename}: freq_offset_abs/freq_step are not numbers`);
  const frequency: RawCoord = { kind: "range", start, step, length: shape[2]!, units: "MHz", dtype: "float64" };
  return { ...g1Coords(file), frequency };
}

/**
 * DASCore's `febus_mtx_h5` format, version 1: one 3-D patch (time, distance, frequency). The
 * frequency axis descends (10750 → 10253.9 MHz in the sample file), as the instrument sweeps.
 * @example
 * ```ts
 * const p = await febusMtxH5.read(path, "", "1", { frequency: [0, 16] }); // shape [68, 100, 16]
 * ```
 */
export const febusMtxH5: FormatModule = {
  name: "febus_mtx_h5",
  versions: ["1"],
  extensions: ["h5", "hdf5"],
  detect: (probe) => withProbeH5(probe, (file) => g1Version(file, DATA, REQUIRED_ATTRS, ["1"])),
  scan: (path) =>
    withH5File(path, (file): PatchSummary[] => {
      const c = coords(file);
      const ds = getDataset(file, `/${DATA}`);
      readDimsSlab(file, ds, DIMS, c, {}, { time: [0, 0] }); // shape checks only, no samples read
      const summary: PatchSummary["coords"] = {};
      for (const d of DIMS) summary[d] = summarizeCoord(c[d]!);
      return [{ key: "", dims: DIMS, shape: datasetShape(ds), dataDtype: datasetDtype(ds) ?? "unknown", attrs: attrs(file), coords: summary }];
    }),
  read: (path, _key, _version, selection) =>
    withH5File(path, (file) => {
      const c = coords(file);
      const ds = getDataset(file, `/${DATA}`);
      const [timeBounds] = selectionBounds(path, DIMS, datasetShape(ds), selection);
      return sliceTemperature(readDimsSlab(file, ds, DIMS, c, attrs(file), selection), c, timeBounds!);
    }),
};
