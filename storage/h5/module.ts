// Loads the h5wasm engine once per thread and makes it quiet: the only file in daspool that
// touches h5wasm's module object directly (everything else goes through storage/h5/*).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Module } from "h5wasm/node";

/** h5wasm's high-level namespace (File, Group, Dataset, ...). */
export type H5Lib = typeof import("h5wasm/node").default;

/** The low-level emscripten module h5wasm wraps. */
export type H5Module = typeof Module;

let loading: Promise<H5Module> | null = null;
let loaded: H5Module | null = null;
let lib: H5Lib | null = null;
/** Which engine instance is current: bumped each time a faulted one is discarded. */
let generation = 0;
/** The fault that poisoned the current instance, if any (see {@link noteH5Fault}). */
let fault: unknown = null;
/** Faults seen so far in this thread (a call compares before and after to see its own). */
let faults = 0;
/** Set by any libhdf5 failure (see {@link noteH5Fault}): the instance is replaced at the next open. */
let dirty = false;
/** loadH5 calls served by the current instance (file opens; 0: it has touched no file yet). */
let uses = 0;

function setFault(cause: unknown): void {
  faults++;
  fault ??= cause;
}

/**
 * Imports h5wasm with a filtering console.error in place. The emscripten module binds
 * `console.error` once, when it is created, and prints "Aborted(...)" through it when libhdf5
 * aborts on a corrupt file (the call then throws, which withH5File turns into CorruptFileError).
 * Binding our filter instead keeps that notice off the console; everything else is forwarded.
 * This is why no daspool module may import "h5wasm/node" as a value except this one.
 */
// console.error as it was when this module loaded (before any test spies): forwarding target.
const consoleError = console.error;

/**
 * The URL of h5wasm's node entry. `import.meta.resolve` is missing where tsx compiles a module
 * loaded in a worker thread (a worker map under `node --import tsx`), so the package is then
 * found along node's own search paths and its `exports["./node"]` followed (it has only an
 * "import" condition, which require.resolve would not accept).
 */
function h5wasmNodeUrl(): string {
  if (typeof import.meta.resolve === "function") return import.meta.resolve("h5wasm/node");
  for (const dir of createRequire(import.meta.url).resolve.paths("h5wasm") ?? []) {
    const pkg = join(dir, "h5wasm", "package.json");
    if (!existsSync(pkg)) continue;
    const entry = (JSON.parse(readFileSync(pkg, "utf8")) as { exports: Record<string, { import: string }> }).exports["./node"]?.import;
    if (entry) return pathToFileURL(join(dir, "h5wasm", entry)).href;
  }
  throw new Error("h5wasm/node not found from " + import.meta.url);
}

/**
 * A new, independent h5wasm: its own wasm instance (heap, HDF5 globals, open files) and its own
 * File/Group/Dataset classes. h5wasm's high-level module keeps its engine in a module-level
 * variable, and an ES module is evaluated once per URL and never freed, so importing it again
 * under another URL would keep every discarded engine (and its grown heap, up to 2 GiB) alive
 * for the life of the process. Evaluating its source as a function instead lets a discarded
 * engine be garbage collected. The emscripten factory itself is imported normally: each call
 * creates a new instance.
 */
async function freshInstance(): Promise<H5Lib> {
  const url = h5wasmNodeUrl();
  const factory = ((await import(new URL("./hdf5_util.js", url).href)) as { default: unknown }).default;
  const source = readFileSync(new URL(url), "utf8")
    .replace(/^import ModuleFactory from '\.\/hdf5_util\.js';$/m, "")
    .replace(/^export default h5wasm;$/m, "")
    .replace(/^export \{ ready \};$/m, "")
    .replace(/^export (var|const|let|function|class) /gm, "$1 ");
  if (/^\s*(import|export)\b/m.test(source)) throw new Error("h5wasm's module layout changed: cannot start a fresh engine");
  const create = factory as (opts: Record<string, unknown>) => Promise<unknown>;
  // The wasm code is compiled once per thread: later engines only instantiate it (a new heap and
  // new libhdf5 globals, which is what isolation needs), ~5× cheaper than compiling again, and a
  // corrupt file replaces the engine several times per read.
  const reuse = (opts: Record<string, unknown>) =>
    create(compiledWasm === null ? opts : {
      ...opts,
      instantiateWasm(imports: object, done: (instance: object, module: object) => void) {
        const module = compiledWasm!;
        void (wasm.instantiate(module, imports) as Promise<object>).then((instance) => done(instance, module));
        return {};
      },
    });
  if (compiledWasm !== null) return new Function("ModuleFactory", `"use strict";\n${source}\nreturn h5wasm;`)(reuse) as H5Lib;
  // First engine: emscripten compiles the code; keep the compiled module it instantiates.
  const instantiate = wasm.instantiate;
  wasm.instantiate = async function (...args: unknown[]) {
    const result = (await instantiate.apply(wasm, args)) as { module?: unknown };
    if (result && result.module instanceof wasm.Module) compiledWasm ??= result.module;
    return result;
  };
  try {
    const lib = new Function("ModuleFactory", `"use strict";\n${source}\nreturn h5wasm;`)(reuse) as H5Lib;
    await lib.ready;
    return lib;
  } finally {
    wasm.instantiate = instantiate;
  }
}

/** The global WebAssembly API (not in this project's TypeScript libs). */
const wasm = (globalThis as unknown as { WebAssembly: { instantiate: (...args: unknown[]) => Promise<unknown>; Module: new (...args: never[]) => object } }).WebAssembly;
/** h5wasm's compiled wasm code, kept after the first engine (see freshInstance). */
let compiledWasm: object | null = null;

async function importQuietly(): Promise<H5Lib> {
  const original = console.error;
  const filter = (...args: unknown[]): void => {
    if (typeof args[0] === "string" && args[0].startsWith("Aborted(")) return;
    // emscripten prints this when libhdf5 asks for more memory than the heap can grow to (a
    // corrupt declared size): malloc then fails inside libhdf5, so the instance is not trusted.
    if (typeof args[0] === "string" && args[0].startsWith("Cannot enlarge memory")) {
      setFault(new Error(args[0]));
      return;
    }
    consoleError.apply(console, args);
  };
  console.error = filter;
  try {
    // Every generation, the first included, is built this way, so a discarded one can be freed.
    const mod = await freshInstance();
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
  if (fault !== null || dirty) discardFaulted();
  uses++;
  if (loaded) return loaded;
  const gen = generation;
  loading ??= importQuietly().then(async (h5) => {
    const mod = await h5.ready;
    silenceStderr(mod);
    // emscripten calls this on abort() (a failed assertion or allocation inside libhdf5).
    (mod as unknown as { onAbort: (what: unknown) => void }).onAbort = (what) => {
      if (gen === generation) setFault(new Error(`Aborted(${String(what)})`));
    };
    lib = h5;
    loaded = mod;
    return mod;
  });
  return loading;
}

/**
 * True when `cause` (or an error in its `cause` chain) is a fault inside the wasm engine: a trap
 * (out-of-bounds access, unreachable), an abort, or a C++ exception (thrown as a number). After
 * one, libhdf5's globals (its API context stack, free lists, open-object table) may be half
 * updated, so later reads of other files could return different results.
 */
export function isH5Fault(cause: unknown): boolean {
  for (let c = cause, depth = 0; c !== undefined && c !== null && depth < 8; depth++) {
    if ((c instanceof Error && c.name === "RuntimeError") || typeof c === "number") return true;
    if (c instanceof Error && /Aborted\(|memory access out of bounds|Cannot enlarge memory|unreachable|call stack size|table index is out of bounds/.test(c.message)) return true;
    c = c instanceof Error ? c.cause : undefined;
  }
  return false;
}

/**
 * Records `cause` if it is an engine fault ({@link isH5Fault}): the instance is then discarded
 * before the next file is opened, so one corrupt file never changes what a later read returns.
 * Returns whether it was a fault.
 *
 * @example
 * ```ts
 * try { ds.value; } catch (e) { noteH5Fault(e); throw new CorruptFileError(`...`, { cause: e }); }
 * ```
 */
export function noteH5Fault(cause: unknown): boolean {
  // Any libhdf5 failure marks the instance for replacement, not only traps: on a corrupt file
  // libhdf5 can read heap bytes it never wrote, so what it answers for the next corrupt file
  // would depend on what this one left behind. Good files never fail, so they never pay for it.
  dirty = true;
  if (!isH5Fault(cause)) return false;
  setFault(cause);
  return true;
}

/**
 * Marks the current instance for replacement at the next open: called when a read or detection
 * of a file failed. libhdf5 may change its state on a corrupt file without reporting an error
 * (the detectors then just answer "not mine"), and the next corrupt file could read differently
 * because of it; failures are rare, so a fresh instance (~0.1 s) is cheap insurance.
 */
export function markH5Dirty(): void {
  if (loaded) dirty = true;
}

/** How many engine faults this thread has seen (compare before and after a call). */
export function h5FaultCount(): number {
  return faults;
}

/** True when the current instance faulted and has not been discarded yet. */
export function h5Faulted(): boolean {
  return fault !== null;
}

/** The current engine instance's number (handles of an older one must not be used). */
export function h5Generation(): number {
  return generation;
}

/** Where the engine is: its generation, how often it was asked for, and whether the next use gets a fresh instance. */
export interface H5EngineMark {
  generation: number;
  uses: number;
  /** The next {@link loadH5} returns an instance that has served no file yet. */
  fresh: boolean;
}

/** A mark to compare with later ({@link h5UsedSince}). */
export function h5EngineMark(): H5EngineMark {
  return { generation, uses, fresh: fault !== null || dirty || loaded === null || uses === 0 };
}

/** True when HDF5 was used (or its instance replaced) since `mark` was taken. */
export function h5UsedSince(mark: H5EngineMark): boolean {
  return generation !== mark.generation || uses !== mark.uses;
}

/** Drops a faulted instance: the next {@link loadH5} builds a fresh one. */
function discardFaulted(): void {
  uses = 0;
  fault = null;
  dirty = false;
  generation++;
  loaded = null;
  lib = null;
  loading = null;
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

