// planConcatenate: grouping by n, new vs existing dims, joined coordinates, and dim checks.

import { describe, expect, it } from "vitest";
import { planConcatenate, type ConcatSourceRow } from "../../../planner/chunk/index.ts";

const T0 = 1_578_009_600_000_000_000n;
const STEP = 4_000_000n;

function row(id: number, start: bigint, extra: Partial<ConcatSourceRow> = {}): ConcatSourceRow {
  return {
    id,
    attrs: { tag: "random", history: [] },
    dims: ["distance", "time"],
    coords: {
      distance: { min: 0, max: 299, step: 1, length: 300 },
      time: { min: start, max: start + 1999n * STEP, step: STEP, length: 2000 },
    },
    ...extra,
  };
}

const contiguous = [0, 1, 2].map((k) => row(k, T0 + BigInt(k) * 2000n * STEP));

describe("planConcatenate", () => {
  it("joins all sources into one with null", () => {
    const { groups } = planConcatenate(contiguous, { dim: "time", n: null });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      ids: [0, 1, 2],
      newDim: false,
      dims: ["distance", "time"],
      coord: { min: T0, max: T0 + 5999n * STEP, step: STEP, length: 6000 },
      attrs: { history: ["concatenate"] },
    });
  });

  it("joins groups of n, the last one shorter", () => {
    const rows = [...contiguous, row(3, T0)];
    expect(planConcatenate(rows, { dim: "time", n: 3 }).groups.map((g) => g.ids)).toEqual([[0, 1, 2], [3]]);
  });

  it("joins coordinate values as they are, gaps included", () => {
    const gappy = [row(0, T0), row(1, T0 + 10n ** 10n)];
    const [g] = planConcatenate(gappy, { dim: "time", n: null }).groups;
    expect(g?.coord).toEqual({ min: T0, max: T0 + 10n ** 10n + 1999n * STEP, step: null, length: 4000 });
  });

  it("adds a new last dimension with a partial coordinate for a key that is not a dim", () => {
    const [g] = planConcatenate([row(0, T0), row(1, T0)], { dim: "wave_rank", n: null }).groups;
    expect(g).toMatchObject({
      newDim: true,
      dims: ["distance", "time", "wave_rank"],
      coord: { min: null, max: null, step: null, length: 2 },
    });
  });

  it("throws PatchCoordinateError for sources with other dimensions", () => {
    const other = row(1, T0, { dims: ["time", "distance"] });
    expect(() => planConcatenate([row(0, T0), other], { dim: "time", n: null })).toThrowErrorMatchingInlineSnapshot(
      `[PatchCoordinateError: Cannot concatenate patches with different dimensions: (distance, time) and (time, distance) (source 1).]`,
    );
  });

  it("skips sources whose other coordinates differ from the first", () => {
    const narrow = row(1, T0, {});
    const rows = [row(0, T0), { ...narrow, coords: { ...narrow.coords, distance: { min: 0, max: 99, step: 1, length: 100 } } }];
    expect(planConcatenate(rows, { dim: "time", n: null })).toMatchObject({ skipped: [1], groups: [{ ids: [0] }] });
  });

  it("rejects a group size that is not a positive integer", () => {
    expect(() => planConcatenate(contiguous, { dim: "time", n: 0 })).toThrowError("positive integer");
  });
});
