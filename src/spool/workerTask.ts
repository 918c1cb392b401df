// Worker task references (SPEC §6.4): a module URL, an export name and the task's arguments,
// run on a thread pool (or a remote executor) as `(patch, args)`.

import { ParameterError } from "../errors.ts";

/**
 * A reference to a task function exported by a module, runnable in a worker thread. `R` is the
 * task's result type (a phantom: it only types `spool.map`'s output).
 */
export interface WorkerTask<R = unknown> {
  readonly kind: "workerTask";
  readonly moduleUrl: string;
  readonly exportName: string;
  /** Second argument of the export, structured-cloned into the worker; travels with the plan. */
  readonly args?: unknown;
  /** @internal Type-only marker of the result type; never set. */
  readonly __result?: (r: R) => void;
}

/**
 * Names a task for `spool.map` that runs on worker threads. The export is called as
 * `(patch, args)` with a structured clone of `args` (e.g. a filter band), so one export serves
 * many parameter sets. `args` also travel with `spool.toJSON()` and to remote executors, so keep
 * them to plain data: objects, arrays, strings, numbers, booleans, null and bigints (tagged in
 * JSON). Decision: the args are cloned here once, so a later change to the caller's object does
 * not change the plan, and a value that cannot be cloned fails now rather than in a worker.
 *
 * The task owns its input patch until its promise settles. A worker reads the next input into
 * the same memory unless the task's result reaches it (returns the patch, a selection of it, or
 * a view of its samples — then those samples go with the result and are never reused). So a
 * task that keeps its input in module state after returning must copy what it keeps
 * (`Float64Array.from(patch.data)`); a reducing task (max, RMS) needs no care.
 *
 * @throws ParameterError for an empty URL or args that cannot be structured-cloned.
 * @example
 * ```ts
 * // tasks.ts: export function band(patch: Patch, args: { lo: number; hi: number }) { … }
 * const band = dc.workerTask<Patch>(new URL("./tasks.js", import.meta.url), "band", { lo: 5, hi: 20 });
 * const out = dc.getExampleSpool().map(band); // Spool<Patch>
 * ```
 */
export function workerTask<R = unknown>(moduleUrl: string | URL, exportName = "default", args?: unknown): WorkerTask<R> {
  const url = String(moduleUrl);
  if (url.length === 0) throw new ParameterError("workerTask needs a module URL");
  if (typeof exportName !== "string" || exportName.length === 0) {
    throw new ParameterError(`workerTask export name must be a non-empty string, got ${String(exportName)}`);
  }
  let cloned: unknown;
  try {
    cloned = args === undefined ? undefined : structuredClone(args);
  } catch (cause) {
    throw new ParameterError(`workerTask args for '${exportName}' cannot be structured-cloned: ${(cause as Error).message}`, { cause });
  }
  const task = cloned === undefined ? { kind: "workerTask", moduleUrl: url, exportName } : { kind: "workerTask", moduleUrl: url, exportName, args: cloned };
  return Object.freeze(task) as WorkerTask<R>;
}

/** Whether `v` is a {@link WorkerTask}. */
export function isWorkerTask(v: unknown): v is WorkerTask {
  return typeof v === "object" && v !== null && (v as WorkerTask).kind === "workerTask";
}
