// The object tree of an HDF5 file read from its bytes: the root group's address from the
// superblock, and a group's members from its symbol table (a version-1 B-tree of symbol nodes,
// names in a local heap: what libhdf5 writes by default and PyTables always) or its link
// messages (compact new-style groups). Anything else — dense link storage in a fractal heap,
// soft and external links, a structure that does not parse — is `null`: the caller asks libhdf5.
import { readObjectHeader, uint, type ByteSource, type HeaderMessage, type Superblock } from "../objectHeader.ts";
import { sortByNameBytes } from "./names.ts";

const MSG_LINK_INFO = 0x02;
const MSG_LINK = 0x06;
const MSG_LAYOUT = 0x08;
const MSG_SYMBOL_TABLE = 0x11;

/** The superblock's sizes and base with the root group's object header address. */
export interface Root extends Superblock {
  rootAddr: number;
}

/** The root group's header address, from a superblock of version 0–3 found at `sb.base`. */
export function rootAddress(f: ByteSource, sb: Superblock): number | null {
  const head = f.read(sb.base, 12 + 4 * sb.offsetSize);
  if (!head) return null;
  const version = head[8]!;
  const O = sb.offsetSize;
  let at: number;
  if (version === 0 || version === 1) {
    // 4 addresses (base, free space, end of file, driver info), then the root's symbol table entry
    const entry = 24 + (version === 1 ? 4 : 0) + 4 * O;
    const b = f.read(sb.base + entry, 2 * O);
    if (!b) return null;
    at = uint(b, O, O);
  } else if (version === 2 || version === 3) {
    at = uint(head, 12 + 3 * O, O);
  } else return null;
  return Number.isSafeInteger(at) ? at : null;
}

/** What an object header says the object is. */
export type ObjectKind = "group" | "dataset" | "other";

/** A group has a symbol table, link info or links; a dataset has a layout. */
export function objectKind(messages: readonly HeaderMessage[]): ObjectKind {
  if (messages.some((m) => m.type === MSG_SYMBOL_TABLE || m.type === MSG_LINK_INFO || m.type === MSG_LINK)) return "group";
  if (messages.some((m) => m.type === MSG_LAYOUT)) return "dataset";
  return "other";
}

/** A group member: its name and object header address. */
export interface Member {
  name: string;
  addr: number;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** A NUL-terminated name at `at` of a local heap's data segment, or null. */
function heapName(heap: Uint8Array, at: number): string | null {
  if (at < 0 || at >= heap.length) return null;
  const end = heap.indexOf(0, at);
  if (end < 0) return null;
  try {
    return decoder.decode(heap.subarray(at, end));
  } catch {
    return null;
  }
}

/** A local heap's data segment ("HEAP", version 0), or null. */
function localHeap(f: ByteSource, sb: Superblock, addr: number): Uint8Array | null {
  const L = sb.lengthSize;
  const O = sb.offsetSize;
  const h = f.read(sb.base + addr, 8 + 2 * L + O);
  if (!h || h[0] !== 0x48 || h[1] !== 0x45 || h[2] !== 0x41 || h[3] !== 0x50 || h[4] !== 0) return null;
  const size = uint(h, 8, L);
  const data = uint(h, 8 + 2 * L, O);
  if (!Number.isSafeInteger(size) || !Number.isSafeInteger(data)) return null;
  return f.read(sb.base + data, size);
}

/** At most this many B-tree nodes are visited per group (a loop in a damaged tree ends here). */
const MAX_NODES = 100_000;

/** Members of a symbol-table group: walk the group B-tree to its symbol nodes. */
function symbolTableMembers(f: ByteSource, sb: Superblock, body: Uint8Array): Member[] | null {
  const O = sb.offsetSize;
  const L = sb.lengthSize;
  if (body.length < 2 * O) return null;
  const treeAddr = uint(body, 0, O);
  const heap = localHeap(f, sb, uint(body, O, O));
  if (!heap || !Number.isSafeInteger(treeAddr)) return null;
  const out: Member[] = [];
  const stack = [treeAddr];
  let visited = 0;
  while (stack.length > 0) {
    if (++visited > MAX_NODES) return null;
    const addr = stack.pop()!;
    const head = f.read(sb.base + addr, 8 + 2 * O);
    if (!head) return null;
    if (head[0] === 0x53 && head[1] === 0x4e && head[2] === 0x4f && head[3] === 0x44) {
      // a symbol node: version 1, reserved, count, entries of (name offset, header address, cache 24 bytes)
      if (head[4] !== 1) return null;
      const count = uint(head, 6, 2);
      const size = 2 * O + 24;
      const entries = f.read(sb.base + addr + 8, count * size);
      if (!entries) return null;
      for (let k = 0; k < count; k++) {
        const name = heapName(heap, uint(entries, k * size, O));
        const at = uint(entries, k * size + O, O);
        if (name === null || !Number.isSafeInteger(at)) return null;
        out.push({ name, addr: at });
      }
      continue;
    }
    if (head[0] !== 0x54 || head[1] !== 0x52 || head[2] !== 0x45 || head[3] !== 0x45 || head[4] !== 0) return null;
    const used = uint(head, 6, 2);
    // after the two sibling addresses: key₀, child₀, key₁, … child_{used−1}, key_used
    const pairs = f.read(sb.base + addr + 8 + 2 * O, used * (L + O) + L);
    if (!pairs) return null;
    // children pushed last-first so that they are visited in key (name) order
    for (let k = used - 1; k >= 0; k--) {
      const child = uint(pairs, k * (L + O) + L, O);
      if (!Number.isSafeInteger(child)) return null;
      stack.push(child);
    }
  }
  return out;
}

/** A hard link message's name and target; null for any other link or an unreadable one. */
function hardLink(body: Uint8Array, sb: Superblock): Member | null {
  if (body.length < 3 || body[0] !== 1) return null;
  const flags = body[1]!;
  let p = 2;
  if (flags & 0x08) {
    if (body[p] !== 0) return null; // soft, external or user-defined link: libhdf5 resolves those
    p += 1;
  }
  if (flags & 0x04) p += 8; // creation order
  let cset = 0;
  if (flags & 0x10) cset = body[p++]!;
  const lenSize = 1 << (flags & 0x03);
  const len = uint(body, p, lenSize);
  p += lenSize;
  if (!Number.isSafeInteger(len) || len < 1 || p + len + sb.offsetSize > body.length) return null;
  if (cset !== 0 && cset !== 1) return null;
  let name: string;
  try {
    name = decoder.decode(body.subarray(p, p + len)); // ASCII names are UTF-8 too
  } catch {
    return null;
  }
  const addr = uint(body, p + len, sb.offsetSize);
  return Number.isSafeInteger(addr) ? { name, addr } : null;
}

/**
 * A group's members in libhdf5's order (by name), from its header's messages, or null when
 * libhdf5 must be asked (dense links, a link that is not a hard one, anything unreadable).
 */
export function groupMembers(f: ByteSource, sb: Superblock, messages: readonly HeaderMessage[]): Member[] | null {
  const table = messages.find((m) => m.type === MSG_SYMBOL_TABLE);
  let out: Member[] | null;
  if (table) out = symbolTableMembers(f, sb, table.body);
  else {
    const info = messages.find((m) => m.type === MSG_LINK_INFO);
    // link info with a fractal heap address: the links are stored densely, not in this header
    if (info && (info.body.length < 2 + sb.offsetSize || uint(info.body, 2 + ((info.body[1]! & 0x01) ? 8 : 0), sb.offsetSize) !== Infinity)) return null;
    out = [];
    for (const m of messages) {
      if (m.type !== MSG_LINK) continue;
      const link = hardLink(m.body, sb);
      if (!link) return null;
      out.push(link);
    }
  }
  if (!out || new Set(out.map((m) => m.name)).size !== out.length) return null;
  return sortByNameBytes(out, (m) => m.name);
}

/** The object header messages at `addr`, or null. */
export function headerAt(f: ByteSource, sb: Superblock, addr: number): HeaderMessage[] | null {
  return readObjectHeader(f, sb, addr);
}
