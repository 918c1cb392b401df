// Index order checked in JS (issue 5): queries without ORDER BY trust the Parquet's written order
// and only re-sort when the rows come back otherwise (several files, a reordering scan).
import { describe, expect, it } from "vitest";
import { indexOrderPermutation } from "../../../storage/index/order.ts";

const ts = (n: bigint | null) => (n === null ? null : { nanos: n });

describe("indexOrderPermutation", () => {
  it("is null for rows already sorted by time_min, path, key with null times last", () => {
    const names = ["path", "key", "time_min"];
    const columns = [["a", "a", "b", "a"], ["k1", "k2", "k0", "k0"], [ts(1n), ts(1n), ts(1n), ts(null)]];
    expect(indexOrderPermutation(names, columns)).toBeNull();
  });

  it("gives the sorting row order otherwise, ties broken by path then key", () => {
    const names = ["time_min", "path", "key"];
    const columns = [[ts(5n), ts(null), ts(1n), ts(5n), ts(1n)], ["b", "a", "z", "a", "y"], ["", "", "", "", ""]];
    expect(indexOrderPermutation(names, columns)).toEqual([4, 2, 3, 0, 1]);
  });

  it("orders by path and key alone when the index has no time column", () => {
    expect(indexOrderPermutation(["path", "key"], [["b", "a", "a"], ["", "/2", "/1"]])).toEqual([2, 1, 0]);
  });
});
