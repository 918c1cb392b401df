// The worker map stage (main thread): hands a map's items to its executor (local threads by
// default) and enforces the executor contract: each index once, in input order when asked.

import { throwIfAborted } from "./abort.ts";
import type { MapHooks, RunContext } from "./context.ts";
import type { Executor } from "./executor.ts";
import { localExecutor } from "./executorLocal.ts";
import type { Item } from "./items.ts";
import type { MapSpec } from "./plan.ts";

/** Map hooks may carry an executor (`map(task, { executor })`); it never enters the plan. */
export type StageHooks = MapHooks & { executor?: Executor };

/**
 * Streams the results of a worker map through its executor. At-least-once executors may deliver
 * an index twice (a retried job): the first delivery wins. With `ordered`, results that arrive
 * early wait here until every earlier index has been yielded.
 *
 * @example
 * ```ts
 * for await (const value of runExecutorStage(items, map, ctx, hooks)) yield value;
 * ```
 */
export async function* runExecutorStage(items: readonly Item[], map: MapSpec, ctx: RunContext, hooks?: StageHooks): AsyncGenerator<unknown> {
  if (map.task.type !== "worker") throw new Error("an executor runs worker tasks only");
  const executor = hooks?.executor ?? localExecutor;
  const task = { moduleUrl: map.task.moduleUrl, exportName: map.task.exportName, args: map.task.args };
  const stream = executor.run(items, task, {
    signal: ctx.signal,
    onProgress: hooks?.onProgress,
    ordered: map.ordered,
    workers: map.workers,
    context: ctx,
  });
  const seen = new Set<number>();
  const early = new Map<number, unknown>();
  let next = 0;
  for await (const { index, value } of stream) {
    if (!Number.isInteger(index) || index < 0 || index >= items.length) {
      throw new Error(`executor '${executor.name}' returned a result for item ${index}, outside 0..${items.length - 1}`);
    }
    if (seen.has(index)) continue;
    seen.add(index);
    throwIfAborted(ctx.signal);
    if (!map.ordered) {
      yield value;
      continue;
    }
    early.set(index, value);
    while (early.has(next)) {
      const v = early.get(next);
      early.delete(next++);
      yield v;
    }
  }
  throwIfAborted(ctx.signal);
  if (seen.size !== items.length) {
    const missing = items.findIndex((_, i) => !seen.has(i));
    throw new Error(`executor '${executor.name}' ended without a result for item ${missing} (${seen.size} of ${items.length} delivered)`);
  }
}
