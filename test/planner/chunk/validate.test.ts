// Chunk argument checks: every SPEC §6.2 error with its message pinned, defaults, durations.

import { describe, expect, it } from "vitest";
import { parseChunkArgs, planChunks, toDimDuration, validateChunkOptions } from "../../../planner/chunk/index.ts";
import { randomSpoolRows } from "./fixtures.ts";

describe("parseChunkArgs", () => {
  it("splits the dimension key from the options", () => {
    expect(parseChunkArgs({ time: 2, overlap: 0.5, keepPartial: true })).toEqual({
      dim: "time",
      length: 2,
      overlap: 0.5,
      keepPartial: true,
    });
  });

  it("rejects two dimension keys", () => {
    expect(() => parseChunkArgs({ time: 2, distance: 10 })).toThrowErrorMatchingInlineSnapshot(
      `[ParameterError: Chunking only supported along one dimension. You passed dimension keys: [time, distance]]`,
    );
  });

  it("rejects no dimension key", () => {
    expect(() => parseChunkArgs({ overlap: 1 })).toThrowError("only supported along one dimension");
  });
});

describe("validateChunkOptions", () => {
  it("applies the defaults", () => {
    expect(validateChunkOptions({ dim: "time", length: 2 }, true)).toEqual({
      dim: "time",
      length: 2_000_000_000n,
      overlap: null,
      keepPartial: false,
      snapCoords: true,
      tolerance: 1.5,
      conflict: "raise",
    });
  });

  it("rejects a length that is not positive", () => {
    expect(() => validateChunkOptions({ dim: "time", length: 0 }, true)).toThrowErrorMatchingInlineSnapshot(
      `[ParameterError: Chunk value must be greater than 0; got 0]`,
    );
    expect(() => validateChunkOptions({ dim: "distance", length: -5 }, false)).toThrowError("must be greater than 0");
  });

  it("rejects an overlap larger than the length", () => {
    expect(() => validateChunkOptions({ dim: "time", length: 1, overlap: 2 }, true)).toThrowErrorMatchingInlineSnapshot(
      `[ParameterError: Cant chunk when overlap is greater than chunk size (overlap 2 must be smaller than length 1)]`,
    );
  });

  it("rejects overlap or keepPartial when merging (length null)", () => {
    expect(() => validateChunkOptions({ dim: "time", length: null, overlap: 1 }, true)).toThrowErrorMatchingInlineSnapshot(
      `[ParameterError: When the chunk length is null (merging contiguous patches) neither keepPartial nor overlap may be set.]`,
    );
    expect(() => validateChunkOptions({ dim: "time", length: null, keepPartial: true }, true)).toThrowError("keepPartial");
    expect(validateChunkOptions({ dim: "time", length: null, overlap: 0 }, true).overlap).toBeNull();
  });

  it("rejects an unknown conflict mode", () => {
    expect(() =>
      validateChunkOptions({ dim: "time", length: 1, conflict: "merge" as "raise" }, true),
    ).toThrowErrorMatchingInlineSnapshot(`[ParameterError: conflict must be one of raise, drop, keep_first; got 'merge']`);
  });

  it("rejects an unknown dimension, listing the valid ones", () => {
    expect(() => validateChunkOptions({ dim: "depth", length: 1 }, false, ["distance", "time"])).toThrowErrorMatchingInlineSnapshot(
      `[ParameterError: Cannot chunk on 'depth'; valid dimensions to chunk on are [distance, time]]`,
    );
  });

  it("rejects a negative tolerance", () => {
    expect(() => validateChunkOptions({ dim: "time", length: 1, tolerance: -1 }, true)).toThrowError("tolerance");
  });

  it("runs before planning, even on an empty spool", () => {
    expect(() => planChunks([], { dim: "time", length: -1 })).toThrowError("must be greater than 0");
    expect(planChunks([], { dim: "time", length: 1 })).toEqual([]);
  });

  it("reports a ChunkError for a source without a step", () => {
    const [row] = randomSpoolRows({ count: 1 });
    expect(() => planChunks([{ ...row!, step: null }], { dim: "time", length: 1 })).toThrowError(/not evenly sampled/);
  });
});

describe("toDimDuration", () => {
  it("reads seconds, ns and unit strings for time dims", () => {
    expect(toDimDuration(1.12, true)).toBe(1_120_000_000n);
    expect(toDimDuration(5n, true)).toBe(5n);
    expect(toDimDuration("250ms", true)).toBe(250_000_000n);
    expect(toDimDuration("2min", true)).toBe(120_000_000_000n);
    expect(toDimDuration("10us", true)).toBe(10_000n);
  });

  it("keeps numbers for other dims", () => {
    expect(toDimDuration(12.5, false)).toBe(12.5);
  });

  it("rejects unreadable durations", () => {
    expect(() => toDimDuration("soon", true)).toThrowError(/cannot convert "soon" to a duration/);
  });
});
