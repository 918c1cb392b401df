// DASCore's rule for "is this stored coordinate array evenly sampled?" (get_coord's
// _maybe_get_start_stop_step), so a DASDAE array becomes a range exactly when DASCore makes one:
// strictly monotonic, diffs taken in the array's own dtype, every diff within rtol 1e-3 (atol
// 1e-8) of the median of the unique diffs. It differs from rawCoords.evenStep (other formats) in
// those details, which decide arrays such as float32 distances with float32 rounding in their diffs.
import type { TypedArray } from "./types.ts";

function median(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/**
 * The step DASCore derives for an evenly sampled array (the middle element of the sorted diffs,
 * in the array's dtype), or null when DASCore keeps it an array.
 * @example
 * ```ts
 * dascoreEvenStep(Float32Array.of(0, 0.5, 1)); // 0.5
 * ```
 */
export function dascoreEvenStep(values: TypedArray): number | bigint | null {
  const n = values.length;
  if (n < 2) return null;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    // Evenly sampled times (every diff equal) are the rule: one pass answers them without the
    // sort below (~0.25 ms a file for 2,500 samples, a tenth of a DASDAE file's scan).
    const first = (values[1] as bigint) - (values[0] as bigint);
    let i = 2;
    while (i < n && (values[i] as bigint) - (values[i - 1] as bigint) === first) i++;
    if (i === n) return first !== 0n ? first : null;
    const diffs = new Array<bigint>(n - 1);
    for (let i = 1; i < n; i++) diffs[i - 1] = (values[i] as bigint) - (values[i - 1] as bigint);
    if (!(diffs.every((d) => d > 0n) || diffs.every((d) => d < 0n))) return null;
    const sorted = [...diffs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const unique = sorted.filter((d, i) => i === 0 || d !== sorted[i - 1]);
    if (unique.length > 1) {
      const u = unique.map(Number);
      const med = median(u);
      if (!u.every((d) => Math.abs(d - med) <= 1e-8 + 1e-3 * Math.abs(med))) return null;
    }
    return sorted[Math.floor((n - 1) / 2)]!;
  }
  const f32 = values instanceof Float32Array;
  const diffAt = (i: number): number => {
    const d = (values[i] as number) - (values[i - 1] as number);
    return f32 ? Math.fround(d) : d;
  };
  const first = diffAt(1);
  let i = 2;
  while (i < n && diffAt(i) === first) i++;
  if (i === n) return first > 0 || first < 0 ? first : null; // one diff: the step (0 and NaN: none)
  const diffs = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) {
    const d = (values[i] as number) - (values[i - 1] as number);
    diffs[i - 1] = f32 ? Math.fround(d) : d;
  }
  if (!(diffs.every((d) => d > 0) || diffs.every((d) => d < 0))) return null; // NaN fails both
  const sorted = diffs.slice().sort();
  const unique = sorted.filter((d, i) => i === 0 || d !== sorted[i - 1]);
  if (unique.length > 1) {
    const med = median(unique);
    if (!unique.every((d) => Math.abs(d - med) <= 1e-8 + 1e-3 * Math.abs(med))) return null;
  }
  return sorted[Math.floor((n - 1) / 2)]!;
}
