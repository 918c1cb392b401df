// dascoreEvenStep: the step DASCore derives for a coordinate array, or null when DASCore keeps the
// array. Evenly spaced arrays take a one-pass path; the rest the sorted-diff rule.
import { describe, expect, it } from "vitest";
import { dascoreEvenStep } from "../../storage/formats/dasdaeEven.ts";

describe("dascoreEvenStep", () => {
  it("gives the common diff of evenly spaced times and numbers", () => {
    const t0 = 1_704_067_200_000_000_000n;
    expect(dascoreEvenStep(BigInt64Array.from({ length: 2500 }, (_, i) => t0 + BigInt(i) * 4_000_000n))).toBe(4_000_000n);
    expect(dascoreEvenStep(BigInt64Array.of(5n, 3n, 1n))).toBe(-2n);
    expect(dascoreEvenStep(Float64Array.from({ length: 300 }, (_, i) => i * 1.5))).toBe(1.5);
    expect(dascoreEvenStep(Float32Array.of(0, 0.5, 1))).toBe(0.5);
    expect(dascoreEvenStep(Float64Array.of(3, 1))).toBe(-2);
  });

  it("has no step for repeated, NaN or single values", () => {
    expect(dascoreEvenStep(BigInt64Array.of(7n, 7n, 7n))).toBeNull();
    expect(dascoreEvenStep(Float64Array.of(1, 1))).toBeNull();
    expect(dascoreEvenStep(Float64Array.of(1, Number.NaN))).toBeNull();
    expect(dascoreEvenStep(Float64Array.of(Number.NaN, Number.NaN, Number.NaN))).toBeNull();
    expect(dascoreEvenStep(Float64Array.of(1))).toBeNull();
  });

  it("takes the median diff when diffs differ within DASCore's tolerance, and none beyond it", () => {
    // diffs 8, 8, 8.0078125, 8 (exact in binary): within 1e-3 relative of the median -> the
    // middle sorted diff
    expect(dascoreEvenStep(Float64Array.of(0, 8, 16, 24.0078125, 32.0078125))).toBe(8);
    expect(dascoreEvenStep(Float64Array.of(0, 8, 16, 24.0078125, 32.0078125, 40.015625, 48.0234375))).toBe(8.0078125);
    expect(dascoreEvenStep(BigInt64Array.of(0n, 1000n, 2000n, 3001n))).toBe(1000n);
    expect(dascoreEvenStep(Float64Array.of(0, 1, 3))).toBeNull();
    expect(dascoreEvenStep(BigInt64Array.of(0n, 10n, 5n))).toBeNull();
  });
});
