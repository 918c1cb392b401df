// A minimal reader of HDF5 object headers from the file's bytes (versions 1 and 2, continuation
// blocks followed): the messages libhdf5 uses but h5wasm does not expose (storage layout with the
// chunk index address, fill value, datatype properties), for the checks of storageCheck.ts.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** One header message: its type number, flags (bit 1: shared, the body then points elsewhere) and body bytes. */
export interface HeaderMessage {
  type: number;
  flags: number;
  body: Uint8Array;
  /** The message's creation order, where a version-2 header tracks it. */
  order?: number;
}

/** Random access to a file's bytes, bounds-checked (reads past the end return null). */
export class FileBytes {
  readonly size: number;
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, "r");
    this.size = fstatSync(this.fd).size;
  }

  /** `length` bytes at `at`, or null when they are not all inside the file. */
  read(at: number, length: number): Uint8Array | null {
    if (!Number.isSafeInteger(at) || at < 0 || length < 0 || at + length > this.size) return null;
    const out = new Uint8Array(length);
    return readSync(this.fd, out, 0, length, at) === length ? out : null;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** What the readers here need of a file's bytes (FileBytes, or pure/pageBytes.ts's cached pages). */
export type ByteSource = Pick<FileBytes, "size" | "read">;

/** Sizes of addresses and lengths and the base address, from the superblock. */
export interface Superblock {
  base: number;
  offsetSize: number;
  lengthSize: number;
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** The superblock found where HDF5 looks (0, 512, 1024, …), or null. */
export function readSuperblock(f: ByteSource): Superblock | null {
  for (let at = 0; at + 16 <= f.size; at = at === 0 ? 512 : at * 2) {
    const b = f.read(at, 16);
    if (!b || !SIGNATURE.every((x, i) => b[i] === x)) continue;
    const version = b[8]!;
    const [offsetSize, lengthSize] = version <= 1 ? [b[13]!, b[14]!] : [b[9]!, b[10]!];
    if (![2, 4, 8].includes(offsetSize) || ![2, 4, 8].includes(lengthSize)) return null;
    // libhdf5 takes the superblock's own position as the base address when they differ (user block).
    return { base: at, offsetSize, lengthSize };
  }
  return null;
}

/** An unsigned little-endian integer of `size` bytes at `at` (undefined address: Infinity). */
export function uint(b: Uint8Array, at: number, size: number): number {
  let v = 0;
  let allOnes = true;
  for (let i = size - 1; i >= 0; i--) {
    const byte = b[at + i]!;
    if (byte !== 0xff) allOnes = false;
    v = v * 256 + byte;
  }
  return allOnes && size >= 4 ? Infinity : v;
}

/** At most this many continuation blocks are followed (a loop in a damaged header ends here). */
const MAX_BLOCKS = 64;

/**
 * The messages of the object header at relative address `addr`, or null when the bytes there
 * are not an object header (callers then skip their checks: libhdf5 parsed it to open the object,
 * so a mismatch means the address belongs to another file, as with an external link).
 */
export function readObjectHeader(f: ByteSource, sb: Superblock, addr: number): HeaderMessage[] | null {
  const head = f.read(sb.base + addr, 16);
  if (!head) return null;
  const messages: HeaderMessage[] = [];
  const blocks: Array<[number, number]> = [];
  let v2: boolean;
  if (head[0] === 0x4f && head[1] === 0x48 && head[2] === 0x44 && head[3] === 0x52) {
    v2 = true;
    const flags = head[5]!;
    let p = 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0);
    const sizeBytes = 1 << (flags & 3);
    const pre = f.read(sb.base + addr, p + sizeBytes);
    if (!pre) return null;
    const len = uint(pre, p, sizeBytes);
    p += sizeBytes;
    blocks.push([sb.base + addr + p, len]);
  } else if (head[0] === 1) {
    v2 = false;
    blocks.push([sb.base + addr + 16, uint(head, 8, 4)]);
  } else {
    return null;
  }
  const creationOrder = v2 && (head[5]! & 0x04) !== 0;
  for (let k = 0; k < blocks.length && k < MAX_BLOCKS; k++) {
    const [start, len] = blocks[k]!;
    const body = f.read(start, len);
    if (!body) return null;
    // A v2 continuation block starts with "OCHK" and ends with a 4-byte checksum, both inside its
    // declared length; chunk 0's declared size covers its messages only (its checksum follows).
    let p = v2 && k > 0 ? 4 : 0;
    const end = v2 && k > 0 ? len - 4 : len;
    const headerSize = v2 ? 4 + (creationOrder ? 2 : 0) : 8;
    while (p + headerSize <= end) {
      const type = v2 ? body[p]! : body[p]! | (body[p + 1]! << 8);
      const size = v2 ? body[p + 1]! | (body[p + 2]! << 8) : body[p + 2]! | (body[p + 3]! << 8);
      const flags = v2 ? body[p + 3]! : body[p + 4]!;
      const order = creationOrder ? body[p + 4]! | (body[p + 5]! << 8) : undefined;
      p += headerSize;
      if (p + size > end) return null;
      const msg = body.subarray(p, p + size);
      messages.push(order === undefined ? { type, flags, body: msg } : { type, flags, body: msg, order });
      if (type === 0x10) blocks.push([sb.base + uint(msg, 0, sb.offsetSize), uint(msg, sb.offsetSize, sb.lengthSize)]);
      p += size;
    }
  }
  return messages;
}
