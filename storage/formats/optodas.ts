// ASN OptoDAS HDF5 (DASCore "OptoDAS", version = /fileVersion): metadata in scalar datasets under
// /header; dims from header/dimensionNames; distance = header/channels × the distance unitScale.
import { CorruptFileError } from "../../src/errors.ts";
import {
  asNumber, asText, getDataset, hasDataset, hasGroup, readAll, readValue,
  withH5File, type H5File,
} from "../h5/index.ts";
import { readDimsSlab, datasetSummary } from "./h5Helpers.ts";
import { dascoreUnits } from "./units.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import { coordFromValues, secondsToNs } from "./rawCoords.ts";
import type { FormatModule, PatchSummary, RawAttrValue, RawCoord } from "./types.ts";

const FINGERPRINT = ["acqSpec", "header", "cableSpec", "data", "fileVersion"];

function value(file: H5File, path: string): unknown {
  const v = readValue(file, getDataset(file, path));
  return ArrayBuffer.isView(v) && (v as unknown as ArrayLike<unknown>).length === 1 ? (v as unknown as ArrayLike<unknown>)[0] : v;
}

function num(file: H5File, path: string): number {
  const n = asNumber(value(file, path) as number);
  if (n === undefined) throw new CorruptFileError(`${file.filename}: ${path} is not a number`);
  return n;
}

function texts(file: H5File, path: string): string[] {
  const v = value(file, path);
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => asText(x as string) ?? "");
}

function layout(file: H5File): { dims: string[]; coords: Record<string, RawCoord>; attrs: Record<string, RawAttrValue> } {
  const dims = texts(file, "/header/dimensionNames");
  const units = texts(file, "/header/dimensionUnits");
  const coords: Record<string, RawCoord> = {};
  for (const [i, dim] of dims.entries()) {
    const range = `/header/dimensionRanges/dimension${i}`;
    const scale = num(file, `${range}/unitScale`);
    if (dim === "time") {
      const step = secondsToNs(scale);
      const t1 = secondsToNs(num(file, "/header/time"));
      const lo = num(file, `${range}/min`);
      const hi = num(file, `${range}/max`);
      coords[dim] = { kind: "range", start: t1 + BigInt(Math.round(lo)) * step, step, length: Math.round(hi - lo) + 1, units: units[i] || "s", dtype: "datetime64" };
    } else {
      const channels = readAll(file, getDataset(file, "/header/channels")).data;
      const values = Float64Array.from(channels as ArrayLike<number>, (c) => Number(c) * scale);
      coords[dim] = coordFromValues(values, { units: null, dtype: "float64" });
    }
  }
  const attrs: Record<string, RawAttrValue> = { data_category: "DAS" };
  const map: Record<string, string> = { gaugeLength: "gauge_length", unit: "data_units", instrument: "instrument_id", experiment: "acquisition_id" };
  for (const [from, to] of Object.entries(map)) {
    if (!hasDataset(file, `/header/${from}`)) continue;
    const v = value(file, `/header/${from}`);
    attrs[to] = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : (asText(v as string) ?? "");
    if (to === "data_units") attrs[to] = dascoreUnits(String(attrs[to]));
  }
  return { dims, coords, attrs };
}

/** DASCore's OptoDAS format (version from /fileVersion, e.g. "8"). */
export const optoDas: FormatModule = {
  name: "OptoDAS",
  versions: ["8"],
  extensions: ["hdf5", "h5"],
  detect: (probe) =>
    withProbeH5(probe, (file) => {
      const keys = file.keys();
      if (!FINGERPRINT.every((k) => keys.includes(k)) || !hasGroup(file, "/header")) return null;
      return String(num(file, "/fileVersion"));
    }),
  scan: (path) =>
    withH5File(path, (file): PatchSummary[] => {
      const { dims, coords, attrs } = layout(file);
      return [datasetSummary(getDataset(file, "/data"), dims, coords, attrs)];
    }),
  read: (path, _key, _version, selection, into) =>
    withH5File(path, (file) => {
      const { dims, coords, attrs } = layout(file);
      return readDimsSlab(file, getDataset(file, "/data"), dims, coords, attrs, selection, into);
    }),
};
