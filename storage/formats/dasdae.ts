// DASCore's own HDF5 layout (DASDAE version 1): detection, scan and hyperslab reads. Writing
// lives in dasdaeWrite.ts. Layout: /waveforms/<patch>/{data,_coord_<name>} + group attrs.
import { CorruptFileError } from "../../src/errors.ts";
import {
  asText,
  childNames,
  datasetDtype,
  datasetShape,
  getDataset,
  getGroup,
  tryGet,
  readAll,
  readSlab,
  withH5File,
  openFileVersion,
  storedBase,
  type H5AttrValue,
  type H5Dataset,
  type H5File,
  type H5Group,
} from "../h5/index.ts";
import { writeDasdae } from "./dasdaeWrite.ts";
import { withProbeH5, withScanH5 } from "./hdf5Probe.ts";
import { scanAttr, scanAttrNames, scanSomeAttrs } from "./h5ScanAttrs.ts";
import { readGroupMeta, type GroupMeta } from "./dasdaeAttrs.ts";
import { checkDasdaePatch } from "./dasdaeCheck.ts";
import { dascoreEvenStep } from "./dasdaeEven.ts";
import { cachedRange, storeRange } from "./evenCoordCache.ts";
import { rangeValue, selectionBounds, sliceCoordFor, summarizeCoord } from "./rawCoords.ts";
import { isRecipeDtype, jsonExact, recipeItemSize } from "./recipe.ts";
import type { TaggedDtype, TypedArray, FormatModule, PatchSummary, RawAttrValue, RawCoord, RawCoordRange, RawPatch, ReadRecipe, ReadTarget, Selection } from "./types.ts";

/** Converts an HDF5 attribute value to a RawAttrValue (arrays of text stay lists; others drop). */
export function toRawAttr(v: H5AttrValue): RawAttrValue | undefined {
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") {
    return v;
  }
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === "string")) return v as string[];
    return undefined;
  }
  if (ArrayBuffer.isView(v) && v.length === 1) {
    const x = v[0]!;
    return x;
  }
  return undefined;
}

/** True for files daspool wrote (root `__dascore__version__` names the writer). */
function writtenByDaspool(file: H5File): boolean {
  const v = scanSomeAttrs(file, ["__dascore__version__"])["__dascore__version__"];
  return (asText(v) ?? "").startsWith("daspool");
}

/** True when every value is start + i·step as the array's dtype stores it (float32 rounded). */
function holdsRange(data: TypedArray, step: number | bigint): boolean {
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    const s = BigInt(step);
    const a = data[0] as bigint;
    for (let i = 1; i < data.length; i++) if ((data[i] as bigint) !== a + BigInt(i) * s) return false;
    return true;
  }
  const s = Number(step);
  const a = data[0] as number;
  const round = data instanceof Float32Array ? Math.fround : (x: number) => x;
  for (let i = 1; i < data.length; i++) if (data[i] !== round(a + i * s)) return false;
  return true;
}

const TAGGED = new Set(["float16", "bool", "complex64", "complex128"]);

/** A stored step usable for a range: finite and non-zero (DASCore stores NaN for uneven coords). */
function usableStep(step: number | bigint | null | undefined): number | bigint | undefined {
  if (step === null || step === undefined) return undefined;
  if (typeof step === "number" && (!Number.isFinite(step) || step === 0)) return undefined;
  return step === 0n ? undefined : step;
}

function rangeStillHolds(file: H5File, ds: H5Dataset, c: RawCoordRange): boolean {
  const shape = datasetShape(ds);
  const n = c.length;
  if (shape.length !== 1 || shape[0] !== n || n < 2) return false;
  const head = readSlab(file, ds, [[0, 2]]).data;
  const last = readSlab(file, ds, [[n - 1, n]]).data[0];
  return head[0] === c.start && head[1] === rangeValue(c, 1) && last === rangeValue(c, n - 1);
}

function readCoord(file: H5File, groupPath: string, name: string, meta: GroupMeta, version: string | null, ours: boolean): RawCoord {
  const path = `${groupPath}/_coord_${name}`;
  // Scan then read (dc.read) would read and check the whole int64 time axis twice: 2 MB and a
  // pass over 268k values per 268k-sample patch. Even ones are remembered per file version.
  // The first, second and last values are re-read to confirm the entry (a rewrite within one
  // mtime tick would keep the version string): three tiny reads instead of the whole axis.
  const ds = getDataset(file, path);
  const cached = cachedRange(version, file.filename, path);
  if (cached && rangeStillHolds(file, ds, cached)) return cached;
  const truthy = (v: H5AttrValue | undefined) => v === true || (typeof v === "number" && v !== 0) || v === 1n;
  const flags = new Set(scanAttrNames(ds));
  const isDt = flags.has("is_datetime64") ? scanAttr(ds, "is_datetime64") : undefined;
  // is_timedelta64 only matters when is_datetime64 is not set: one attribute read less for time.
  const isTd = !truthy(isDt) && flags.has("is_timedelta64") ? scanAttr(ds, "is_timedelta64") : undefined;
  const { data, dtype } = readAll(file, ds);
  const cdtype = truthy(isDt) ? "datetime64" : truthy(isTd) ? "timedelta64" : (dtype as RawCoord["dtype"]);
  if ((cdtype === "datetime64" || cdtype === "timedelta64") && !(data instanceof BigInt64Array)) {
    throw new CorruptFileError(`${file.filename}: time coordinate ${groupPath}/_coord_${name} is not int64`);
  }
  const dims = meta.coordDims[name] ?? (meta.dims.includes(name) ? [name] : []);
  const isTime = cdtype === "datetime64" || cdtype === "timedelta64";
  const summary = meta.summaries[name] ?? {};
  // DASCore gives datetime coordinates "s" when none is stored; timedelta ones keep None.
  let units: string | null = summary.units ?? null;
  // (DASCore's empty coordinate is a partial one without units.)
  if (units === null && data.length > 0 && (cdtype === "datetime64" || (isTime && summary.units === undefined))) units = "s";
  const dimsOpt = dims.length === 1 && dims[0] === name ? {} : { dims };
  // DASCore rebuilds a range with the stored step (get_coord(data, step=...)), so a float range
  // written as start + i·step reads back with exactly that step, not the mean of its diffs.
  const step = usableStep(summary.step);
  const base = { units, dtype: cdtype, ...dimsOpt };
  let coord: RawCoord = { kind: "array", values: data, ...base } as RawCoord;
  if (dims.length <= 1 && data.length > 0) {
    // A range exactly when DASCore makes one; its step is the stored one (so a float range written
    // as start + i·step reads back with that step), else DASCore's median diff.
    // Values that daspool wrote as start + i·step keep the stored step even where float32
    // rounding makes DASCore's rule call them uneven; DASCore's files follow DASCore's rule.
    const derived = data.length === 1 ? null : ours && step !== undefined && holdsRange(data, step) ? step : dascoreEvenStep(data);
    const chosen = data.length === 1 ? step : derived === null ? undefined : (step ?? derived);
    // A non-time int64 range is held in numbers, as every numeric range is (start and step of one
    // kind: the planner's index arithmetic needs that); beyond 2^53 it stays an exact array.
    const first = data[0]!;
    const start = isTime || typeof first !== "bigint" ? first : safeNumber(first);
    if (chosen !== undefined && start !== null) coord = { kind: "range", start, step: isTime ? BigInt(chosen) : Number(chosen), length: data.length, ...base } as RawCoord;
  }
  if (coord.kind === "range") storeRange(version, file.filename, path, coord);
  return coord;
}

/** `v` as a number when that is exact, else null. */
function safeNumber(v: bigint): number | null {
  const n = Number(v);
  return Number.isSafeInteger(n) && BigInt(n) === v ? n : null;
}

function patchGroups(file: H5File): string[] {
  // One lookup, not hasGroup + getGroup: a group is the node kind with children.
  const waveforms = tryGet(file, "/waveforms");
  if (!waveforms || !("keys" in waveforms)) return [];
  return childNames(waveforms).map((n) => `/waveforms/${n}`);
}

function readCoords(file: H5File, groupPath: string, meta: GroupMeta): Record<string, RawCoord> {
  const coords: Record<string, RawCoord> = {};
  const version = openFileVersion(file);
  const ours = writtenByDaspool(file);
  for (const name of meta.coordNames) coords[name] = readCoord(file, groupPath, name, meta, version, ours);
  return coords;
}

function summarize(file: H5File, groupPath: string): PatchSummary {
  const group = getGroup(file, groupPath);
  const meta = readGroupMeta(group);
  const ds = getDataset(file, `${groupPath}/data`);
  const coords = readCoords(file, groupPath, meta);
  const summaries: PatchSummary["coords"] = {};
  for (const [name, c] of Object.entries(coords)) {
    if (!c.dims || (c.dims.length === 1 && c.dims[0] === name)) summaries[name] = summarizeCoord(c);
  }
  const shape = datasetShape(ds);
  checkDasdaePatch(file.filename, groupPath, { dims: meta.dims, shape, attrs: meta.attrs, coords });
  const recipe = recipeFor(file, ds, meta, coords, shape);
  return {
    key: groupPath,
    dims: meta.dims,
    shape,
    dataDtype: datasetDtype(ds) ?? "unknown",
    attrs: meta.attrs,
    coords: summaries,
    ...(recipe ? { recipe } : {}),
  };
}

/**
 * What readPatchGroup would learn from the file's metadata, when its samples can be read straight
 * from the file (recipe.ts): a plain dtype, contiguous little-endian storage of at least 1 MiB
 * that passes the read's own layout check, range coordinates only, and values that the index's
 * JSON keeps exactly. Otherwise undefined, and reads go through HDF5 as before (a layout the
 * check rejects then fails at read, as it always did).
 */
function recipeFor(file: H5File, ds: H5Dataset, meta: GroupMeta, coords: Record<string, RawCoord>, shape: number[]): ReadRecipe | undefined {
  const dtype = datasetDtype(ds);
  if (!dtype || !isRecipeDtype(dtype) || shape.length === 0 || shape.length !== meta.dims.length) return undefined;
  const ranges: Record<string, RawCoordRange> = {};
  for (const [name, c] of Object.entries(coords)) {
    if (c.kind !== "range" || (c.dims !== undefined && c.dims.length > 1) || !jsonExact(c)) return undefined;
    ranges[name] = c;
  }
  if (!jsonExact(meta.attrs)) return undefined;
  try {
    const offset = storedBase(file, ds, recipeItemSize(dtype));
    if (offset === null) return undefined;
    return { offset, dtype, dims: [...meta.dims], shape: [...shape], coords: ranges, attrs: { ...meta.attrs } };
  } catch {
    return undefined;
  }
}


// A group's attributes per file version, for reads: dc.read and a loop of window reads over one
// file would otherwise re-read every `_attrs_*` through h5wasm on each read (~6 ms per patch,
// as long as the I/O of a 10 % slice). Same identity rule as the even-coordinate cache.
const READ_META_ENTRIES = 256;
const readMetaCache = new Map<string, GroupMeta>();

function readMeta(file: H5File, groupPath: string): GroupMeta {
  const version = openFileVersion(file);
  const key = `${version}\0${file.filename}\0${groupPath}`;
  const hit = version === null ? undefined : readMetaCache.get(key);
  if (hit) return hit;
  const meta = readGroupMeta(getGroup(file, groupPath));
  if (version === null) return meta;
  readMetaCache.set(key, meta);
  if (readMetaCache.size > READ_META_ENTRIES) readMetaCache.delete(readMetaCache.keys().next().value!);
  return meta;
}

function readPatchGroup(file: H5File, groupPath: string, selection?: Selection, into?: ReadTarget): RawPatch {
  const meta = readMeta(file, groupPath);
  const ds = getDataset(file, `${groupPath}/data`);
  const shape = datasetShape(ds);
  const empty = meta.dims.length === 0 && shape.length === 1 && shape[0] === 0; // DASCore's dc.Patch()
  if (shape.length !== meta.dims.length && !empty) {
    throw new CorruptFileError(`${file.filename}: ${groupPath}/data has shape [${shape}] but dims ${meta.dims.join(",")}`);
  }
  const bounds = empty ? [[0, 0] as [number, number]] : selectionBounds(file.filename, meta.dims, shape, selection);
  // With a target the samples land straight in the caller's buffer (one copy out of wasm).
  const slab = readSlab(file, ds, bounds, into ? { into: into.data, offset: into.offset, strides: into.strides } : {});
  const coords: Record<string, RawCoord> = {};
  for (const [name, c] of Object.entries(readCoords(file, groupPath, meta))) {
    coords[name] = sliceCoordFor(c, name, meta.dims, bounds, shape);
  }
  // Copies: the meta is cached and shared by later reads.
  const tagged = TAGGED.has(slab.dtype) ? { dtype: slab.dtype as TaggedDtype } : {};
  return { data: slab.data, dims: [...meta.dims], shape: slab.shape, coords, attrs: { ...meta.attrs }, ...tagged };
}

/** DASCore's DASDAE format, version 1 (read and write). */
export const dasdae: FormatModule = {
  name: "DASDAE",
  versions: ["1"],
  extensions: ["h5", "hdf5"],
  detect: (probe) =>
    withProbeH5(probe, (file) => {
      const root = scanSomeAttrs(file, ["__format__", "__DASDAE_version__"]);
      if (asText(root["__format__"]) !== "DASDAE") return null;
      return asText(root["__DASDAE_version__"]) ?? null;
    }),
  scan: (path, _version, probe) => withScanH5(path, probe, (file) => patchGroups(file).map((g) => summarize(file, g))),
  read: (path, key, _version, selection, into) =>
    withH5File(path, (file) => {
      const groups = patchGroups(file);
      const groupPath = key === "" && groups.length === 1 ? groups[0]! : key;
      if (!groups.includes(groupPath)) {
        throw new CorruptFileError(`${path}: no DASDAE patch with key "${key}" (has ${groups.join(", ") || "none"})`);
      }
      return readPatchGroup(file, groupPath, selection, into);
    }),
  write: (patches, path) => writeDasdae(patches, path),
};
