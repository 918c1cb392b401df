// Detection: exactly one registered format claims each battery file, HDF5 files are opened once
// per detection whatever the number of HDF5 formats, and non-HDF5 files are never opened by HDF5.
import { describe, expect, it } from "vitest";
import { h5OpenCount } from "../../storage/h5/index.ts";
import { SharedProbe } from "../../storage/formats/hdf5Probe.ts";
import { findFormat, getFormat, listFormats, scanFile } from "../../storage/formats/registry.ts";
import { UnknownFormatError } from "../../src/errors.ts";
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as dc from "../../src/index.ts";
import { BATTERY, REAL } from "./batteryCases.ts";

function probeOf(path: string): SharedProbe {
  const size = statSync(path).size;
  const head = new Uint8Array(Math.min(4096, size));
  const fd = openSync(path, "r");
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  return new SharedProbe(path, size, head);
}

describe("format detection", () => {
  it.each(BATTERY)("lets only $format claim $file", async (c) => {
    const probe = probeOf(REAL + c.file);
    try {
      const claims: string[] = [];
      for (const m of await listFormats()) {
        const v = await m.detect(probe).catch(() => null);
        if (v) claims.push(`${m.name} ${v}`);
      }
      expect(claims).toEqual([`${c.format} ${c.version}`]);
    } finally {
      await probe.close();
    }
  });

  it("opens an HDF5 file once per detection, shared by every HDF5 detector", async () => {
    const before = h5OpenCount();
    await expect(getFormat(REAL + "neubrex_dss_forge.h5")).resolves.toEqual({ format: "NeubrexRFS", version: "1" });
    expect(h5OpenCount() - before).toBe(1);
  });

  it("scans a DASDAE file on the handle detection opened (one open per scan), forced format or not", async () => {
    // a file daspool wrote keeps its attributes in dense storage, which only libhdf5 reads
    const dir = mkdtempSync(join(tmpdir(), "daspool-detect-"));
    try {
      const path = join(dir, "written.h5");
      await dc.write(dc.getExamplePatch(), path, { format: "DASDAE" });
      const expected = (await scanFile(path)).patches;
      let before = h5OpenCount();
      const scan = await scanFile(path);
      expect(h5OpenCount() - before).toBe(1);
      expect(scan.patches).toEqual(expected);
      before = h5OpenCount();
      await expect(scanFile(path, { format: "dasdae" })).resolves.toMatchObject({ format: "DASDAE", version: "1" });
      expect(h5OpenCount() - before).toBe(1);
      // The probe is closed afterwards: scanning again still works and opens the file once more.
      before = h5OpenCount();
      await scanFile(path);
      expect(h5OpenCount() - before).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("detects and scans a file DASCore wrote without libhdf5 (the pure-JS reader)", async () => {
    const path = REAL + "dispersion_event.h5";
    const before = h5OpenCount();
    const scan = await scanFile(path);
    expect(h5OpenCount() - before).toBe(0);
    expect(scan).toMatchObject({ format: "DASDAE", version: "1" });
    expect(scan.patches[0]!.shape).toEqual([101, 2500]);
  });

  it("detects DASDAE first among the .h5 formats", async () => {
    expect((await listFormats()).filter((m) => m.extensions.includes("h5"))[0]!.name).toBe("DASDAE");
  });

  it("never opens a non-HDF5 file with HDF5", async () => {
    const before = h5OpenCount();
    await expect(getFormat(REAL + "README.md")).rejects.toThrow(UnknownFormatError);
    expect(h5OpenCount()).toBe(before);
  });

  it("finds formats by name case-insensitively and lists known ones otherwise", async () => {
    expect((await findFormat("prodml")).name).toBe("PRODML");
    expect((await findFormat("silixa_h5")).name).toBe("Silixa_H5");
    await expect(findFormat("nope")).rejects.toThrow(/unknown format "nope"; known formats: DASDAE, TERRA15/);
  });
});
