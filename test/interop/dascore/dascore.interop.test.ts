// DASDAE both ways against DASCore itself (issue 17). Runs when DASCORE_PYTHON names a python with
// DASCore installed (CI installs it with ../shared/tools/dascore/install.sh); otherwise it skips,
// saying so. DASCore writes a corpus of ≥ 100 cases (corpus.py); daspool reads and compares every
// part; daspool writes each back and DASCore reads, compares, indexes and selects over the
// directory (check.py); both libraries read DASDAE written from every real file DASCore reads.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { comparePatch, type PatchDescription } from "./compare.ts";
import { h5EngineMark, h5UsedSince } from "../../../storage/h5/module.ts";
import { openIndex, queryIndex } from "../../../storage/index/index.ts";

const PY = process.env["DASCORE_PYTHON"];
const live = PY !== undefined && PY !== "" && existsSync(PY);
const HERE = import.meta.dirname;
const REAL = join(HERE, "../../../../shared/data/real");

/** What DASCore itself gets wrong, declared rather than hidden (see the issue 17 report). */
function declared(diff: string): boolean {
  // DASCore reads no units (and no stored step) for a coordinate named with an underscore:
  // PatchAttrs.__getattr__ splits 'ft_time_units' in three parts and returns None.
  if (/^\w+_\w+\.units: got "[^"]+", DASCore null$/.test(diff)) return true;
  // DASCore shows units in pint's canonical spelling; the file keeps the writer's ("microstrain").
  return /^attrs\.data_units: got "microstrain", DASCore "µϵ"$/.test(diff);
}

function python(args: string[], timeoutMs = 600_000): void {
  execFileSync(PY!, args, { stdio: ["ignore", "ignore", "pipe"], timeout: timeoutMs, env: { ...process.env, MPLBACKEND: "Agg" } });
}

interface Corpus {
  cases: Record<string, PatchDescription[]>;
  dascore_failures: Record<string, string>;
  not_offline: string[];
}

type Described = Record<string, { patches?: PatchDescription[]; dasdae_patches?: PatchDescription[]; error?: string; dascore_round_trip?: boolean }>;

function byContent(list: PatchDescription[]): PatchDescription[] {
  return [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

describe.runIf(!live)("DASDAE interop with DASCore (issue 17)", () => {
  it.skip("skipped: set DASCORE_PYTHON to a python with DASCore (CI: ../shared/tools/dascore/install.sh) to run the live suite", () => {});
});

describe.runIf(live)("DASDAE interop with DASCore (issue 17)", () => {
  let dir = "";
  let corpus: Corpus;
  const ours: Record<string, dc.Patch[]> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "daspool-dascore-interop-"));
    python([join(HERE, "corpus.py"), dir]);
    corpus = JSON.parse(readFileSync(join(dir, "corpus.json"), "utf8")) as Corpus;
    for (const name of Object.keys(corpus.cases)) ours[name] = await dc.read(join(dir, "dascore", `${name}.h5`));
    // daspool's copy of every case, written from what it read
    mkdirSync(join(dir, "daspool"));
    for (const [name, patches] of Object.entries(ours)) await dc.write(dc.spool(patches), join(dir, "daspool", `${name}.h5`), { format: "DASDAE" });
  }, 900_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("builds a corpus of at least 100 cases with DASCore", () => {
    expect(Object.keys(corpus.cases).length).toBeGreaterThanOrEqual(100);
  });

  it("reads every case with DASCore's dims, dtype, coordinates, attributes and data", () => {
    const bad: Record<string, string[]> = {};
    for (const [name, want] of Object.entries(corpus.cases)) {
      const got = ours[name]!;
      const diffs = got.length !== want.length ? [`${got.length} patches, DASCore ${want.length}`] : got.flatMap((p, i) => comparePatch(p, want[i]!));
      const real = diffs.filter((d) => !declared(d));
      if (real.length) bad[name] = real;
    }
    expect(bad).toEqual({});
  });

  it("lists the cases DASCore cannot round-trip itself, with DASCore's error", () => {
    const f = corpus.dascore_failures;
    expect(Object.keys(f).sort()).toEqual(["dascore_attrs_over_64k", "dascore_subsecond_name_collision"]);
    expect(f["dascore_attrs_over_64k"]).toMatch(/HDF5ExtError.*unable to (synchronously )?create attribute/s);
    expect(f["dascore_subsecond_name_collision"]).toMatch(/wrote 2 patches and read back 1/);
  });

  it("writes every case back so that DASCore reads it as it read its own file", async () => {
    python([join(HERE, "check.py"), "describe", join(dir, "daspool"), join(dir, "daspool.json")]);
    const theirs = JSON.parse(readFileSync(join(dir, "daspool.json"), "utf8")) as Described;
    const bad: Record<string, unknown> = {};
    for (const [name, want] of Object.entries(corpus.cases)) {
      const got = theirs[name];
      if (!got?.patches) bad[name] = got?.error ?? "not read";
      else if (JSON.stringify(byContent(got.patches)) !== JSON.stringify(byContent(want))) bad[name] = "differs";
    }
    expect(bad).toEqual({});
  });

  it("lets DASCore index and select over a directory daspool wrote with the same answers as over its own", () => {
    // DASCore's directory index needs a datetime `time` dimension in every patch: a patch without
    // one fails ("null values found in index"), and timedelta next to datetime times fails to sort
    // (ufunc 'less' on m8/M8), in DASCore's own copies too. So the archive is those cases.
    const archive = Object.entries(corpus.cases)
      .filter(([, ps]) => ps.every((p) => p.dims.includes("time") && p.coords["time"]?.dtype === "datetime64[ns]"))
      .map(([name]) => name);
    expect(archive.length).toBeGreaterThanOrEqual(60);
    const a = join(dir, "archive_dascore");
    const b = join(dir, "archive_daspool");
    mkdirSync(a);
    mkdirSync(b);
    for (const name of archive) {
      copyFileSync(join(dir, "dascore", `${name}.h5`), join(a, `${name}.h5`));
      copyFileSync(join(dir, "daspool", `${name}.h5`), join(b, `${name}.h5`));
    }
    python([join(HERE, "check.py"), "spools", a, b, join(dir, "spools.json")]);
    const res = JSON.parse(readFileSync(join(dir, "spools.json"), "utf8")) as Record<string, Record<string, { count?: number } | null> & { error?: string }>;
    expect(res["dascore"]!.error).toBeUndefined();
    expect(res["daspool"]!.error).toBeUndefined();
    expect((res["daspool"]!["time"] as { count: number }).count).toBeGreaterThan(0);
    expect((res["daspool"]!["station"] as { count: number }).count).toBeGreaterThan(0);
    expect((res["daspool"]!["time_station"] as { count: number }).count).toBeGreaterThan(0);
    expect(res["daspool"]).toEqual(res["dascore"]);
  });

  it("reads DASCore's own large files through a directory index's read recipes as it reads them one by one", async () => {
    // The anchor workload's layout: DASCore's defaults, 300 channels, 3 files of 1.2 MB of samples.
    const a = join(dir, "recipes");
    mkdirSync(a);
    const code = [
      "import sys, numpy as np, dascore as dc",
      "sp = dc.get_example_spool('random_das', length=3, shape=(300, 500))",
      "[p.io.write(f'{sys.argv[1]}/r{k}.h5', 'dasdae') for k, p in enumerate(sp)]",
    ].join("\n");
    python(["-c", code, a]);
    const sp = await dc.spool(a).update();
    const rows = await queryIndex(await openIndex(a));
    expect(rows.map((r) => r.recipe !== undefined)).toEqual([true, true, true]);
    await sp.count();
    const mark = h5EngineMark();
    const viaIndex = (await sp.collect()) as dc.Patch[];
    expect(h5UsedSince(mark)).toBe(false);
    const oneByOne = await Promise.all(rows.map(async (r) => (await dc.read(join(a, r.path)))[0] as dc.Patch));
    expect(viaIndex).toHaveLength(3);
    for (const p of oneByOne) expect(viaIndex.some((q) => q.equals(p))).toBe(true);
  });

  it("round-trips the patches DASCore cannot: sub-second names and large attributes", async () => {
    const base = dc.getExamplePatch("random_das", { shape: [10, 200] });
    const later = base.updateCoords({ time_min: (base.getCoord("time").min() as bigint) + 1_000_000n });
    const path = join(dir, "collide.h5");
    await dc.write(dc.spool([base, later]), path, { format: "DASDAE" });
    const back = await dc.read(path);
    expect(back.length).toBe(2);
    expect(back[0]!.equals(base) && back[1]!.equals(later)).toBe(true);
    // an attribute over 64 KiB (PyTables fails to create it; h5wasm keeps it in dense storage)
    const big = base.updateAttrs({ big_note: "x".repeat(70_000) });
    const bigPath = join(dir, "big_attr.h5");
    await dc.write(big, bigPath, { format: "DASDAE" });
    expect(((await dc.read(bigPath))[0]!.attrs as Record<string, unknown>)["big_note"]).toBe("x".repeat(70_000));
    python([join(HERE, "check.py"), "describe", dir, join(dir, "extra.json")]);
    const theirs = JSON.parse(readFileSync(join(dir, "extra.json"), "utf8")) as Described;
    expect(theirs["collide"]!.patches!.length).toBe(2);
    expect((theirs["big_attr"]!.patches![0]!.attrs["big_note"] as string).length).toBe(70_000);
  });

  it("writes DASDAE from every real file both libraries read, and both read it back equal", async () => {
    python([join(HERE, "check.py"), "real", REAL, dir]);
    const real = JSON.parse(readFileSync(join(dir, "real.json"), "utf8")) as Described;
    const out = join(dir, "daspool_real");
    mkdirSync(out);
    const bad: Record<string, unknown> = {};
    const written: string[] = [];
    for (const [file, entry] of Object.entries(real)) {
      if (!entry.patches) continue; // DASCore cannot read it (listed in real.json with its error)
      const src = await dc.read(join(REAL, file));
      await dc.write(dc.spool(src), join(out, `${file}.h5`), { format: "DASDAE" });
      written.push(file);
      const back = await dc.read(join(out, `${file}.h5`));
      if (back.length !== src.length || !back.every((p, i) => p.equals(src[i]!))) bad[`${file}: daspool → DASDAE → daspool`] = "not equal";
      // DASCore's DASDAE of the same file reads here as DASCore reads it
      const theirs = await dc.read(join(dir, "dascore_real", `${file}.h5`));
      const want = entry.dasdae_patches ?? [];
      const diffs = theirs.length !== want.length ? ["count"] : theirs.flatMap((p, i) => comparePatch(p, want[i]!)).filter((d) => !declared(d));
      if (diffs.length) bad[`${file}: DASCore → DASDAE → daspool`] = diffs.slice(0, 3);
    }
    python([join(HERE, "check.py"), "describe", out, join(dir, "daspool_real.json")]);
    const theirs = JSON.parse(readFileSync(join(dir, "daspool_real.json"), "utf8")) as Described;
    for (const file of written) {
      const src = await dc.read(join(REAL, file));
      const got = theirs[file]; // describe keys files by stem: "<file>.h5" → "<file>"
      const d = got?.patches;
      if (!d) {
        bad[`${file}: daspool → DASDAE → DASCore`] = got?.error ?? "not read";
        continue;
      }
      const diffs = d.length !== src.length ? ["count"] : src.flatMap((p, i) => comparePatch(p, d[i]!)).filter((x) => !declared(x));
      if (diffs.length) bad[`${file}: daspool → DASDAE → DASCore`] = diffs.slice(0, 3);
    }
    expect(written.length).toBeGreaterThanOrEqual(20);
    // Known, outside the DASDAE layer (issue 17 report): each must still fail exactly so.
    const known: Record<string, RegExp> = {
      // daspool's neubrex reader makes the float32 distance a range; written as float32
      // start + i·step, its float32-rounded diffs exceed DASCore's 1e-3 rule, so DASCore reads an
      // array of the same values (daspool reads the stored step back).
      "neubrex_das_1.h5: daspool → DASDAE → DASCore": /distance\.step: got 0\.41067\d*, DASCore null/,
      // daspool's PRODML reader keeps data_units "rad2/Hz", which pint cannot parse: DASCore drops
      // it when reading PRODML but raises on it in a DASDAE file.
      "prodml_fbe_1.h5: daspool → DASDAE → DASCore": /UndefinedUnitError: 'rad2' is not defined/,
    };
    expect(Object.keys(bad).sort()).toEqual(Object.keys(known).sort());
    for (const [k, re] of Object.entries(known)) expect(JSON.stringify(bad[k])).toMatch(re);
  });
});
