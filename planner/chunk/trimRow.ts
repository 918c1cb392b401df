// Row-level twin of an inclusive coordinate select: trims a source row to the samples inside
// [lo, hi] without reading them (first sample >= lo, last sample <= hi).

import { ParameterError } from "../../src/errors.ts";
import { arithFor } from "./arith.ts";
import type { ChunkSourceRow, ChunkValue } from "./types.ts";

/**
 * Trims `row` along its chunk dim to the samples inside the inclusive range `[lo, hi]` (`null`
 * = open; reversed bounds are swapped). Returns `null` when no sample lies inside. The result's
 * `offset` keeps pointing into the original source, so chunk member slices stay source indices.
 * Float coordinates use DASCore's tolerance (offset/step rounded to 10 decimals).
 *
 * @example
 * ```ts
 * // samples at 0, 4, 8, ... ms: [1 ms, 9 ms] keeps 4 and 8 ms
 * trimRow({ id: 0, attrs: {}, min: 0n, max: 96_000_000n, step: 4_000_000n, length: 25 },
 *   1_000_000n, 9_000_000n); // { min: 4_000_000n, max: 8_000_000n, length: 2, offset: 1, ... }
 * ```
 */
export function trimRow(
  row: ChunkSourceRow,
  lo: ChunkValue | null,
  hi: ChunkValue | null,
): ChunkSourceRow | null {
  for (const bound of [lo, hi]) {
    if (bound !== null && typeof bound !== typeof row.min) {
      throw new ParameterError(
        `select bound ${String(bound)} is a ${typeof bound} but source ${row.id} has ` +
          `${typeof row.min} values (times are bigint ns)`,
      );
    }
  }
  if (lo !== null && hi !== null && Number(lo) > Number(hi)) [lo, hi] = [hi, lo];
  const ops = arithFor(row.min);
  if (lo !== null && ops.cmp(row.max, lo) < 0) return null;
  if (hi !== null && ops.cmp(row.min, hi) > 0) return null;
  if (row.step === null) {
    // Unevenly sampled: the sample positions are unknown here; keep the row as a candidate.
    return row;
  }
  const i0 = lo === null ? 0 : Math.max(0, ops.indexCeil(ops.sub(lo, row.min), row.step));
  const i1 = hi === null ? row.length - 1 : Math.min(row.length - 1, ops.indexFloor(ops.sub(hi, row.min), row.step));
  if (i1 < i0) return null;
  return {
    ...row,
    min: ops.add(row.min, ops.times(row.step, i0)),
    max: ops.add(row.min, ops.times(row.step, i1)),
    length: i1 - i0 + 1,
    offset: (row.offset ?? 0) + i0,
  };
}
