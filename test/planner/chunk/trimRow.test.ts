// trimRow: the inclusive select rule on rows (first sample >= lo, last <= hi) and window bounds.

import { describe, expect, it } from "vitest";
import { trimRow, type ChunkSourceRow } from "../../../planner/chunk/index.ts";
import { bigintArith, numberArith } from "../../../planner/chunk/arith.ts";
import { windowBounds } from "../../../planner/chunk/intervals.ts";

const row: ChunkSourceRow = { id: 0, attrs: {}, min: 0n, max: 96_000_000n, step: 4_000_000n, length: 25 };

describe("trimRow", () => {
  it("keeps the samples inside the inclusive range", () => {
    expect(trimRow(row, 1_000_000n, 9_000_000n)).toMatchObject({ min: 4_000_000n, max: 8_000_000n, length: 2, offset: 1 });
    expect(trimRow(row, 4_000_000n, 8_000_000n)).toMatchObject({ min: 4_000_000n, max: 8_000_000n, length: 2 });
  });

  it("treats null as open and swaps reversed bounds", () => {
    expect(trimRow(row, null, 10_000_000n)).toMatchObject({ min: 0n, length: 3, offset: 0 });
    expect(trimRow(row, 10_000_000n, null)).toMatchObject({ max: 96_000_000n, length: 22, offset: 3 });
    expect(trimRow(row, 9_000_000n, 1_000_000n)).toMatchObject({ length: 2 });
  });

  it("returns null when no sample lies inside", () => {
    expect(trimRow(row, 1_000_000n, 3_000_000n)).toBeNull();
    expect(trimRow(row, 97_000_000n, null)).toBeNull();
  });

  it("accumulates offsets over repeated trims", () => {
    const once = trimRow(row, 8_000_000n, null) as ChunkSourceRow;
    expect(trimRow(once, 16_000_000n, null)).toMatchObject({ min: 16_000_000n, offset: 4 });
  });

  it("tolerates float noise on numeric coordinates", () => {
    const dist: ChunkSourceRow = { id: 0, attrs: {}, min: 0, max: 2.9, step: 0.1, length: 30 };
    // 0.3 / 0.1 = 2.9999999999999996 in floats; the sample at 0.3 must be kept on both sides
    expect(trimRow(dist, 0.3, 0.3)).toMatchObject({ length: 1, offset: 3 });
  });
});

describe("windowBounds", () => {
  it("cuts windows ending one step before start + length", () => {
    const w = windowBounds({ start: 0n, stop: 23_996n, step: 4n, length: 5_000n, overlap: null, keepPartial: false }, bigintArith);
    expect(w).toEqual([[0n, 4_996n], [5_000n, 9_996n], [10_000n, 14_996n], [15_000n, 19_996n]]);
  });

  it("reports a run shorter than the window as null unless keepPartial", () => {
    const req = { start: 0, stop: 9, step: 1, length: 20, overlap: null, keepPartial: false };
    expect(windowBounds(req, numberArith)).toBeNull();
    expect(windowBounds({ ...req, keepPartial: true }, numberArith)).toEqual([[0, 9]]);
  });

  it("makes gaps with a negative overlap", () => {
    const w = windowBounds({ start: 0, stop: 9, step: 1, length: 2, overlap: -1, keepPartial: false }, numberArith);
    expect(w).toEqual([[0, 1], [3, 4], [6, 7]]);
  });
});

describe("trimRow bounds", () => {
  it("rejects a bound of the wrong kind (number for a time row)", () => {
    expect(() => trimRow(row, 1, null)).toThrowErrorMatchingInlineSnapshot(
      `[ParameterError: select bound 1 is a number but source 0 has bigint values (times are bigint ns)]`,
    );
  });
});
