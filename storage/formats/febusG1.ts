// What the Febus G1 Brillouin HDF5 readers (febusBsl.ts, febusMtx.ts) share: detection by root
// datasets and attrs, the start_times/distances/temperatures coordinates, root attr mapping.
import { CorruptFileError } from "../../src/errors.ts";
import {
  asNumber,
  asText,
  childNames,
  getDataset,
  hasDataset,
  readAll,
  readAttrs,
  type H5AttrValue,
  type H5File,
} from "../h5/index.ts";
import { coordFromValues, secondsArrayToNs, sliceCoord } from "./rawCoords.ts";
import type { RawAttrValue, RawCoord, RawPatch } from "./types.ts";

const BASE_DATASETS = ["distances", "end_times", "start_times", "temperatures"];

/** Root attrs of G1 files and DASCore's names for them. */
const ATTR_MAP: Record<string, string> = {
  acq_res: "acq_res",
  ampliPower: "ampli_power",
  average: "average",
  channel: "channel",
  fiberBreak: "fiber_break",
  fiberFrom: "fiber_from",
  fiberLength: "fiber_length",
  fiberTo: "fiber_to",
  formatVersion: "format_version",
  freq_fiber: "freq_fiber",
  freq_offset: "freq_offset",
  freq_offset_abs: "freq_offset_abs",
  freq_ref: "freq_ref",
  freq_step: "freq_step",
  mode: "mode",
  sampling_resolution: "sampling_resolution",
  signal_size: "signal_size",
  spatial_resolution: "spatial_resolution",
  start_time: "start_time",
  end_time: "end_time",
  zoneCount: "zone_count",
  zones: "zones",
  febusDataKind: "febus_data_kind",
};

/** Unpacks one-element arrays and decodes text, as DASCore's `maybe_get_items(unpack=...)`. */
function scalar(v: H5AttrValue | undefined): RawAttrValue | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return Number(v);
  return asNumber(v) ?? asText(v);
}

/**
 * Root attrs under DASCore's names (one-element arrays unpacked).
 * @example
 * ```ts
 * g1Attrs(file)["fiber_from"]; // 50
 * ```
 */
export function g1Attrs(file: H5File): Record<string, RawAttrValue> {
  const root = readAttrs(file);
  const out: Record<string, RawAttrValue> = {};
  for (const [from, to] of Object.entries(ATTR_MAP)) {
    const v = scalar(root[from]);
    if (v !== undefined) out[to] = v;
  }
  return out;
}

/**
 * The file's G1 format version when it has the base datasets, `data` and the root attrs `attrs`,
 * and that version is one of `supported`; otherwise null.
 * @example
 * ```ts
 * g1Version(file, "bsl_data", ["formatVersion", "mode"], ["1"]); // "1"
 * ```
 */
export function g1Version(file: H5File, data: string, attrs: readonly string[], supported: readonly string[]): string | null {
  const names = childNames(file);
  if (![...BASE_DATASETS, data].every((n) => names.includes(n) && hasDataset(file, `/${n}`))) return null;
  const root = file.attrs;
  if (!attrs.every((a) => a in root)) return null;
  const v = scalar(readAttrs(file)["formatVersion"]);
  const version = v === undefined ? "" : String(v);
  return supported.includes(version) ? version : null;
}

function floats(file: H5File, name: string): Float64Array | Float32Array {
  const { data } = readAll(file, getDataset(file, `/${name}`));
  if (!(data instanceof Float64Array || data instanceof Float32Array)) throw new CorruptFileError(`${file.filename}: /${name} is not a float array`);
  return data;
}

/**
 * Time (from /start_times, float POSIX seconds; uneven, so explicit values), distance (/distances,
 * metres) and the non-dimensional `temperature` coordinate along time (/temperatures, °C).
 * @example
 * ```ts
 * const { time, distance, temperature } = g1Coords(file);
 * ```
 */
export function g1Coords(file: H5File): Record<string, RawCoord> {
  const starts = floats(file, "start_times");
  const temps = floats(file, "temperatures");
  if (temps.length !== starts.length) throw new CorruptFileError(`${file.filename}: /temperatures and /start_times differ in length`);
  return {
    time: coordFromValues(secondsArrayToNs(starts), { units: "s", dtype: "datetime64" }),
    distance: coordFromValues(floats(file, "distances"), { units: "m", dtype: "float64" }),
    temperature: { kind: "array", values: temps, units: "°C", dtype: temps instanceof Float32Array ? "float32" : "float64", dims: ["time"] },
  };
}

/**
 * Slices the time-bound `temperature` coordinate of a patch read by rows [i0, i1) of time
 * (readDimsSlab slices only dimension coordinates).
 * @example
 * ```ts
 * sliceTemperature(readDimsSlab(file, ds, dims, coords, attrs, sel), coords, [10, 20]);
 * ```
 */
export function sliceTemperature(patch: RawPatch, coords: Record<string, RawCoord>, bounds: readonly [number, number]): RawPatch {
  const t = coords["temperature"];
  if (!t) return patch;
  return { ...patch, coords: { ...patch.coords, temperature: sliceCoord(t, bounds) } };
}
