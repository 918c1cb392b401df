// Terra15 Treble HDF5 files (DASCore "TERRA15", versions 4, 5, 6): time from the GPS (else POSIX)
// float-seconds array, distance from root attrs. v5 files may be virtual datasets (checked).
import { CorruptFileError } from "../../src/errors.ts";
import {
  asNumber,
  asText,
  datasetDtype,
  datasetShape,
  getDataset,
  getGroup,
  hasDataset,
  readAttrs,
  readSlab,
  withH5File,
  type H5AttrValue,
  type H5File,
} from "../h5/index.ts";
import { readDimsSlab, mapAttrs } from "./h5Helpers.ts";
import { dascoreUnits } from "./units.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import { secondsToNs, summarizeCoord } from "./rawCoords.ts";
import type { FormatModule, PatchSummary, RawAttrValue, RawCoord, RawCoordRange } from "./types.ts";

const FINGERPRINT = ["acoustic_bandwidth_end", "amplifier_incoming_current", "file_start_computer_time", "file_version"];
const DIMS = ["time", "distance"];

function dataNodePath(file: H5File, root: Record<string, H5AttrValue>, version: string): string {
  if (version === "4") {
    const product = asText(root["data_product"]);
    if (!product) throw new CorruptFileError(`${file.filename}: Terra15 v4 file lacks data_product`);
    return `/${product}`;
  }
  if (version === "5" || version === "6") return "/data_product";
  throw new CorruptFileError(`${file.filename}: unknown Terra15 version ${version}`);
}

/** DASCore's time coordinate: start = t[0], step = (t[-1] - t[0]) / (n - 1) in float seconds. */
function timeCoord(file: H5File, node: string): RawCoord {
  const path = hasDataset(file, `${node}/gps_time`) ? `${node}/gps_time` : `${node}/posix_time`;
  const ds = getDataset(file, path);
  let n = datasetShape(ds)[0] ?? 0;
  if (n < 1) throw new CorruptFileError(`${file.filename}: ${path} is empty`);
  let tmin = readSlab(file, ds, [[0, 1]]).data[0] as number;
  let tmax = readSlab(file, ds, [[n - 1, n]]).data[0] as number;
  if (tmin > tmax) {
    // An unfinished last block holds zeros: keep only the written (positive) stamps.
    const all = readSlab(file, ds).data as Float64Array;
    const written = all.filter((t) => t > 0);
    n = written.length;
    tmin = written[0] ?? 0;
    tmax = written[n - 1] ?? 0;
  }
  const step = n > 1 ? secondsToNs((tmax - tmin) / (n - 1)) : 0n;
  return { kind: "range", start: secondsToNs(tmin), step, length: n, units: "s", dtype: "datetime64" };
}

function distanceCoord(file: H5File, root: Record<string, H5AttrValue>): RawCoord {
  const start = asNumber(root["sensing_range_start"]);
  const step = asNumber(root["dx"]);
  const nx = asNumber(root["nx"]);
  if (start === undefined || step === undefined || nx === undefined) {
    throw new CorruptFileError(`${file.filename}: Terra15 root attrs lack sensing_range_start/dx/nx`);
  }
  return { kind: "range", start, step, length: nx, units: "m", dtype: "float64" };
}

function patchAttrs(root: Record<string, H5AttrValue>): Record<string, RawAttrValue> {
  const out = mapAttrs(root, {
    data_product: "data_type",
    serial_number: "instrument_id",
    pulse_rate: "pulse_rate",
    pulse_length: "pulse_length",
    gauge_length: "gauge_length",
  });
  const units = dascoreUnits(asText(root["data_product_units"]));
  if (units) out["data_units"] = units;
  out["data_category"] = "DAS";
  return out;
}

interface Layout {
  node: string;
  coords: Record<string, RawCoord>;
  attrs: Record<string, RawAttrValue>;
}

function layout(file: H5File, version: string): Layout {
  const root = readAttrs(getGroup(file, "/"));
  const node = dataNodePath(file, root, version);
  const time = timeCoord(file, node);
  const data = getDataset(file, `${node}/data`);
  const rows = datasetShape(data)[0] ?? 0;
  // The time stamps may cover fewer rows than allocated (unfinished block): trust the stamps.
  if (time.kind === "range" && time.length > rows) {
    throw new CorruptFileError(`${file.filename}: ${time.length} time stamps but ${rows} data rows`);
  }
  return { node, coords: { time, distance: distanceCoord(file, root) }, attrs: patchAttrs(root) };
}

/** DASCore's TERRA15 format (v4 layout by data_product group, v5/v6 under /data_product). */
export const terra15: FormatModule = {
  name: "TERRA15",
  versions: ["4", "5", "6"],
  extensions: ["hdf5", "h5"],
  detect: (probe) =>
    withProbeH5(probe, (file) => {
      const root = file.attrs;
      if (!FINGERPRINT.every((k) => k in root)) return null;
      return asText(readAttrs(file)["file_version"]) ?? null;
    }),
  scan: (path, version) =>
    withH5File(path, (file): PatchSummary[] => {
      const { node, coords, attrs } = layout(file, version);
      const ds = getDataset(file, `${node}/data`);
      const shape = [coords["time"]!.kind === "range" ? coords["time"]!.length : 0, datasetShape(ds)[1] ?? 0];
      return [
        {
          key: "",
          dims: DIMS,
          shape,
          dataDtype: datasetDtype(ds) ?? "unknown",
          attrs,
          coords: { time: summarizeCoord(coords["time"]!), distance: summarizeCoord(coords["distance"]!) },
        },
      ];
    }),
  read: (path, _key, version, selection, into) =>
    withH5File(path, (file) => {
      const { node, coords, attrs } = layout(file, version);
      const ds = getDataset(file, `${node}/data`);
      const time = coords["time"] as RawCoordRange;
      // Rows past the last time stamp (an unfinished block) are never read: the default time
      // selection stops at the stamps, and the coordinate is stretched to the allocated rows only
      // so that readDimsSlab's shape check passes.
      const sel = { ...selection, time: selection?.["time"] ?? ([0, time.length] as const) };
      if (sel.time[1] > time.length) throw new CorruptFileError(`${path}: time selection beyond ${time.length} stamped rows`);
      const rows = datasetShape(ds)[0] ?? 0;
      return readDimsSlab(file, ds, DIMS, { ...coords, time: { ...time, length: rows } }, attrs, sel, into);
    }),
};
