// miniSEED 2 consistency checks (storage/formats/mseed/layout.ts) on the exact bytes of the fuzz
// variants (seed 1207) that split geofon_3U's one station into extra patches without an error.
// Damaged copies live in a temp folder; ../shared/data/real is never written.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CorruptFileError, read } from "../../../src/index.ts";
import { REAL } from "./battery.ts";
import { failure } from "../rejection.ts";

const work = mkdtempSync(join(tmpdir(), "daspool-mseedcheck-"));
let n = 0;
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of geofon_3U_HSF.mseed with byte `at` XORed by `mask`. */
function flipped(at: number, mask: number): string {
  const bytes = new Uint8Array(readFileSync(join(REAL, "geofon_3U_HSF.mseed")));
  bytes[at]! ^= mask;
  const path = join(work, `v${n++}.mseed`);
  writeFileSync(path, bytes);
  return path;
}

describe("miniSEED 2 records that contradict their neighbours", () => {
  it("#244 structflip @11 bit 0: a station code flipped in the first record (A0905 → A0915) raises", async () => {
    const path = flipped(11, 1 << 0);
    const e = await failure(read(path));
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/the only record of FDSN:3U_A0915__H_S_F continues exactly with FDSN:3U_A0905__H_S_F's records \(damaged station codes\) at offset 8/);
  });

  it("#505 structflip @51774 bit 2: a record length exponent 9 → 13 that swallows 15 records raises", async () => {
    const path = flipped(51774, 1 << 2);
    const e = await failure(read(path));
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/record declares 8192 bytes, but the record continuing it starts 512 bytes in \(damaged record length\) at offset 51712/);
  });

  it("the undamaged file still reads as three patches of one station", async () => {
    const patches = await read(flipped(0, 0));
    expect(patches.map((p) => p.shape[1])).toEqual([360000, 519096, 360000]);
  });
});
