// Febus G1 Brillouin strain profiles in HDF5 (DASCore "febus_bsl_h5" 1): /bsl_data (time ×
// distance) over uneven /start_times, with a temperature reading per profile.
import { datasetDtype, datasetShape, getDataset, withH5File, type H5File } from "../h5/index.ts";
import { g1Attrs, g1Coords, g1Version, sliceTemperature } from "./febusG1.ts";
import { readDimsSlab } from "./h5Helpers.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import { selectionBounds, summarizeCoord } from "./rawCoords.ts";
import type { FormatModule, PatchSummary, RawAttrValue } from "./types.ts";

const DATA = "bsl_data";
const DIMS = ["time", "distance"];
const REQUIRED_ATTRS = ["formatVersion", "channel", "fiberFrom", "fiberTo", "mode"];
/** The only BSL mode seen so far; it stores strain. */
const MODE_STRAIN = 1;

function attrs(file: H5File): Record<string, RawAttrValue> {
  const out = g1Attrs(file);
  const strain = out["mode"] === MODE_STRAIN;
  out["data_category"] = "DSS";
  out["data_type"] = strain ? "strain" : "";
  if (strain) out["data_units"] = "µϵ";
  return out;
}

/**
 * DASCore's `febus_bsl_h5` format, version 1 (files whose `formatVersion` is 1; others are not
 * claimed). The time coordinate is the uneven /start_times; `temperature` rides along time.
 * @example
 * ```ts
 * const [s] = await febusBslH5.scan("febusg1_C2_2026-06-03T17.18.13+0200.bsl.h5", "1"); // [120, 100]
 * ```
 */
export const febusBslH5: FormatModule = {
  name: "febus_bsl_h5",
  versions: ["1"],
  extensions: ["h5", "hdf5"],
  detect: (probe) => withProbeH5(probe, (file) => g1Version(file, DATA, REQUIRED_ATTRS, ["1"])),
  scan: (path) =>
    withH5File(path, (file): PatchSummary[] => {
      const coords = g1Coords(file);
      const ds = getDataset(file, `/${DATA}`);
      // Checks the shape against the coordinates (and throws on a mismatch) without reading data.
      readDimsSlab(file, ds, DIMS, coords, {}, { time: [0, 0] });
      return [
        {
          key: "",
          dims: DIMS,
          shape: datasetShape(ds),
          dataDtype: datasetDtype(ds) ?? "unknown",
          attrs: attrs(file),
          coords: { time: summarizeCoord(coords["time"]!), distance: summarizeCoord(coords["distance"]!) },
        },
      ];
    }),
  read: (path, _key, _version, selection) =>
    withH5File(path, (file) => {
      const coords = g1Coords(file);
      const ds = getDataset(file, `/${DATA}`);
      const [timeBounds] = selectionBounds(path, DIMS, datasetShape(ds), selection);
      const patch = readDimsSlab(file, ds, DIMS, coords, attrs(file), selection);
      return sliceTemperature(patch, coords, timeBounds!);
    }),
};
