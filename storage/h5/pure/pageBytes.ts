// A file's bytes read in 8 KiB pages, each read once: an HDF5 file's metadata is many small
// structures (headers, B-tree nodes, heaps) close to one another, and one syscall per structure
// costs more than parsing it.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** Bytes per page; a format probe's head (registry.ts) is the first one. */
export const PAGE = 8192;

/** Random access to a file's bytes through a page cache; reads past the end return null. */
export class PageBytes {
  readonly size: number;
  readonly #fd: number;
  readonly #pages = new Map<number, Uint8Array>();

  /**
   * Opens `path`. `known`: its size and first bytes as a format probe already read them (the
   * first page when they fill it), so neither is asked of the file a second time.
   */
  constructor(
    readonly path: string,
    known?: { size: number; head: Uint8Array },
  ) {
    this.#fd = openSync(path, "r");
    try {
      this.size = known?.size ?? fstatSync(this.#fd).size;
    } catch (e) {
      closeSync(this.#fd);
      throw e;
    }
    if (known && known.head.length === Math.min(PAGE, this.size)) this.#pages.set(0, known.head);
  }

  /** `length` bytes at `at` (a view when they lie in one page), or null when not all inside the file. */
  read(at: number, length: number): Uint8Array | null {
    if (!Number.isSafeInteger(at) || !Number.isSafeInteger(length) || at < 0 || length < 0 || at + length > this.size) return null;
    const first = Math.floor(at / PAGE);
    const last = Math.floor((at + Math.max(length, 1) - 1) / PAGE);
    if (first === last) {
      const page = this.#page(first);
      return page.subarray(at - first * PAGE, at - first * PAGE + length);
    }
    if (length > 4 * PAGE) {
      // large runs (coordinate arrays) go straight to the file
      const out = new Uint8Array(length);
      return readSync(this.#fd, out, 0, length, at) === length ? out : null;
    }
    const out = new Uint8Array(length);
    for (let p = first; p <= last; p++) {
      const page = this.#page(p);
      const from = Math.max(at, p * PAGE);
      const to = Math.min(at + length, p * PAGE + page.length);
      out.set(page.subarray(from - p * PAGE, to - p * PAGE), from - at);
    }
    return out;
  }

  #page(index: number): Uint8Array {
    let page = this.#pages.get(index);
    if (!page) {
      const n = Math.min(PAGE, this.size - index * PAGE);
      page = new Uint8Array(n);
      readSync(this.#fd, page, 0, n, index * PAGE);
      this.#pages.set(index, page);
    }
    return page;
  }

  close(): void {
    closeSync(this.#fd);
    this.#pages.clear();
  }
}
