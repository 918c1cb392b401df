// Neubrex HDF5 files: NeubrexDAS (one /Acoustic dataset with string/number attrs) and NeubrexRFS
// (DSS: /data, /depth, /stamps_unix in microseconds; deflate-compressed), both version 1.
import { CorruptFileError } from "../../src/errors.ts";
import { toDatetime64 } from "../../src/time.ts";
import {
  asNumber, asText, datasetShape, getDataset, hasDataset, readAll, readAttrs,
  withH5File, type H5AttrValue, type H5File,
} from "../h5/index.ts";
import { mapAttrs, readDimsSlab, datasetSummary } from "./h5Helpers.ts";
import { dascoreUnits } from "./units.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import { coordFromValues, secondsToNs } from "./rawCoords.ts";
import type { FormatModule, PatchSummary, RawAttrValue, RawCoord, Selection, RawPatch, ReadTarget } from "./types.ts";

const DIMS = ["time", "distance"];
const DAS_KEYS = ["NEUBRESCOPE.DAS.Model", "StartPosition", "StopPosition", "SpatialSamplingInterval", "GPSTimeStamp(UTC)", "CPUTimeStamp(UTC)"];

interface Layout {
  data: string;
  coords: Record<string, RawCoord>;
  attrs: Record<string, RawAttrValue>;
}

function parseStamp(file: H5File, text: string | undefined): bigint {
  try {
    return toDatetime64((text ?? "").trim().replace(" ", "T"));
  } catch (cause) {
    throw new CorruptFileError(`${file.filename}: bad Neubrex time stamp "${text}"`, { cause });
  }
}

function need(file: H5File, attrs: Record<string, H5AttrValue>, name: string): number {
  const v = asNumber(attrs[name]);
  if (v === undefined) throw new CorruptFileError(`${file.filename}: /Acoustic attribute ${name} is missing`);
  return v;
}

function dasLayout(file: H5File): Layout {
  const ds = getDataset(file, "/Acoustic");
  const raw = readAttrs(ds);
  const [nt = 0, nx = 0] = datasetShape(ds);
  for (const k of ["TimeDecimationFilter", "DistanceDecimationFilter"]) {
    const v = asNumber(raw[k]);
    if (v !== undefined && v !== 0 && v !== 1) throw new CorruptFileError(`${file.filename}: ${k}=${v} is not supported`);
  }
  const gps = asText(raw["GPSTimeStamp(UTC)"]);
  const start = parseStamp(file, gps ? gps : asText(raw["CPUTimeStamp(UTC)"]));
  const step = secondsToNs(need(file, raw, "TimeSamplingInterval(seconds)"));
  const units = asText(raw["StartStopPositionUnit"]) || null;
  const attrs = mapAttrs(raw, {
    GaugeLength: "gauge_length",
    GaugeLengthUnits: "gauge_length_units",
    IndexOfRefraction: "index_of_refraction",
    "PhaseToStrainConversion(MicroStrainPerRadian)": "phase_to_strain",
    "NEUBRESCOPE.DAS.SerialNum": "instrument_id",
    "NEUBRESCOPE.DAS.Model": "instrument_model",
    DistanceDecimationFilter: "distance_decimation_filter",
    TimeDecimationFilter: "time_decimation_filter",
  });
  const du = dascoreUnits(asText(raw["DataPhysicalUnit"]));
  if (du) attrs["data_units"] = du;
  attrs["data_category"] = "DAS";
  return {
    data: "/Acoustic",
    coords: {
      time: { kind: "range", start, step, length: nt, units: "s", dtype: "datetime64" },
      distance: { kind: "range", start: need(file, raw, "StartPosition"), step: need(file, raw, "SpatialSamplingInterval"), length: nx, units, dtype: "float32" },
    },
    attrs,
  };
}

function rfsLayout(file: H5File): Layout {
  const raw = readAttrs(getDataset(file, "/data"));
  const stamps = readAll(file, getDataset(file, "/stamps_unix")).data as Float64Array;
  const ns = BigInt64Array.from(stamps, (us) => secondsToNs(us / 1_000_000));
  // DASCore snaps the irregular stamps to an even grid: first stamp, (last - first) / (n - 1).
  let time: RawCoord;
  if (ns.length >= 2) {
    let lo = ns[0]!;
    let hi = ns[0]!;
    for (const v of ns) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    time = { kind: "range", start: lo, step: (hi - lo) / BigInt(ns.length - 1), length: ns.length, units: "s", dtype: "datetime64" };
  } else {
    time = coordFromValues(ns, { units: "s", dtype: "datetime64" });
  }
  const depth = readAll(file, getDataset(file, "/depth")).data;
  const attrs = mapAttrs(raw, { API: "api", FieldName: "field_name", WellID: "well_id", WellName: "well_name", WellBoreID: "well_bore_id" });
  const label = asText(raw["DataUnitLabel"]);
  if (label) attrs["data_units"] = dascoreUnits(label.replace(/-/g, "")) ?? label;
  attrs["data_category"] = "DSS";
  return { data: "/data", coords: { time, distance: coordFromValues(depth, { units: null, dtype: "float32" }) }, attrs };
}

function scanWith(path: string, layout: (f: H5File) => Layout): Promise<PatchSummary[]> {
  return withH5File(path, (file) => {
    const { data, coords, attrs } = layout(file);
    return [datasetSummary(getDataset(file, data), DIMS, coords, attrs)];
  });
}

function readWith(path: string, layout: (f: H5File) => Layout, selection?: Selection, into?: ReadTarget): Promise<RawPatch> {
  return withH5File(path, (file) => {
    const { data, coords, attrs } = layout(file);
    return readDimsSlab(file, getDataset(file, data), DIMS, coords, attrs, selection, into);
  });
}

/** DASCore's NeubrexDAS format, version 1. */
export const neubrexDas: FormatModule = {
  name: "NeubrexDAS",
  versions: ["1"],
  extensions: ["h5", "hdf5"],
  detect: (probe) =>
    withProbeH5(probe, (file) => {
      if (!hasDataset(file, "/Acoustic")) return null;
      const names = getDataset(file, "/Acoustic").attrs;
      return DAS_KEYS.every((k) => k in names) ? "1" : null;
    }),
  scan: (path) => scanWith(path, dasLayout),
  read: (path, _key, _version, selection, into) => readWith(path, dasLayout, selection, into),
};

/** DASCore's NeubrexRFS format (Rayleigh frequency shift DSS), version 1. */
export const neubrexRfs: FormatModule = {
  name: "NeubrexRFS",
  versions: ["1"],
  extensions: ["h5", "hdf5"],
  detect: (probe) =>
    withProbeH5(probe, (file) => {
      const keys = file.keys();
      if (!["data", "depth", "stamps"].every((k) => keys.includes(k)) || !hasDataset(file, "/data")) return null;
      const names = getDataset(file, "/data").attrs;
      return ["DataUnitLabel", "StartDateTime", "EndDateTime"].every((k) => k in names) ? "1" : null;
    }),
  scan: (path) => scanWith(path, rfsLayout),
  read: (path, _key, _version, selection, into) => readWith(path, rfsLayout, selection, into),
};
