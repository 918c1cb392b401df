// An HDF5 file opened by the pure-JS reader: objects found by path from the root group, each with
// its header's messages and attributes. Anything the reader does not fully understand — a
// superblock of another version or with a failed checksum or an extension, a version-2 header
// whose checksums fail, attributes outside the header, a member that cannot be listed — makes
// the lookup return null: the caller then asks libhdf5, which reads (or rejects) the file as before.
import { readObjectHeader, readSuperblock, uint, type HeaderMessage, type Superblock } from "../objectHeader.ts";
import { headerAttributes, lookup3, v2ChecksumsHold, type HeaderAttr } from "./attrs.ts";
import { PageBytes } from "./pageBytes.ts";
import { groupMembers, objectKind, rootAddress, type Member, type ObjectKind } from "./tree.ts";

/** A group or dataset as the pure reader sees it. */
export interface PureObject {
  path: string;
  kind: ObjectKind;
  messages: HeaderMessage[];
  attrs: Map<string, HeaderAttr>;
  /** A group's members in libhdf5's order (empty for a dataset). */
  members: Member[];
}

/** A file's bytes with its superblock, and its objects by path (each parsed once). */
export class PureH5 {
  readonly #objects = new Map<string, PureObject | null>();

  private constructor(
    readonly bytes: PageBytes,
    readonly sb: Superblock,
    private readonly root: number,
  ) {}

  /**
   * The file opened for the pure reader, or null when its superblock is not one it reads.
   * `known`: its size and first bytes, when a format probe read them (see PageBytes).
   */
  static open(path: string, known?: { size: number; head: Uint8Array }): PureH5 | null {
    const bytes = new PageBytes(path, known);
    const sb = readSuperblock(bytes);
    const root = sb && trustedSuperblock(bytes, sb) ? rootAddress(bytes, sb) : null;
    if (!sb || root === null) {
      bytes.close();
      return null;
    }
    return new PureH5(bytes, sb, root);
  }

  /** The object at an absolute path ("/" the root), or null when it is missing or not readable here. */
  object(path: string): PureObject | null {
    if (this.#objects.has(path)) return this.#objects.get(path)!;
    let found: PureObject | null = null;
    if (path === "/") found = this.#at("/", this.root);
    else {
      const cut = path.lastIndexOf("/");
      const parent = this.object(cut === 0 ? "/" : path.slice(0, cut));
      const member = parent?.members.find((m) => m.name === path.slice(cut + 1));
      found = member ? this.#at(path, member.addr) : null;
    }
    this.#objects.set(path, found);
    return found;
  }

  #at(path: string, addr: number): PureObject | null {
    const messages = readObjectHeader(this.bytes, this.sb, addr);
    if (!messages) return null;
    const v2 = this.bytes.read(this.sb.base + addr, 1)?.[0] === 0x4f;
    if (v2 && !v2ChecksumsHold(this.bytes, this.sb, addr, messages)) return null;
    const attrs = headerAttributes(messages, this.sb);
    if (!attrs) return null;
    const kind = objectKind(messages);
    const members = kind === "group" ? groupMembers(this.bytes, this.sb, messages) : [];
    if (members === null || kind === "other") return null;
    return { path, kind, messages, attrs, members };
  }

  close(): void {
    this.bytes.close();
  }
}

/**
 * A superblock the reader trusts: version 0 or 1 (no checksum, as libhdf5 reads them), or 2 or 3
 * whose lookup3 checksum holds and which has no extension (an extension may carry settings).
 */
function trustedSuperblock(bytes: PageBytes, sb: Superblock): boolean {
  const O = sb.offsetSize;
  const head = bytes.read(sb.base, 12 + 4 * O + 4);
  if (!head) return false;
  const version = head[8]!;
  if (version === 0 || version === 1) return true;
  if (version !== 2 && version !== 3) return false;
  if (uint(head, 12 + O, O) !== Infinity) return false;
  return lookup3(head.subarray(0, 12 + 4 * O)) === uint(head, 12 + 4 * O, 4);
}
