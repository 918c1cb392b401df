// Silixa iDAS native HDF5 (DASCore "Silixa_H5" 1): one /Acoustic dataset whose string attributes
// (names with spaces and units) carry the day-first GPS time stamp and the fibre geometry.
import { CorruptFileError } from "../../src/errors.ts";
import { toDatetime64 } from "../../src/time.ts";
import { asNumber, asText, datasetShape, getDataset, hasDataset, readAttrs, withH5File, type H5AttrValue, type H5File } from "../h5/index.ts";
import { readDimsSlab, datasetSummary } from "./h5Helpers.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import { secondsToNs } from "./rawCoords.ts";
import type { FormatModule, PatchSummary, RawAttrValue, RawCoord } from "./types.ts";

const ATTR_MAP: Record<string, string> = {
  GaugeLength: "gauge_length",
  "SamplingFrequency[Hz]": "sampling_frequency",
  "Fibre Length Multiplier": "fiber_length_multiplier",
  "Start Distance (m)": "start_distance",
  "Stop Distance (m)": "stop_distance",
  "Fibre Length per Metre": "fiber_length_per_metre",
  GPSTimeStamp: "gps_timestamp",
  CPUTimeStamp: "cpu_timestamp",
  Tags: "tag",
  "PulseWidth[ns]": "pulse_width",
  "MeasureLength[m]": "measured_length",
  "StartPosition[m]": "start_position",
  "SpatialResolution[m]": "spatial_resolution",
  "SystemInfomation.Devices1.SerialNum": "instrument_id",
};
const DIMS = ["time", "distance"];

/** "22/09/2023 18:29:26.158 (UTC)" (day first) → ns, or null when unparseable. */
function dayFirst(text: string | undefined): bigint | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}:\d{2}:\d{2}(?:\.\d+)?)/.exec((text ?? "").trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}T${m[4]!.padStart(8, "0")}`;
  try {
    return toDatetime64(iso);
  } catch {
    return null;
  }
}

function need(file: H5File, attrs: Record<string, H5AttrValue>, name: string): number {
  const v = asNumber(attrs[name]);
  if (v === undefined) throw new CorruptFileError(`${file.filename}: /Acoustic attribute "${name}" is missing or not a number`);
  return v;
}

function layout(file: H5File): { coords: Record<string, RawCoord>; attrs: Record<string, RawAttrValue> } {
  const ds = getDataset(file, "/Acoustic");
  const raw = readAttrs(ds);
  const [nt = 0, nx = 0] = datasetShape(ds);
  const start = dayFirst(asText(raw["GPSTimeStamp"])) ?? dayFirst(asText(raw["CPUTimeStamp"]));
  if (start === null) throw new CorruptFileError(`${file.filename}: no readable GPSTimeStamp/CPUTimeStamp`);
  const step = secondsToNs(1 / need(file, raw, "SamplingFrequency[Hz]"));
  const mult = need(file, raw, "Fibre Length Multiplier");
  const x0 = need(file, raw, "StartPosition[m]") + need(file, raw, "MeasureLength[m]") * mult;
  const dx = need(file, raw, "SpatialResolution[m]") * mult;
  const attrs: Record<string, RawAttrValue> = { data_category: "DAS" };
  const gauge = asNumber(raw["GaugeLength"]);
  if (gauge !== undefined) {
    attrs["gauge_length"] = gauge;
    attrs["gauge_length_units"] = "m";
  }
  const pulse = asNumber(raw["PulseWidth[ns]"]);
  if (pulse !== undefined) {
    attrs["pulse_width"] = pulse;
    attrs["pulse_width_units"] = "ns";
  }
  const serial = asText(raw["SystemInfomation.Devices1.SerialNum"]);
  if (serial) attrs["instrument_id"] = serial;
  const tag = asText(raw["Tags"]);
  if (tag) attrs["tag"] = tag;
  return {
    coords: {
      time: { kind: "range", start, step, length: nt, units: "s", dtype: "datetime64" },
      distance: { kind: "range", start: x0, step: dx, length: nx, units: "m", dtype: "float64" },
    },
    attrs,
  };
}

/** DASCore's Silixa_H5 format, version 1. */
export const silixaH5: FormatModule = {
  name: "Silixa_H5",
  versions: ["1"],
  extensions: ["hdf5", "h5"],
  detect: (probe) =>
    withProbeH5(probe, (file) => {
      if (!hasDataset(file, "/Acoustic")) return null;
      const names = getDataset(file, "/Acoustic").attrs;
      return Object.keys(ATTR_MAP).every((k) => k in names) ? "1" : null;
    }),
  scan: (path) =>
    withH5File(path, (file): PatchSummary[] => {
      const { coords, attrs } = layout(file);
      return [datasetSummary(getDataset(file, "/Acoustic"), DIMS, coords, attrs)];
    }),
  read: (path, _key, _version, selection, into) =>
    withH5File(path, (file) => {
      const { coords, attrs } = layout(file);
      return readDimsSlab(file, getDataset(file, "/Acoustic"), DIMS, coords, attrs, selection, into);
    }),
};
