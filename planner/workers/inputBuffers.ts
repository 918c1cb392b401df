// A map worker's reusable input buffers (worker side only): each item's samples are read into a
// buffer this thread already touched, unless the previous task's result took that buffer with it.
//
// Why: on the VMs daspool runs on, the first touch of new memory costs more than reading the
// samples (DEPENDENCIES.md: ~3 s per GB against ~7 GB/s for a read into reused memory), and a
// chunk → map job loads one window after another of the same size. A reducing task (max, RMS)
// returns a few values and never needs a fresh input per window.
//
// The contract that makes reuse exact: a task owns its input patch until its promise settles.
// Whatever the result holds crosses back; a buffer that the result reaches (as structured clone
// would reach it: own enumerable properties, arrays, maps, sets, patches' samples) is given away
// and never lent again. A task that keeps its input in module state past its return must copy it
// (documented on `dc.workerTask`).
//
// Deferred samples (a band-pass's, src/proc/lineFilters.ts) read their source when first used,
// which may be after the task returned (a patch kept in module state). So before a buffer is read
// into again, the deferred views over it that are still alive compute their samples from it. A
// full collection first tells the live ones from the dead intermediates (a WeakRef is cleared by
// a full collection only), so a chain that folded its band-pass away costs no band-pass.

import type { TypedArray } from "../../storage/formats/types.ts";
import { type StridedArray, watchDeferredViews } from "../../src/patch/StridedArray.ts";
import { ctorOf } from "../assemble/copy.ts";

/** Buffers kept for reuse by this thread, most recently returned last. */
const free: TypedArray[] = [];
/** At most this many idle buffers are kept (a window and a shorter last window, twice over). */
const MAX_FREE = 4;
/** Results whose object graph is larger than this are assumed to alias (never guess). */
const MAX_NODES = 100_000;

/** Every buffer this thread has lent (its deferred views are watched). */
const lentEver = new WeakSet<ArrayBufferLike>();
/** Deferred views made over a lent buffer, by buffer, with the collection count when made. */
const pendingOver = new WeakMap<ArrayBufferLike, { view: WeakRef<StridedArray>; collections: number }[]>();

/** The thread's full garbage collection and how many it has run (set by the worker). */
export interface Collector {
  collect(): void;
  count(): number;
}

/** Without a collector every watched view computes before its buffer is reused. */
let collector: Collector | null = null;
let watching = false;

/**
 * Sets the full collection run before a reused buffer's deferred views are checked (the worker's
 * `gc()`, which also keeps its own accounting).
 *
 * @example
 * ```ts
 * let n = 0;
 * useCollector({ collect: () => (gc(), n++), count: () => n });
 * ```
 */
export function useCollector(c: Collector | null): void {
  collector = c;
}

function watch(view: StridedArray, source: TypedArray | null): void {
  if (source === null || !lentEver.has(source.buffer)) return;
  const entry = { view: new WeakRef(view), collections: collector?.count() ?? 0 };
  const list = pendingOver.get(source.buffer);
  if (list) list.push(entry);
  else pendingOver.set(source.buffer, [entry]);
}

/** Computes the live deferred views over `buffer` from its current samples, before it is overwritten. */
function settlePendingViews(buffer: ArrayBufferLike): void {
  const list = pendingOver.get(buffer);
  if (!list) return;
  pendingOver.delete(buffer);
  // This runs in a later job than the views were made in (a new item), so a collection now clears
  // the WeakRefs of dead ones (a deref before it would keep them alive to the end of this job). One
  // that already ran since they were made (the worker's, at the item's start) did the same.
  if (collector && list.some((e) => e.collections === collector!.count())) collector.collect();
  for (const e of list) void e.view.deref()?.base;
}

/**
 * The buffers lent to one item: `lend` hands out shared buffers of a size (an idle one when there
 * is one), `settle` takes back those the item's result does not reach.
 *
 * @example
 * ```ts
 * const loan = new InputLoan();
 * const patch = await loadItem(item, { ...ctx, sources: { ...sources, allocate: loan.lend } });
 * const result = await task(patch);
 * loan.settle(result); // buffers the result does not reach serve the next item
 * ```
 */
export class InputLoan {
  #lent: TypedArray[] = [];

  /**
   * A shared buffer of `length` samples of `dtype`. Shared, so that a result viewing it crosses
   * back without a copy (see protocol.ts `shareable`). Null for dtypes without a typed array.
   */
  lend = (dtype: string, length: number): TypedArray | null => {
    const ctor = ctorOf(dtype) as ((new (b: SharedArrayBuffer) => TypedArray) & { BYTES_PER_ELEMENT: number }) | null;
    if (!ctor) return null;
    if (!watching) {
      watchDeferredViews(watch);
      watching = true;
    }
    const k = free.findIndex((b) => b.constructor === ctor && b.length === length);
    const buffer = k >= 0 ? free.splice(k, 1)[0]! : new ctor(new SharedArrayBuffer(length * ctor.BYTES_PER_ELEMENT));
    if (k >= 0) settlePendingViews(buffer.buffer);
    lentEver.add(buffer.buffer);
    this.#lent.push(buffer);
    return buffer;
  };

  /**
   * Ends the item: each lent buffer that `result` does not reach becomes idle for a later item;
   * one it reaches goes with the result. Pass the task's own return value, not its encoded
   * clone: cloning a SharedArrayBuffer in a thread makes a new object over the same memory, so
   * identity holds only before the clone. With `undefined` (the task failed) all are returned.
   */
  settle(result: unknown): void {
    if (this.#lent.length === 0) return;
    const reached = buffersReachedBy(result);
    for (const b of this.#lent) {
      if (reached === "unknown" || reached.has(b.buffer)) continue;
      free.push(b);
    }
    this.#lent = [];
    while (free.length > MAX_FREE) free.shift();
  }
}

/** Number of idle buffers in this thread (for tests). */
export function idleInputBuffers(): number {
  return free.length;
}

function isPatchLike(v: object): v is { view: { base: TypedArray } } {
  return "view" in v && "getCoord" in v && "dims" in v && "coords" in v;
}

/** The ArrayBuffers a value reaches, or "unknown" when it is too large to walk. */
export function buffersReachedBy(value: unknown): Set<ArrayBufferLike> | "unknown" {
  const out = new Set<ArrayBufferLike>();
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  let nodes = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    if (++nodes > MAX_NODES) return "unknown";
    if (v instanceof ArrayBuffer || v instanceof SharedArrayBuffer) {
      out.add(v);
      continue;
    }
    if (ArrayBuffer.isView(v)) {
      out.add(v.buffer);
      continue;
    }
    if (isPatchLike(v)) {
      // A patch crosses as its samples and its coordinates' values (private fields: walked here).
      out.add(v.view.base.buffer);
      for (const c of Object.values((v as unknown as { coords: Record<string, { kind: string; values(): unknown }> }).coords)) {
        if (c.kind === "array") stack.push(c.values());
      }
      continue;
    }
    if (v instanceof Map) {
      for (const [k, x] of v) stack.push(k, x);
      continue;
    }
    if (v instanceof Set) {
      for (const x of v) stack.push(x);
      continue;
    }
    for (const x of Object.values(v)) stack.push(x);
  }
  return out;
}
