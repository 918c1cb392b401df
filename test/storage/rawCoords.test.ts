// evenStep (storage/formats/rawCoords.ts): the loop fast path and the sorted-diff fallback agree
// with DASCore's rule (middle unique diff, all diffs within 1e-3 of it) as the Set version had it.
import { describe, expect, it } from "vitest";
import { evenStep } from "../../storage/formats/rawCoords.ts";
import type { TypedArray } from "../../storage/formats/types.ts";

/** The previous implementation (a Set of diffs), kept as the reference. */
function referenceStep(values: TypedArray): number | bigint | null {
  const n = values.length;
  if (n < 2) return null;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    const diffs = new Set<bigint>();
    for (let i = 1; i < n; i++) diffs.add((values[i] as bigint) - (values[i - 1] as bigint));
    const sorted = [...diffs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const mid = sorted[Math.floor(sorted.length / 2)]!;
    if (mid === 0n || sorted[0]! * mid <= 0n || sorted[sorted.length - 1]! * mid <= 0n) return null;
    const tol = (mid < 0n ? -mid : mid) / 1000n;
    return sorted.every((d) => (d - mid < 0n ? mid - d : d - mid) <= tol) ? mid : null;
  }
  const nums = Array.from(values as Float64Array);
  const diffs = new Set<number>();
  for (let i = 1; i < n; i++) diffs.add(nums[i]! - nums[i - 1]!);
  const sorted = [...diffs].sort((a, b) => a - b);
  const mid = sorted[Math.floor(sorted.length / 2)]!;
  if (!(mid !== 0) || !Number.isFinite(mid) || sorted[0]! * mid <= 0 || sorted[sorted.length - 1]! * mid <= 0) return null;
  const tol = Math.abs(mid) * 1e-3;
  return sorted.every((d) => Math.abs(d - mid) <= tol) ? mid : null;
}

const ns = (xs: Array<number | bigint>) => BigInt64Array.from(xs.map(BigInt));

describe("evenStep", () => {
  it("returns the step of evenly sampled int64 times, including across the 32-bit word boundary", () => {
    const t0 = 1_704_067_200_000_000_000n;
    expect(evenStep(BigInt64Array.from({ length: 268_435 }, (_, i) => t0 + BigInt(i) * 1_000_000n))).toBe(1_000_000n);
    expect(evenStep(BigInt64Array.from({ length: 100 }, (_, i) => 2n ** 32n - 50n + BigInt(i)))).toBe(1n);
    expect(evenStep(BigInt64Array.from({ length: 10 }, (_, i) => 5n - BigInt(i) * 3n))).toBe(-3n);
    expect(evenStep(ns([7, 7, 7]))).toBeNull();
  });

  it("rejects an uneven time coordinate whose ends match an even one", () => {
    // Same first, second and last values as 0, 10, …, 40: only the full check sees the gap.
    expect(evenStep(ns([0, 10, 25, 30, 40]))).toBeNull();
    expect(evenStep(ns([0, 10, 20, 30, 20, 30, 40]))).toBeNull();
  });

  it("does not mistake a step that wraps around 2^64 for an even one", () => {
    expect(evenStep(ns([0n, 2n ** 63n - 1n, -2n]))).toBeNull();
  });

  it("tolerates jitter within 1e-3 of the middle unique diff, as DASCore does", () => {
    expect(evenStep(ns([0, 1000, 2000, 3001, 4001, 5000]))).toBe(1000n);
    expect(evenStep(Float64Array.of(0, 0.1, 0.2, 0.30000000000000004, 0.4))).toBe(referenceStep(Float64Array.of(0, 0.1, 0.2, 0.30000000000000004, 0.4)));
    expect(evenStep(Float64Array.of(0, 1, 2, NaN, 4))).toBeNull();
    expect(evenStep(Float64Array.of(0, 1, 2, 1, 4))).toBeNull();
  });

  it("agrees with the Set-based reference on random even, jittered and uneven arrays", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 300; trial++) {
      const n = 2 + Math.floor(rand() * 40);
      const step = (rand() < 0.5 ? -1 : 1) * (1 + Math.floor(rand() * 5000));
      const jitter = [0, 0, 1, 3, 8, 2000][trial % 6]!;
      const big = BigInt64Array.from({ length: n }, (_, i) => BigInt(i * step + Math.floor(rand() * (jitter + 1))));
      expect(evenStep(big), `int64 trial ${trial}`).toBe(referenceStep(big));
      const flt = Float64Array.from({ length: n }, (_, i) => i * step * 0.01 + rand() * jitter * 1e-5);
      expect(evenStep(flt), `float trial ${trial}`).toBe(referenceStep(flt));
      const f32 = Float32Array.from(flt);
      expect(evenStep(f32), `float32 trial ${trial}`).toBe(referenceStep(f32));
    }
  });
});
