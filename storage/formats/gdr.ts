// DOE Geothermal Data Repository DAS files (DASCore "GDR_DAS" 1): DAS-RCN metadata as string
// attrs under /DasMetadata, samples in /DasRawData/RawData, uint64 ns stamps in DasTimeArray.
import { CorruptFileError } from "../../src/errors.ts";
import {
  asNumber,
  asText,
  datasetShape,
  getDataset,
  getGroup,
  hasDataset,
  hasGroup,
  readAttr,
  readAttrs,
  readSlab,
  withH5File,
  type H5File,
} from "../h5/index.ts";
import { readDimsSlab, datasetSummary } from "./h5Helpers.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import type { FormatModule, PatchSummary, RawAttrValue, RawCoord } from "./types.ts";

const ACQ = "/DasMetadata/Interrogator/Acquisition";
const TIME = "/DasRawData/DasTimeArray";
const DATA = "/DasRawData/RawData";
/** (MetadataStandard, RawDataStandard) pairs that define a GDR version. */
const VERSIONS: Record<string, string> = { "DAS-RCN v1.10|PRODML v2.2": "1" };
/** Unit words GDR writes, in DASCore's (pint) spelling. */
const UNIT_WORDS: Record<string, string> = { meters: "m", meter: "m", metres: "m", m: "m" };

/** GDR writes the text "NaN" for unknown values: treat it as absent. */
function text(v: unknown): string | undefined {
  const s = asText(v as Parameters<typeof asText>[0]);
  return s === undefined || s === "NaN" || s === "nan" ? undefined : s;
}

function gdrVersion(file: H5File): string | null {
  if (!hasGroup(file, ACQ) || !hasDataset(file, TIME) || !hasDataset(file, DATA)) return null;
  const meta = getGroup(file, "/DasMetadata");
  const m = asText(readAttr(meta, "MetadataStandard"));
  const r = asText(readAttr(meta, "RawDataStandard"));
  return VERSIONS[`${m}|${r}`] ?? null;
}

function dimsOf(file: H5File): string[] {
  const raw = readAttr(getDataset(file, DATA), "DasDimensions");
  const names = Array.isArray(raw) ? raw.map(String) : (asText(raw) ?? "").split(/[,\s]+/);
  const dims = names.map((d) => (d.startsWith("time") ? "time" : d === "locus" ? "distance" : ""));
  if (dims.length !== 2 || !dims.includes("time") || !dims.includes("distance")) {
    throw new CorruptFileError(`${file.filename}: ${DATA} DasDimensions must name a time and a locus axis`);
  }
  return dims;
}

/** DASCore's snapped time: first stamp, (last - first) / (n - 1) ns steps, n samples. */
function timeCoord(file: H5File): RawCoord {
  const ds = getDataset(file, TIME);
  const n = datasetShape(ds)[0] ?? 0;
  if (n < 1) throw new CorruptFileError(`${file.filename}: ${TIME} is empty`);
  const t1 = BigInt(readSlab(file, ds, [[0, 1]]).data[0]!);
  const t2 = BigInt(readSlab(file, ds, [[n - 1, n]]).data[0]!);
  const step = n > 1 ? (t2 - t1) / BigInt(n - 1) : 0n;
  return { kind: "range", start: t1, step, length: n, units: "s", dtype: "datetime64" };
}

interface Layout {
  dims: string[];
  coords: Record<string, RawCoord>;
  attrs: Record<string, RawAttrValue>;
}

function layout(file: H5File): Layout {
  const dims = dimsOf(file);
  const acq = readAttrs(getGroup(file, ACQ));
  const shape = datasetShape(getDataset(file, DATA));
  // Channel positions are not in the file: distance starts at 0 with the stated spacing.
  const dx = asNumber(text(acq["SpatialSamplingInterval"]));
  if (dx === undefined) throw new CorruptFileError(`${file.filename}: ${ACQ} lacks SpatialSamplingInterval`);
  const unit = text(acq["SpatialSamplingIntervalUnit"]);
  const distance: RawCoord = {
    kind: "range",
    start: 0,
    step: dx,
    length: shape[dims.indexOf("distance")] ?? 0,
    units: unit === undefined ? null : (UNIT_WORDS[unit] ?? unit),
    dtype: "float64",
  };
  const attrs: Record<string, RawAttrValue> = { data_category: "DAS" };
  const gauge = asNumber(text(acq["GaugeLength"]));
  if (gauge !== undefined) attrs["gauge_length"] = gauge;
  const gaugeUnits = text(acq["GaugeLengthUnit"]);
  if (gaugeUnits !== undefined) attrs["gauge_length_units"] = gaugeUnits;
  const units = text(acq["UnitOfMeasure"]);
  if (units !== undefined) attrs["data_units"] = units;
  const serial = text(readAttr(getGroup(file, "/DasMetadata/Interrogator"), "SerialNumber"));
  if (serial !== undefined) attrs["instrument_id"] = serial;
  const project = text(readAttr(getGroup(file, "/DasMetadata"), "ProjectNumber"));
  if (project !== undefined) attrs["project_number"] = project;
  return { dims, coords: { time: timeCoord(file), distance }, attrs };
}

/**
 * DASCore's `GDR_DAS` format, version 1 (DAS-RCN v1.10 metadata over PRODML v2.2 raw data). Time
 * is snapped to an even grid from the first and last uint64 ns stamps (DASCore's default
 * `snap=True`); distance starts at 0 because GDR files carry no channel positions.
 * @example
 * ```ts
 * const [s] = await gdrDas.scan("gdr_1.h5", "1"); // dims time, distance; shape [10000, 10]
 * ```
 */
export const gdrDas: FormatModule = {
  name: "GDR_DAS",
  versions: ["1"],
  extensions: ["h5", "hdf5"],
  detect: (probe) => withProbeH5(probe, (file) => gdrVersion(file)),
  scan: (path) =>
    withH5File(path, (file): PatchSummary[] => {
      const { dims, coords, attrs } = layout(file);
      const ds = getDataset(file, DATA);
      const summary = datasetSummary(ds, dims, coords, attrs);
      if (summary.shape[dims.indexOf("time")] !== (coords["time"] as { length: number }).length) {
        throw new CorruptFileError(`${file.filename}: ${TIME} and ${DATA} disagree on the number of samples`);
      }
      return [summary];
    }),
  read: (path, _key, _version, selection, into) =>
    withH5File(path, (file) => {
      const { dims, coords, attrs } = layout(file);
      return readDimsSlab(file, getDataset(file, DATA), dims, coords, attrs, selection, into);
    }),
};
