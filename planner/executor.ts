// The seam between a worker map stage and whatever runs its items: the local piscina pool (the
// default) or a remote job system (daspool/bullmq). Executors see planned items and a task address;
// they never see logical plans or spools.

import type { RunContext } from "./context.ts";
import type { Item } from "./items.ts";

/** Which exported function of which module runs on each item (a worker task's address). */
export interface ExecutorTask {
  moduleUrl: string;
  exportName: string;
  /** Second argument of the task, `(patch, args)`; structured-cloned to the worker. */
  args?: unknown;
}

/** Progress of a map stage: items finished out of the total. */
export interface MapProgress {
  done: number;
  total: number;
}

/** What a map stage hands an executor besides the items and the task. */
export interface ExecutorRunOptions {
  /** Cancels the run: queued work is dropped and the stream rejects with `AbortError`. */
  signal?: AbortSignal;
  /** Called as items finish (each item once, in finishing order). */
  onProgress?: (progress: MapProgress) => void;
  /** Yield results in input order (true), or as they finish. */
  ordered: boolean;
  /** Parallelism the map asked for (`map(task, { workers })`); null means the executor's default. */
  workers: number | null;
  /**
   * The run's context: how this process loads items whose members it holds in memory, and the
   * counters of `explain({ analyze: true })`. Remote executors use it only to refuse such items.
   */
  context: RunContext;
}

/** One finished item: its position in the map's input and the task's result. */
export interface ExecutorResult {
  index: number;
  value: unknown;
}

/**
 * Runs a worker map's items. Results stream back as `{ index, value }`; a failing item rejects
 * the stream with `MapError` naming the item. Executors may deliver at least once: the map stage
 * keeps the first result of each index and puts them in input order when `ordered` is set, so
 * an executor only has to deliver every index at least once.
 *
 * @example
 * ```ts
 * const echo: Executor = {
 *   name: "echo",
 *   async *run(items) { for (let index = 0; index < items.length; index++) yield { index, value: index }; },
 * };
 * await spool.map(dc.workerTask(url, "rms"), { executor: echo }).collect(); // [0, 1, 2, ...]
 * ```
 */
export interface Executor {
  /** A short name for explain output and error messages (e.g. "local", "bullmq"). */
  readonly name: string;
  run(items: readonly Item[], task: ExecutorTask, options: ExecutorRunOptions): AsyncIterable<ExecutorResult>;
}
