// String attributes as their stored bytes. h5wasm decodes text attributes (ASCII as windows-1252,
// UTF-8 with replacement), which garbles the latin-1 bytes of a PyTables pickle; these helpers read
// and write the bytes themselves, and tell a null-dataspace attribute (PyTables' "") from text.
import { CorruptFileError } from "../../src/errors.ts";
import type { H5Dataset, H5Group } from "./file.ts";
import { h5Module, noteH5Fault } from "./module.ts";
import { fileName, withH5Errors } from "./nodes.ts";

/** What {@link readAttrBytes} finds: an empty (null dataspace) attribute, a scalar string's
 * bytes, or something else (numbers, arrays) that the caller reads the ordinary way. */
export type RawAttr = { kind: "empty" } | { kind: "text"; bytes: Uint8Array; utf8: boolean } | { kind: "other" };

const H5T_STRING = 3;

/**
 * The bytes of a scalar string attribute (trailing NULs removed), `empty` for an attribute with a
 * null dataspace (how PyTables stores `""`), `other` for anything else.
 * @throws CorruptFileError naming the node and attribute when libhdf5 cannot read it.
 * @example
 * ```ts
 * readAttrBytes(group, "_attrs_history"); // { kind: "text", bytes: <"(V...\ntp1\n.">, utf8: false }
 * ```
 */
export function readAttrBytes(node: H5Group | H5Dataset, name: string): RawAttr {
  const mod = h5Module() as unknown as {
    get_attribute_metadata(f: bigint, p: string, a: string): { shape: number[] | null; size: number; total_size: number; type: number; vlen: boolean; cset: number };
    get_attribute_data(f: bigint, p: string, a: string, ptr: bigint): number;
    reclaim_vlen_memory(f: bigint, p: string, a: string, ptr: bigint): number;
    _malloc(n: number): number;
    _free(p: number): void;
    HEAPU8: Uint8Array;
  };
  let meta;
  try {
    meta = mod.get_attribute_metadata(node.file_id, node.path, name);
  } catch (cause) {
    throw new CorruptFileError(`cannot read attribute ${name} of ${node.path}`, { cause });
  }
  if (meta.shape === null) return { kind: "empty" };
  if (meta.type !== H5T_STRING || meta.shape.length !== 0) return { kind: "other" };
  const nbytes = meta.vlen ? 4 : meta.size;
  const ptr = mod._malloc(Math.max(nbytes, 8));
  try {
    let status: number;
    try {
      status = withH5Errors(() => mod.get_attribute_data(node.file_id, node.path, name, BigInt(ptr)));
    } catch (cause) {
      noteH5Fault(cause);
      throw new CorruptFileError(`${fileName(node)}: cannot read attribute ${name} of ${node.path}`, { cause });
    }
    if (status < 0) throw new CorruptFileError(`${fileName(node)}: cannot read attribute ${name} of ${node.path}`);
    let bytes: Uint8Array;
    if (meta.vlen) {
      const h = mod.HEAPU8;
      const p = (h[ptr]! | (h[ptr + 1]! << 8) | (h[ptr + 2]! << 16) | (h[ptr + 3]! << 24)) >>> 0;
      let end = p;
      while (p !== 0 && mod.HEAPU8[end] !== 0) end++;
      bytes = mod.HEAPU8.slice(p, end);
      mod.reclaim_vlen_memory(node.file_id, node.path, name, BigInt(ptr));
    } else {
      let end = ptr + nbytes;
      while (end > ptr && mod.HEAPU8[end - 1] === 0) end--;
      bytes = mod.HEAPU8.slice(ptr, end);
    }
    return { kind: "text", bytes, utf8: meta.cset === 1 };
  } finally {
    mod._free(ptr);
  }
}

/**
 * Writes `text` (ASCII only) as a scalar fixed-length ASCII string attribute: the type PyTables
 * gives pickles and byte strings, so PyTables returns it as bytes (and unpickles it).
 * @example
 * ```ts
 * writeAsciiAttr(group, "_attrs_history", "(Vpass_filter()\np0\ntp1\n.");
 * ```
 */
export function writeAsciiAttr(node: H5Group | H5Dataset, name: string, text: string): void {
  if (!/^[\x00-\x7f]*$/.test(text)) throw new CorruptFileError(`attribute ${name}: ASCII text expected`);
  if (name in node.attrs) node.delete_attribute(name);
  node.create_attribute(name, text, [], `A${Math.max(1, text.length)}`);
}
