// PRODML 2.x HDF5 files (DASCore "PRODML"): raw nodes /Acquisition/Raw[i] and frequency-band
// nodes /Acquisition/Processed/Fbe[i]/FbeData[j], each one patch keyed by its node path.
import { CorruptFileError } from "../../src/errors.ts";
import { toDatetime64 } from "../../src/time.ts";
import {
  asNumber,
  asText,
  childNames,
  datasetDtype,
  datasetShape,
  getDataset,
  getGroup,
  hasGroup,
  readAttrs,
  readSlab,
  withH5File,
  type H5AttrValue,
  type H5File,
} from "../h5/index.ts";
import { findByKey, mapAttrs, readDimsSlab } from "./h5Helpers.ts";
import { dascoreUnits } from "./units.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import { coordFromValues, sliceCoord, summarizeCoord } from "./rawCoords.ts";
import type { FormatModule, PatchSummary, RawAttrValue, RawCoord, RawPatch, ReadTarget, Selection } from "./types.ts";

const EXPECTED = ["NumberOfLoci", "SpatialSamplingInterval", "StartLocusIndex", "schemaVersion", "uuid"];
const ROOT_ATTRS: Record<string, string> = {
  PulseWidth: "pulse_width",
  PulseWidthUnits: "pulse_width_units",
  PulseWidthUnit: "pulse_width_units",
  "PulseWidth.uom": "pulse_width_units",
  PulseRate: "pulse_rate",
  GaugeLength: "gauge_length",
  GaugeLengthUnit: "gauge_length_units",
  GaugeLengthUnits: "gauge_length_units",
  "GaugeLength.uom": "gauge_length_units",
  schemaVersion: "schema_version",
};
const FBE_NODE_ATTRS = { StartFrequency: "start_frequency", EndFrequency: "end_frequency" };
const FBE_PARENT_ATTRS = {
  RawReference: "raw_reference",
  TransformSize: "transform_size",
  TransformType: "transform_type",
  WindowFunction: "window_function",
  WindowOverlap: "window_overlap",
  WindowSize: "window_size",
};
const DIM_NAMES: Record<string, string> = { locus: "distance", Locus: "distance", Time: "time", Distance: "distance" };

/** One patch-bearing node of a PRODML file. */
interface DataNode {
  key: string; // the data dataset's path
  kind: "raw" | "fbe";
  timeParent: string; // group holding the *DataTime dataset
  parent: string; // group whose attrs carry Fbe parent attrs / Dimensions fallback
}

function dataNodes(file: H5File): DataNode[] {
  const out: DataNode[] = [];
  const acq = getGroup(file, "/Acquisition");
  if (hasGroup(file, "/Acquisition/Processed")) {
    for (const name of childNames(getGroup(file, "/Acquisition/Processed"))) {
      if (!name.toLowerCase().startsWith("fbe")) continue;
      const g = `/Acquisition/Processed/${name}`;
      if (!hasGroup(file, g)) continue;
      for (const sub of childNames(getGroup(file, g))) {
        if (sub.toLowerCase().startsWith("fbedata[")) out.push({ key: `${g}/${sub}`, kind: "fbe", timeParent: g, parent: g });
      }
    }
  }
  for (const name of childNames(acq)) {
    if (!name.toLowerCase().startsWith("raw")) continue;
    const g = `/Acquisition/${name}`;
    if (!hasGroup(file, g)) continue;
    const kids = childNames(getGroup(file, g));
    if (!kids.includes("RawData") || !kids.includes("RawDataTime")) continue;
    out.push({ key: `${g}/RawData`, kind: "raw", timeParent: g, parent: "/Acquisition" });
  }
  return out;
}

function dimsFrom(attrs: Record<string, H5AttrValue>): string[] {
  const v = attrs["Dimensions"];
  let names: string[];
  if (Array.isArray(v)) names = v.map((x) => String(x));
  else names = (asText(v) ?? "time, distance").replace(/,/g, " ").split(/\s+/).filter(Boolean);
  return names.map((x) => DIM_NAMES[x] ?? x);
}

function isoToNs(file: H5File, text: string | undefined, what: string): bigint {
  if (!text) throw new CorruptFileError(`${file.filename}: missing ${what}`);
  const clean = text.split("+")[0]!.replace(/Z$/, "");
  try {
    return toDatetime64(clean);
  } catch (cause) {
    throw new CorruptFileError(`${file.filename}: bad ${what} "${text}"`, { cause });
  }
}

/** DASCore's PRODML time: PartStart/PartEndTime, unless the us time array disagrees by <10 steps. */
function timeCoord(file: H5File, group: string): RawCoord {
  const names = childNames(getGroup(file, group)).filter((n) => n.endsWith("DataTime"));
  if (names.length !== 1) throw new CorruptFileError(`${file.filename}: ${group} needs one *DataTime dataset`);
  const ds = getDataset(file, `${group}/${names[0]}`);
  const n = datasetShape(ds)[0] ?? 0;
  if (n < 1) throw new CorruptFileError(`${file.filename}: ${ds.path} is empty`);
  const attrs = readAttrs(ds);
  const start = isoToNs(file, asText(attrs["PartStartTime"]), `${ds.path} PartStartTime`);
  const end = isoToNs(file, asText(attrs["PartEndTime"]), `${ds.path} PartEndTime`);
  const step = n > 1 ? (end - start) / BigInt(n - 1) : 0n;
  const coord: RawCoord = { kind: "range", start, step, length: n, units: "s", dtype: "datetime64" };
  if (n < 2 || step === 0n) return coord;
  const lastUs = readSlab(file, ds, [[n - 1, n]]).data[0];
  const last = BigInt(lastUs as bigint | number) * 1000n;
  const max = start + step * BigInt(n - 1);
  const diff = Number(last > max ? last - max : max - last) / Number(step < 0n ? -step : step);
  if (diff > 0 && diff < 10) {
    const us = readSlab(file, ds).data;
    const ns = BigInt64Array.from(us as ArrayLike<bigint>, (v) => BigInt(v) * 1000n);
    return coordFromValues(ns, { units: "s", dtype: "datetime64" });
  }
  return coord;
}

function distanceCoord(file: H5File, acq: Record<string, H5AttrValue>): RawCoord {
  const step = asNumber(acq["SpatialSamplingInterval"]);
  const n = asNumber(acq["NumberOfLoci"]);
  const startIndex = asNumber(acq["StartLocusIndex"]);
  if (step === undefined || n === undefined || startIndex === undefined) {
    throw new CorruptFileError(`${file.filename}: /Acquisition lacks SpatialSamplingInterval/NumberOfLoci/StartLocusIndex`);
  }
  const units = asText(acq["SpatialSamplingIntervalUnit"] ?? acq["SpatialSamplingInterval.uom"]) || null;
  return { kind: "range", start: Math.trunc(startIndex) * step, step, length: n, units, dtype: "float64" };
}

function unitAndType(attrs: Record<string, H5AttrValue>, out: Record<string, RawAttrValue>): void {
  const units = asText(attrs["RawDataUnit"] ?? attrs["FbeDataUnit"]);
  if (units && !["UNKNOWN", "UNITLESS"].includes(units.toUpperCase())) out["data_units"] = dascoreUnits(units);
  const type = asText(attrs["RawDescription"]);
  if (type !== undefined) {
    const clean = type.toLowerCase().replace(/ /g, "_");
    out["data_type"] = VALID_DATA_TYPES.has(clean) ? clean : "";
  }
}

const VALID_DATA_TYPES = new Set([
  "", "velocity", "strain_rate", "phase_difference", "phase_rate", "particle_velocity", "strain",
  "temperature", "temperature_gradient", "phase",
]);

interface NodeInfo {
  dims: string[];
  coords: Record<string, RawCoord>;
  attrs: Record<string, RawAttrValue>;
}

function nodeInfo(file: H5File, node: DataNode): NodeInfo {
  const acqAttrs = readAttrs(getGroup(file, "/Acquisition"));
  const attrs: Record<string, RawAttrValue> = { data_category: "DAS" };
  mapAttrs(acqAttrs, ROOT_ATTRS, attrs);
  const sv = attrs["schema_version"];
  if (typeof sv === "number") attrs["schema_version"] = Number.isInteger(sv) ? sv.toFixed(1) : String(sv);
  let distance = distanceCoord(file, acqAttrs);
  const ds = getDataset(file, node.key);
  const dsAttrs = readAttrs(ds);
  let dims: string[];
  if (node.kind === "raw") {
    unitAndType(readAttrs(getGroup(file, node.timeParent)), attrs);
    dims = dimsFrom(dsAttrs);
  } else {
    const parentAttrs = readAttrs(getGroup(file, node.parent));
    unitAndType(parentAttrs, attrs);
    unitAndType(dsAttrs, attrs);
    mapAttrs(dsAttrs, FBE_NODE_ATTRS, attrs);
    mapAttrs(parentAttrs, FBE_PARENT_ATTRS, attrs);
    dims = dimsFrom("Dimensions" in dsAttrs ? dsAttrs : parentAttrs);
    // FBE loci are a subset of the acquisition's, starting at the Fbe group's StartLocusIndex.
    const i0 = Math.trunc(asNumber(parentAttrs["StartLocusIndex"]) ?? 0);
    const count = Math.trunc(asNumber(parentAttrs["NumberOfLoci"]) ?? 0);
    const len = distance.kind === "range" ? distance.length : 0;
    distance = sliceCoord(distance, [Math.min(i0, len), Math.min(i0 + count, len)]);
  }
  return { dims, coords: { time: timeCoord(file, node.timeParent), distance }, attrs };
}

function findNode(file: H5File, key: string): DataNode {
  return findByKey(file, dataNodes(file), key, "PRODML patch");
}

function scanNode(file: H5File, node: DataNode): PatchSummary {
  const info = nodeInfo(file, node);
  const ds = getDataset(file, node.key);
  const coords: PatchSummary["coords"] = {};
  for (const d of info.dims) if (info.coords[d]) coords[d] = summarizeCoord(info.coords[d]!);
  return { key: node.key, dims: info.dims, shape: datasetShape(ds), dataDtype: datasetDtype(ds) ?? "unknown", attrs: info.attrs, coords };
}

function readNode(file: H5File, key: string, selection?: Selection, into?: ReadTarget): RawPatch {
  const node = findNode(file, key);
  const info = nodeInfo(file, node);
  return readDimsSlab(file, getDataset(file, node.key), info.dims, info.coords, info.attrs, selection, into);
}

/** DASCore's PRODML format (schema 2.0 and 2.1; raw and FBE nodes). */
export const prodml: FormatModule = {
  name: "PRODML",
  versions: ["2.0", "2.1"],
  extensions: ["hdf5", "h5"],
  detect: (probe) =>
    withProbeH5(probe, (file) => {
      if (!hasGroup(file, "/Acquisition")) return null;
      const attrs = getGroup(file, "/Acquisition").attrs;
      if (!EXPECTED.every((k) => k in attrs)) return null;
      const v = readAttrs(getGroup(file, "/Acquisition"))["schemaVersion"];
      // Python's str(2.0) is "2.0": keep one decimal for integral float versions.
      if (typeof v === "number") return Number.isInteger(v) ? v.toFixed(1) : String(v);
      return asText(v) ?? null;
    }),
  scan: (path) => withH5File(path, (file) => dataNodes(file).map((n) => scanNode(file, n))),
  read: (path, key, _version, selection, into) => withH5File(path, (file) => readNode(file, key, selection, into)),
};
