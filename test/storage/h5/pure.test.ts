// The pure-JS HDF5 reader (storage/h5/pure/) must give what libhdf5 gives through h5wasm wherever
// it answers: a group's members (names, order), each object's kind and attributes, a dataset's
// shape, dtype and values — on the real files of ../shared/data/real, DASCore's DASDAE fixtures
// (which it must answer entirely) and a file daspool writes. Where it declines, libhdf5 answers.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { attrNames, childNames, datasetDtype, datasetShape, readAll, readAttr, tryGet, withH5File, type H5Dataset, type H5File, type H5Group } from "../../../storage/h5/index.ts";
import { readSuperblock, readObjectHeader, type Superblock } from "../../../storage/h5/objectHeader.ts";
import { PAGE, PageBytes } from "../../../storage/h5/pure/pageBytes.ts";
import { groupMembers, objectKind, rootAddress } from "../../../storage/h5/pure/tree.ts";
import { headerAttributes, headerValue, lookup3, v2ChecksumsHold } from "../../../storage/h5/pure/attrs.ts";
import { datasetInfo, readValues } from "../../../storage/h5/pure/dataset.ts";
import { REAL, hdf5Files } from "../batteryCases.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/dasdae");
let written = "";

beforeAll(async () => {
  written = mkdtempSync(join(tmpdir(), "daspool-pure-h5-"));
  const p = dc.getExamplePatch().updateAttrs({ station: "B0Ü", count: 3, ratio: 0.25, flag: true } as never);
  await dc.write(p, join(written, "attrs.h5"), { format: "DASDAE" });
});
afterAll(() => rmSync(written, { recursive: true, force: true }));

interface Tally {
  objects: number;
  groupsListed: number;
  groupsDeclined: number;
  attrsFromHeader: number;
  attrsDeclined: number;
  datasets: number;
  valuesRead: number;
}

const tally = (): Tally => ({ objects: 0, groupsListed: 0, groupsDeclined: 0, attrsFromHeader: 0, attrsDeclined: 0, datasets: 0, valuesRead: 0 });

/** Walks the file by the pure reader and checks each object it reaches against libhdf5's. */
async function compareFile(path: string, t: Tally): Promise<void> {
  const bytes = new PageBytes(path);
  try {
    const sb = readSuperblock(bytes);
    expect(sb, path).not.toBeNull();
    const root = rootAddress(bytes, sb!);
    expect(root, path).not.toBeNull();
    await withH5File(path, (file) => visit(file, bytes, sb!, "/", root!, t));
  } finally {
    bytes.close();
  }
}

function visit(file: H5File, bytes: PageBytes, sb: Superblock, path: string, addr: number, t: Tally): void {
  const node = tryGet(file, path);
  const where = `${file.filename}:${path}`;
  expect(node, where).not.toBeNull();
  const messages = readObjectHeader(bytes, sb, addr);
  expect(messages, where).not.toBeNull();
  t.objects++;
  const v2 = bytes.read(sb.base + addr, 4)?.[0] === 0x4f;
  const trusted = !v2 || v2ChecksumsHold(bytes, sb, addr, messages!);
  const kind = objectKind(messages!);
  expect(kind, where).toBe("keys" in node! ? "group" : "dataset");
  const attrs = trusted ? headerAttributes(messages!, sb) : null;
  if (attrs) {
    t.attrsFromHeader++;
    expect([...attrs.keys()], where).toEqual(attrNames(node!));
    for (const [name, a] of attrs) if (a.supported) expect(headerValue(a), `${where}@${name}`).toEqual(readAttr(node!, name));
  } else t.attrsDeclined++;
  if (kind === "dataset") {
    t.datasets++;
    const ds = node as H5Dataset;
    const info = datasetInfo(messages!, sb);
    if (!info) return;
    expect(info.shape, where).toEqual(datasetShape(ds));
    if (info.dtype !== null) expect(info.dtype, where).toBe(datasetDtype(ds));
    const size = info.shape.reduce((a, n) => a * n, 1);
    if (info.dtype !== null && size <= 1_000_000) {
      const values = readValues(bytes, info);
      if (values) {
        t.valuesRead++;
        expect(Array.from(values), where).toEqual(Array.from(readAll(file, ds).data as ArrayLike<number | bigint>));
      }
    }
    return;
  }
  const members = trusted ? groupMembers(bytes, sb, messages!) : null;
  if (!members) {
    t.groupsDeclined++;
    return;
  }
  t.groupsListed++;
  expect(members.map((m) => m.name), where).toEqual(childNames(node as H5Group));
  for (const m of members) visit(file, bytes, sb, path === "/" ? `/${m.name}` : `${path}/${m.name}`, m.addr, t);
}

/** Every object of `files` compared with libhdf5, counted. */
async function compareFiles(files: readonly string[]): Promise<Tally> {
  const t = tally();
  for (const f of files) await compareFile(f, t);
  return t;
}

describe("the pure-JS HDF5 reader", () => {
  it("lists groups, attributes, shapes, dtypes and values as libhdf5 does on the real files", async () => {
    const t = await compareFiles(hdf5Files(REAL));
    // (measured: 530 objects, 88 of 89 groups listed, 522 headers' attributes read, 316 datasets' values)
    expect(t.objects).toBeGreaterThan(500);
    expect(t.groupsListed).toBeGreaterThan(80);
    expect(t.attrsFromHeader).toBeGreaterThan(500);
    expect(t.valuesRead).toBeGreaterThan(300); // the reader really answered
  });

  it("answers DASCore's DASDAE files entirely: every group listed, every header's attributes read", async () => {
    const t = await compareFiles(hdf5Files(FIXTURES));
    expect(t.groupsDeclined).toBe(0);
    expect(t.attrsDeclined).toBe(0);
    expect(t.valuesRead).toBeGreaterThan(30);
  });

  it("reads a file daspool writes (version-2 headers, checksums verified)", async () => {
    const t = await compareFiles([join(written, "attrs.h5")]);
    expect(t.objects).toBeGreaterThan(3);
  });

  it("lookup3 gives Bob Jenkins' published hashlittle values (lookup3.c driver5)", () => {
    const text = new TextEncoder().encode("Four score and seven years ago");
    expect(lookup3(new Uint8Array(0))).toBe(0xdeadbeef);
    expect(lookup3(text)).toBe(0x17770551);
    expect(lookup3(text, 1)).toBe(0xcd628161);
  });
});

describe("PageBytes", () => {
  it("takes a probe's size and first page instead of reading them again, and reads the rest from the file", async () => {
    const { readFileSync, statSync } = await import("node:fs");
    const path = join(REAL, "prodml_2.0.h5");
    const whole = new Uint8Array(readFileSync(path));
    const size = statSync(path).size;
    // a first page that differs from the file's: what read() returns shows which one it used
    const head = whole.slice(0, PAGE).fill(7);
    const b = new PageBytes(path, { size, head });
    try {
      expect(b.size).toBe(size);
      expect([...b.read(100, 4)!]).toEqual([7, 7, 7, 7]);
      expect([...b.read(PAGE + 100, 4)!]).toEqual([...whole.subarray(PAGE + 100, PAGE + 104)]);
    } finally {
      b.close();
    }
    // a head shorter than a page (a probe of a smaller read) is not taken for the page
    const short = new PageBytes(path, { size, head: head.subarray(0, 100) });
    try {
      expect([...short.read(10, 4)!]).toEqual([...whole.subarray(10, 14)]);
    } finally {
      short.close();
    }
  });
});
