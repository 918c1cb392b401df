// correlate with `null` sources (every line): DASCore 0.1.21 crashes there ("assignment
// destination is read-only"), so no fixture can hold it; daspool's answer must be the one the
// fixtures check for the explicit list of every coordinate value.
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

describe("correlate with every source", () => {
  for (const order of [["distance", "time"], ["time", "distance"]] as const) {
    it(`null equals the list of every distance (${order.join(", ")})`, () => {
      const p = dc.getExamplePatch().select({ distance: [0, 3], time: [0, 16] }, { samples: true }).transpose(...order);
      const values = Array.from(p.getCoord("distance").values() as ArrayLike<number>, Number);
      expect(values).toHaveLength(3);
      const all = p.correlate({ distance: null });
      const listed = p.correlate({ distance: values });
      expect(all.dims).toEqual(listed.dims);
      expect(all.shape).toEqual(p.dims.map((d) => (d === "time" ? 32 : 3)).concat(3)); // lags: 2·16 − 1 padded to 32
      expect(Array.from(all.getCoord("source_distance").values() as ArrayLike<number>)).toEqual(values);
      expect(Array.from(all.data as ArrayLike<number>)).toEqual(Array.from(listed.data as ArrayLike<number>));
    });
  }
});
