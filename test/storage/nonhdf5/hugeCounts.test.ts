// Regression (issue 6): a corrupted count field must end in CorruptFileError before it sizes an
// output array (a RangeError or an out-of-memory from `new Float32Array(huge)` is a crash).
import { describe, expect, it } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CorruptFileError } from "../../../src/errors.ts";
import { febusG1CsvFormat } from "../../../storage/formats/febusG1Csv/index.ts";
import { mseedFormat } from "../../../storage/formats/mseed/index.ts";
import { sintelaFormat } from "../../../storage/formats/sintela/index.ts";
import { REAL, withTempDir } from "./battery.ts";

/** A temp copy of `name` with `edit` applied to its bytes. */
async function edited(dir: string, name: string, edit: (b: Buffer) => Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, edit(await readFile(join(REAL, name))));
  return path;
}

describe("huge counts in damaged files", () => {
  it("rejects a miniSEED record claiming more samples than it can hold", async () => {
    await withTempDir(async (dir) => {
      const path = await edited(dir, "geofon_9N_HSF.mseed", (b) => { b.writeUInt16BE(65535, 30); return b; });
      await expect(mseedFormat.scan(path, "2")).rejects.toThrow(/65535 samples cannot fit a 4096-byte record at offset 30/);
    });
  });

  it("rejects a Sintela packet claiming more samples than it holds", async () => {
    await withTempDir(async (dir) => {
      // First TS05 payload starts at 30163 + 12; its num_samples varint (0x18 0x08) is at +44.
      const path = await edited(dir, "sintela_protobuf_1.pb", (b) => {
        const at = b.indexOf(Buffer.from([0x18, 0x08, 0x20, 0x01]), 30175);
        b.writeUInt8(0x7f, at + 1);
        return b;
      });
      const err = await sintelaFormat.scan(path, "1").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CorruptFileError);
      expect(String(err)).toMatch(/127 × 200 samples cannot fit/);
    });
  });

  it("rejects a Febus G1 profile whose fiber range promises more values than the file holds", async () => {
    await withTempDir(async (dir) => {
      const name = "febg1_C1_2023-05-10T12.25.03+0000.bsl";
      const path = await edited(dir, name, (b) => Buffer.from(b.toString("latin1").replace("fiberTo;1900", "fiberTo;9e15"), "latin1"));
      await expect(febusG1CsvFormat.scan(path, "1")).rejects.toThrow(CorruptFileError);
    });
  });
});
