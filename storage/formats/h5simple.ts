// Bare-bones HDF5 files (DASCore "H5Simple" 1): a root `raw`/`data` array, a root float-seconds
// `time`/`timestamp(s)` array, optional 1-D coordinate arrays; the generic format, detected last.
import { CorruptFileError } from "../../src/errors.ts";
import {
  asText,
  childNames,
  datasetShape,
  getDataset,
  hasDataset,
  readAttrs,
  readSlab,
  withH5File,
  type H5File,
} from "../h5/index.ts";
import { readDimsSlab, datasetSummary, type DatasetLayout } from "./h5Helpers.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import { secondsToNs } from "./rawCoords.ts";
import type { FormatModule, PatchSummary, RawAttrValue, RawCoord } from "./types.ts";

const DATA_NAMES = ["raw", "data"];
const TIME_NAMES = ["timestamp", "time", "timestamps"];
const FORMAT_ATTRS = ["__format__", "file_format", "format"];
/** PyTables bookkeeping attrs, not patch metadata. */
const IGNORED_ATTRS = new Set(["CLASS", "PYTABLES_FORMAT_VERSION", "TITLE", "VERSION", "dims", ...FORMAT_ATTRS]);

interface Nodes {
  data: string;
  time: string;
  others: string[];
}

/** The root datasets playing data / time / other-coordinate roles, or null when not H5Simple. */
function nodes(file: H5File): Nodes | null {
  const arrays = childNames(file).filter((n) => hasDataset(file, `/${n}`));
  const data = arrays.filter((n) => DATA_NAMES.includes(n));
  const time = arrays.filter((n) => TIME_NAMES.includes(n));
  if (data.length !== 1 || time.length !== 1) return null;
  return { data: `/${data[0]}`, time: `/${time[0]}`, others: arrays.filter((n) => !data.includes(n) && !time.includes(n)) };
}

function isH5Simple(file: H5File): boolean {
  if (!nodes(file)) return false;
  const attrs = file.attrs;
  const named = FORMAT_ATTRS.find((k) => k in attrs);
  return named === undefined || asText(readAttrs(file)[named]) === "h5simple";
}

/** Snapped coordinate from the first and last values (DASCore's default `snap=True`). */
function snapped(file: H5File, path: string, name: string): RawCoord {
  const ds = getDataset(file, path);
  const shape = datasetShape(ds);
  const n = shape[0] ?? 0;
  if (shape.length !== 1 || n < 1) throw new CorruptFileError(`${file.filename}: coordinate ${path} must be a non-empty 1-D array`);
  const first = readSlab(file, ds, [[0, 1]]).data[0]!;
  const last = readSlab(file, ds, [[n - 1, n]]).data[0]!;
  if (name === "time") {
    // Float POSIX seconds (integer stamps are taken as ns).
    const a = typeof first === "bigint" ? first : secondsToNs(first);
    const b = typeof last === "bigint" ? last : secondsToNs(last);
    return { kind: "range", start: a, step: n > 1 ? (b - a) / BigInt(n - 1) : 0n, length: n, units: "s", dtype: "datetime64" };
  }
  const a = Number(first);
  const b = Number(last);
  return { kind: "range", start: a, step: n > 1 ? (b - a) / (n - 1) : 0, length: n, units: null, dtype: "float64" };
}

type Layout = DatasetLayout;

function layout(file: H5File): Layout {
  const found = nodes(file);
  if (!found) throw new CorruptFileError(`${file.filename}: not an H5Simple file (needs one raw/data and one time array)`);
  const rootAttrs = readAttrs(file);
  const shape = datasetShape(getDataset(file, found.data));
  const coords: Record<string, RawCoord> = { time: snapped(file, found.time, "time") };
  for (const o of found.others) {
    if (datasetShape(getDataset(file, `/${o}`)).length === 1) coords[o] = snapped(file, `/${o}`, o);
  }
  let dims: string[];
  const given = asText(rootAttrs["dims"]);
  if (given) {
    dims = given.split(",").map((d) => d.trim());
  } else {
    // Guess dims by matching lengths; DASCore fills one unmatched axis with a "channel" index.
    if (new Set(shape).size !== shape.length) throw new CorruptFileError(`${file.filename}: cannot infer dims, data shape [${shape}] repeats a length`);
    const byLength = new Map<number, string>();
    for (const [name, c] of Object.entries(coords)) if (c.kind === "range") byLength.set(c.length, name);
    const missing = shape.filter((n) => !byLength.has(n));
    if (missing.length > 1) throw new CorruptFileError(`${file.filename}: more than one data axis lacks a coordinate`);
    if (missing.length === 1) {
      byLength.set(missing[0]!, "channel");
      coords["channel"] = { kind: "range", start: 0, step: 1, length: missing[0]!, units: null, dtype: "float64" };
    }
    dims = shape.map((n) => byLength.get(n)!);
  }
  if (dims.length !== shape.length || dims.some((d) => !coords[d])) {
    throw new CorruptFileError(`${file.filename}: dims ${dims.join(",")} do not match data shape [${shape}] and coordinates`);
  }
  const attrs: Record<string, RawAttrValue> = {};
  for (const [k, v] of Object.entries(rootAttrs)) {
    if (IGNORED_ATTRS.has(k)) continue;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") attrs[k] = v;
    else if (typeof v === "bigint") attrs[k] = Number(v);
  }
  return { data: found.data, dims, coords, attrs };
}

/**
 * DASCore's `H5Simple` format: the fallback for minimal HDF5 files (e.g. h5_simple_1.h5: `/raw`
 * 200×100 and `/timestamp`). Dims come from a root `dims` attr, else by matching array lengths,
 * naming an axis without a coordinate `channel` (0, 1, 2, …). Coordinates are snapped to an even
 * grid from their first and last values, as DASCore does by default. Registered last: it is the
 * most generic HDF5 layout.
 * @example
 * ```ts
 * const [s] = await h5Simple.scan("h5_simple_1.h5", "1"); // dims ["time", "channel"]
 * ```
 */
export const h5Simple: FormatModule = {
  name: "H5Simple",
  versions: ["1"],
  extensions: ["h5", "hdf5"],
  detect: (probe) => withProbeH5(probe, (file) => (isH5Simple(file) ? "1" : null)),
  scan: (path) =>
    withH5File(path, (file): PatchSummary[] => {
      const { data, dims, coords, attrs } = layout(file);
      return [datasetSummary(getDataset(file, data), dims, coords, attrs)];
    }),
  read: (path, _key, _version, selection, into) =>
    withH5File(path, (file) => {
      const { data, dims, coords, attrs } = layout(file);
      const dimCoords: Record<string, RawCoord> = {};
      for (const d of dims) dimCoords[d] = coords[d]!;
      return readDimsSlab(file, getDataset(file, data), dims, dimCoords, attrs, selection, into);
    }),
};
