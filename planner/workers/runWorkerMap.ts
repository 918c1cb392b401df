// Runs a worker map stage (main thread): the fused `Load → Map` stage of SPEC §6.4. Sends each
// item's read plan to a piscina pool with at most 2 × workers items in flight, and streams the
// results back in input order (or as they finish), turning failures into MapError.

import type { Piscina } from "piscina";
import { MapError } from "../../src/errors.ts";
import { patchFromRaw, patchToRaw } from "../../src/patch/fromRaw.ts";
import type { Patch } from "../../src/patch/Patch.ts";
import { abortWaiter, throwIfAborted } from "../abort.ts";
import { loadItem } from "../assemble/assemble.ts";
import type { MapHooks, RunContext } from "../context.ts";
import { heldInMemory, type Item, type Member } from "../items.ts";
import type { MapSpec } from "../plan.ts";

/** What a worker map run needs of its map node: the task, the pool size and the order. */
export type WorkerMapSpec = Pick<MapSpec, "task" | "workers" | "ordered">;
import { createMapPool, defaultWorkers } from "./pool.ts";
import { isWorkReply, reviveError, shareableRaw, type RemoteError, type WorkReply, type WorkRequest } from "./protocol.ts";

/** A finished unit of work: a reply from the worker, or the pool's error (a crashed thread). */
type Settled = { index: number; reply: WorkReply } | { index: number; crash: unknown };

/** Stage names recorded in `ctx.counters` for `explain({ analyze: true })`. */
export const WORKER_STAGES = { load: "worker load", map: "worker map", main: "main thread" } as const;

/** How many items a worker map keeps in flight (sent and not yet yielded) per worker. */
export const IN_FLIGHT_PER_WORKER = 2;

/**
 * The request for item `index`: a read plan for file-backed items; for in-memory items the patch
 * loaded here, its samples in shared memory (copied when they are the held source's own buffer).
 */
async function requestFor(item: Item, index: number, spec: WorkerMapSpec, ctx: RunContext): Promise<WorkRequest> {
  if (spec.task.type !== "worker") throw new Error("runWorkerMap needs a worker task");
  const task = { moduleUrl: spec.task.moduleUrl, exportName: spec.task.exportName, args: spec.task.args };
  if (!heldInMemory(item)) return { task, index, payload: { type: "plan", item } };
  const held = new Set<ArrayBufferLike>();
  const recording: RunContext = {
    ...ctx,
    sources: {
      ...ctx.sources,
      rows: (ref, signal) => ctx.sources.rows(ref, signal),
      describe: (ref) => ctx.sources.describe(ref),
      adopt: (patches) => ctx.sources.adopt(patches),
      load: async (member: Member, signal?: AbortSignal) => {
        const p = await ctx.sources.load(member, signal);
        held.add(p.view.base.buffer);
        return p;
      },
    },
  };
  const patch: Patch = await loadItem(item, recording);
  const raw = patchToRaw(patch);
  const { raw: shared } = shareableRaw(raw, { copyData: held.has(raw.data.buffer) });
  return { task, index, payload: { type: "patch", raw: shared } };
}

/** Source files (or memory positions) an item reads, for error messages. */
export function describeSources(item: Item): string[] {
  const names = item.members.map((m) => {
    const l = m.row.locator;
    return l.type === "file" ? l.path + (l.key ? `#${l.key}` : "") : `memory[${l.index}]`;
  });
  return [...new Set(names)];
}

const FAILURE_TEXT: Record<RemoteError["phase"], string> = {
  import: "map worker could not import the task",
  load: "map worker could not load",
  task: "map task failed",
  encode: "map task result cannot be sent back",
};

function failure(settled: Settled, item: Item): MapError {
  const sources = describeSources(item);
  const where = `item ${settled.index} (sources: ${sources.join(", ")})`;
  if ("crash" in settled) {
    const why = settled.crash instanceof Error ? settled.crash.message : String(settled.crash);
    return new MapError(`map worker crashed on ${where}: ${why}`, settled.index, sources, { cause: settled.crash });
  }
  if (settled.reply.ok) throw new Error("failure() needs a failed reply");
  const remote = settled.reply.error;
  const cause = reviveError(remote);
  const what = FAILURE_TEXT[remote.phase];
  const error = new MapError(`${what} on ${where}: ${remote.message}`, settled.index, sources, { cause });
  error.stack = `${error.stack}\n--- worker stack ---\n${cause.stack}`;
  return error;
}

/**
 * Streams the results of a worker map over `items`. One pool per run, destroyed when the stream
 * ends for any reason (done, error, cancel, or the consumer stopping early).
 *
 * @example
 * ```ts
 * for await (const result of runWorkerMap(planned.items, planned.map, ctx, hooks)) yield result;
 * ```
 */
export async function* runWorkerMap(items: readonly Item[], spec: MapSpec, ctx: RunContext, hooks?: MapHooks): AsyncGenerator<unknown> {
  for await (const r of runWorkerMapIndexed(items, spec, ctx, hooks)) yield r.value;
}

/**
 * {@link runWorkerMap} with each result's input position (what the local executor yields).
 *
 * @example
 * ```ts
 * for await (const { index, value } of runWorkerMapIndexed(items, spec, ctx)) results[index] = value;
 * ```
 */
export async function* runWorkerMapIndexed(
  items: readonly Item[],
  spec: WorkerMapSpec,
  ctx: RunContext,
  hooks?: MapHooks,
): AsyncGenerator<{ index: number; value: unknown }> {
  const signal = ctx.signal;
  throwIfAborted(signal);
  if (items.length === 0) return;
  const workers = Math.max(1, Math.min(spec.workers ?? defaultWorkers(), items.length));
  const limit = IN_FLIGHT_PER_WORKER * workers;
  const pool: Piscina = createMapPool(workers);
  // Replies that arrive while the pool is being destroyed are reported as pool 'error' events;
  // the run has already ended (and reported its own error), so they are dropped here.
  pool.on("error", () => {});
  const ready = new Map<number, Settled>();
  let inFlight = 0; // sent and not yet yielded (includes results waiting in `ready`)
  let next = 0; // next item to send
  let emitted = 0;
  let done = 0;
  let closed = false;
  let wake: (() => void) | null = null;
  const callbackErrors: unknown[] = []; // thrown by onProgress, in a reply callback
  const aborted = abortWaiter(signal);
  // Main-thread figures: items handled, sample bytes that passed through this thread (in-memory
  // items sent, patch results received), and time spent sending and decoding.
  const mainTime = (t0: number, items = 0, bytes = 0) =>
    ctx.counters?.add(WORKER_STAGES.main, { items, bytes, ms: performance.now() - t0 });

  const settle = (s: Settled) => {
    if (closed) return;
    ready.set(s.index, s);
    if ("reply" in s) {
      ctx.counters?.add(WORKER_STAGES.load, { items: 1, bytes: s.reply.timing.bytes, ms: s.reply.timing.loadMs });
      ctx.counters?.add(WORKER_STAGES.map, { items: 1, ms: s.reply.timing.taskMs });
      try {
        if (s.reply.ok) hooks?.onProgress?.({ done: ++done, total: items.length });
      } catch (error) {
        callbackErrors.push(error); // rethrown by the stream, not left as an unhandled rejection
      }
    }
    wake?.();
  };

  try {
    while (emitted < items.length) {
      // Top up: back-pressure counts results waiting to be yielded, so memory stays bounded.
      while (next < items.length && inFlight < limit) {
        const t0 = performance.now();
        const index = next++;
        const request = await requestFor(items[index]!, index, spec, ctx);
        const sent = request.payload.type === "patch" ? request.payload.raw.data.byteLength : 0;
        inFlight++;
        pool.run(request).then(
          (reply: unknown) => settle(isWorkReply(reply) ? { index, reply } : { index, crash: new Error("malformed worker reply") }),
          (crash: unknown) => settle({ index, crash }),
        );
        mainTime(t0, 0, sent);
      }
      while (!(spec.ordered ? ready.has(emitted) : ready.size > 0) && callbackErrors.length === 0) {
        await Promise.race([new Promise<void>((r) => (wake = r)), aborted.promise]);
        wake = null;
        throwIfAborted(signal);
      }
      if (callbackErrors.length > 0) throw callbackErrors[0];
      const t1 = performance.now();
      const key: number = spec.ordered ? emitted : ready.keys().next().value!;
      const s = ready.get(key)!;
      ready.delete(key);
      inFlight--;
      emitted++;
      if ("crash" in s || !s.reply.ok) throw failure(s, items[s.index]!);
      const r = s.reply.result;
      const value = r.type === "patch" ? patchFromRaw(r.raw) : r.value;
      mainTime(t1, 1, r.type === "patch" ? r.raw.data.byteLength : 0);
      throwIfAborted(signal);
      yield { index: s.index, value };
    }
  } finally {
    closed = true;
    aborted.off();
    // The threads end in the background: the run's caller has every result and need not wait
    // the ~10 ms their termination takes. A failure there never masks the error that ended the run.
    void pool.destroy().catch(() => {});
  }
}
