// The fuzz's comparison of a variant's read with the clean read (test/fuzz/compare.ts): which
// differences a damaged byte explains, on the exact miniSEED bytes of seed 18 #3725.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getFormat, read } from "../../src/index.ts";
import { compare, snapPatch, type Snapshot } from "./compare.ts";

const REAL = new URL("../../../shared/data/real", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "daspool-compare-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function snapshot(path: string): Promise<Snapshot> {
  const patches = await read(path);
  return { format: JSON.stringify(await getFormat(path)), patches: patches.map(snapPatch), contentsRows: patches.length, first: "" };
}

describe("compare", () => {
  it("#3725: 2 zeroed bytes of a Steim-2 word change the 3 samples they encode, and only those: damaged-only", async () => {
    const bytes = new Uint8Array(readFileSync(join(REAL, "geofon_5J_HSF.mseed")));
    expect([bytes[121906], bytes[121907]]).toEqual([240, 1]);
    bytes.fill(0, 121906, 121908);
    const path = join(work, "geofon_5J_HSF.mseed");
    writeFileSync(path, bytes);
    const clean = await snapshot(join(REAL, "geofon_5J_HSF.mseed"));
    const got = await snapshot(path);
    const a = clean.patches[0]!.data as Int32Array;
    const b = got.patches[0]!.data as Int32Array;
    const changed = a.reduce<number[]>((out, v, i) => (v !== b[i] ? [...out, i] : out), []);
    expect(changed).toEqual([194758, 194759, 194760]); // consecutive: the differences of one word
    expect(compare(clean, got, 2, false)).toEqual({ kind: "damaged-only", detail: "3 samples" });
    // One damaged byte cannot explain 3 changed samples plus a changed attribute.
    const attrs = { ...got.patches[0]!.attrs, station: '"X"' };
    expect(compare(clean, { ...got, patches: [{ ...got.patches[0]!, attrs }] }, 1, false).kind).toBe("different");
  });

  it("one damaged byte of a stored (uncompressed) sample explains one sample, not two", async () => {
    const clean = await snapshot(join(REAL, "h5_simple_1.h5"));
    const p = clean.patches[0]!;
    const data = Float64Array.from(p.data as ArrayLike<number>, (v, i) => (i < 2 ? v + 1 : v));
    const got = { ...clean, patches: [{ ...p, data }] };
    expect(compare(clean, got, 2, false).kind).toBe("damaged-only");
    expect(compare(clean, got, 1, false).kind).toBe("different");
  });
});
