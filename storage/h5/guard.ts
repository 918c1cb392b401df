// A time limit on synchronous HDF5 work. libhdf5 can loop forever on a cycle in a corrupt
// file's structures (a zeroed B-tree or heap address pointing back at the superblock), and a
// wasm loop on the main thread cannot be cancelled by a timer. node:vm's `timeout` can: it runs
// a watchdog thread that terminates the running script, wasm frames included.
import { Script, createContext } from "node:vm";
import { CorruptFileError } from "../../src/errors.ts";
import { noteH5Fault } from "./module.ts";

/** Base limit for one synchronous HDF5 task, ms (metadata of any sane file takes far less). */
export const H5_BASE_TIMEOUT_MS = 5_000;
/** Slowest believable read rate, bytes per ms (20 MB/s): a read may take size / this longer. */
const MIN_BYTES_PER_MS = 20_000;

const context = createContext({ task: null as (() => unknown) | null, result: undefined as unknown });
const script = new Script("result = task()", { filename: "daspool-h5-guard" });
let depth = 0;
let external = false;

/**
 * Hands the time limit to the thread's owner: guardH5 then runs tasks directly. For worker threads
 * whose pool terminates the thread when a task overruns (the index scan pool does): a vm
 * watchdog costs a thread start per call (~0.3 ms; ~5 calls per file scanned), which was most of
 * the CPU time of scanning small files.
 * @example
 * ```ts
 * if (!isMainThread) leaveH5TimeLimitToPool();
 * ```
 */
export function leaveH5TimeLimitToPool(): void {
  external = true;
}

/**
 * The time limit for HDF5 work on a file of `bytes` bytes: {@link H5_BASE_TIMEOUT_MS} plus the
 * time to read the whole file at 20 MB/s.
 * @example
 * ```ts
 * h5TimeoutMs(2_000_000); // 5100
 * ```
 */
export function h5TimeoutMs(bytes: number): number {
  return H5_BASE_TIMEOUT_MS + Math.ceil(Math.max(0, bytes) / MIN_BYTES_PER_MS);
}

/**
 * Runs `task` (synchronous HDF5 work on `path`) with a time limit. When it is exceeded the task
 * is terminated, the engine instance is marked faulted (it stopped mid-call, so it is replaced
 * before the next open), and CorruptFileError names the file. A task that returns a promise is
 * limited up to its first `await` (h5wasm is synchronous, so that is where its work happens).
 * Nested calls run inside the outer limit.
 *
 * @example
 * ```ts
 * const names = guardH5(path, size, () => file.keys());
 * ```
 */
export function guardH5<T>(path: string, bytes: number, task: () => T): T {
  if (depth > 0 || external) return task();
  depth++;
  const ms = h5TimeoutMs(bytes);
  try {
    context["task"] = task;
    script.runInContext(context, { timeout: ms });
    return context["result"] as T;
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
      noteH5Fault(new Error(`Aborted(timeout after ${ms} ms)`));
      throw new CorruptFileError(`${path}: the HDF5 engine did not finish within ${ms} ms (a cycle in the file's structures?)`, { cause: e });
    }
    throw e;
  } finally {
    context["task"] = null;
    context["result"] = undefined;
    depth--;
  }
}
