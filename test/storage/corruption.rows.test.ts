// Regression tests for the table of issue 18 (corrupted files), one describe per row. Damaged
// copies live in a temp folder; fuzz variants are rebuilt from (seed, index) by the generator.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorruptFileError, DaspoolError, getFormat, read, spool, UnknownFormatError } from "../../src/index.ts";
import { checkPatch, checkSummaries } from "../../storage/formats/coordSanity.ts";
import { namedError, scanFile } from "../../storage/formats/registry.ts";
import { crc16 } from "../../storage/formats/sor/index.ts";
import type { PatchSummary } from "../../storage/formats/types.ts";
import { getDataset, withH5File } from "../../storage/h5/index.ts";
import { h5Generation } from "../../storage/h5/module.ts";
import { fileName } from "../../storage/h5/nodes.ts";
import { updateIndex } from "../../storage/index/index.ts";
import { POOL_MIN_FILES } from "../../storage/index/scanPool.ts";
import { hotspots, mutate } from "../fuzz/mutations.ts";
import { isolateCache, tempDir, writeDasdae } from "./index/helpers.ts";
import { failure } from "./rejection.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const FLAGS_CHILD = resolve(import.meta.dirname, "index/fixtures/flagsChild.ts");
const TASK = new URL("../planner/workers/tasks/plain.mjs", import.meta.url).href;

const REAL = new URL("../../../shared/data/real", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "daspool-issue18-"));
let n = 0;
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of real file `name` (same name, own folder), its bytes changed by `edit`. */
function damaged(name: string, edit: (b: Uint8Array) => Uint8Array | void = () => {}): string {
  const dir = join(work, `c${n++}`);
  mkdirSync(dir);
  const bytes = new Uint8Array(readFileSync(join(REAL, name)));
  const path = join(dir, name);
  writeFileSync(path, edit(bytes) ?? bytes);
  return path;
}

/** Fuzz variant `index` of seed 18 (as `npm run fuzz` numbers them) of real file `name`. */
function variant(name: string, index: number): string {
  return damaged(name, (b) => mutate(b, hotspots(b), 18, index).bytes);
}

/** Replaces the first occurrence of `from` (latin1 text) in `b` by `to` of the same length. */
function replaceText(b: Uint8Array, from: string, to: string): void {
  const at = Buffer.from(b).indexOf(Buffer.from(from, "latin1"));
  expect(at).toBeGreaterThanOrEqual(0);
  b.set(Buffer.from(to, "latin1"), at);
}

const G1 = "febg1_C1_2023-05-10T12.25.03+0000.bsl";
const esc = (s: string) => s.replace(/[.+()[\]]/g, "\\$&");

describe("issue 18 row 1: untyped errors", () => {
  it("a Febus G1 start time of 1e308 is a CorruptFileError naming the file, not a RangeError", async () => {
    const path = damaged(G1, (b) => {
      const text = Buffer.from(b).toString("latin1").replace(/Param;start time;[^;\r\n]*/, "Param;start time;1e308");
      return new Uint8Array(Buffer.from(text, "latin1"));
    });
    const e = await failure(read(path));
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/start time 1e\+308 is not a time/);
  });

  it("the registry turns any other error while reading into CorruptFileError naming the file", () => {
    const e = namedError("/d/x.tdms", new RangeError("The number Infinity cannot be converted to a BigInt")) as Error;
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toBe("/d/x.tdms: unexpected RangeError while reading the file (damaged?): The number Infinity cannot be converted to a BigInt");
    expect(e.cause).toBeInstanceOf(RangeError);
  });
});

describe("issue 18 row 2: no state leaks between reads", () => {
  it("a file that crashes the HDF5 engine fails alone; later reads of other files are unchanged", async () => {
    const clean = join(REAL, "example_triggered_shot.hdf5");
    const before = (await read(clean))[0]!;
    const generation = h5Generation();
    const bad = variant("v5_compatible.h5", 113); // a huge attribute size: libhdf5 aborts
    for (let k = 0; k < 2; k++) {
      const e = await failure(read(bad));
      expect(e).toBeInstanceOf(CorruptFileError);
      expect(e.message).toBe(`${bad}: the HDF5 engine failed while TERRA15 inspected the file (corrupt metadata)`);
      const after = (await read(clean))[0]!;
      expect(after.equals(before)).toBe(true);
      expect(after.attrs["data_units"]).toBe(before.attrs["data_units"]);
    }
    expect(h5Generation()).toBeGreaterThan(generation); // the faulted engine was replaced
  });

  it("a damaged netCDF dimension list gives the same error on every read", async () => {
    const bad = variant("xdas_netcdf.nc", 202);
    const messages = new Set<string>();
    for (let k = 0; k < 3; k++) messages.add((await failure(read(bad))).message);
    expect([...messages]).toEqual([`${bad}: axis 1 of /__values__ refers to no dimension scale of the file (damaged dimension list)`]);
  });
});

describe("issue 18 row 2: a failure does not depend on what was read before", () => {
  it("a corrupt file fails the same after other files were read as in a fresh engine (fuzz gdr_1 variant 939)", async () => {
    // After 39 other variants in one process this variant faulted the used engine ("the HDF5
    // engine failed while GDR_DAS inspected") on the first read and was unrecognised on the second.
    const bad = variant("gdr_1.h5", 939);
    const first = await failure(read(bad));
    for (const f of ["gdr_1.h5", "prodml_2.0.h5", "neubrex_das_1.h5", "dispersion_event.h5"]) await read(join(REAL, f));
    const again = await failure(read(bad));
    expect(first).toBeInstanceOf(UnknownFormatError);
    expect(again.message).toBe(first.message);
    expect(first.message).toBe(`no known format recognises ${bad}`);
  });

  it("a failure on an engine that served other files is redone on a fresh one", async () => {
    await read(join(REAL, "h5_simple_1.h5"));
    const before = h5Generation();
    const bad = variant("gdr_1.h5", 939);
    await failure(getFormat(bad));
    // The used engine was discarded for the retry, and the retry's engine after its failure.
    expect(h5Generation()).toBeGreaterThanOrEqual(before + 1);
  });
});

describe("issue 18 row 2b: no reads of stale heap bytes", () => {
  it("string attributes in a damaged global heap raise instead of reading \"\" or what the heap held before (fuzz neubrex_dss_forge #3033)", async () => {
    const bad = variant("neubrex_dss_forge.h5", 3033);
    const first = await failure(read(bad));
    expect(first).toBeInstanceOf(CorruptFileError);
    expect(first.message).toMatch(new RegExp(`^${esc(bad)}: cannot read attribute \\w+ of /`));
    expect((await failure(read(bad))).message).toBe(first.message);
  });
});

describe("issue 18 row 3: errors name the file", () => {
  it("groups and datasets know the path of the file they live in", async () => {
    const path = join(REAL, "prodml_2.0.h5");
    expect(await withH5File(path, (f) => fileName(getDataset(f, "/Acquisition/Raw[0]/RawData")))).toBe(path);
  });

  it("a damaged attribute heap is reported with the file's path", async () => {
    const bad = variant("gdr_1.h5", 968);
    const e = await failure(read(bad));
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toBe(`${bad}: cannot list attributes of /DasMetadata/Interrogator/Acquisition`);
  });
});

describe("issue 18 row 4: no empty reads without an error", () => {
  it("a damaged PRODML file that yields no patch says so (read and get(0))", async () => {
    const bad = variant("prodml_2.0.h5", 977);
    const expected = `${bad}: a PRODML 2.0 file that holds no patch (its data structures are missing or damaged)`;
    expect((await failure(read(bad))).message).toBe(expected);
    const e = await failure(spool(bad).get(0));
    expect(e).toBeInstanceOf(DaspoolError);
    expect(e.message).toContain(bad);
  });

  it("a DASDAE file whose /waveforms group cannot be listed says so, instead of holding no patch (fuzz variant 1106)", async () => {
    const bad = variant("dispersion_event.h5", 1106);
    const expected = `${bad}: cannot list the members of group /waveforms (damaged group structure)`;
    expect((await failure(read(bad))).message).toBe(expected);
    expect((await failure(spool(bad).get(0))).message).toBe(expected);
  });

  it("a damaged Febus DTS file is not re-detected as an empty Febus A1 file", async () => {
    const bad = variant("febus_dts.h5", 9);
    const e = await failure(read(bad));
    expect(e).toBeInstanceOf(DaspoolError);
    expect(e.message).toBe(`no known format recognises ${bad}`);
  });
});

describe("issue 18 row 5: no silent truncation", () => {
  const TDMS = "sample_tdms_file_v4713.tdms";
  it("a TDMS file cut by one byte raises, naming how much of the row is missing", async () => {
    const bad = damaged(TDMS, (b) => b.subarray(0, b.length - 1));
    const e = await failure(read(bad));
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toBe(`${bad}: TDMS: raw data of 1050623 bytes ends 1 bytes short of a whole row of 4864 bytes (truncated or damaged) at offset 122880`);
  });

  it("a TDMS raw-data offset pointing into the metadata raises", async () => {
    // The lead-in's raw-data offset (u64 at byte 20) made 4 KiB smaller: the metadata view ends
    // there, so parsing them runs into its end.
    const bad = damaged(TDMS, (b) => {
      const v = new DataView(b.buffer, b.byteOffset);
      v.setBigUint64(20, v.getBigUint64(20, true) - 4096n, true);
    });
    const e = await failure(read(bad));
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toBe(`${bad}: truncated data at offset 118767`);
  });

  it("reads the whole rows of a segment cut at a row boundary, as DASCore does (the sample file itself is one), with a warning", async () => {
    const bad = damaged(TDMS, (b) => b.subarray(0, b.length - 4864));
    const warnings: string[] = [];
    expect((await read(bad, { onWarning: (m) => warnings.push(m) }))[0]!.shape).toEqual([215, 2432]);
    expect(warnings).toEqual([
      `${bad}: TDMS: the segment whose raw data start at offset 122880 declares 145920000 bytes, the file holds 1045760: read 215 whole rows; 144874240 bytes are missing or unread (truncated copy)`,
    ]);
  });
});

describe("issue 18 item 4: truncation raises wherever sizes are declared; partial reads only on request, with a warning", () => {
  const TDMS = "sample_tdms_file_v4713.tdms";
  const SEGY = "small_channel_patch.sgy";
  const MSEED = "geofon_5J_HSF.mseed";

  it("TDMS cut inside a row: raises by default; allowTruncated reads the whole rows and says how much is missing", async () => {
    const [clean] = await read(join(REAL, TDMS), { onWarning: () => {} });
    const bad = damaged(TDMS, (b) => b.subarray(0, b.length - 100));
    expect(await failure(read(bad))).toBeInstanceOf(CorruptFileError);
    const warnings: string[] = [];
    const [got] = await read(bad, { allowTruncated: true, onWarning: (m) => warnings.push(m) });
    expect(got!.shape).toEqual([215, 2432]);
    expect(Array.from(got!.data.subarray(0, 215 * 2432) as Int16Array)).toEqual(Array.from(clean!.data.subarray(0, 215 * 2432) as Int16Array));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^${esc(bad)}: TDMS: .* read 215 whole rows; \\d+ bytes are missing or unread`));
  });

  it("SEG-Y cut inside a trace: raises naming the missing bytes; allowTruncated reads the whole traces", async () => {
    const [clean] = await read(join(REAL, SEGY));
    const bad = damaged(SEGY, (b) => b.subarray(0, b.length - 10));
    const e = await failure(read(bad));
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toMatch(new RegExp(`^${esc(bad)}: SEG-Y: the file ends \\d+ bytes into trace \\d+ of \\d+ bytes, 10 bytes missing \\(truncated; read it with allowTruncated to get the whole traces\\)`));
    const warnings: string[] = [];
    const [got] = await read(bad, { allowTruncated: true, onWarning: (m) => warnings.push(m) });
    const [nt, nc] = clean!.shape as [number, number];
    expect(got!.shape).toEqual([nt, nc - 1]);
    expect(got!.equals(clean!.select({ channel: [0, nc - 2] }))).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`^${esc(bad)}: SEG-Y: the file ends .*, 10 bytes missing: read the ${nc - 1} whole traces$`))]);
  });

  it("miniSEED cut inside a record: raises; allowTruncated leaves the record out and says so", async () => {
    const full = await read(join(REAL, MSEED));
    const bad = damaged(MSEED, (b) => b.subarray(0, b.length - 100));
    expect((await failure(read(bad))).message).toMatch(new RegExp(`^${esc(bad)}: miniSEED: record of \\d+ bytes runs past the end at offset \\d+$`));
    const warnings: string[] = [];
    const got = await read(bad, { allowTruncated: true, onWarning: (m) => warnings.push(m) });
    expect(got.length).toBe(full.length);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatch(new RegExp(`^${esc(bad)}: miniSEED: the file ends inside the record at offset \\d+ \\(100 of its \\d+ bytes are missing\\): read the \\d+ whole records before it$`));
    // Every sample read is the clean file's; only the last record's are gone.
    const lost = full.reduce((n, p) => n + p.size, 0) - got.reduce((n, p) => n + p.size, 0);
    expect(lost).toBeGreaterThan(0);
    for (let i = 0; i < got.length; i++) {
      const g = got[i]!, f = full[i]!;
      expect(Array.from(g.data as Int32Array)).toEqual(Array.from((f.data as Int32Array).subarray(0, g.size)).slice(0, g.size));
    }
  });

  it("HDF5 extents larger than the file raise (row 8); allowTruncated cannot combine with select", async () => {
    await expect(read(join(REAL, SEGY), { allowTruncated: true, select: { channel: [0, 1] } })).rejects.toThrow(/allowTruncated reads whole files only/);
  });
});

describe("issue 18 row 6: no silently dropped or wrong data", () => {
  it("a miniSEED record with an unknown encoding raises instead of being skipped", async () => {
    const bad = damaged("etna_9n_3chan_10s.mseed", (b) => {
      const v = new DataView(b.buffer, b.byteOffset);
      let at = v.getUint16(46); // the blockette chain: find 1000 (the first record starts with 1001)
      while (v.getUint16(at) !== 1000) at = v.getUint16(at + 2);
      b[at + 4] = 2; // encoding 2 (24-bit integers): not decodable here
    });
    expect((await failure(read(bad))).message).toMatch(new RegExp(`^${esc(bad)}: miniSEED: record of \\d+ samples has encoding 2, which cannot be decoded \\(damaged or unsupported\\) at offset 0$`));
  });

  it("a non-ASCII byte in a Febus G1 header name leaves the data offset and values intact", async () => {
    const [clean] = await read(join(REAL, G1));
    const bad = damaged(G1, (b) => replaceText(b, "Param;temperature", "Param;temp\xe9rature"));
    const [got] = await read(bad);
    expect(Array.from(got!.data as Float64Array)).toEqual(Array.from(clean!.data as Float64Array));
    expect(got!.attrs["temp\xe9rature"]).toBe(24.85); // the damaged name is the only difference
  });
});

describe("issue 18 row 7: impossible coordinates are rejected", () => {
  const summary = (coords: PatchSummary["coords"], shape = [2500, 10]): PatchSummary => ({ key: "", dims: ["time", "distance"], shape, dataDtype: "float32", attrs: {}, coords });
  const time = (min: bigint, max: bigint, step: bigint) => ({ min, max, step, length: 2500, units: "s", dtype: "datetime64" as const });
  const distance = (step: number) => ({ min: 0, max: step * 9, step, length: 10, units: "m", dtype: "float64" as const });

  it("rejects a time step of zero, a time beyond int64 and a distance step of 4.9e166", () => {
    expect(() => checkSummaries("/d/a.h5", [summary({ time: time(0n, 0n, 0n), distance: distance(1) })])).toThrow("/d/a.h5: coordinate time has step 0 over 2500 samples (must not be zero)");
    expect(() => checkSummaries("/d/a.h5", [summary({ time: time(0n, 1n << 64n, 1n), distance: distance(1) })])).toThrow(/coordinate time maximum 18446744073709551616 is outside int64/);
    expect(() => checkSummaries("/d/a.h5", [summary({ time: time(0n, 2499n, 1n), distance: distance(4.9e166) })])).toThrow(/coordinate distance maximum 4\.41e\+167 is out of range/);
    expect(() => checkSummaries("/d/a.h5", [summary({ time: time(0n, 2499n, 1n), distance: distance(1) }, [2400, 10])])).toThrow("/d/a.h5: coordinate time has 2500 values for 2400 samples");
  });

  it("rejects time arrays that go back and distances that are not finite", () => {
    const patch = (coords: Parameters<typeof checkPatch>[2]["coords"]) => ({ data: new Float32Array(3), dims: ["time"], shape: [3], attrs: {}, coords });
    expect(() => checkPatch("/d/a.h5", "", patch({ time: { kind: "array", values: BigInt64Array.from([3n, 2n, 4n]), units: "s", dtype: "datetime64" } }))).toThrow("/d/a.h5: coordinate time is out of order at sample 1");
    expect(() => checkPatch("/d/a.h5", "", patch({ distance: { kind: "array", values: Float64Array.from([0, -2.4e35, 1]), units: "m", dtype: "float64" } }))).toThrow("/d/a.h5: coordinate distance value -2.4e+35 at sample 1 is not a possible coordinate");
    // A descending time axis (DASCore's flip writes one) is possible, not corrupt.
    expect(() => checkPatch("/d/a.h5", "", patch({ time: { kind: "array", values: BigInt64Array.from([4n, 3n, 2n]), units: "s", dtype: "datetime64" } }))).not.toThrow();
    expect(() => checkPatch("/d/a.h5", "", patch({ time: { kind: "range", start: 10n, step: -1n, length: 3, units: "s", dtype: "datetime64" } }))).not.toThrow();
  });

  it("rejects a Febus G1 profile whose end time is before its start", async () => {
    const bad = damaged(G1, (b) => {
      const text = Buffer.from(b).toString("latin1").replace(/Param;end time;[^;\r\n]*/, "Param;end time;1000");
      return new Uint8Array(Buffer.from(text, "latin1"));
    });
    expect((await failure(read(bad))).message).toMatch(/febus_g1_csv: Param end time 1000 is not a time at or after the start time/);
  });
});

describe("issue 18 row 8: the scan rejects what the load would", () => {
  it("a PRODML file declaring 25 million samples more than it holds fails its scan and update()", async () => {
    const bad = damaged("prodml_2.0.h5", (b) => new DataView(b.buffer, b.byteOffset).setBigUint64(2896, 25_000_000n, true));
    const e = await failure(scanFile(bad));
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toMatch(/dataset \/Acquisition\/Raw\[0\]\/RawData declares shape \[25000000, 512\] \(\d+ bytes\), more than the file of 3191184 bytes can hold/);
    const dir = join(bad, "..");
    damaged("h5_simple_1.h5"); // another folder: the update below sees the bad file only
    const report = await updateIndex(dir);
    expect(report.failed.map((f) => f.path)).toEqual(["prodml_2.0.h5"]);
    expect(report.failed[0]!.reason).toMatch(/^CorruptFileError: .*declares shape \[25000000, 512\]/);
    expect(report.rows).toBe(0);
  });
});

describe("issue 18 row 9: checksums and record consistency", () => {
  /** ofl100_1.sor with its checksum written (the instrument wrote 0: none), then bit 0 of byte `flip` flipped. */
  const withChecksum = (flip?: number) =>
    damaged("ofl100_1.sor", (b) => {
      const at = Buffer.from(b).lastIndexOf(Buffer.from("Cksum\0", "latin1")) + 6;
      new DataView(b.buffer, b.byteOffset).setUint16(at, crc16(b.subarray(0, at)), true);
      if (flip !== undefined) b[flip]! ^= 1;
    });

  it("an OTDR file with a correct checksum reads as the original; one flipped bit raises", async () => {
    const [clean] = await read(join(REAL, "ofl100_1.sor"));
    const [good] = await read(withChecksum());
    expect(good!.equals(clean!)).toBe(true);
    const bad = withChecksum(20_000); // a sample inside DataPts
    expect((await failure(read(bad))).message).toMatch(new RegExp(`^${esc(bad)}: SR4731: checksum 0x[0-9a-f]+ does not match the file's 0x[0-9a-f]+ \\(damaged\\) at offset 34448$`));
  });

  it("a last miniSEED 2 record placed hours before its predecessor raises instead of becoming a patch of its own (fuzz #1600)", async () => {
    const bad = variant("etna_9n_3chan_10s.mseed", 1600);
    expect((await failure(read(bad))).message).toBe(
      `${bad}: miniSEED: the last record of its source starts before the record preceding it, which continues the one before exactly (damaged start time) at offset 57364`,
    );
  });

  it("an OTDR SupParams block with a damaged string terminator raises instead of shifting the names (fuzz ofl100_3 #2136)", async () => {
    const bad = variant("ofl100_3.sor", 2136);
    expect((await failure(read(bad))).message).toBe(`${bad}: SR4731: SupParams holds 6 NUL-terminated strings, not the 7 the format defines (damaged) at offset 210`);
  });

  it("a miniSEED record claiming 0 samples while its Steim frames carry data raises instead of dropping them (fuzz etna #3166)", async () => {
    const bad = variant("etna_9n_3chan_10s.mseed", 3166);
    expect((await failure(read(bad))).message).toBe(`${bad}: miniSEED: record says it holds 0 samples but its Steim frames carry data (damaged sample count) at offset 20510`);
  });

  it("a miniSEED 2 record whose start time contradicts both neighbours raises", async () => {
    const bad = variant("geofon_3U_HSF.mseed", 331);
    expect((await failure(read(bad))).message).toBe(`${bad}: miniSEED: record start time contradicts the records before and after it at offset 43540`);
  });
});

describe("issue 18: no hangs", () => {
  it("a zeroed block that sends libhdf5 round a cycle ends in CorruptFileError at the time limit, and the engine recovers", async () => {
    const bad = variant("neubrex_das_1.h5", 712);
    const t0 = performance.now();
    const e = await failure(read(bad));
    expect(e).toBeInstanceOf(CorruptFileError);
    expect(e.message).toBe(`${bad}: the HDF5 engine did not finish within 5106 ms (a cycle in the file's structures?)`);
    expect(performance.now() - t0).toBeLessThan(60_000);
    const [clean] = await read(join(REAL, "neubrex_das_1.h5"));
    expect(clean!.shape).toEqual([30, 17534]);
  });
});

describe("issue 18 row 10: node flags do not break worker threads (node --max-old-space-size=2048)", () => {
  let restoreCache: () => void;
  let flagsDir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    restoreCache = isolateCache();
    ({ dir: flagsDir, cleanup } = tempDir());
    await writeDasdae(join(flagsDir, "template.h5"));
    mkdirSync(join(flagsDir, "many"));
    for (let i = 0; i < POOL_MIN_FILES; i++) copyFileSync(join(flagsDir, "template.h5"), join(flagsDir, "many", `f${i}.h5`));
  }, 120_000);
  afterAll(() => {
    cleanup();
    restoreCache();
  });

  it("a pooled update of 200 files and a worker map run", () => {
    const file = join(REAL, "example_triggered_shot.hdf5");
    const out = execFileSync(process.execPath, ["--max-old-space-size=2048", "--import", "tsx", FLAGS_CHILD, join(flagsDir, "many"), file, TASK], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
      env: process.env,
    });
    expect(JSON.parse(out)).toEqual({
      rows: POOL_MIN_FILES,
      failed: 0,
      mapped: 4,
      flags: { execArgv: ["--import", "tsx"], resourceLimits: { maxOldGenerationSizeMb: 2048 } },
    });
  }, 180_000);
});
