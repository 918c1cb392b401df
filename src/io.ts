// dc.read / dc.write / dc.getFormat: whole-file helpers over the format registry (SPEC §7).

import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { getFormat as detectFormat, readFile, writeFile } from "../storage/formats/registry.ts";
import type { FormatId, TypedArray } from "../storage/formats/types.ts";
import { arrayDtype } from "../storage/formats/readTarget.ts";
import { DefaultResolver } from "../planner/sources/resolver.ts";
import { newEnv } from "./spool/env.ts";
import { Patch } from "./patch/Patch.ts";
import { markRewritten } from "./patch/StridedArray.ts";
import { patchFromRaw, patchToRaw } from "./patch/fromRaw.ts";
import { ParameterError } from "./errors.ts";
import { Spool } from "./spool/Spool.ts";
import { spool as makeSpool } from "./spool/createSpool.ts";
import type { UserSelectValue } from "../planner/query.ts";

/** Options of {@link read}. */
export interface ReadOptions {
  format?: string;
  formatVersion?: string;
  /** Coordinate ranges to read (only these samples are read from disk). */
  select?: Readonly<Record<string, UserSelectValue>>;
  /**
   * Read the samples into this array instead of new ones: the patches' `data` are views of it,
   * laid one after another from index 0 (so `into` must hold every patch the read returns).
   * For repeated reads of the same size — a loop over time windows — reuse one `into`: the
   * read then touches no new memory, which on some machines costs more than the read itself
   * (benchmarks/RESULTS.md: a 10 % slice of a 1 GiB file 15× faster into a reused array).
   * The next read into the same array overwrites the previous patches' samples: copy what
   * you keep (`patch.data.slice()`). What you derive from them keeps its own samples (a lazy
   * band-pass over `into` is computed when made). It must have the file's sample dtype (a Float32Array for
   * float32 data; no conversion), else ParameterError, as when it is too small.
   */
  into?: TypedArray;
  /**
   * Read what a truncated file still holds (whole rows, traces or records) instead of raising
   * CorruptFileError (issue 18): for TDMS segments, SEG-Y traces and miniSEED records, whose
   * headers declare sizes. Each partial read is reported through `onWarning` with how much is
   * missing. HDF5 files declaring more than they hold always raise (libhdf5 cannot read them).
   * Only for whole-file reads: with `select` or `into` it is a ParameterError.
   */
  allowTruncated?: boolean;
  /**
   * Receives warnings of the read (default: `process.emitWarning`, code `DASPOOL_TRUNCATED`). A
   * TDMS segment declaring more bytes than the file holds is read as DASCore reads it (its whole
   * rows; DASCore's sample file is such a copy) and always warned about.
   */
  onWarning?: (message: string) => void;
}

/**
 * Reads every patch of a file.
 *
 * Where the time goes (benchmarks/RESULTS.md `### read`): a large contiguous dataset is read
 * from the file straight into the patch's array, as a raw read would; what remains is the cost
 * of the array itself. A new array is new memory, and touching new memory is slow on some VMs
 * (~3 s/GB here, 15× the read). Two ways around it, both measured there:
 * - `into`: read into one array you reuse (a loop over windows); nothing new is touched.
 * - run node with `GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=18446744073709551615`
 *   (glibc keeps freed blocks and hands them out again, instead of returning them to the OS and
 *   faulting them in again), or `glibc.malloc.hugetlb=1` (2 MiB pages: 512× fewer faults, when the
 *   kernel has huge pages free). It is read at process start, so it is the caller's setting.
 *
 * @example
 * ```ts
 * const [patch] = await dc.read("shot.hdf5", { select: { time: [t0, t1] } });
 * const into = new Float32Array(patch.size); // then, for each later window of the same size:
 * const [next] = await dc.read("shot.hdf5", { select: { time: [t1, t2] }, into });
 * ```
 */
export async function read(path: string, options: ReadOptions = {}): Promise<Patch[]> {
  const { into } = options;
  if (options.allowTruncated && (options.select || into)) {
    throw new ParameterError(`read: allowTruncated reads whole files only (no select or into) — ${path}`);
  }
  if (!options.select && !into) {
    const raws = await readFile(path, {
      format: options.format,
      formatVersion: options.formatVersion,
      allowTruncated: options.allowTruncated === true,
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    });
    return raws.map(patchFromRaw);
  }
  let sp = into
    ? spoolInto(path, options, into)
    : makeSpool(path, { format: options.format, formatVersion: options.formatVersion });
  if (options.select) sp = sp.select(options.select);
  return (await sp.collect()) as Patch[];
}

/**
 * A file spool whose outputs are allocated from `into`, one region after another (see
 * {@link ReadOptions.into}); the planner reads each member straight into its region.
 */
function spoolInto(path: string, options: ReadOptions, into: TypedArray): Spool {
  if (!ArrayBuffer.isView(into) || into instanceof DataView) {
    throw new ParameterError(`read: into must be a typed array, got ${into === null ? "null" : typeof into}`);
  }
  // the next read overwrites these samples: nothing derived from them may read them later
  markRewritten(into);
  let used = 0;
  const allocate = (dtype: string, length: number): TypedArray => {
    if (arrayDtype(into) !== dtype) {
      throw new ParameterError(`read: into is a ${into.constructor.name} but the samples of ${path} are ${dtype}`);
    }
    if (used + length > into.length) {
      throw new ParameterError(`read: into holds ${into.length} samples but reading ${path} needs at least ${used + length}`);
    }
    used += length;
    return into.subarray(used - length, used) as TypedArray;
  };
  const base = makeSpool(path, { format: options.format, formatVersion: options.formatVersion });
  return new Spool(base.plan, newEnv(new DefaultResolver(undefined, { allocate })));
}

/**
 * Detects a file's format.
 *
 * @example
 * ```ts
 * await dc.getFormat("dispersion_event.h5"); // { format: "DASDAE", version: "1" }
 * ```
 * @throws UnknownFormatError when no format recognises the file.
 */
export async function getFormat(path: string): Promise<FormatId> {
  return detectFormat(path);
}

/** Options of {@link write}. */
export interface WriteOptions {
  /** Output format; only "DASDAE" is writable today. */
  format?: string;
}

/**
 * Writes a patch or every patch of a spool to one file (parent folders are created).
 *
 * @example
 * ```ts
 * await dc.write(dc.getExamplePatch(), "/tmp/example.h5", { format: "DASDAE" });
 * ```
 */
export async function write(data: Patch | Spool, path: string, options: WriteOptions = {}): Promise<void> {
  let patches: Patch[];
  if (data instanceof Patch) patches = [data];
  else if (data instanceof Spool) patches = (await data.collect()) as Patch[];
  else throw new ParameterError(`write expects a Patch or a Spool, got ${typeof data}`);
  await mkdir(dirname(resolve(path)), { recursive: true });
  await writeFile(patches.map(patchToRaw), path, options.format ?? "DASDAE");
}
