// Worker task references (SPEC §6.4): a module URL and an export name, run on a thread pool.

import { ParameterError } from "../errors.ts";

/** A reference to a task function exported by a module, runnable in a worker thread. */
export interface WorkerTask {
  readonly kind: "workerTask";
  readonly moduleUrl: string;
  readonly exportName: string;
}

/**
 * Names a task for `spool.map` that runs on worker threads.
 *
 * The task owns its input patch until its promise settles. A worker reads the next input into
 * the same memory unless the task's result reaches it (returns the patch, a selection of it, or
 * a view of its samples — then those samples go with the result and are never reused). So a
 * task that keeps its input in module state after returning must copy what it keeps
 * (`Float64Array.from(patch.data)`); a reducing task (max, RMS) needs no care.
 *
 * @example
 * ```ts
 * const rms = dc.workerTask(new URL("./tasks.js", import.meta.url).href, "rms");
 * ```
 */
export function workerTask(moduleUrl: string | URL, exportName = "default"): WorkerTask {
  const url = String(moduleUrl);
  if (url.length === 0) throw new ParameterError("workerTask needs a module URL");
  return Object.freeze({ kind: "workerTask", moduleUrl: url, exportName });
}

/** Whether `v` is a {@link WorkerTask}. */
export function isWorkerTask(v: unknown): v is WorkerTask {
  return typeof v === "object" && v !== null && (v as WorkerTask).kind === "workerTask";
}
