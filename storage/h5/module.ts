// Loads the h5wasm engine once per thread and makes it quiet: the only file in daspool that
// touches h5wasm's module object directly (everything else goes through storage/h5/*).
import type { Module } from "h5wasm/node";

/** h5wasm's high-level namespace (File, Group, Dataset, ...). */
export type H5Lib = typeof import("h5wasm/node").default;

/** The low-level emscripten module h5wasm wraps. */
export type H5Module = typeof Module;

let loading: Promise<H5Module> | null = null;
let loaded: H5Module | null = null;
let lib: H5Lib | null = null;

/**
 * Imports h5wasm with a filtering console.error in place. The emscripten module binds
 * `console.error` once, when it is created, and prints "Aborted(...)" through it when libhdf5
 * aborts on a corrupt file (the call then throws, which withH5File turns into CorruptFileError).
 * Binding our filter instead keeps that notice off the console; everything else is forwarded.
 * This is why no daspool module may import "h5wasm/node" as a value except this one.
 */
// console.error as it was when this module loaded (before any test spies): forwarding target.
const consoleError = console.error;

async function importQuietly(): Promise<H5Lib> {
  const original = console.error;
  const filter = (...args: unknown[]): void => {
    if (typeof args[0] === "string" && args[0].startsWith("Aborted(")) return;
    consoleError.apply(console, args);
  };
  console.error = filter;
  try {
    const mod = (await import("h5wasm/node")).default;
    await mod.ready;
    return mod;
  } finally {
    if (console.error === filter) console.error = original;
  }
}

/**
 * Silences HDF5's diagnostic printing. libhdf5 prints an error stack to the wasm module's stderr
 * for every failed call (including expected ones, like probing a file that is not HDF5); h5wasm
 * exposes no `H5Eset_auto`, and its "throwing" handler leaks a tmpfile descriptor per error. So we
 * point the module's fd 2 at /dev/null: only libhdf5 writes there. Failures are detected from
 * return values instead (see file.ts and slab.ts).
 */
function silenceStderr(mod: H5Module): void {
  const fs = mod.FS as unknown as {
    streams: Array<{ fd: number } | null>;
    close(stream: unknown): void;
    open(path: string, flags: string): { fd: number };
  };
  const current = fs.streams[2];
  if (current) fs.close(current);
  const replacement = fs.open("/dev/null", "w");
  if (replacement.fd !== 2) {
    // Should not happen (fd 2 is the lowest free slot); never leave stderr half-redirected.
    throw new Error(`h5wasm stderr redirect landed on fd ${replacement.fd}`);
  }
}

/**
 * The initialised h5wasm module (loaded and silenced on first use).
 *
 * @example
 * ```ts
 * const mod = await loadH5();
 * ```
 */
export async function loadH5(): Promise<H5Module> {
  if (loaded) return loaded;
  loading ??= importQuietly().then(async (h5) => {
    const mod = await h5.ready;
    silenceStderr(mod);
    lib = h5;
    loaded = mod;
    return mod;
  });
  return loading;
}

/** The module after {@link loadH5} resolved; throws if called before (a programming error). */
export function h5Module(): H5Module {
  if (!loaded) throw new Error("h5wasm used before loadH5() resolved");
  return loaded;
}

/** h5wasm's namespace after {@link loadH5} resolved. */
export function h5Lib(): H5Lib {
  if (!lib) throw new Error("h5wasm used before loadH5() resolved");
  return lib;
}

