// Typed access to HDF5 groups, datasets and attributes: missing nodes throw CorruptFileError
// naming the file and path (h5wasm returns null), attributes come back as plain JS values.
import type { Attribute } from "h5wasm/node";
import { CorruptFileError } from "../../src/errors.ts";
import { h5Lib, h5Module, noteH5Fault } from "./module.ts";
import { openFileInfo, type H5Dataset, type H5File, type H5Group } from "./file.ts";
import type { TypedArray } from "../formats/types.ts";

/** A JS attribute value: strings decoded, int64 as bigint, arrays as typed arrays or arrays. */
export type H5AttrValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | H5AttrValue[]
  | TypedArray;

/** The path of the file a node lives in (h5wasm's groups and datasets know only its id). */
export function fileName(node: { file_id: bigint } & Partial<{ filename: string }>): string {
  return node.filename ?? openFileInfo(node.file_id)?.filename ?? "an HDF5 file";
}

/** The node at `path`, or null when absent. Never throws for a missing path. */
export function tryGet(file: H5File, path: string): H5Group | H5Dataset | null {
  let node: unknown;
  try {
    node = file.get(path);
  } catch (cause) {
    noteH5Fault(cause);
    throw new CorruptFileError(`cannot read node ${path} in ${file.filename}: ${String(cause)}`, { cause });
  }
  if (node instanceof h5Lib().Group || node instanceof h5Lib().Dataset) return node;
  return null;
}

/**
 * The dataset at `path`.
 * @throws CorruptFileError naming the file and path when it is missing or not a dataset.
 * @example
 * ```ts
 * const ds = getDataset(file, "/Acquisition/Raw[0]/RawData");
 * ```
 */
export function getDataset(file: H5File, path: string): H5Dataset {
  const node = tryGet(file, path);
  if (!(node instanceof h5Lib().Dataset)) {
    throw new CorruptFileError(`${file.filename}: expected a dataset at ${path}, found ${node ? "a group" : "nothing"}`);
  }
  return node;
}

/**
 * The group at `path` ("/" for the root).
 * @throws CorruptFileError naming the file and path when it is missing or not a group.
 */
export function getGroup(file: H5File, path: string): H5Group {
  if (path === "/" || path === "") return file;
  const node = tryGet(file, path);
  if (!(node instanceof h5Lib().Group)) {
    throw new CorruptFileError(`${file.filename}: expected a group at ${path}, found ${node ? "a dataset" : "nothing"}`);
  }
  return node;
}

/** True when `path` names a dataset. */
export function hasDataset(file: H5File, path: string): boolean {
  return tryGet(file, path) instanceof h5Lib().Dataset;
}

/** True when `path` names a group. */
export function hasGroup(file: H5File, path: string): boolean {
  return tryGet(file, path) instanceof h5Lib().Group;
}

/**
 * Runs `fn` with h5wasm's throwing error handler on, so a libhdf5 failure inside a helper that
 * swallows it (a group listing returning [], a variable-length string read from a damaged heap
 * returning "" or stale heap bytes) throws instead. The file descriptor the handler leaks per
 * error goes with the engine, which a failure replaces.
 */
export function withH5Errors<T>(fn: () => T): T {
  const mod = h5Module() as unknown as { activate_throwing_error_handler(): number; deactivate_throwing_error_handler(): number };
  mod.activate_throwing_error_handler();
  try {
    return fn();
  } finally {
    mod.deactivate_throwing_error_handler();
  }
}

/**
 * Names of a group's direct children (links), in HDF5's order.
 * @throws CorruptFileError when libhdf5 fails to list them: h5wasm's listing swallows the failure
 * and returns an empty list, which made a damaged group look empty (fuzz: a DASDAE file whose
 * /waveforms B-tree was zeroed read as holding no patch).
 */
export function childNames(group: H5Group): string[] {
  try {
    return withH5Errors(() => group.keys());
  } catch (cause) {
    noteH5Fault(cause);
    throw new CorruptFileError(`${fileName(group)}: cannot list the members of group ${group.path} (damaged group structure)`, { cause });
  }
}

function attrValue(attr: Attribute): H5AttrValue {
  const meta = attr.metadata;
  if (meta.shape === null) return null; // H5S_NULL ("Empty") attributes, e.g. PyTables TITLE
  // Under the throwing handler: a string read from a damaged global heap otherwise comes back as
  // "" or as whatever the heap held before (fuzz neubrex_dss_forge #3033: attributes differed
  // between two reads of the same file).
  const v = withH5Errors(() => attr.value) as unknown;
  if (v === null || v === undefined) return null;
  // h5wasm gives 1-element typed arrays for scalar bitfields (numpy bools): unwrap to boolean.
  if (meta.type === 4 && meta.shape.length === 0 && ArrayBuffer.isView(v)) {
    return (v as Uint8Array)[0] !== 0;
  }
  return v as H5AttrValue;
}

/** Names of the attributes of a group or dataset. */
export function attrNames(node: H5Group | H5Dataset): string[] {
  try {
    return Object.keys(node.attrs);
  } catch (cause) {
    noteH5Fault(cause);
    throw new CorruptFileError(`${fileName(node)}: cannot list attributes of ${node.path}`, { cause });
  }
}

/**
 * All attributes of a node as JS values (strings, numbers, bigint for 64-bit ints, booleans for
 * bitfield flags, typed arrays for numeric arrays, null for empty attributes).
 * @throws CorruptFileError when an attribute cannot be decoded.
 */
export function readAttrs(node: H5Group | H5Dataset, file?: H5File): Record<string, H5AttrValue> {
  const out: Record<string, H5AttrValue> = {};
  let attrs: Record<string, Attribute>;
  try {
    attrs = node.attrs;
  } catch (cause) {
    noteH5Fault(cause);
    throw new CorruptFileError(`${fileName(file ?? node)}: cannot list attributes of ${node.path}`, { cause });
  }
  for (const [name, attr] of Object.entries(attrs)) {
    try {
      out[name] = attrValue(attr);
    } catch (cause) {
      noteH5Fault(cause);
      throw new CorruptFileError(`${fileName(file ?? node)}: cannot read attribute ${name} of ${node.path}`, { cause });
    }
  }
  return out;
}

/** One attribute's value, or `undefined` when the node lacks it. */
export function readAttr(node: H5Group | H5Dataset, name: string): H5AttrValue | undefined {
  try {
    const attr = node.attrs[name];
    return attr === undefined ? undefined : attrValue(attr);
  } catch (cause) {
    noteH5Fault(cause);
    throw new CorruptFileError(`${fileName(node)}: cannot read attribute ${name} of ${node.path}`, { cause });
  }
}

/** Decodes text-like attribute values: strings as is, one-element string arrays, bytes as UTF-8. */
export function asText(v: H5AttrValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === "string") return v[0];
  if (v instanceof Uint8Array || v instanceof Int8Array) {
    return new TextDecoder().decode(v).replace(/\0+$/, "");
  }
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  return undefined;
}

/** Decodes numeric attribute values: numbers, bigint (converted), 1-element arrays, numeric text. */
export function asNumber(v: H5AttrValue | undefined): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const n = Number(v.trim());
    return v.trim() !== "" && Number.isFinite(n) ? n : undefined;
  }
  if (Array.isArray(v)) return v.length === 1 ? asNumber(v[0]) : undefined;
  if (ArrayBuffer.isView(v) && v.length === 1) {
    const x = v[0];
    return typeof x === "bigint" ? Number(x) : x;
  }
  return undefined;
}
