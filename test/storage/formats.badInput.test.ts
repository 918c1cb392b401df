// Bad input for the HDF5 readers: truncated and byte-flipped copies of every battery file must end
// in one of our errors or a consistent read (never a crash or hang); unknown files and missing
// virtual-dataset sources get their own typed errors.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CorruptFileError, DaspoolError, UnknownFormatError } from "../../src/errors.ts";
import { getFormat, readFile, scanFile } from "../../storage/formats/registry.ts";
import { BATTERY, REAL } from "./batteryCases.ts";

const dir = mkdtempSync(join(tmpdir(), "daspool-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Detect, scan and read everything; any failure must be one of our errors. */
async function survive(path: string, format?: string, version?: string): Promise<"ok" | "error"> {
  try {
    const opts = format ? { format, formatVersion: version } : {};
    const s = await scanFile(path, opts);
    const patches = await readFile(path, opts);
    expect(patches).toHaveLength(s.patches.length);
    for (const [i, p] of patches.entries()) {
      expect(p.data.length).toBe(p.shape.reduce((a, b) => a * b, 1));
      expect(p.shape).toEqual(s.patches[i]!.shape);
    }
    return "ok";
  } catch (e) {
    if (!(e instanceof DaspoolError)) throw e;
    return "error";
  }
}

describe("HDF5 readers on damaged files", () => {
  it.each(BATTERY)("end every truncation of $file in our error or a consistent read", async (c) => {
    const bytes = readFileSync(REAL + c.file);
    for (const companion of c.companions ?? []) copyFileSync(REAL + companion, join(dir, companion));
    for (const frac of [0, 0.001, 0.01, 0.1, 0.5, 0.9, 0.999]) {
      const path = join(dir, `trunc-${frac}-${c.file}`);
      writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * frac)));
      await survive(path);
      await survive(path, c.format, c.version);
      rmSync(path);
    }
  });

  it.each(BATTERY)("end every byte flip in $file in our error or a consistent read", async (c) => {
    const bytes = readFileSync(REAL + c.file);
    for (const companion of c.companions ?? []) copyFileSync(REAL + companion, join(dir, companion));
    // Deterministic positions: the superblock, the metadata near the start, and spread out.
    const positions = [0, 9, 20, 40, 64, 100, 300, 700, 1500, 3000, 6000];
    for (let k = 1; k < 12; k++) positions.push(Math.floor((bytes.length * k) / 12));
    for (const pos of positions.filter((p) => p < bytes.length)) {
      const copy = Uint8Array.from(bytes);
      for (let j = 0; j < 16 && pos + j < copy.length; j++) copy[pos + j] = copy[pos + j]! ^ 0xa5;
      const path = join(dir, `flip-${pos}-${c.file}`);
      writeFileSync(path, copy);
      await survive(path, c.format, c.version);
      rmSync(path);
    }
  });
});

describe("format detection errors", () => {
  it("throws UnknownFormatError naming a file no format recognises", async () => {
    await expect(getFormat(REAL + "README.md")).rejects.toThrow(UnknownFormatError);
    await expect(getFormat(REAL + "README.md")).rejects.toThrow(/README\.md/);
  });

  it("throws UnknownFormatError for a path that does not exist", async () => {
    await expect(getFormat(join(dir, "missing.h5"))).rejects.toThrow(UnknownFormatError);
  });

  it("says when an unrecognised file looks like damaged HDF5", async () => {
    const path = join(dir, "cut.h5");
    writeFileSync(path, readFileSync(REAL + "prodml_2.0.h5").subarray(0, 5000));
    await expect(getFormat(path)).rejects.toThrow(/cut\.h5 \(it has an HDF5 signature but cannot be opened/);
  });

  it("throws UnknownFormatError for an empty file", async () => {
    const path = join(dir, "empty.h5");
    writeFileSync(path, new Uint8Array(0));
    await expect(getFormat(path)).rejects.toThrow(UnknownFormatError);
  });
});

describe("virtual datasets", () => {
  it("throw CorruptFileError when the VDS source file is missing (never zeros)", async () => {
    const alone = mkdtempSync(join(tmpdir(), "daspool-vds-"));
    try {
      const path = join(alone, "v5_compatible.h5");
      copyFileSync(REAL + "v5_compatible.h5", path);
      await expect(getFormat(path)).resolves.toEqual({ format: "TERRA15", version: "5" });
      await expect(readFile(path)).rejects.toThrow(CorruptFileError);
      await expect(readFile(path)).rejects.toThrow(/example_triggered_shot\.hdf5/);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});

describe("HDF5 engine after damaged files", () => {
  it("still reads every good file correctly (libhdf5 aborts leave it usable)", async () => {
    for (const c of BATTERY) {
      const patches = await readFile(REAL + c.file);
      expect(patches).toHaveLength(c.patches);
      expect(Number(patches[0]!.data[0])).toBeCloseTo(c.expect[0]!.first, 12);
    }
  });
});
