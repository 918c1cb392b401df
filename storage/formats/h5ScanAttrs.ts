// Attribute reads for metadata scans of HDF5 formats: the same values as storage/h5's readAttrs,
// with half the libhdf5 calls. An h5wasm Attribute object reads the attribute's metadata when it
// is made and again when its value is read; `get_attribute` reads it once (38 instead of 62 µs per
// attribute, the largest cost of scanning a small DASDAE file).
import { CorruptFileError } from "../../src/errors.ts";
import { attrNames, readAttr, type H5AttrValue, type H5Dataset, type H5Group } from "../h5/index.ts";

type Node = H5Group | H5Dataset;

function fail(node: Node, what: string, cause: unknown): CorruptFileError {
  const file = (node as { filename?: string }).filename ?? "HDF5 file";
  return new CorruptFileError(`${file}: cannot ${what} of ${node.path}`, { cause });
}

/**
 * The names of a node's attributes (one libhdf5 call).
 * @throws CorruptFileError naming the node when they cannot be listed.
 * @example
 * ```ts
 * scanAttrNames(group); // ["_attrs_station", "_dims", ...]
 * ```
 */
export function scanAttrNames(node: Node): string[] {
  try {
    return attrNames(node);
  } catch (cause) {
    throw fail(node, "list attributes", cause);
  }
}

/**
 * One attribute's value, equal to `readAttr(node, name)`. Only typed arrays need the attribute's
 * metadata (a 1-element array can be a numpy bool, which readAttr turns into a boolean): those
 * rare ones are read by readAttr itself.
 * @throws CorruptFileError naming the attribute when it cannot be read.
 * @example
 * ```ts
 * scanAttr(file, "__format__"); // "DASDAE"
 * ```
 */
export function scanAttr(node: Node, name: string): H5AttrValue {
  try {
    const v = node.get_attribute(name, false) as unknown;
    if (v === null || v === undefined) return null;
    if (ArrayBuffer.isView(v)) return readAttr(node, name) ?? null;
    return v as H5AttrValue;
  } catch (cause) {
    throw fail(node, `read attribute ${name}`, cause);
  }
}

/**
 * All attributes of a node, equal to `readAttrs(node)`.
 * @example
 * ```ts
 * const raw = scanAttrs(group); // { _dims: "distance,time", _attrs_station: "B00", ... }
 * ```
 */
export function scanAttrs(node: Node): Record<string, H5AttrValue> {
  const out: Record<string, H5AttrValue> = {};
  for (const name of scanAttrNames(node)) out[name] = scanAttr(node, name);
  return out;
}

/**
 * The listed attributes a node has (absent ones are left out), reading only those.
 * @example
 * ```ts
 * scanSomeAttrs(ds, ["is_datetime64", "is_timedelta64"]); // { is_datetime64: 1 }
 * ```
 */
export function scanSomeAttrs(node: Node, names: readonly string[]): Record<string, H5AttrValue> {
  const present = new Set(scanAttrNames(node));
  const out: Record<string, H5AttrValue> = {};
  for (const name of names) if (present.has(name)) out[name] = scanAttr(node, name);
  return out;
}
