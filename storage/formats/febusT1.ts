// Febus T1 DTS HDF5 files (DASCore "FEBUS_T1" 1): /Data/Temperature (time × distance) with its
// own /Data/Distance axis and (n, 1) float POSIX-second /Data/Time stamps.
import { CorruptFileError } from "../../src/errors.ts";
import {
  childNames,
  datasetDtype,
  datasetShape,
  getDataset,
  getGroup,
  hasGroup,
  readAll,
  withH5File,
  type H5File,
} from "../h5/index.ts";
import { readDimsSlab } from "./h5Helpers.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import { coordFromValues, summarizeCoord } from "./rawCoords.ts";
import type { FormatModule, PatchSummary, RawAttrValue, RawCoord } from "./types.ts";

const REQUIRED = ["Temperature", "Distance", "DistanceSignal", "Time"];
const DATA = "/Data/Temperature";
const DIMS = ["time", "distance"];
const ATTRS: Record<string, RawAttrValue> = {
  data_type: "temperature",
  data_units: "°C",
  data_category: "DTS",
  instrument_make: "FEBUS",
  instrument_model: "T1",
};

function isT1(file: H5File): boolean {
  if (!hasGroup(file, "/Data")) return false;
  const kids = childNames(getGroup(file, "/Data"));
  return REQUIRED.every((k) => kids.includes(k));
}

/**
 * Time as DASCore builds it: stamps are `(seconds * 1e9)` truncated to ns, then `get_coord(values)`:
 * an even grid from the first stamp with the middle unique difference as step when every
 * difference lies within 0.1 % of it (DTS readings drift by tens of ms), else explicit values.
 */
function timeCoord(file: H5File): RawCoord {
  const secs = readAll(file, getDataset(file, "/Data/Time")).data;
  if (secs.length < 1 || !(secs instanceof Float64Array)) throw new CorruptFileError(`${file.filename}: /Data/Time must hold float64 seconds`);
  const ns = BigInt64Array.from(secs, (x) => BigInt(Math.trunc(x * 1e9)));
  return coordFromValues(ns, { units: "s", dtype: "datetime64" });
}

/** Distance from /Data/Distance, snapped the same way (the stored axis is even to rounding). */
function distanceCoord(file: H5File): RawCoord {
  const d = readAll(file, getDataset(file, "/Data/Distance")).data;
  if (d.length < 1 || !(d instanceof Float64Array)) throw new CorruptFileError(`${file.filename}: /Data/Distance must hold float64 metres`);
  return coordFromValues(d, { units: "m", dtype: "float64" });
}

function coords(file: H5File): Record<string, RawCoord> {
  return { time: timeCoord(file), distance: distanceCoord(file) };
}

/**
 * DASCore's `FEBUS_T1` format, version 1: Febus T1 DTS temperature profiles. Only the
 * Temperature matrix is a patch; Stokes/AntiStokes use the longer DistanceSignal axis and are
 * not read.
 * @example
 * ```ts
 * const [s] = await febusT1.scan("febus_dts.h5", "1"); // shape [12, 1103], data_category "DTS"
 * ```
 */
export const febusT1: FormatModule = {
  name: "FEBUS_T1",
  versions: ["1"],
  extensions: ["h5", "hdf5"],
  detect: (probe) => withProbeH5(probe, (file) => (isT1(file) ? "1" : null)),
  scan: (path) =>
    withH5File(path, (file): PatchSummary[] => {
      const c = coords(file);
      const ds = getDataset(file, DATA);
      const shape = datasetShape(ds);
      const want = DIMS.map((d) => summarizeCoord(c[d]!).length);
      if (shape.length !== 2 || shape[0] !== want[0] || shape[1] !== want[1]) {
        throw new CorruptFileError(`${path}: ${DATA} has shape [${shape}], its axes have [${want}]`);
      }
      return [
        {
          key: "",
          dims: DIMS,
          shape,
          dataDtype: datasetDtype(ds) ?? "unknown",
          attrs: { ...ATTRS },
          coords: { time: summarizeCoord(c["time"]!), distance: summarizeCoord(c["distance"]!) },
        },
      ];
    }),
  read: (path, _key, _version, selection, into) =>
    withH5File(path, (file) => readDimsSlab(file, getDataset(file, DATA), DIMS, coords(file), { ...ATTRS }, selection, into)),
};
