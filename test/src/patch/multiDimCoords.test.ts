// SPEC §3 non-dimensional coordinates over zero or several dimensions (issue 17): a
// quality(distance, time) array follows selections, goes with aggregation over either dim, and
// takes part in equals; a dimensionless coordinate (DASCore's dft leaves `time` so) stays as is.
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

function patch() {
  return new dc.Patch({
    data: Float64Array.from({ length: 12 }, (_, i) => i),
    dims: ["distance", "time"],
    coords: {
      distance: [0, 1, 2],
      time: dc.coordRange({ start: "2020-01-01", step: "1s", length: 4 }),
      quality: { dims: ["distance", "time"], values: Float64Array.from({ length: 12 }, (_, i) => 100 + i) },
      origin: { dims: [], values: Float64Array.of(7, 8) },
    },
  });
}

describe("coordinates over zero or several dimensions (issue 17)", () => {
  it("keeps the 2-D values row-major and slices them with a selection on either dimension", () => {
    const p = patch();
    expect(p.coordDims["quality"]).toEqual(["distance", "time"]);
    const s = p.select({ time: [1, 3] }, { samples: true }).select({ distance: [1, 3] }, { samples: true });
    expect(Array.from(s.getArray("quality") as Float64Array)).toEqual([105, 106, 109, 110]);
    expect(Array.from(s.getArray("origin") as Float64Array)).toEqual([7, 8]);
    expect(Array.from(s.data as Float64Array)).toEqual([5, 6, 9, 10]);
  });

  it("rejects values that do not fill the spanned shape and selections on the 2-D coordinate", () => {
    expect(
      () =>
        new dc.Patch({
          data: new Float64Array(12),
          dims: ["distance", "time"],
          coords: { distance: [0, 1, 2], time: [0, 1, 2, 3], quality: { dims: ["distance", "time"], values: new Float64Array(11) } },
        }),
    ).toThrow(/coordinate 'quality' has 11 values but its dimensions \(distance, time\) have shape \(3, 4\)/);
    expect(() => patch().select({ quality: [0, 1] })).toThrow(/cannot select on coordinate 'quality', which spans \(distance, time\)/);
  });

  it("drops the 2-D coordinate when aggregating one of its dimensions, and compares it in equals", () => {
    const p = patch();
    const a = p.aggregate("time", "mean");
    expect(Object.keys(a.coords).sort()).toEqual(["distance", "origin", "time"]);
    expect(p.equals(patch())).toBe(true);
    const other = p.updateCoords({ quality: { dims: ["distance", "time"], values: new Float64Array(12) } });
    expect(p.equals(other)).toBe(false);
    expect(String(p)).toContain("quality (distance, time): CoordArray( min: 100 max: 111 shape: (3, 4) dtype: float64 )");
  });
});
