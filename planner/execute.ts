// Runs planned outputs: loads one item at a time (streaming) and applies the plan's map, if any;
// a worker map hands the items to its executor (local worker threads by default, reads fused into
// the workers; or a remote job system).
// Memory stays bounded by the current output and the sources it needs.

import { MapError } from "../src/errors.ts";
import type { Item } from "./items.ts";
import { estimatedBytes, type Locator } from "./items.ts";
import type { RunContext } from "./context.ts";
import type { PlannedOutputs } from "./pipeline.ts";
import { throwIfAborted } from "./abort.ts";
import { loadItem } from "./assemble/assemble.ts";
import { runExecutorStage } from "./executorStage.ts";

/** Streams the outputs of a planned plan, in order. */
export async function* runOutputs(planned: PlannedOutputs, ctx: RunContext): AsyncGenerator<unknown> {
  const { items, map } = planned;
  const hooks = map?.hooks ? ctx.hooks.get(map.hooks) : undefined;
  const signals = [ctx.signal, hooks?.signal].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  const run: RunContext = { ...ctx, signal };
  if (map?.task.type === "worker") {
    yield* runExecutorStage(items, map, run, hooks);
    return;
  }
  let done = 0;
  for (let i = 0; i < items.length; i++) {
    throwIfAborted(signal);
    const t0 = performance.now();
    const patch = await loadItem(items[i]!, run);
    ctx.counters?.add("load", { items: 1, bytes: estimatedBytes(items[i]!), ms: performance.now() - t0 });
    if (!map) {
      yield patch;
      continue;
    }
    if (map.task.type !== "function") {
      throw new MapError(`worker tasks are not available yet (item ${i})`, i, sourcesOf(items[i]!));
    }
    const fn = ctx.functions.get(map.task.handle);
    if (!fn) throw new MapError(`map function '${map.task.name}' is not available in this thread`, i);
    const t1 = performance.now();
    let result: unknown;
    try {
      result = await fn(patch);
    } catch (error) {
      throw mapError(error, i, items[i]!);
    }
    ctx.counters?.add("map", { items: 1, ms: performance.now() - t1 });
    throwIfAborted(signal);
    done++;
    hooks?.onProgress?.({ done, total: items.length });
    yield result;
  }
}

/** Source files (or memory positions) an item reads. */
export function sourcesOf(item: Item): string[] {
  return [...new Set(item.members.map((m) => describeLocator(m.row.locator)))];
}

function describeLocator(l: Locator): string {
  return l.type === "file" ? l.path + (l.key ? `#${l.key}` : "") : `memory[${l.index}]`;
}

function mapError(error: unknown, index: number, item: Item): MapError {
  const sources = sourcesOf(item);
  const why = error instanceof Error ? error.message : String(error);
  return new MapError(`map task failed on item ${index} (sources: ${sources.join(", ")}): ${why}`, index, sources, {
    cause: error,
  });
}
