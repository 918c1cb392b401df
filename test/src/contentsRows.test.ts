// dc.contentsRows (issue 22): exact bigint ns for the contents' times, which Arrow JS hands out
// as float milliseconds; everything else as plain values.

import { describe, expect, it } from "vitest";
import * as dc from "../../src/index.ts";
import { REAL } from "./cli/runCli.ts";

describe("dc.contentsRows", () => {
  it("gives time_min/max as exact bigint ns where Arrow gives float ms", async () => {
    const table = await dc.spool(`${REAL}/example_triggered_shot.hdf5`).getContents();
    expect(typeof table.get(0)!.toJSON()["time_min"]).toBe("number"); // Arrow's behaviour, documented
    const [row] = dc.contentsRows(table);
    expect(row!["time_min"]).toBe(dc.toDatetime64("2023-01-27T05:54:03.63690752"));
    expect(Number(row!["time_min"]) / 1e6).toBeCloseTo(table.get(0)!.toJSON()["time_min"] as number, 0);
    expect(typeof row!["time_step"]).toBe("bigint");
    expect(row!["file_format"]).toBe("TERRA15");
    expect(typeof row!["distance_min"]).toBe("number");
  });

  it("keeps nanoseconds that float milliseconds cannot hold", async () => {
    const t0 = dc.toDatetime64("2020-01-03T00:00:00.000000123");
    const a = dc.getExamplePatch("random_das", { time_min: t0, shape: [2, 5] });
    const table = await dc.spool([a, a.updateAttrs({ station: "B" })]).getContents();
    const rows = dc.contentsRows(table);
    expect(rows.map((r) => r["time_min"])).toEqual([t0, t0]);
    expect(rows.map((r) => r["station"])).toEqual(["", "B"]);
    expect(rows[0]!["time_step"]).toBe(4_000_000n);
  });
});
