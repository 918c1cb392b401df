// Finds a file's format (SPEC §7: formats whose extensions match first, then the rest) and
// dispatches scan/read to the format module. The only entry point the layers above use.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { extname } from "node:path";
import { AbortError, CorruptFileError, DaspoolError, ParameterError, UnknownFormatError, type DaspoolErrorOptions } from "../../src/errors.ts";
import { h5EngineMark, h5FaultCount, h5UsedSince, markH5Dirty, noteH5Fault } from "../h5/module.ts";
import { withDeferredDirectReads } from "../h5/direct.ts";
import { SharedProbe } from "./hdf5Probe.ts";
import { checkPatch, checkSummaries } from "./coordSanity.ts";
import { readByRecipe, recipeHolds, type FileIdentity } from "./recipe.ts";
import type { FormatId, FormatModule, PatchSummary, RawPatch, ReadRecipe, ReadTarget, Selection, TruncationPolicy } from "./types.ts";
import { arrayDtype, checkTarget, placeSamples } from "./readTarget.ts";

const HEAD_BYTES = 8192; // one page of the pure HDF5 reader (storage/h5/pure/pageBytes.ts), which reuses it

let modules: Promise<readonly FormatModule[]> | null = null;

/**
 * The registered format modules, in detection order. They are loaded on first use: the ~45
 * modules of every reader cost ~60 ms at start-up, which a script that only queries a directory
 * index (its contents, counts and windows come from the index) never needs.
 * @example
 * ```ts
 * (await listFormats()).map((m) => m.name); // ["DASDAE", "TERRA15", ...]
 * ```
 */
export function listFormats(): Promise<readonly FormatModule[]> {
  modules ??= import("./all.ts").then((m) => m.ALL_FORMATS);
  return modules;
}

/**
 * Hands the registry the format modules a caller imported itself. Worker threads that exist to
 * read files do, at thread start (as they load h5wasm): their first item then waits for nothing,
 * and under tsx, where piscina loads a thread's entry as CommonJS, the registry's own dynamic
 * `import()` of a `.ts` module would fail.
 * @example
 * ```ts
 * import { ALL_FORMATS } from "../formats/all.ts";
 * provideFormats(ALL_FORMATS);
 * ```
 */
export function provideFormats(all: readonly FormatModule[]): void {
  modules ??= Promise.resolve(all);
}

/**
 * The module named `name` (case-insensitive, DASCore's names).
 * @throws UnknownFormatError listing the known names.
 * @example
 * ```ts
 * (await findFormat("dasdae")).name; // "DASDAE"
 * ```
 */
export async function findFormat(name: string): Promise<FormatModule> {
  const all = await listFormats();
  const lower = name.toLowerCase();
  const hit = all.find((m) => m.name.toLowerCase() === lower);
  if (!hit) {
    const known = all.map((m) => m.name).join(", ");
    throw new UnknownFormatError(`unknown format "${name}"; known formats: ${known}`);
  }
  return hit;
}

function readHead(path: string, size: number): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const head = new Uint8Array(Math.min(HEAD_BYTES, size));
    readSync(fd, head, 0, head.length, 0);
    return head;
  } finally {
    closeSync(fd);
  }
}

async function detectionOrder(path: string): Promise<FormatModule[]> {
  const all = await listFormats();
  const ext = extname(path).slice(1).toLowerCase();
  const first = all.filter((m) => m.extensions.includes(ext));
  return [...first, ...all.filter((m) => !first.includes(m))];
}

function openProbe(path: string): SharedProbe {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error("not a regular file");
    size = st.size;
  } catch (cause) {
    throw new UnknownFormatError(`cannot detect the format of ${path}: it does not exist or is not a file`, { cause });
  }
  return new SharedProbe(path, size, readHead(path, size));
}

/** Detects with `probe`, leaving it open (its HDF5 handle can serve the scan that follows). */
async function detectWith(probe: SharedProbe): Promise<FormatId> {
  const faults = h5FaultCount();
  for (const mod of await detectionOrder(probe.path)) {
    let version: string | null = null;
    try {
      version = await mod.detect(probe);
    } catch (e) {
      noteH5Fault(e);
      version = null; // SPEC §7: a detector that throws is "not this format"
    }
    // A detector that crashed the HDF5 engine leaves it untrusted: the next detector's answer
    // would depend on the damage, so stop here (the next open starts a fresh engine).
    if (h5FaultCount() !== faults) {
      throw new CorruptFileError(`${probe.path}: the HDF5 engine failed while ${mod.name} inspected the file (corrupt metadata)`);
    }
    if (version) return { format: mod.name, version };
  }
  const hint = probe.h5Failure ? ` (it has an HDF5 signature but cannot be opened: ${probe.h5Failure})` : "";
  throw new UnknownFormatError(`no known format recognises ${probe.path}${hint}`);
}

/**
 * Detects a file's format and version. Each detector sees one probe (size, first 4 KiB, and a
 * shared HDF5 handle opened at most once); a detector that throws means "not this format".
 * @throws UnknownFormatError naming the file when no format claims it (or it does not exist).
 * @example
 * ```ts
 * await getFormat("data/dispersion_event.h5"); // { format: "DASDAE", version: "1" }
 * ```
 */
export async function getFormat(path: string): Promise<FormatId> {
  // A probe per attempt: a retry on a fresh engine cannot use the old engine's handle.
  return naming(path, async () => {
    const probe = openProbe(path);
    try {
      return await detectWith(probe);
    } finally {
      await probe.close();
    }
  });
}

/**
 * The error to report for `e`, raised while scanning or reading `path`: daspool errors that do not
 * name the file get the path in front (a format's helper may not know it), and anything else —
 * a RangeError from a damaged number, a TypeError from a missing structure — becomes
 * CorruptFileError naming the file, with the original as `cause`. The checks inside the formats
 * give the precise message; this keeps a check they miss from reaching the user untyped.
 *
 * @example
 * ```ts
 * namedError("/d/x.tdms", new RangeError("Invalid array length")); // CorruptFileError: /d/x.tdms: unexpected RangeError ...
 * ```
 */
export function namedError(path: string, e: unknown): unknown {
  if (e instanceof DaspoolError) {
    if (e.message.includes(path) || e instanceof ParameterError || e instanceof AbortError) return e;
    const Ctor = e.constructor as new (message: string, options?: DaspoolErrorOptions) => DaspoolError;
    return new Ctor(`${path}: ${e.message}`, { cause: e });
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return new CorruptFileError(`${path}: unexpected ${err.name} while reading the file (damaged?): ${err.message}`, { cause: e });
}

/**
 * Runs `fn` (a detection, scan or read of `path`) and names its failure. A failure reported by an
 * HDF5 engine that had already served other files is checked once more on a fresh engine, and
 * the fresh engine's answer is the one given: on a corrupt file libhdf5 may read heap bytes it
 * never wrote, so a used engine can fail differently from a new one (fuzz: gdr_1 variant 939
 * faulted after other files and was "not HDF5-recognised" alone). Every read of a bad file then
 * gives the same error whatever was read before it; good files never fail, so never pay for it.
 */
async function naming<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const mark = h5EngineMark();
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ParameterError || e instanceof AbortError) throw e;
    markH5Dirty();
    if (mark.fresh || !h5UsedSince(mark)) throw namedError(path, e);
  }
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof ParameterError || e instanceof AbortError)) markH5Dirty();
    throw namedError(path, e);
  }
}

/** Options shared by {@link scanFile} and {@link readFile}. */
export interface FileFormatOptions {
  /** Force a format (DASCore name, case-insensitive) instead of detecting it. */
  format?: string;
  /** Force a version; defaults to the detected one (or the module's latest). */
  formatVersion?: string;
}

interface Resolved {
  mod: FormatModule;
  version: string;
  /** The probe detection used, still open (null when none was needed); the caller closes it. */
  probe: SharedProbe | null;
}

async function resolveFormat(path: string, opts: FileFormatOptions): Promise<Resolved> {
  if (!opts.format) {
    const probe = openProbe(path);
    try {
      const id = await detectWith(probe);
      return { mod: await findFormat(id.format), version: opts.formatVersion ?? id.version, probe };
    } catch (e) {
      await probe.close();
      throw e;
    }
  }
  const mod = await findFormat(opts.format);
  if (opts.formatVersion) return { mod, version: opts.formatVersion, probe: null };
  let version: string | null = null;
  let probe: SharedProbe | null = null;
  try {
    const size = statSync(path).size;
    probe = new SharedProbe(path, size, readHead(path, size));
    version = await mod.detect(probe);
  } catch (cause) {
    await probe?.close();
    probe = null;
    if (cause instanceof DaspoolError) throw cause;
  }
  return { mod, version: version ?? mod.versions[mod.versions.length - 1] ?? "", probe };
}

/**
 * Formats whose files may legitimately hold no patch (a DASDAE file written from an empty spool).
 * For every other format a file without a patch is damaged: its structure was found but not
 * the data it must carry.
 */
const MAY_BE_EMPTY = new Set(["DASDAE"]);

/** The scan's patches, checked: at least one (unless the format allows none), possible coordinates. */
function nonEmpty(path: string, mod: FormatModule, version: string, patches: PatchSummary[]): PatchSummary[] {
  if (patches.length === 0 && !MAY_BE_EMPTY.has(mod.name)) {
    throw new CorruptFileError(`${path}: a ${mod.name} ${version} file that holds no patch (its data structures are missing or damaged)`);
  }
  checkSummaries(path, patches);
  return patches;
}

/** A file's patches from metadata alone, with the format that produced them. */
export interface FileScan extends FormatId {
  path: string;
  patches: PatchSummary[];
}

/**
 * Scans a file: one PatchSummary per patch (its `key` locates it for {@link readPatch}).
 * @example
 * ```ts
 * const { format, patches } = await scanFile("prodml_fbe_1.h5"); // 5 patches
 * ```
 */
export function scanFile(path: string, opts: FileFormatOptions = {}): Promise<FileScan> {
  return naming(path, () => scanFileUnnamed(path, opts));
}

async function scanFileUnnamed(path: string, opts: FileFormatOptions): Promise<FileScan> {
  const { mod, version, probe } = await resolveFormat(path, opts);
  try {
    // The detection probe's open HDF5 handle serves the scan: one open per file, not two.
    const patches = nonEmpty(path, mod, version, await mod.scan(path, version, probe ?? undefined));
    return { path, format: mod.name, version, patches };
  } finally {
    await probe?.close();
  }
}

/**
 * {@link scanFile} without starting libhdf5: the answer of the first format whose `quickScan`
 * answers (the same scan, checked the same way), or undefined when none does (the file then
 * needs the full path). Errors of the checks both paths share are named as scanFile names them.
 * @example
 * ```ts
 * await quickScanFile("archive/a.h5"); // { format: "DASDAE", version: "1", patches: [...] }
 * ```
 */
export function quickScanFile(path: string): Promise<FileScan | undefined> {
  return naming(path, async () => {
    const probe = openProbe(path);
    try {
      for (const mod of await detectionOrder(path)) {
        const r = mod.quickScan?.(probe);
        if (r) return { path, format: mod.name, version: r.version, patches: nonEmpty(path, mod, r.version, r.patches) };
      }
      return undefined;
    } finally {
      await probe.close();
    }
  });
}

/**
 * Reads one patch of a file by its key (from {@link scanFile}), optionally a hyperslab only.
 * With `into`, the samples always end up in `into` and the result's `data` is `into.data`
 * (`shape` gives the block): modules that read straight into it do (DASDAE), the others'
 * arrays are placed here with one copy.
 * @throws ParameterError when `into` has another dtype or is too small (nothing is read then
 * by modules that check first; the others check before placing).
 * @example
 * ```ts
 * const out = new Float32Array(300 * 100);
 * await readPatch(path, "", id, { time: [0, 100] }, { data: out, offset: 0, strides: [100, 1] });
 * ```
 */
export async function readPatch(
  path: string,
  key: string,
  id: FormatId,
  selection?: Selection,
  into?: ReadTarget,
  recipe?: IndexedRecipe,
): Promise<RawPatch> {
  // A recipe of this very file version: the patch without the format's metadata (recipe.ts).
  const byRecipe = recipe !== undefined && recipeHolds(path, recipe.identity);
  const mod = byRecipe ? null : await findFormat(id.format);
  const raw = await naming(path, async () => {
    // Samples read into the caller's target may land in the background (several members of a
    // merge loading at once); this resolves when they have.
    const read = async () => (mod ? mod.read(path, key, id.version, selection, into) : readByRecipe(path, recipe!.recipe, selection, into));
    const r = await (into?.background ? withDeferredDirectReads(into.data, read) : read());
    checkPatch(path, key, r);
    return r;
  });
  if (!into || raw.data === into.data) return raw;
  checkTarget(into, raw.shape, arrayDtype(raw.data), `${path}${key ? `#${key}` : ""}`);
  placeSamples(raw.data, raw.shape, into);
  return { ...raw, data: into.data };
}

/** A scan's read recipe with the file version it was made from (the index row's size and mtime). */
export interface IndexedRecipe {
  recipe: ReadRecipe;
  identity: FileIdentity;
}

/** Options of {@link readFile}. */
export interface ReadFileOptions extends FileFormatOptions, TruncationPolicy {
  /** Sample-index ranges applied to every patch of the file. */
  selection?: Selection;
}

/**
 * Reads every patch of a file (format detected unless forced).
 * @example
 * ```ts
 * const [patch] = await readFile("dispersion_event.h5", { selection: { time: [0, 100] } });
 * ```
 */
export function readFile(path: string, opts: ReadFileOptions = {}): Promise<RawPatch[]> {
  return naming(path, () => readFileUnnamed(path, opts));
}

async function readFileUnnamed(path: string, opts: ReadFileOptions): Promise<RawPatch[]> {
  const policy: TruncationPolicy = { allowTruncated: opts.allowTruncated === true, ...(opts.onWarning ? { onWarning: opts.onWarning } : {}) };
  const { mod, version, probe } = await resolveFormat(path, opts);
  let summaries: PatchSummary[];
  try {
    summaries = nonEmpty(path, mod, version, await mod.scan(path, version, probe ?? undefined, policy));
  } finally {
    await probe?.close();
  }
  const out: RawPatch[] = [];
  for (const s of summaries) {
    const raw = await mod.read(path, s.key, version, opts.selection, undefined, policy);
    checkPatch(path, s.key, raw);
    out.push(raw);
  }
  return out;
}

/**
 * Writes patches in a format that supports writing (DASDAE).
 * @throws UnknownFormatError when the format is unknown or read-only.
 */
export async function writeFile(patches: readonly RawPatch[], path: string, format = "DASDAE"): Promise<void> {
  const mod = await findFormat(format);
  if (!mod.write) throw new UnknownFormatError(`format ${mod.name} cannot be written`);
  await mod.write(patches, path);
}
