// Worker-thread side of index scanning: scans files' metadata and returns the plain results
// (bigint and arrays cross by structured clone). Only scanPool.ts posts tasks here.
import { workerData } from "node:worker_threads";
import { ALL_FORMATS } from "../formats/all.ts";
import { provideFormats, quickScanFile, scanFile, type FileScan } from "../formats/registry.ts";
import { leaveH5TimeLimitToPool } from "../h5/index.ts";

provideFormats(ALL_FORMATS); // this thread only scans files: its readers load with it
// In a scan pool thread the pool enforces the time limit (scanPool.ts terminates a thread that
// overruns); anywhere else (a main-thread scan, a user's own worker) the vm guard stays.
if ((workerData as { scanPool?: boolean } | null)?.scanPool === true) leaveH5TimeLimitToPool();

/** What a scan task returns: the scan, or the failure as plain data. */
export type ScanOutcome = { ok: true; scan: FileScan } | { ok: false; reason: string };

/**
 * Scans `path` (an absolute file path). Never throws: failures are returned as reasons.
 * @example
 * ```ts
 * const outcome = await pool.run("/data/a.h5"); // { ok: true, scan: { format, version, patches } }
 * ```
 */
export default async function scanTask(path: string): Promise<ScanOutcome> {
  try {
    return { ok: true, scan: await scanFile(path) };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/**
 * Scans `path` without starting libhdf5 (the formats' quick scans), or undefined when it needs
 * the full scan. Failures of the checks both share are returned as reasons, as {@link scanTask}.
 * @example
 * ```ts
 * await quickScanTask("/data/a.h5"); // { ok: true, scan: … } for a file DASCore wrote
 * ```
 */
export async function quickScanTask(path: string): Promise<ScanOutcome | undefined> {
  try {
    const scan = await quickScanFile(path);
    return scan ? { ok: true, scan } : undefined;
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/**
 * Scans `paths` one after the other (a pool task of several small files: one message each way
 * for the batch instead of per file). Never throws.
 * @example
 * ```ts
 * const outcomes = await pool.run(["/data/a.h5", "/data/b.h5"], { name: "scanBatch" });
 * ```
 */
export async function scanBatch(paths: readonly string[]): Promise<ScanOutcome[]> {
  const out: ScanOutcome[] = [];
  for (const p of paths) out.push(await scanTask(p));
  return out;
}
