// CF-convention netCDF-4 files read as HDF5 (DASCore dev "NETCDF_CF" 1.8, e.g. xdas output): the
// data variable's dims from its attached dimension scales, coordinates from CF tie points.
import { CorruptFileError } from "../../src/errors.ts";
import { toDatetime64 } from "../../src/time.ts";
import {
  asText,
  childNames,
  datasetShape,
  getDataset,
  hasDataset,
  readAll,
  readAttrs,
  withH5File,
  type H5Dataset,
  type H5File,
} from "../h5/index.ts";
import { readDimsSlab, datasetSummary, type DatasetLayout } from "./h5Helpers.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import { coordFromValues } from "./rawCoords.ts";
import type { FormatModule, PatchSummary, RawAttrValue, RawCoord, TypedArray } from "./types.ts";

/** xdas stores its payload under this (xarray's unnamed) variable name. */
const XDAS_PAYLOAD = "__values__";
/** netCDF/HDF5 bookkeeping attributes, not patch metadata. */
const HIDDEN_ATTRS = new Set(["DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME", "_FillValue", "coordinate_interpolation"]);
const NS_PER: Record<string, number> = {
  nanoseconds: 1, ns: 1,
  microseconds: 1e3, us: 1e3,
  milliseconds: 1e6, ms: 1e6,
  seconds: 1e9, second: 1e9, s: 1e9, sec: 1e9,
  minutes: 60e9, minute: 60e9, min: 60e9,
  hours: 3600e9, hour: 3600e9, h: 3600e9,
  days: 86400e9, day: 86400e9, d: 86400e9,
};

/** The CF version in the root `Conventions` attr ("CF-1.9" → "1.9"), or null. */
function cfVersion(file: H5File): string | null {
  const attrs = readAttrs(file);
  const conv = asText(attrs["Conventions"]) ?? "";
  if (!("_NCProperties" in attrs) && !conv.includes("CF")) return null;
  if (conv.includes("CF-")) return conv.split("CF-", 2)[1]!.split(/\s/)[0]!.replace(/[,;]+$/, "");
  if (conv.startsWith("CF ")) return (conv.split(/\s+/)[1] ?? "").replace(/[,;]+$/, "");
  return null;
}

function detectVersion(file: H5File): string | null {
  const v = cfVersion(file);
  if (!v) return null;
  const [major, minor] = v.split(".").map(Number);
  if (!Number.isInteger(major) || !Number.isInteger(minor ?? 0)) return null;
  return major! > 1 || (major === 1 && (minor ?? 0) >= 6) ? "1.8" : null;
}

function isScale(ds: H5Dataset): boolean {
  return asText(readAttrs(ds)["CLASS"]) === "DIMENSION_SCALE";
}

/** The payload variable: `data`, else xdas's `__values__`, else the only non-scale variable of rank ≥ 2. */
function dataVar(file: H5File): string {
  const names = childNames(file).filter((n) => hasDataset(file, `/${n}`));
  for (const n of ["data", XDAS_PAYLOAD]) if (names.includes(n)) return `/${n}`;
  const vars = names.filter((n) => {
    const ds = getDataset(file, `/${n}`);
    return datasetShape(ds).length >= 2 && !isScale(ds);
  });
  if (vars.length !== 1) throw new CorruptFileError(`${file.filename}: no single data variable found in netCDF file`);
  return `/${vars[0]}`;
}

function dimNames(file: H5File, ds: H5Dataset): string[] {
  return datasetShape(ds).map((_, k) => {
    const scales = (ds as unknown as { get_attached_scales(i: number): string[] }).get_attached_scales(k);
    const name = scales?.[0]?.replace(/^\//, "") ?? "";
    // A damaged reference list makes HDF5 hand back whatever bytes sit where the scale's name
    // should be (different bytes, or none, on each call): only a name of an existing dimension
    // scale counts, and every other answer gets the same message.
    if (!/^[\w.\-]+$/.test(name) || !hasDataset(file, `/${name}`) || !isScale(getDataset(file, `/${name}`))) {
      // (The garbage itself stays out of the message: it differs from call to call.)
      throw new CorruptFileError(`${file.filename}: axis ${k} of ${ds.path} refers to no dimension scale of the file (damaged dimension list)`);
    }
    return name;
  });
}

/** CF time units ("milliseconds since 2023-01-01 00:00:00") → [ns per unit, epoch ns], or null. */
function cfTimeUnits(units: string | undefined): [number, bigint] | null {
  const m = /^\s*(\w+)\s+since\s+(\S+)(?:[ T](\S+))?/.exec(units ?? "");
  if (!m || NS_PER[m[1]!.toLowerCase()] === undefined) return null;
  const when = m[3] ? `${m[2]}T${m[3]}` : m[2]!;
  return [NS_PER[m[1]!.toLowerCase()]!, toDatetime64(when.replace(/(UTC|Z)$/, ""))];
}

function numbers(a: TypedArray): number[] {
  return Array.from(a as ArrayLike<number | bigint>, Number);
}

/** One dimension coordinate: CF tie points, else the coordinate variable, else 0..n-1. */
function dimCoord(file: H5File, dim: string, n: number): RawCoord {
  let values: number[] | null = null;
  let units: string | undefined;
  const valuesPath = `/${dim}_values`;
  if (hasDataset(file, valuesPath)) {
    const vds = getDataset(file, valuesPath);
    units = asText(readAttrs(vds)["units"]);
    const tie = numbers(readAll(file, vds).data);
    const idx = hasDataset(file, `/${dim}_indices`) ? numbers(readAll(file, getDataset(file, `/${dim}_indices`)).data) : null;
    values = idx && tie.length >= 2 && idx.length === tie.length ? interp(n, idx, tie) : tie;
  } else if (hasDataset(file, `/${dim}`) && !/not a netCDF variable/.test(asText(readAttrs(getDataset(file, `/${dim}`))["NAME"]) ?? "")) {
    const cds = getDataset(file, `/${dim}`);
    units = asText(readAttrs(cds)["units"]);
    values = numbers(readAll(file, cds).data);
  }
  if (values === null) return { kind: "range", start: 0, step: 1, length: n, units: null, dtype: "int64" };
  if (values.length !== n) throw new CorruptFileError(`${file.filename}: coordinate ${dim} has ${values.length} values for ${n} samples`);
  const time = cfTimeUnits(units);
  if (time) {
    const [scale, epoch] = time;
    const ns = BigInt64Array.from(values, (v) => epoch + BigInt(Math.trunc(v * scale)));
    return coordFromValues(ns, { units: "s", dtype: "datetime64" });
  }
  return coordFromValues(Float64Array.from(values), { units: units ?? null, dtype: "float64" });
}

/** numpy.interp of sample indices 0..n-1 over tie points (indices ascending; flat outside). */
function interp(n: number, idx: number[], tie: number[]): number[] {
  const out = new Array<number>(n);
  const last = idx.length - 1;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (i <= idx[0]!) out[i] = tie[0]!;
    else if (i >= idx[last]!) out[i] = tie[last]!;
    else {
      while (idx[k + 1]! < i) k++;
      out[i] = tie[k]! + ((i - idx[k]!) * (tie[k + 1]! - tie[k]!)) / (idx[k + 1]! - idx[k]!);
    }
  }
  return out;
}

type Layout = DatasetLayout;

function layout(file: H5File): Layout {
  const data = dataVar(file);
  const ds = getDataset(file, data);
  const dims = dimNames(file, ds);
  const shape = datasetShape(ds);
  const coords: Record<string, RawCoord> = {};
  for (const [k, d] of dims.entries()) coords[d] = dimCoord(file, d, shape[k]!);
  const attrs: Record<string, RawAttrValue> = {};
  for (const [k, v] of Object.entries(readAttrs(ds))) {
    if (HIDDEN_ATTRS.has(k) || k.startsWith("_Netcdf4")) continue;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") attrs[k] = v;
    else if (typeof v === "bigint") attrs[k] = Number(v);
  }
  return { data, dims, coords, attrs };
}

/**
 * DASCore's (dev branch) `NETCDF_CF` format, version "1.8": any netCDF-4 file whose Conventions
 * name CF ≥ 1.6. Read directly as HDF5 (no netCDF library): dims from the dimension scales attached
 * to the data variable, coordinates decoded from CF-1.9 tie points (`{dim}_indices` /
 * `{dim}_values`, linear) or coordinate variables, CF time units ("ms since …") to datetime64.
 * @example
 * ```ts
 * const [s] = await netcdfCf.scan("xdas_netcdf.nc", "1.8"); // [300, 401], time step 20 ms
 * ```
 */
export const netcdfCf: FormatModule = {
  name: "NETCDF_CF",
  versions: ["1.8"],
  extensions: ["nc", "nc4", "netcdf"],
  detect: (probe) => withProbeH5(probe, (file) => detectVersion(file)),
  scan: (path) =>
    withH5File(path, (file): PatchSummary[] => {
      const { data, dims, coords, attrs } = layout(file);
      return [datasetSummary(getDataset(file, data), dims, coords, attrs)];
    }),
  read: (path, _key, _version, selection, into) =>
    withH5File(path, (file) => {
      const { data, dims, coords, attrs } = layout(file);
      return readDimsSlab(file, getDataset(file, data), dims, coords, attrs, selection, into);
    }),
};
