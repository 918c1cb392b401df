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

import type { TypedArray } from "../../storage/formats/types.ts";
import { ctorOf } from "../assemble/copy.ts";

/** Buffers kept for reuse by this thread, most recently returned last. */
const free: TypedArray[] = [];
/** At most this many idle buffers are kept (a window and a shorter last window, twice over). */
const MAX_FREE = 4;
/** Results whose object graph is larger than this are assumed to alias (never guess). */
const MAX_NODES = 100_000;

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
    const k = free.findIndex((b) => b.constructor === ctor && b.length === length);
    const buffer = k >= 0 ? free.splice(k, 1)[0]! : new ctor(new SharedArrayBuffer(length * ctor.BYTES_PER_ELEMENT));
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
