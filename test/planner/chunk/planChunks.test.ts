// planChunks on getExampleSpool()'s rows: SPEC §6.2 worked numbers, member slices, partitions,
// attribute conflicts, and the window coordinate (even joins vs snapped ones).

import { describe, expect, it } from "vitest";
import { planChunks, type ChunkSourceRow } from "../../../planner/chunk/index.ts";
import { NS_PER_S, STEP_4MS, T_2020_01_03, exampleRow, randomSpoolRows } from "./fixtures.ts";

const s = (x: number): bigint => BigInt(Math.round(x * 1e9));
const rows = randomSpoolRows();

describe("planChunks on the example spool (SPEC §6.2 worked numbers)", () => {
  it("cuts 2 s windows into 12 patches of 500 samples", () => {
    const w = planChunks(rows, { dim: "time", length: s(2) });
    expect(w).toHaveLength(12);
    expect(w.every((x) => x.samples === 500)).toBe(true);
  });

  it("drops the short tail of 5 s windows unless keepPartial keeps it (1000 samples)", () => {
    expect(planChunks(rows, { dim: "time", length: s(5) })).toHaveLength(4);
    const partial = planChunks(rows, { dim: "time", length: s(5), keepPartial: true });
    expect(partial).toHaveLength(5);
    expect(partial[4]?.samples).toBe(1000);
    expect(partial[4]?.stop).toBe(T_2020_01_03 + s(23.996));
  });

  it("starts overlapping windows every length − overlap", () => {
    expect(planChunks(rows, { dim: "time", length: s(3), overlap: s(1) })).toHaveLength(11);
    const w = planChunks(rows, { dim: "time", length: s(5), overlap: s(1) });
    expect(w.map((x) => Number((x.start as bigint) - T_2020_01_03) / 1e9)).toEqual([0, 4, 8, 12, 16]);
  });

  it("raises ChunkError when no run is as long as the window", () => {
    expect(() => planChunks(rows, { dim: "time", length: s(25) })).toThrowErrorMatchingInlineSnapshot(
      `[ChunkError: Could not chunk. No segments with sufficient length found.]`,
    );
  });

  it("merges the contiguous run into one 6000-sample window with length null", () => {
    const [w, ...rest] = planChunks(rows, { dim: "time", length: null });
    expect(rest).toHaveLength(0);
    expect(w).toMatchObject({ samples: 6000, start: T_2020_01_03, step: STEP_4MS, regridded: false });
    expect(w?.members).toEqual([
      { id: 0, slice: [0, 2000], outOffset: 0 },
      { id: 1, slice: [0, 2000], outOffset: 2000 },
      { id: 2, slice: [0, 2000], outOffset: 4000 },
    ]);
  });

  it("accepts a time length in seconds as well as in ns", () => {
    const a = planChunks(rows, { dim: "time", length: 2 });
    const b = planChunks(rows, { dim: "time", length: s(2) });
    expect(a).toEqual(b);
  });
});

describe("planChunks members", () => {
  it("splits a window that straddles two sources into two slices", () => {
    const w = planChunks(rows, { dim: "time", length: s(3) });
    // third window: 6 s .. 8.996 s = samples 1500..1999 of patch 0 and 0..249 of patch 1
    expect(w[2]?.members).toEqual([
      { id: 0, slice: [1500, 2000], outOffset: 0 },
      { id: 1, slice: [0, 250], outOffset: 500 },
    ]);
    expect(w[2]?.bounds).toEqual([T_2020_01_03 + s(6), T_2020_01_03 + s(8.996)]);
  });

  it("takes each sample once when sources overlap", () => {
    const overlapping = randomSpoolRows({ count: 2, gap: -s(0.5) });
    const [w] = planChunks(overlapping, { dim: "time", length: null });
    expect(w?.members).toEqual([
      { id: 0, slice: [0, 2000], outOffset: 0 },
      { id: 1, slice: [125, 2000], outOffset: 2000 },
    ]);
    expect(w?.samples).toBe(3875);
  });

  it("re-grids an uneven join when snapCoords, and keeps the raw ends without it", () => {
    const gappy = randomSpoolRows({ count: 2, gap: STEP_4MS });
    const [snapped] = planChunks(gappy, { dim: "time", length: null, tolerance: 3 });
    expect(snapped).toMatchObject({ samples: 4000, regridded: true });
    expect(snapped?.step).toBe(4_001_000n); // round(16 s / 3999 intervals)
    const [raw] = planChunks(gappy, { dim: "time", length: null, tolerance: 3, snapCoords: false });
    expect(raw).toMatchObject({ samples: 4000, regridded: false, step: null });
    expect(raw?.stop).toBe(T_2020_01_03 + s(16.0));
  });

  it("gives slices in source indices for rows trimmed by a select (offset)", () => {
    const trimmed: ChunkSourceRow = { ...exampleRow(7, { start: T_2020_01_03 + s(1) }), offset: 250 };
    const [w] = planChunks([trimmed], { dim: "time", length: s(1) });
    expect(w?.members).toEqual([{ id: 7, slice: [250, 500], outOffset: 0 }]);
  });

  it("chunks numeric dims with float arithmetic", () => {
    const dist: ChunkSourceRow = { id: 0, attrs: {}, min: 0, max: 299, step: 1, length: 300 };
    const w = planChunks([dist], { dim: "distance", length: 128, keepPartial: true });
    expect(w.map((x) => [x.start, x.stop, x.samples])).toEqual([
      [0, 127, 128],
      [128, 255, 128],
      [256, 299, 44],
    ]);
  });
});

describe("planChunks partitions", () => {
  const twoStations = [
    ...randomSpoolRows({ station: "a" }),
    ...randomSpoolRows({ station: "b", gap: NS_PER_S, firstId: 3 }),
  ];

  it("never lets one station bridge another station's gap", () => {
    const w = planChunks(twoStations, { dim: "time", length: null });
    expect(w.map((x) => [x.attrs["station"], x.samples])).toEqual([
      ["a", 6000],
      ["b", 2000],
      ["b", 2000],
      ["b", 2000],
    ]);
  });

  it("orders groups by their first source in the input", () => {
    const reversed = [...twoStations].reverse();
    const w = planChunks(reversed, { dim: "time", length: null });
    expect(w.map((x) => x.attrs["station"])).toEqual(["b", "b", "b", "a"]);
  });

  it("starts a new group when the step differs by more than 5 %", () => {
    const fast = randomSpoolRows({ count: 1 });
    const slow = randomSpoolRows({ count: 1, step: 5_000_000n, start: (fast[0]?.max as bigint) + STEP_4MS, firstId: 1 });
    expect(planChunks([...fast, ...slow], { dim: "time", length: null })).toHaveLength(2);
  });
});

describe("planChunks attribute conflicts", () => {
  const withAttr = (row: ChunkSourceRow, v: unknown): ChunkSourceRow => ({ ...row, attrs: { ...row.attrs, my_attr: v } });
  const conflicting = [withAttr(rows[0] as ChunkSourceRow, 1), withAttr(rows[1] as ChunkSourceRow, 2)];

  it("raises CoordMergeError naming the attribute", () => {
    expect(() => planChunks(conflicting, { dim: "time", length: null })).toThrowErrorMatchingInlineSnapshot(
      `[CoordMergeError: Cannot merge on dim time because all values for my_attr are not equal. Consider using the \`conflict\` argument to loosen this restriction.]`,
    );
  });

  it("drops or keeps the first value when conflict relaxes it", () => {
    expect(planChunks(conflicting, { dim: "time", length: null, conflict: "drop" })[0]?.attrs).not.toHaveProperty("my_attr");
    expect(planChunks(conflicting, { dim: "time", length: null, conflict: "keep_first" })[0]?.attrs["my_attr"]).toBe(1);
  });

  it("only compares members of the same window", () => {
    const w = planChunks(conflicting, { dim: "time", length: s(2) });
    expect(w.map((x) => x.attrs["my_attr"])).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it("always requires the other dimensions to agree", () => {
    const narrower = { ...(rows[1] as ChunkSourceRow), otherDims: { distance: { min: 0, max: 99, step: 1, length: 100 } } };
    expect(() => planChunks([rows[0] as ChunkSourceRow, narrower], { dim: "time", length: null, conflict: "drop" })).toThrowError(
      "all values for distance_max",
    );
  });
});

describe("planChunks edge cases", () => {
  it("takes a source nested inside an earlier one zero times", () => {
    const [outer] = randomSpoolRows({ count: 1 });
    const inner = exampleRow(1, { start: T_2020_01_03 + s(1), timeSamples: 100 });
    const after = exampleRow(2, { start: T_2020_01_03 + s(1.2), timeSamples: 2000 });
    const [w] = planChunks([outer!, inner, after], { dim: "time", length: null });
    expect(w?.members).toEqual([
      { id: 0, slice: [0, 2000], outOffset: 0 },
      { id: 2, slice: [1700, 2000], outOffset: 2000 },
    ]);
  });

  it("rejects a dimension the sources do not have, listing theirs", () => {
    expect(() => planChunks(rows, { dim: "depth", length: 1 })).toThrowError(
      "Cannot chunk on 'depth'; valid dimensions to chunk on are [distance, time]",
    );
  });

  it("rejects sources mixing bigint and number values", () => {
    const dist: ChunkSourceRow = { id: 9, attrs: {}, min: 0, max: 9, step: 1, length: 10 };
    expect(() => planChunks([rows[0]!, dist], { dim: "time", length: null })).toThrowError("mixes time (bigint ns)");
  });

  it("skips sources without values along the dim", () => {
    const empty: ChunkSourceRow = { id: 9, attrs: {}, min: 0n, max: 0n, step: STEP_4MS, length: 0 };
    expect(planChunks([empty, ...rows], { dim: "time", length: null })).toHaveLength(1);
  });

  it("plans 20 000 sources into 1 s windows quickly (sources are searched, not scanned)", () => {
    const many = randomSpoolRows({ count: 20_000 });
    const t0 = performance.now();
    const w = planChunks(many, { dim: "time", length: s(1) });
    expect(w).toHaveLength(160_000);
    // a scan of every source per window would take minutes here
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
