// Truncated or bit-flipped copies of every real non-HDF5 file end in CorruptFileError naming the
// file and an offset, or in a consistent read; never a RangeError, crash or hang.
import { describe, expect, it } from "vitest";
import { CorruptFileError } from "../../../src/errors.ts";
import type { FormatModule } from "../../../storage/formats/types.ts";
import { BATTERY, consistent, damagedCopy, offsetsFor, sizeOf, withTempDir } from "./battery.ts";

/** Scans and reads every patch of `path`; returns "ok" or the CorruptFileError message. */
async function outcome(module: FormatModule, version: string, path: string): Promise<string> {
  try {
    const rows = await module.scan(path, version);
    for (const row of rows) {
      const p = await module.read(path, row.key, version);
      if (!consistent(p)) throw new Error(`inconsistent patch from ${path}`);
      expect(p.shape).toEqual(row.shape);
    }
    return "ok";
  } catch (e) {
    if (!(e instanceof CorruptFileError)) throw e;
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/offset \d+/);
    return e.message;
  }
}

/** Like {@link outcome}, but reads only a corner of the first patch (for many header cases). */
async function quickOutcome(module: FormatModule, version: string, path: string): Promise<string> {
  try {
    const [row] = await module.scan(path, version);
    if (row) {
      const selection = Object.fromEntries(row.dims.map((d, i) => [d, [0, Math.min(64, row.shape[i]!)] as const]));
      const p = await module.read(path, row.key, version, selection);
      if (!consistent(p)) throw new Error(`inconsistent patch from ${path}`);
    }
    return "ok";
  } catch (e) {
    if (!(e instanceof CorruptFileError)) throw e;
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/offset \d+/);
    return e.message;
  }
}

/** Every byte of the first 48, then 32 offsets spread over the first 4 KiB: where headers live. */
function headerOffsets(size: number): number[] {
  const head = Math.min(size, 4096);
  const spread = Array.from({ length: 32 }, (_, i) => 48 + Math.floor((i * (head - 48)) / 32));
  return [...new Set([...Array.from({ length: Math.min(48, size) }, (_, i) => i), ...spread])].filter((x) => x < size);
}

const cases = BATTERY.flatMap(({ module, version, files }) => files.map((file) => ({ module, version, file })));

describe.each(cases)("$module.name on damaged $file", ({ module, version, file }) => {
  const size = sizeOf(file);
  it("ends every truncation in CorruptFileError or a consistent read", async () => {
    await withTempDir(async (dir) => {
      for (const cut of offsetsFor(size, 8)) {
        await outcome(module, version, await damagedCopy(dir, file, { cut }));
      }
    });
  }, 60_000);
  it("ends every truncation or byte flip inside the headers in CorruptFileError or a read", async () => {
    await withTempDir(async (dir) => {
      for (const at of headerOffsets(size)) {
        await quickOutcome(module, version, await damagedCopy(dir, file, { flips: [at] }));
        await quickOutcome(module, version, await damagedCopy(dir, file, { cut: at }));
      }
    });
  }, 120_000);
  it("ends every byte flip in CorruptFileError or a consistent read", async () => {
    await withTempDir(async (dir) => {
      for (const at of offsetsFor(size, 16)) {
        await outcome(module, version, await damagedCopy(dir, file, { flips: [at] }));
      }
    });
  }, 60_000);
});
