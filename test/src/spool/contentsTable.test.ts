// The contents table is built from single-chunk vectors (src/spool/contents.ts): each kind of
// column must come out of Arrow with its values, its nulls and its type intact.
import { Table, tableFromIPC, tableToIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { contentsTable } from "../../../src/spool/contents.ts";

describe("contentsTable", () => {
  it("keeps strings (non-ASCII, repeated, null), floats, times and durations with their nulls", () => {
    const table = contentsTable([
      { name: "station", kind: "string", values: ["Å1", "b", null, "Å1", ""] },
      { name: "gauge_length", kind: "float", values: [10.5, null, -0, Number.NaN, 1e300] },
      { name: "time_min", kind: "timestamp", values: [1_704_067_200_000_000_001n, null, -1n, 0n, 9_000_000_000_000_000_000n] },
      { name: "time_step", kind: "duration", values: [4_000_000n, 4_000_000n, null, 1n, 0n] },
    ]);
    expect(table.numRows).toBe(5);
    expect(table.batches.length).toBe(1);
    expect(table.getChild("station")!.toArray()).toEqual(["Å1", "b", null, "Å1", ""]);
    expect(String(table.schema.fields[0]!.type)).toBe("Dictionary<Int32, Utf8>");
    const g = [...table.getChild("gauge_length")!];
    expect(g[0]).toBe(10.5);
    expect(g[1]).toBeNull();
    expect(Object.is(g[2], -0)).toBe(true);
    expect(g[3]).toBeNaN();
    expect(g[4]).toBe(1e300);
    // Arrow's row getter turns timestamps into milliseconds; the stored int64 keeps nanoseconds.
    const raw = (name: string) => {
      const v = table.getChild(name)!;
      return [...(v.data[0]!.values as BigInt64Array)].map((x, i) => (v.isValid(i) ? x : null));
    };
    expect(raw("time_min")).toEqual([1_704_067_200_000_000_001n, null, -1n, 0n, 9_000_000_000_000_000_000n]);
    expect(raw("time_step")).toEqual([4_000_000n, 4_000_000n, null, 1n, 0n]);
    expect(String(table.schema.fields[2]!.type)).toBe("Timestamp<NANOSECOND>");
    expect(String(table.schema.fields[3]!.type)).toBe("Duration<NANOSECOND>");
  });

  it("is the user's own apache-arrow Table: instanceof and an IPC round trip work", () => {
    const table = contentsTable([
      { name: "station", kind: "string", values: ["A", null, "B"] },
      { name: "time_min", kind: "timestamp", values: [1n, 2n, null] },
    ]);
    expect(table).toBeInstanceOf(Table);
    const back = tableFromIPC(tableToIPC(table));
    expect(back.getChild("station")!.toArray()).toEqual(["A", null, "B"]);
    expect([...(back.getChild("time_min")!.data[0]!.values as BigInt64Array)].slice(0, 2)).toEqual([1n, 2n]);
    expect(back.getChild("time_min")!.isValid(2)).toBe(false);
  });
});
