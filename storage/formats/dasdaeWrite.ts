// Writes patches in DASCore's DASDAE v1 layout so DASCore and daspool both read them back:
// root attrs, /waveforms/DAS__{net}__{sta}__{tag}__{tmin}__{tmax}, _coord_* arrays, _attrs_* attrs
// (pickled as PyTables pickles them where HDF5 has no native type: None, tuples, lists, dicts).
import { createDataset, getGroup, hasGroup, withH5File, writeAttr, type H5File, type H5Group } from "../h5/index.ts";
import { writeAsciiAttr } from "../h5/rawAttr.ts";
import { floatToHalf } from "../h5/float16.ts";
import { objectAddress, retypeDatasets, type Retype } from "../h5/retype.ts";
import { encodePickle } from "../pickle/encode.ts";
import { PyDict, PyTuple, type PyValue } from "../pickle/values.ts";
import { coordsSummaryPickle } from "./dasdaeCoordsPickle.ts";
import { rangeValue } from "./rawCoords.ts";
import { type RawAttrValue, type RawCoord, type RawPatch, type TypedArray } from "./types.ts";

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
  if (c.kind === "array") {
    // int64 coordinates held as exact doubles are written back as int64, as they were read.
    if ((c.dtype === "int64" || c.dtype === "uint64") && !(c.values instanceof BigInt64Array || c.values instanceof BigUint64Array)) {
      const src = c.values as ArrayLike<number>;
      const out = c.dtype === "int64" ? new BigInt64Array(src.length) : new BigUint64Array(src.length);
      for (let i = 0; i < src.length; i++) out[i] = BigInt(Math.round(src[i]!));
      return out;
    }
    return c.values;
  }
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
  if (t && t.dtype === "datetime64" && (t.kind === "range" ? t.length : t.values.length) > 0) {
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

/** An attribute value as the Python object DASCore holds (lists stay lists, objects dicts). */
function toPy(v: RawAttrValue): PyValue {
  if (Array.isArray(v)) return v.map(toPy);
  if (v !== null && typeof v === "object") return new PyDict(Object.entries(v).map(([k, x]) => [k, toPy(x)] as const));
  return v;
}

function writePickle(node: H5Group, name: string, v: PyValue): void {
  writeAsciiAttr(node, name, encodePickle(v));
}

/** Writes one attribute as PyTables would: str, int and float natively; None, bool, lists and
 * dicts as protocol-0 pickles (PyTables unpickles text ending in "."). */
function writeAttrValue(group: H5Group, name: string, v: RawAttrValue): void {
  if (typeof v === "string" || typeof v === "number" || typeof v === "bigint") writeAttr(group, name, v);
  else writePickle(group, name, toPy(v));
}

/** Writes the samples; float16 and bool get placeholder types that `retypes` fixes once the file
 * is closed (h5wasm cannot create them), complex a PyTables-style (r, i) compound. */
function writeData(group: H5Group, p: RawPatch, retypes: Retype[]): void {
  const n = p.shape.reduce((a, b) => a * b, 1);
  if (p.dtype === "complex64" || p.dtype === "complex128") {
    const F = p.dtype === "complex64" ? Float32Array : Float64Array;
    const re = new F(n);
    const im = new F(n);
    for (let i = 0; i < n; i++) {
      re[i] = p.data[2 * i] as number;
      im[i] = p.data[2 * i + 1] as number;
    }
    const f = p.dtype === "complex64" ? "<f" : "<d";
    group.create_dataset({ name: "data", data: new Map([["r", re], ["i", im]]) as never, shape: p.shape, dtype: [["r", f], ["i", f]] as never });
    return;
  }
  if (p.dtype === "float16" && n > 0) {
    // float32 placeholder whose bytes begin with the half-precision patterns
    const buf = new ArrayBuffer(n * 4);
    new Uint16Array(buf, 0, n).set(floatToHalf(p.data as Float32Array));
    const ds = createDataset(group, "data", new Float32Array(buf), p.shape);
    retypes.push({ address: objectAddress(ds), to: "float16", count: n });
    return;
  }
  if (p.dtype === "bool" && n > 0) {
    const ds = createDataset(group, "data", p.data instanceof Uint8Array ? p.data : Uint8Array.from(p.data as ArrayLike<number>, (v) => (v ? 1 : 0)), p.shape);
    retypes.push({ address: objectAddress(ds), to: "bool", count: n });
    return;
  }
  createDataset(group, "data", p.data, p.shape);
}

/** Coordinates with the dimensions first, in dims order, as DASCore's coordinate manager keeps
 * them: DASCore's directory index builds its time columns from this order. */
function dimsFirst(p: RawPatch): Record<string, RawCoord> {
  const out: Record<string, RawCoord> = {};
  for (const d of p.dims) if (p.coords[d]) out[d] = p.coords[d];
  for (const [k, c] of Object.entries(p.coords)) if (!(k in out)) out[k] = c;
  return out;
}

function writePatch(waveforms: H5Group, p: RawPatch, name: string, retypes: Retype[]): void {
  const group = waveforms.create_group(name);
  // Like DASCore's model_dump(exclude_unset=True): the attributes the patch has, nothing added.
  for (const [k, v] of Object.entries(p.attrs)) {
    if (k === "history") {
      const entries = Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : [];
      writePickle(group, "_attrs_history", new PyTuple(entries)); // DASCore's history is a tuple
    } else writeAttrValue(group, `_attrs_${k}`, v);
  }
  writeAttr(group, "_attrs_dims", p.dims.join(","));
  writePickle(group, "_attrs_coords", coordsSummaryPickle(dimsFirst(p)));
  writeAttr(group, "_dims", p.dims.join(","));
  for (const [cname, c] of Object.entries(p.coords)) {
    const values = coordValues(c);
    const cdims = c.dims ?? [cname];
    const cshape = cdims.length <= 1 ? [values.length] : cdims.map((d) => p.shape[p.dims.indexOf(d)]!);
    const ds = createDataset(group, `_coord_${cname}`, values, cshape);
    writeAttr(ds, "is_datetime64", c.dtype === "datetime64");
    writeAttr(ds, "is_timedelta64", c.dtype === "timedelta64");
    writeAttr(group, `_cdims_${cname}`, cdims.join(","));
  }
  writeData(group, p, retypes);
}

/**
 * Writes `patches` to a new DASDAE v1 file at `path` (replacing any file there).
 * @example
 * ```ts
 * await writeDasdae([rawPatch], "/tmp/out.h5");
 * ```
 */
export async function writeDasdae(patches: readonly RawPatch[], path: string): Promise<void> {
  const retypes: Retype[] = [];
  await withH5File(
    path,
    (file: H5File) => {
      writeAttr(file, "__format__", "DASDAE");
      writeAttr(file, "__DASDAE_version__", "1");
      writeAttr(file, "__dascore__version__", WRITER_VERSION);
      const waveforms = hasGroup(file, "/waveforms") ? getGroup(file, "/waveforms") : file.create_group("waveforms");
      const used = new Set<string>(waveforms.keys());
      for (const p of patches) {
        let name = patchName(p);
        for (let i = 1; used.has(name); i++) name = `${patchName(p)}__${i}`;
        used.add(name);
        writePatch(waveforms, p, name, retypes);
      }
      file.flush();
    },
    "w",
  );
  retypeDatasets(path, retypes);
}
