// The stored-metadata checks of storage/h5/storageCheck.ts on the exact bytes of the fuzz
// variants (seed 18) that libhdf5 read without complaint: damaged version-1 B-tree chunk keys
// (libhdf5 returned zeros for the chunk it could no longer find) and a damaged float exponent
// bias. Damaged copies live in a temp folder; ../shared/data/real is never written.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CorruptFileError, read } from "../../../src/index.ts";
import { failure } from "../rejection.ts";

const REAL = new URL("../../../../shared/data/real", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "daspool-storagecheck-"));
let n = 0;
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of real file `name` in its own folder (the other real files linked beside it), changed by `edit`. */
function damaged(name: string, edit: (b: Uint8Array, v: DataView) => void): string {
  const dir = join(work, `c${n++}`);
  mkdirSync(dir);
  for (const other of readdirSync(REAL)) if (other !== name && !other.endsWith(".md")) symlinkSync(join(REAL, other), join(dir, other));
  const bytes = new Uint8Array(readFileSync(join(REAL, name)));
  edit(bytes, new DataView(bytes.buffer));
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const BSL = "febusg1_C2_2026-06-03T17.18.13+0200.bsl.h5";
const MTX = "febus-g1-spectra_C2_2026-06-03T17.28.13+0200.mtx.h5";

// [fuzz variant, file, edit, dataset, what the message must say]
const CASES: Array<[string, string, (b: Uint8Array, v: DataView) => void, string, RegExp]> = [
  ["#1554 hugesize @1176132", "neubrex_dss_forge.h5", (_b, v) => v.setUint32(1176132, 0x40000000, true), "/data", /keys out of order/],
  ["#1808 zeroblock @43014 ×1859", BSL, (b) => b.fill(0, 43014, 43014 + 1859), "/bsl_data", /keys out of order/],
  ["#2096 structflip @3347223 bit 1", MTX, (b) => void (b[3347223]! ^= 1 << 1), "/mtx", /off the chunk grid/],
  ["#2938 hugesize @85544", "febus_dts.h5", (_b, v) => v.setUint32(85544, 0x10000000, true), "/Data/Temperature", /keys out of order/],
  ["#3198 structflip @3347224 bit 2 (the element-size dimension of a key)", MTX, (b) => void (b[3347224]! ^= 1 << 2), "/mtx", /lists a chunk at \[0, 0, 0, 4\]/],
  ["#4824 structflip @43019 bit 5", BSL, (b) => void (b[43019]! ^= 1 << 5), "/bsl_data", /keys out of order/],
];

describe("damaged chunk indexes (version-1 B-trees) raise instead of reading zeros", () => {
  it.each(CASES)("%s of %s", async (_label, name, edit, dataset, why) => {
    const path = damaged(name, edit);
    const e = await failure(read(path));
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toContain(path);
    expect(e.message).toContain(`dataset ${dataset}`);
    expect(e.message).toMatch(why);
  });

  it("a chunk missing from the index of a dataset without a fill value is named with the counts", async () => {
    // bsl_data's 120 chunks sit in two leaves (63 + 57); declaring 56 entries in the second drops
    // the last chunk and keeps every remaining key in order: only the count against the shape sees it.
    const path = damaged(BSL, (b, v) => {
      const at = Buffer.from(b).indexOf(Buffer.from("TREE", "latin1"), 45000);
      expect(at).toBe(45600);
      expect(v.getUint16(at + 6, true)).toBe(57);
      v.setUint16(at + 6, 56, true);
    });
    const e = await failure(read(path));
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/lists 119 chunks, the shape \[120, 100\] in chunks of \[1, 100\] needs 120, and no fill value was set/);
  });

  it("the undamaged files read as before", async () => {
    for (const name of [BSL, MTX, "febus_dts.h5", "neubrex_dss_forge.h5"]) {
      const patches = await read(damaged(name, () => {}));
      expect(patches.length).toBe(1);
      expect(patches[0]!.data.length).toBeGreaterThan(0);
    }
  });
});

describe("a damaged float datatype raises instead of converting every sample wrongly", () => {
  it("#1244 hugesize @1920: the exponent bias of v5_compatible.h5's float32 becomes 2^31-1", async () => {
    const path = damaged("v5_compatible.h5", (_b, v) => {
      expect(v.getUint32(1920, true)).toBe(127);
      v.setUint32(1920, 0x7fffffff, true);
    });
    const e = await failure(read(path));
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/dataset \/data_product\/data: float datatype of 4 bytes .* bias 2147483647 \(IEEE 754: 0, 32, 23, 8, 23, 127\)/);
  });
});
