// The window bounds of one contiguous run, as DASCore's `get_intervals` computes them: windows
// begin at start + k·(length − overlap) and end one step before start + length.

import type { Arith } from "./arith.ts";
import type { ChunkValue } from "./types.ts";

/** What to cut one run `[start, stop]` (sampled every `step`) into. */
export interface IntervalRequest<T extends ChunkValue> {
  start: T;
  stop: T;
  step: T;
  /** null: the whole run is one window. */
  length: T | null;
  overlap: T | null;
  keepPartial: boolean;
}

/**
 * Inclusive window bounds `[lo, hi]` for one run, or `null` when the run is shorter than
 * `length` and partial windows are not kept (the run then yields nothing).
 *
 * A full window covers exactly `length` including its last sample, so it ends at
 * `lo + length − step`. A window starting on the run's last sample is dropped (it would hold at
 * most one sample); windows passing `stop` are dropped, or cut at `stop` with `keepPartial`.
 *
 * @example
 * ```ts
 * // 24 s at 4 ms, 5 s windows: starts 0, 5, 10, 15 s (20 s would pass the end)
 * windowBounds({ start: 0n, stop: 23_996_000_000n, step: 4_000_000n,
 *   length: 5_000_000_000n, overlap: null, keepPartial: false }, bigintArith);
 * ```
 */
export function windowBounds<T extends ChunkValue>(
  req: IntervalRequest<T>,
  ops: Arith<T>,
): Array<[T, T]> | null {
  const { start, stop, step, length, keepPartial } = req;
  if (length === null) return [[start, stop]];
  const duration = ops.add(ops.sub(stop, start), step);
  if (ops.cmp(duration, length) < 0 && !keepPartial) return null;
  const overlap = req.overlap ?? ops.sub(length, length);
  const advance = ops.sub(length, overlap);
  // numpy: arange(start, stop + advance, advance)
  const count = ops.arangeCount(ops.sub(ops.add(stop, advance), start), advance);
  const out: Array<[T, T]> = [];
  for (let k = 0; k < count; k++) {
    const lo = ops.add(start, ops.times(advance, k));
    if (ops.cmp(ops.add(lo, step), stop) > 0) continue;
    let hi = ops.sub(ops.add(lo, length), step);
    if (ops.cmp(hi, stop) > 0) {
      if (!keepPartial) continue;
      hi = stop;
    }
    out.push([lo, hi]);
  }
  return out;
}
