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
} from "../h5/index.ts";
import { writeDasdae } from "./dasdaeWrite.ts";
import { coordFromData, summaryFrom, truthy } from "./dasdaeSummary.ts";
import { checkDasdaePatch } from "./dasdaeCheck.ts";
import { withProbeH5, withScanH5 } from "./hdf5Probe.ts";
import { scanAttr, scanAttrNames, scanSomeAttrs } from "./h5ScanAttrs.ts";
import { readGroupMeta, type GroupMeta } from "./dasdaeAttrs.ts";
import { cachedRange, storeRange } from "./evenCoordCache.ts";
import { rangeValue, selectionBounds, sliceCoordFor } from "./rawCoords.ts";
import { detectDasdaePure, scanDasdaePure } from "./dasdaePure.ts";
import type { TaggedDtype, FileProbe, FormatModule, PatchSummary, RawAttrValue, RawCoord, RawCoordRange, RawPatch, ReadTarget, Selection } from "./types.ts";

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

const TAGGED = new Set(["float16", "bool", "complex64", "complex128"]);

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
  const flags = new Set(scanAttrNames(ds));
  const isDt = flags.has("is_datetime64") ? scanAttr(ds, "is_datetime64") : undefined;
  // is_timedelta64 only matters when is_datetime64 is not set: one attribute read less for time.
  const isTd = !truthy(isDt) && flags.has("is_timedelta64") ? scanAttr(ds, "is_timedelta64") : undefined;
  const { data, dtype } = readAll(file, ds);
  const coord = coordFromData({ filename: file.filename, groupPath, name, meta, ours, data, dtype, isDt, isTd });
  if (coord.kind === "range") storeRange(version, file.filename, path, coord);
  return coord;
}

/**
 * The patch groups under /waveforms. DASCore and daspool both write that group even for an empty
 * spool, and DASCore cannot scan a file without it: a DASDAE file that lacks it is damaged, not
 * empty.
 * @throws CorruptFileError naming the file when /waveforms is missing or not a group.
 */
function patchGroups(file: H5File): string[] {
  // One lookup, not hasGroup + getGroup: a group is the node kind with children.
  const waveforms = tryGet(file, "/waveforms");
  if (!waveforms || !("keys" in waveforms)) {
    throw new CorruptFileError(`${file.filename}: a DASDAE file without its /waveforms group (damaged: every DASDAE writer makes it, even for no patch)`);
  }
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
  const shape = datasetShape(ds);
  return summaryFrom(file.filename, groupPath, { meta, coords, shape, dataDtype: datasetDtype(ds) }, (size) => storedBase(file, ds, size));
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
  const whole = readCoords(file, groupPath, meta);
  // what the scan checks, for a file read without an index (dc.read), before the patch is built
  checkDasdaePatch(file.filename, groupPath, { dims: meta.dims, shape, attrs: meta.attrs, coords: whole, coordDims: meta.coordDims });
  const coords: Record<string, RawCoord> = {};
  for (const [name, c] of Object.entries(whole)) {
    coords[name] = sliceCoordFor(c, name, meta.dims, bounds, shape);
  }
  // Copies: the meta is cached and shared by later reads.
  const tagged = TAGGED.has(slab.dtype) ? { dtype: slab.dtype as TaggedDtype } : {};
  return { data: slab.data, dims: [...meta.dims], shape: slab.shape, coords, attrs: { ...meta.attrs }, ...tagged };
}

/** @internal Detection through libhdf5 alone (tests hold the pure reader's answers against it). */
export function detectDasdaeLibhdf5(probe: FileProbe): Promise<string | null> {
  return withProbeH5(probe, (file) => {
    const root = scanSomeAttrs(file, ["__format__", "__DASDAE_version__"]);
    if (asText(root["__format__"]) !== "DASDAE") return null;
    return asText(root["__DASDAE_version__"]) ?? null;
  });
}

/** @internal The scan through libhdf5 alone (tests hold the pure reader's answers against it). */
export function scanDasdaeLibhdf5(path: string, probe?: FileProbe): Promise<PatchSummary[]> {
  return withScanH5(path, probe, (file) => patchGroups(file).map((g) => summarize(file, g)));
}

/** DASCore's DASDAE format, version 1 (read and write). */
export const dasdae: FormatModule = {
  name: "DASDAE",
  versions: ["1"],
  extensions: ["h5", "hdf5"],
  // The pure-JS reader answers first (no h5wasm start-up, ~0.3 ms per file); libhdf5 answers
  // whatever it declines, and names what is wrong with a damaged file (dasdaePure.ts).
  detect: async (probe) => detectDasdaePure(probe) ?? detectDasdaeLibhdf5(probe),
  scan: async (path, _version, probe) => scanDasdaePure(path, probe) ?? scanDasdaeLibhdf5(path, probe),
  quickScan: (probe) => {
    const version = detectDasdaePure(probe);
    const patches = version === undefined ? undefined : scanDasdaePure(probe.path, probe);
    return version === undefined || patches === undefined ? undefined : { version, patches };
  },
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
