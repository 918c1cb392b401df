// DASDAE files written by DASCore (test/fixtures/dasdae, made by make_fixtures.py) read here with
// the same dims, dtype, coordinates, attributes and data as DASCore reads them; no Python needed.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { comparePatch, type PatchDescription } from "./compare.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/dasdae");
const expected = JSON.parse(readFileSync(join(FIXTURES, "expected.json"), "utf8")) as {
  cases: Record<string, PatchDescription[]>;
};

const out = mkdtempSync(join(tmpdir(), "daspool-dasdae-fixtures-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("DASDAE files written by DASCore (issue 17)", () => {
  for (const [name, patches] of Object.entries(expected.cases)) {
    it(`reads ${name}.h5 as DASCore does`, async () => {
      const got = await dc.read(join(FIXTURES, `${name}.h5`));
      expect(got.length).toBe(patches.length);
      // DASCore orders patch groups by name, as HDF5 lists them; so does daspool.
      for (let i = 0; i < patches.length; i++) expect(comparePatch(got[i]!, patches[i]!)).toEqual([]);
    });

    it(`writes ${name} back so that it reads as DASCore's original`, async () => {
      const got = await dc.read(join(FIXTURES, `${name}.h5`));
      const path = join(out, `${name}.h5`);
      await dc.write(dc.spool(got), path, { format: "DASDAE" });
      const back = await dc.read(path);
      expect(back.length).toBe(patches.length);
      for (let i = 0; i < patches.length; i++) {
        expect(comparePatch(back[i]!, patches[i]!)).toEqual([]);
        expect(back[i]!.equals(got[i]!)).toBe(true);
      }
    });
  }

  it("reports a changed unit, history entry or sample (the comparison can fail)", async () => {
    const [p] = await dc.read(join(FIXTURES, "processed_history.h5"));
    const want = expected.cases["processed_history"]![0]!;
    expect(comparePatch(p!.updateCoords({ distance_units: "m" }), want).some((d) => d.startsWith("distance.units"))).toBe(true);
    expect(comparePatch(p!.updateAttrs({ history: ["x"] }), want).some((d) => d.startsWith("attrs.history"))).toBe(true);
    expect(comparePatch(dc.getExamplePatch("random_das", { shape: [6, 40] }), want)).toContain(
      'attrs.history: got [], DASCore ["pass_filter(corners=\'4\',time=\'(None,10)\',zerophase=\'True\')","set_units(distance=\'ft\')"]',
    );
  });
});
