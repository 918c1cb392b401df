// Scans the files of an update, in the calling thread or on a piscina pool of worker threads when
// there are enough files to repay the threads' start (each loads h5wasm). Results come back keyed
// by path in completion order; progress and abort are handled here.
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { AbortError } from "../../src/errors.ts";
import { h5TimeoutMs } from "../h5/index.ts";
import type { ScanOutcome } from "./scanWorker.ts";
import { workerFlags, type WorkerFlags } from "./workerFlags.ts";

/** Below this many files a pool costs more than it saves (thread start + h5wasm init ≈ 0.3 s). */
export const POOL_MIN_FILES = 200;

/**
 * Below this many files that scan without libhdf5 (~0.6 ms each in this thread: DASDAE files
 * DASCore wrote), this thread alone is faster than a pool: the threads' start (~0.15 s) is
 * repaid only from ~1,500 such files, since two threads scan them only ~1.4× as fast as one.
 */
export const POOL_MIN_CHEAP_FILES = 2000;

/** Options of {@link scanFiles}. */
export interface ScanOptions {
  /** Worker threads: 0 scans in the calling thread; default picks by file count and cores. */
  workers?: number;
  signal?: AbortSignal;
  /** Called after each file with its outcome. */
  onFile: (path: string, outcome: ScanOutcome) => void;
  /** File sizes the caller already knows (the walk's), so the time limits need no second stat. */
  sizeOf?: (path: string) => number | undefined;
}

function workerSetup(): { filename: string } & WorkerFlags {
  const here = import.meta.url;
  const ts = here.endsWith(".ts");
  const filename = new URL(ts ? "./scanWorker.ts" : "./scanWorker.js", here).href;
  const flags = workerFlags();
  const hasTsx = flags.execArgv.some((a) => a.includes("tsx"));
  return { filename, ...flags, execArgv: ts && !hasTsx ? [...flags.execArgv, "--import", "tsx"] : flags.execArgv };
}

/**
 * How many worker threads to use for `n` files; `cheap` when they scan without libhdf5.
 * @example
 * ```ts
 * scanWorkers(10); // 0: the calling thread
 * scanWorkers(1000, undefined, true); // 0: cheap files, too few to repay the threads' start
 * ```
 */
export function scanWorkers(n: number, requested?: number, cheap = false): number {
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  return n >= (cheap ? POOL_MIN_CHEAP_FILES : POOL_MIN_FILES) ? Math.min(4, availableParallelism()) : 0;
}

/** Files per pool task: up to 16, fewer when that would leave workers without work. */
export const MAX_BATCH = 16;

/**
 * Files per pool task for `n` files on `workers` threads: at least 8 tasks per worker, so the
 * last ones even out, and at most {@link MAX_BATCH} files each.
 * @example
 * ```ts
 * scanBatchSize(2000, 2); // 16
 * ```
 */
export function scanBatchSize(n: number, workers: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.floor(n / (8 * Math.max(1, workers)))));
}

/** The size of `path`, or 0 when it is gone (its scan then fails fast on its own). */
function statSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The time a batch may take: each file's HDF5 limit (the threads run without a vm guard). */
function batchLimitMs(batch: readonly string[], sizeOf: (path: string) => number | undefined = () => undefined): number {
  return batch.reduce((ms, f) => ms + h5TimeoutMs(sizeOf(f) ?? statSize(f)), 0);
}

/** Runs one batch on the pool; aborting `signal` terminates the thread running it. */
export type RunBatch = (batch: readonly string[], signal: AbortSignal) => Promise<ScanOutcome[]>;

/**
 * Runs `batch` with its time limit. Past the limit the pool terminates the thread (piscina aborts
 * a running task that way); the files are then retried one by one, so only the file that hangs
 * is reported, as CorruptFileError, and the others are scanned.
 * @example
 * ```ts
 * const outcomes = await runLimited((b, signal) => pool.run(b, { name: "scanBatch", signal }), batch);
 * ```
 */
export async function runLimited(run: RunBatch, batch: readonly string[], limitOf = batchLimitMs): Promise<ScanOutcome[]> {
  const limit = limitOf(batch);
  const signal = AbortSignal.timeout(limit);
  try {
    return await run(batch, signal);
  } catch (e) {
    if (!signal.aborted) return batch.map(() => ({ ok: false, reason: `worker failed: ${String(e)}` }));
    if (batch.length === 1) {
      return [{ ok: false, reason: `CorruptFileError: ${batch[0]}: scanning did not finish within ${limit} ms (a cycle in the file's HDF5 structures?)` }];
    }
    const out: ScanOutcome[] = [];
    for (const f of batch) out.push(...(await runLimited(run, [f], limitOf)));
    return out;
  }
}

function aborted(signal?: AbortSignal): boolean {
  return signal?.aborted === true;
}

/**
 * Scans `files` (absolute paths); `onFile` sees every outcome. Throws AbortError when aborted.
 * @example
 * ```ts
 * await scanFiles(paths, { onFile: (p, o) => (o.ok ? rows.push(o.scan) : failed.push(o.reason)) });
 * ```
 */
export async function scanFiles(files: readonly string[], opts: ScanOptions): Promise<void> {
  const abortError = () => new AbortError("index update aborted; the previous index is unchanged");
  let workers = scanWorkers(files.length, opts.workers);
  if (opts.workers === undefined && workers > 1) {
    // A first file that scans without libhdf5 predicts an archive cheap enough for this thread.
    const first = await (await import("./scanWorker.ts")).quickScanTask(files[0]!);
    if (first) {
      opts.onFile(files[0]!, first);
      files = files.slice(1);
      workers = scanWorkers(files.length, undefined, true);
    }
  }
  if (workers <= 1) {
    // The format modules load with the first scan, not with the index's modules.
    const scanTask = (await import("./scanWorker.ts")).default;
    for (const f of files) {
      if (aborted(opts.signal)) throw abortError();
      opts.onFile(f, await scanTask(f));
    }
    return;
  }
  const { filename, execArgv, resourceLimits } = workerSetup();
  // Loaded only when a pool is used: index queries and small updates never pay for piscina.
  const { Piscina } = await import("piscina");
  const pool = new Piscina({
    filename,
    execArgv,
    ...(resourceLimits ? { resourceLimits } : {}),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
    workerData: { scanPool: true },
  });
  const run: RunBatch = (batch, signal) => pool.run(batch, { name: "scanBatch", signal }) as Promise<ScanOutcome[]>;
  try {
    // Files go in batches: a small file scans in ~2 ms, and a worker waiting for the busy (or,
    // on a shared machine, descheduled) main thread to hand it the next file idles meanwhile.
    const size = scanBatchSize(files.length, workers);
    let next = 0;
    const inFlight = new Set<Promise<void>>();
    const submit = () => {
      const batch = files.slice(next, next + size);
      next += batch.length;
      const p: Promise<void> = runLimited(run, batch, (b) => batchLimitMs(b, opts.sizeOf))
        .then((outcomes) => batch.forEach((f, k) => opts.onFile(f, outcomes[k]!)))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    };
    while (next < files.length || inFlight.size) {
      while (next < files.length && inFlight.size < 2 * workers && !aborted(opts.signal)) submit();
      if (aborted(opts.signal)) {
        await Promise.all(inFlight);
        throw abortError();
      }
      if (inFlight.size) await Promise.race(inFlight);
    }
  } finally {
    await pool.destroy();
  }
}
