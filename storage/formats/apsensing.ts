// AP Sensing HDF5 (DASCore "APSensing", version = root FileVersion): /DAS int32 samples, metadata
// in one-element datasets under /DAQ, /ProcessingServer and /Metadata.
import { CorruptFileError } from "../../src/errors.ts";
import { toDatetime64 } from "../../src/time.ts";
import {
  asNumber, asText, datasetShape, getDataset, hasDataset, hasGroup, readAttr, readAttrs, readValue,
  withH5File, type H5AttrValue, type H5File,
} from "../h5/index.ts";
import { readDimsSlab, datasetSummary } from "./h5Helpers.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import { secondsToNs } from "./rawCoords.ts";
import type { FormatModule, PatchSummary, RawAttrValue, RawCoord } from "./types.ts";

const DIMS = ["time", "distance"];

/** The single value of a one-element metadata dataset. */
function scalar(file: H5File, path: string): H5AttrValue {
  const v = readValue(file, getDataset(file, path));
  if (Array.isArray(v)) return v[0] as H5AttrValue;
  if (ArrayBuffer.isView(v)) return (v as unknown as ArrayLike<H5AttrValue>)[0] ?? null;
  return v as H5AttrValue;
}

function num(file: H5File, path: string): number {
  const v = asNumber(scalar(file, path));
  if (v === undefined) throw new CorruptFileError(`${file.filename}: ${path} is not a number`);
  return v;
}

function layout(file: H5File): { coords: Record<string, RawCoord>; attrs: Record<string, RawAttrValue> } {
  const [nt = 0, nx = 0] = datasetShape(getDataset(file, "/DAS"));
  const zone = asText(scalar(file, "/Metadata/Timezone"));
  if (zone !== "UTC" && zone !== "UTC+0") throw new CorruptFileError(`${file.filename}: cannot handle time zone ${zone}`);
  const traces = num(file, "/Metadata/TraceCount");
  if (traces !== nt) throw new CorruptFileError(`${file.filename}: TraceCount ${traces} does not match ${nt} rows of /DAS`);
  const stamp = asText(scalar(file, "/Metadata/Timestamp")) ?? "";
  let start: bigint;
  try {
    start = toDatetime64(stamp.trim().replace(" ", "T").replace(/Z$/, ""));
  } catch (cause) {
    throw new CorruptFileError(`${file.filename}: bad /Metadata/Timestamp "${stamp}"`, { cause });
  }
  const step = secondsToNs(1 / num(file, "/ProcessingServer/DataRate"));
  const startDs = getDataset(file, "/DAQ/PositionStart");
  const units = asText(readAttr(startDs, "Unit")) ?? "m";
  const x0 = num(file, "/DAQ/PositionStart");
  const x1 = num(file, "/DAQ/PositionEnd");
  // DASCore recomputes the step from the end points (the stated sampling is off by ~0.08 %).
  const dx = (x1 - x0) / nx;
  const attrs: Record<string, RawAttrValue> = {
    data_category: "DAS",
    instrument_id: asText(scalar(file, "/DAQ/SerialNumber")) ?? "",
    gauge_length: num(file, "/ProcessingServer/GaugeLength"),
    radians_to_nano_strain: num(file, "/ProcessingServer/RadiansToNanoStrain"),
  };
  return {
    coords: {
      time: { kind: "range", start, step, length: nt, units: "s", dtype: "datetime64" },
      distance: { kind: "range", start: x0, step: dx, length: nx, units, dtype: "float64" },
    },
    attrs,
  };
}

/** DASCore's APSensing format (version from the root FileVersion attribute, e.g. "10"). */
export const apSensing: FormatModule = {
  name: "APSensing",
  versions: ["10"],
  extensions: ["hdf5", "h5"],
  detect: (probe) =>
    withProbeH5(probe, (file) => {
      const names = Object.keys(file.attrs);
      const hasAttrs = ["AppVersion", "FileVersion", "OpticalChannelNumber"].every((k) => names.includes(k));
      const hasGroups = ["DAQ", "Interrogator", "Metadata", "ProcessingServer"].every((g) => hasGroup(file, `/${g}`));
      if (!hasAttrs && !hasGroups) return null;
      if (!hasDataset(file, "/DAS")) return null;
      const v = asNumber(readAttrs(file)["FileVersion"]);
      return v === undefined ? null : String(v);
    }),
  scan: (path) =>
    withH5File(path, (file): PatchSummary[] => {
      const { coords, attrs } = layout(file);
      return [datasetSummary(getDataset(file, "/DAS"), DIMS, coords, attrs)];
    }),
  read: (path, _key, _version, selection, into) =>
    withH5File(path, (file) => {
      const { coords, attrs } = layout(file);
      return readDimsSlab(file, getDataset(file, "/DAS"), DIMS, coords, attrs, selection, into);
    }),
};
