// The default executor of worker maps: a piscina pool of worker threads in this process, reads
// fused into the workers (planner/workers). Other executors (daspool/bullmq) implement the same seam.

import type { Executor, ExecutorResult, ExecutorRunOptions, ExecutorTask } from "./executor.ts";
import type { Item } from "./items.ts";
import { runWorkerMapIndexed } from "./workers/runWorkerMap.ts";

/**
 * Runs items on worker threads of this process: `workers` threads (default: available
 * parallelism), at most 2 × workers items in flight, in-memory items sent by transfer.
 *
 * @example
 * ```ts
 * spool.map(dc.workerTask(url, "rms"), { workers: 2 }); // uses localExecutor
 * ```
 */
export const localExecutor: Executor = {
  name: "local",
  run(items: readonly Item[], task: ExecutorTask, options: ExecutorRunOptions): AsyncIterable<ExecutorResult> {
    const spec = { task: { type: "worker" as const, ...task }, workers: options.workers, ordered: options.ordered };
    const ctx = { ...options.context, signal: options.signal };
    return runWorkerMapIndexed(items, spec, ctx, { onProgress: options.onProgress });
  },
};
