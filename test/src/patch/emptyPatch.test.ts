// SPEC §3's empty patch (issue 17): DASCore's `dc.Patch()` has no dimensions and no samples,
// shape (0,); daspool builds, prints and writes it to DASDAE and back the same way.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "daspool-empty-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the empty patch (issue 17)", () => {
  it("has no dims, shape [0] and size 0, as DASCore's dc.Patch()", () => {
    const p = new dc.Patch({ data: new Float64Array(0), dims: [] });
    expect(p.dims).toEqual([]);
    expect(p.shape).toEqual([0]);
    expect(p.size).toBe(0);
    expect(String(p)).toContain("➤ Coordinates ()\n➤ Data (float64)\n   []");
  });

  it("round-trips through DASDAE, and so does a selection that keeps no time sample", async () => {
    const empty = new dc.Patch({ data: new Float64Array(0), dims: [] });
    await dc.write(empty, join(dir, "empty.h5"), { format: "DASDAE" });
    const [back] = await dc.read(join(dir, "empty.h5"));
    expect(back!.shape).toEqual([0]);
    expect(back!.equals(empty)).toBe(true);
    const none = dc.getExamplePatch("random_das", { shape: [4, 10] }).select({ time: [null, "2000-01-01"] });
    expect(none.shape).toEqual([4, 0]);
    await dc.write(none, join(dir, "none.h5"), { format: "DASDAE" });
    const [back2] = await dc.read(join(dir, "none.h5"));
    expect(back2!.shape).toEqual([4, 0]);
    expect(back2!.equals(none)).toBe(true);
  });
});
