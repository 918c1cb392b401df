// Reads a DASDAE patch group's attributes as DASCore (through PyTables) sees them: empty HDF5
// attributes are "", text ending in "." is unpickled (history tuples, lists, dicts, the coordinate
// summaries in `_attrs_coords`), everything else is the stored value.
import { asText, type H5AttrValue, type H5Dataset, type H5Group } from "../h5/index.ts";
import { readAttrBytes, type RawAttr } from "../h5/rawAttr.ts";
import { decodePickle } from "../pickle/decode.ts";
import { NumpyScalar, PyBytes, PyDict, PyTuple, type PyValue } from "../pickle/values.ts";
import { scanAttr, scanAttrNames } from "./h5ScanAttrs.ts";
import type { RawAttrValue } from "./types.ts";

/** A PyTables attribute value: plain JS for native HDF5 values, a PyValue for pickles. */
export type PyAttr = H5AttrValue | PyValue;

const utf8 = new TextDecoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

/**
 * One attribute as PyTables returns it: a null-dataspace attribute is `""`; a string that ends
 * in "." (other than "0."/"0") is unpickled when it is a pickle and kept as text otherwise.
 * @example
 * ```ts
 * readPyAttr(group, "_attrs_history"); // PyTuple ["pass_filter(...)"]
 * ```
 */
export function readPyAttr(node: H5Group | H5Dataset, name: string): PyAttr {
  return pyAttrFrom(readAttrBytes(node, name), () => scanAttr(node, name));
}

/**
 * {@link readPyAttr} of an attribute's stored form: `raw` as readAttrBytes gives it, `other`
 * reading a non-text value. Shared by the libhdf5 and the pure-JS scans.
 */
export function pyAttrFrom(raw: RawAttr, other: () => H5AttrValue): PyAttr {
  if (raw.kind === "empty") return "";
  if (raw.kind === "other") return other();
  const b = raw.bytes;
  if (!raw.utf8 && b.length > 0 && b[b.length - 1] === 0x2e && !(b.length <= 2 && b[0] === 0x30)) {
    try {
      return decodePickle(b);
    } catch {
      // PyTables keeps text that does not unpickle as it is
    }
  }
  return raw.utf8 ? utf8.decode(b) : utf8DecodeOrLatin1(b);
}

function utf8DecodeOrLatin1(b: Uint8Array): string {
  try {
    return strictUtf8.decode(b);
  } catch {
    return latin1(b);
  }
}

/** Key order kept; non-string keys become their text. */
function dictToObject(d: PyDict): { [k: string]: RawAttrValue } {
  const out: { [k: string]: RawAttrValue } = {};
  for (const [k, v] of d.entries) out[String(k)] = toAttrValue(v);
  return out;
}

/**
 * A PyValue as an attribute value: tuples and lists become arrays (string lists stay `string[]`),
 * dicts plain objects, numpy scalars their value (times as bigint ns), bytes latin-1 text.
 * @example
 * ```ts
 * toAttrValue(new PyTuple(["a", "b"])); // ["a", "b"]
 * ```
 */
export function toAttrValue(v: PyAttr): RawAttrValue {
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return v;
  if (v instanceof NumpyScalar) return v.value;
  if (v instanceof PyBytes) return latin1(v.bytes);
  if (v instanceof PyDict) return dictToObject(v);
  if (v instanceof PyTuple) return v.items.map(toAttrValue);
  if (Array.isArray(v)) return (v as PyAttr[]).map(toAttrValue);
  if (ArrayBuffer.isView(v)) {
    if (v.length === 1) return v[0]!;
    return Array.from(v as ArrayLike<number | bigint>);
  }
  return String(v);
}

/** A coordinate's summary as DASCore stores it (pickled `_attrs_coords`, or flat keys in old files). */
export interface StoredCoordSummary {
  dtype?: string;
  min?: PyAttr;
  max?: PyAttr;
  step?: number | bigint | null;
  units?: string | null;
}

/** The metadata of one patch group. */
export interface GroupMeta {
  dims: string[];
  attrs: Record<string, RawAttrValue>;
  summaries: Record<string, StoredCoordSummary>;
  coordDims: Record<string, string[]>;
  coordNames: string[];
}

const COORD_KEY = /^(.+)_(min|max|step|units|dtype)$/;

function scalarOf(v: PyAttr | undefined): number | bigint | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (v instanceof NumpyScalar) return typeof v.value === "number" || typeof v.value === "bigint" ? v.value : undefined;
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (ArrayBuffer.isView(v) && v.length === 1) return v[0]!;
  return undefined;
}

function unitsOf(v: PyAttr | undefined): string | null | undefined {
  if (v === undefined) return undefined;
  if (v === null || v === "") return null;
  return typeof v === "string" ? v : (asText(v as H5AttrValue) ?? null);
}

function summaryFromPy(d: PyDict): StoredCoordSummary {
  const dtype = d.get("dtype");
  const out: StoredCoordSummary = {};
  if (typeof dtype === "string") out.dtype = dtype;
  const min = d.get("min");
  const max = d.get("max");
  if (min !== undefined) out.min = min;
  if (max !== undefined) out.max = max;
  const step = scalarOf(d.get("step"));
  if (step !== undefined) out.step = step;
  const units = unitsOf(d.get("units"));
  if (units !== undefined) out.units = units;
  return out;
}

/**
 * Reads a patch group's dims, attributes, stored coordinate summaries and coordinate dims.
 * @example
 * ```ts
 * readGroupMeta(group).attrs.history; // ["pass_filter(...)"]
 * ```
 */
export function readGroupMeta(group: H5Group): GroupMeta {
  const names = scanAttrNames(group);
  return groupMetaFrom({ names, members: group.keys(), py: (name) => readPyAttr(group, name) });
}

/** A patch group's attribute names, member names, and each attribute as PyTables returns it. */
export interface GroupAttrSource {
  names: readonly string[];
  members: readonly string[];
  py(name: string): PyAttr;
}

/** {@link readGroupMeta} from any source of the group's attributes (libhdf5's, or the pure-JS reader's). */
export function groupMetaFrom(group: GroupAttrSource): GroupMeta {
  const names = group.names;
  const dimsText = names.includes("_dims") ? toAttrValue(group.py("_dims")) : "";
  const dims = typeof dimsText === "string" && dimsText ? dimsText.split(",") : [];
  const attrs: Record<string, RawAttrValue> = {};
  const summaries: Record<string, StoredCoordSummary> = {};
  const coordDims: Record<string, string[]> = {};
  const coordNames = group.members
    .filter((n) => n.startsWith("_coord_"))
    .map((n) => n.slice("_coord_".length));
  const known = new Set([...coordNames, ...dims]);
  const flat: Array<[string, string, PyAttr]> = [];
  for (const name of names) {
    if (name.startsWith("_cdims_")) {
      const text = toAttrValue(group.py(name));
      // DASCore joins with ","
      coordDims[name.slice("_cdims_".length)] = typeof text === "string" && text ? text.split(",") : [];
      continue;
    }
    if (!name.startsWith("_attrs_")) continue;
    const key = name.slice("_attrs_".length);
    if (key === "dims") continue;
    const value = group.py(name);
    if (key === "coords") {
      if (value instanceof PyDict) {
        for (const [cname, s] of value.entries) if (s instanceof PyDict) summaries[String(cname)] = summaryFromPy(s);
      }
      continue;
    }
    const m = COORD_KEY.exec(key);
    if (m && known.has(m[1]!)) {
      flat.push([m[1]!, m[2]!, value]);
      continue;
    }
    attrs[key] = toAttrValue(value);
  }
  // Files of older DASCore versions keep flat `{coord}_{min,max,step,units}` keys instead.
  for (const [cname, field, value] of flat) {
    const s = (summaries[cname] ??= {});
    if (field === "units" && s.units === undefined) s.units = unitsOf(value) ?? null;
    if (field === "step" && s.step === undefined) s.step = scalarOf(value) ?? null;
    if (field === "dtype" && s.dtype === undefined && typeof value === "string") s.dtype = value;
  }
  return { dims, attrs, summaries, coordDims, coordNames };
}
