// Attributes read from object header bytes (storage/h5/headerAttrs.ts) must be what libhdf5 gives
// through h5wasm for every attribute of every object of every HDF5 file at hand: the real files of
// ../shared/data/real, DASCore's DASDAE fixtures and files daspool writes. Where the header
// reader declines (a version-2 header, dense storage, a type it does not decode) libhdf5 answers.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { attrNames, childNames, isHdf5File, readAttr, tryGet, withH5File, type H5Dataset, type H5File, type H5Group } from "../../../storage/h5/index.ts";
import { headerAttrs, headerValue, lookup3 } from "../../../storage/h5/headerAttrs.ts";
import { readAttrBytes, readAttrBytesFromEngine } from "../../../storage/h5/rawAttr.ts";
import { REAL } from "../batteryCases.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/dasdae");
let written = "";

beforeAll(async () => {
  written = mkdtempSync(join(tmpdir(), "daspool-header-attrs-"));
  const p = dc.getExamplePatch().updateAttrs({ station: "B0Ü", count: 3, big: 2n ** 60n, ratio: 0.25, flag: true, names: ["a", "b"] } as never);
  await dc.write(p, join(written, "attrs.h5"), { format: "DASDAE" });
});
afterAll(() => rmSync(written, { recursive: true, force: true }));

function hdf5Files(dir: string): string[] {
  return readdirSync(dir)
    .map((f) => join(dir, f))
    .filter((f) => /\.(h5|hdf5|nc)$/.test(f) && isHdf5File(f));
}

/** Every group and dataset of a file, depth first. */
function nodes(file: H5File): Array<H5Group | H5Dataset> {
  const out: Array<H5Group | H5Dataset> = [];
  const visit = (path: string) => {
    const node = tryGet(file, path);
    if (!node) return;
    out.push(node);
    if ("keys" in node) for (const child of childNames(node as H5Group)) visit(path === "/" ? `/${child}` : `${path}/${child}`);
  };
  visit("/");
  return out;
}

interface Tally {
  objects: number;
  fromHeader: number;
  attributes: number;
}

async function compareFile(path: string, tally: Tally): Promise<void> {
  await withH5File(path, (file) => {
    for (const node of nodes(file)) {
      tally.objects++;
      const header = headerAttrs(node);
      if (!header) continue;
      tally.fromHeader++;
      const where = `${path}:${node.path}`;
      expect([...header.keys()], where).toEqual(attrNames(node));
      for (const [name, a] of header) {
        if (!a.supported) continue;
        tally.attributes++;
        expect(headerValue(a), `${where}@${name}`).toEqual(readAttr(node, name));
        expect(readAttrBytes(node, name), `${where}@${name} bytes`).toEqual(readAttrBytesFromEngine(node, name));
      }
    }
  });
}

describe("attributes from object headers", () => {
  it("equal libhdf5's for every attribute of the real files", async () => {
    const tally: Tally = { objects: 0, fromHeader: 0, attributes: 0 };
    for (const f of hdf5Files(REAL)) await compareFile(f, tally);
    expect(tally.objects).toBeGreaterThan(100);
    expect(tally.attributes).toBeGreaterThan(50); // the header path really answered
  });

  it("equal libhdf5's on DASCore's DASDAE files, where every object's header is read", async () => {
    const tally: Tally = { objects: 0, fromHeader: 0, attributes: 0 };
    for (const f of hdf5Files(FIXTURES)) await compareFile(f, tally);
    expect(tally.fromHeader).toBe(tally.objects);
    expect(tally.attributes).toBeGreaterThan(200);
  });

  it("equal libhdf5's on a file daspool writes (version-2 headers, checksums verified)", async () => {
    const tally: Tally = { objects: 0, fromHeader: 0, attributes: 0 };
    await compareFile(join(written, "attrs.h5"), tally);
    expect(tally.fromHeader).toBeGreaterThan(0);
    const read = (await dc.read(join(written, "attrs.h5")))[0] as dc.Patch;
    expect(read.attrs.station).toBe("B0Ü");
  });
});

describe("lookup3", () => {
  it("gives Bob Jenkins' published hashlittle values (lookup3.c driver5)", () => {
    const text = new TextEncoder().encode("Four score and seven years ago");
    expect(lookup3(new Uint8Array(0))).toBe(0xdeadbeef);
    expect(lookup3(text)).toBe(0x17770551);
    expect(lookup3(text, 1)).toBe(0xcd628161);
  });
});
