// Writes patches in DASCore's DASDAE v1 layout so DASCore and daspool both read them back:
// root attrs, /waveforms/DAS__{net}__{sta}__{tag}__{tmin}__{tmax}, _coord_* arrays, _attrs_* attrs.
import {
  createDataset,
  getGroup,
  hasGroup,
  withH5File,
  writeAttr,
  type H5File,
  type H5Group,
} from "../h5/index.ts";
import { rangeValue } from "./rawCoords.ts";
import type { RawAttrValue, RawCoord, RawPatch, TypedArray } from "./types.ts";

/** Written into the root attribute `__dascore__version__` (DASCore writes its own version). */
const WRITER_VERSION = "daspool-0.1.0";

/** ns since the epoch → "YYYY_MM_DDThh_mm_ss_fffffffff", DASCore's patch-name time format. */
export function nameTime(ns: bigint): string {
  const NS = 1_000_000_000n;
  let sec = ns / NS;
  let frac = ns % NS;
  if (frac < 0n) {
    frac += NS;
    sec -= 1n;
  }
  const iso = new Date(Number(sec) * 1000).toISOString().slice(0, 19);
  return `${iso}_${frac.toString().padStart(9, "0")}`.replace(/[-:]/g, "_");
}

const RANGE_ARRAYS: Partial<Record<RawCoord["dtype"], new (n: number) => TypedArray>> = {
  float32: Float32Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
};

/** A coordinate's values as the typed array DASCore would save (time and 64-bit ints as bigint). */
function coordValues(c: RawCoord): TypedArray {
  if (c.kind === "array") return c.values;
  const big = typeof c.start === "bigint" || c.dtype === "int64" || c.dtype === "uint64";
  if (big) {
    const out = c.dtype === "uint64" ? new BigUint64Array(c.length) : new BigInt64Array(c.length);
    const start = BigInt(c.start);
    const step = BigInt(c.step);
    for (let i = 0; i < c.length; i++) out[i] = start + BigInt(i) * step;
    return out;
  }
  const out = new (RANGE_ARRAYS[c.dtype] ?? Float64Array)(c.length) as Float64Array;
  for (let i = 0; i < c.length; i++) out[i] = rangeValue(c, i) as number;
  return out;
}

function attrText(v: RawAttrValue | undefined): string {
  return v === undefined || v === null ? "" : String(v);
}

/** DASCore's default patch name: DAS__{network}__{station}__{tag}__{time_min}__{time_max}. */
export function patchName(p: RawPatch): string {
  const t = p.coords["time"];
  let tmin = "";
  let tmax = "";
  if (t && (t.dtype === "datetime64") && (t.kind === "range" ? t.length : t.values.length) > 0) {
    const vals = coordValues(t) as BigInt64Array;
    let lo = vals[0]!;
    let hi = vals[0]!;
    for (const v of vals) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    tmin = nameTime(lo);
    tmax = nameTime(hi);
  }
  const parts = [attrText(p.attrs["network"]), attrText(p.attrs["station"]), attrText(p.attrs["tag"]), tmin, tmax];
  return ["DAS", ...parts].join("__");
}

function writeAttrValue(group: H5Group, name: string, v: RawAttrValue): void {
  if (v === null) return; // DASCore drops unset (None) attributes
  writeAttr(group, name, v);
}

function writePatch(file: H5File, waveforms: H5Group, p: RawPatch, name: string): void {
  const group = waveforms.create_group(name);
  for (const [k, v] of Object.entries(p.attrs)) writeAttrValue(group, `_attrs_${k}`, v);
  writeAttr(group, "_attrs_dims", p.dims.join(","));
  writeAttr(group, "_dims", p.dims.join(","));
  for (const [cname, c] of Object.entries(p.coords)) {
    const values = coordValues(c);
    const cdims = c.dims ?? [cname];
    const cshape = cdims.length === 1 ? [values.length] : cdims.map((d) => p.shape[p.dims.indexOf(d)]!);
    const ds = createDataset(group, `_coord_${cname}`, values, cshape);
    writeAttr(ds, "is_datetime64", c.dtype === "datetime64");
    writeAttr(ds, "is_timedelta64", c.dtype === "timedelta64");
    writeAttr(group, `_cdims_${cname}`, cdims.join(","));
    // DASCore reads coordinate units from the flat `{coord}_units` attribute.
    if (c.units !== null && !(c.dtype === "datetime64" || c.dtype === "timedelta64")) {
      writeAttr(group, `_attrs_${cname}_units`, c.units);
    }
  }
  createDataset(group, "data", p.data, p.shape);
  void file;
}

/**
 * Writes `patches` to a new DASDAE v1 file at `path` (replacing any file there).
 * @example
 * ```ts
 * await writeDasdae([rawPatch], "/tmp/out.h5");
 * ```
 */
export async function writeDasdae(patches: readonly RawPatch[], path: string): Promise<void> {
  await withH5File(
    path,
    (file) => {
      writeAttr(file, "__format__", "DASDAE");
      writeAttr(file, "__DASDAE_version__", "1");
      writeAttr(file, "__dascore__version__", WRITER_VERSION);
      const waveforms = hasGroup(file, "/waveforms") ? getGroup(file, "/waveforms") : file.create_group("waveforms");
      const used = new Set<string>(waveforms.keys());
      for (const p of patches) {
        let name = patchName(p);
        for (let i = 1; used.has(name); i++) name = `${patchName(p)}__${i}`;
        used.add(name);
        writePatch(file, waveforms, p, name);
      }
      file.flush();
    },
    "w",
  );
}
