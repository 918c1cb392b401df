// Shares one open HDF5 handle among all HDF5 format detectors during one detection, so a file is
// opened once however many HDF5 formats are registered. Detectors call withProbeH5().
import type { FileProbe } from "./types.ts";
import { closeH5File, guardH5, isHdf5File, onH5File, openH5File, withH5File, type H5File } from "../h5/index.ts";

/** A FileProbe that lazily opens (once) and caches an HDF5 handle; the registry closes it. */
export class SharedProbe implements FileProbe {
  private handle: Promise<H5File | null> | null = null;
  /** Why the HDF5 open failed, when the file has the HDF5 signature but cannot be opened. */
  h5Failure: string | null = null;

  constructor(
    readonly path: string,
    readonly size: number,
    readonly head: Uint8Array,
  ) {}

  /** The open file, or null when it is not HDF5 or cannot be opened. Opened on first call. */
  h5(): Promise<H5File | null> {
    this.handle ??= (async () => {
      if (!isHdf5File(this.path, this.head)) return null;
      try {
        return await openH5File(this.path, "r");
      } catch (e) {
        this.h5Failure = e instanceof Error ? e.message : String(e);
        return null;
      }
    })();
    return this.handle;
  }

  readonly #closers: Array<() => void> = [];

  /** Runs `fn` when the probe closes: a reader's own handle, kept for the scan that follows detection. */
  onClose(fn: () => void): void {
    this.#closers.push(fn);
  }

  /** Closes the shared handle if it was opened, and whatever was registered with {@link onClose}. */
  async close(): Promise<void> {
    for (const fn of this.#closers.splice(0)) fn();
    const file = this.handle ? await this.handle : null;
    if (file) closeH5File(file);
    this.handle = null;
  }
}

/**
 * Runs `fn` on the probe's HDF5 handle; returns null when the file is not HDF5. With a
 * {@link SharedProbe} the handle is shared and stays open; with a plain probe it is opened and
 * closed here.
 * @example
 * ```ts
 * detect: (probe) => withProbeH5(probe, (f) => (readAttr(f, "__format__") === "DASDAE" ? "1" : null)),
 * ```
 */
export async function withProbeH5<T>(probe: FileProbe, fn: (file: H5File) => T | null): Promise<T | null> {
  if (probe instanceof SharedProbe) {
    const file = await probe.h5();
    return file ? guardH5(probe.path, probe.size, () => fn(file)) : null;
  }
  if (!isHdf5File(probe.path, probe.head)) return null;
  let file: H5File;
  try {
    file = await openH5File(probe.path, "r");
  } catch {
    return null;
  }
  try {
    return guardH5(probe.path, probe.size, () => fn(file));
  } finally {
    closeH5File(file);
  }
}

/**
 * Runs `fn` on `path` opened for reading: on the probe's shared handle when detection already
 * opened it (the registry passes its probe on to `scan`, so a file is opened once per scan), else
 * on a handle opened and closed here. Errors are named as {@link withH5File} names them.
 * @example
 * ```ts
 * scan: (path, _version, probe) => withScanH5(path, probe, (file) => summarize(file)),
 * ```
 */
export async function withScanH5<T>(path: string, probe: FileProbe | undefined, fn: (file: H5File) => T | Promise<T>): Promise<T> {
  if (probe instanceof SharedProbe && probe.path === path) {
    const file = await probe.h5();
    if (file) return onH5File(file, fn);
  }
  return withH5File(path, fn);
}
