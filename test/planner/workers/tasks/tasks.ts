// Map task functions the worker tests run on piscina threads (imported by URL inside a worker).

import { constants, PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";
import type { Patch } from "../../../../src/patch/Patch.ts";

/** Max over time per channel: a Patch result (moved back as raw data). */
export function maxOverTime(p: Patch): Patch {
  return p.aggregate("time", "max");
}

/** The patch itself (its samples make the round trip). */
export function identity(p: Patch): Patch {
  return p;
}

/** A non-patch result: the first time value (a bigint). */
export function timeMin(p: Patch): unknown {
  return p.getCoord("time").min();
}

/** A typed-array result (moved back). */
export function firstRow(p: Patch): Float64Array {
  return Float64Array.from(p.data.subarray(0, p.shape[1]!) as ArrayLike<number>);
}

/** Throws on the item whose time starts after 2020-01-03T00:00:10 (item 2 of the example spool). */
export function boomLate(p: Patch): number {
  if ((p.getCoord("time").min() as bigint) > 1578009610000000000n) throw new RangeError("boom from the worker");
  return 1;
}

/** Kills its worker thread on the second item of the example spool. */
export function crashOnSecond(p: Patch): number {
  if ((p.getCoord("time").min() as bigint) === 1578009608000000000n) process.exit(3);
  return 1;
}

/** Sleeps long enough for a test to cancel, then returns the time. */
export async function slow(p: Patch): Promise<unknown> {
  await new Promise((r) => setTimeout(r, 200));
  return p.getCoord("time").min();
}

/** Sleeps longer on even items (by start time), so results finish out of order. */
export async function jittered(p: Patch): Promise<unknown> {
  const t = p.getCoord("time").min() as bigint;
  const k = Number((t / 1_000_000_000n) % 2n);
  await new Promise((r) => setTimeout(r, k === 0 ? 30 : 1));
  return t;
}

/** Quick on the first two seconds of the example spool, then sleeps 20 s (to be cancelled). */
export async function stallAfterTwo(p: Patch): Promise<unknown> {
  const t = p.getCoord("time").min() as bigint;
  if (t >= 1578009602000000000n) await new Promise((r) => setTimeout(r, 20_000));
  return t;
}

/** Returns a function, which cannot cross back to the main thread. */
export function uncloneable(_p: Patch): unknown {
  return () => 1;
}

/** A view of the input's first row in an object: the result reaches the input's buffer. */
export function firstRowView(p: Patch): { row: ArrayLike<number> } {
  return { row: p.data.subarray(0, p.shape[1]!) as ArrayLike<number> };
}

let lastInput: WeakRef<ArrayBufferLike> | undefined;

/** Whether this input's samples sit in the buffer the previous input of this thread used. */
export function sameBufferAsLast(p: Patch): boolean {
  const buffer = p.data.buffer;
  const same = lastInput?.deref() === buffer;
  lastInput = new WeakRef(buffer);
  return same;
}

let majorGcs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
    if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs++;
  }
}).observe({ entryTypes: ["gc"] });

/** Reduces its input, then says how many full collections this thread has run so far. */
export async function majorGcsSoFar(p: Patch): Promise<number> {
  p.aggregate("time", "max");
  await new Promise((resolve) => setImmediate(resolve)); // lets the observer hear of this item's
  return majorGcs;
}

/** Leaves four inputs' worth of dead samples behind, and says how many ArrayBuffer bytes the thread held meanwhile. */
export function allocateAndDrop(p: Patch): number {
  const junk = new Float64Array(p.size * 4).fill(1);
  return process.memoryUsage().arrayBuffers + junk[0]! - 1;
}

let keptBand: Patch | undefined;

/**
 * Keeps this item's band-pass (deferred, reading this input's buffer) in module state and
 * returns the sum of the previous item's, read now: after this item was loaded, possibly into
 * the same buffer.
 */
export function sumOfKeptBandPass(p: Patch): number | null {
  const previous = keptBand;
  keptBand = p.passFilter({ time: [2, 20] });
  if (!previous) return null;
  let sum = 0;
  for (const v of previous.data) sum += v;
  return sum;
}

let lastBand: WeakRef<Patch> | undefined;

/**
 * A band-pass folded into a decimation (the band-pass's own samples never needed), and whether
 * the previous item's band-pass was ever computed: "collected", "pending" or "computed".
 */
export function decimatedBandAndLast(p: Patch): { last: string; sum: number } {
  const before = lastBand?.deref();
  const last = lastBand === undefined ? "none" : before === undefined ? "collected" : before.view.pending ? "pending" : "computed";
  const band = p.passFilter({ time: [2, 20] });
  lastBand = new WeakRef(band);
  let sum = 0;
  for (const v of band.decimate({ time: 2 }).data) sum += v;
  return { last, sum };
}
