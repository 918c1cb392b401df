// DASDAE files written by daspool, read back by libhdf5's own tools (h5dump) and by h5py: 64-bit
// times exact, and the layout DASCore writes (dispersion_event.h5 as h5py sees it).
// Skips unless the tools are installed: apt-get install -y hdf5-tools python3-h5py
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { REAL } from "../batteryCases.ts";

const DASCORE_FILE = join(REAL, "dispersion_event.h5");
const APT = "apt-get install -y hdf5-tools python3-h5py";

function runs(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 30_000 });
  return r.status === 0;
}

const hasH5dump = runs("h5dump", ["--version"]);
// Debian's python3-h5py installs for /usr/bin/python3, which may not be the python3 first on PATH.
const python = ["python3", "/usr/bin/python3"].find((p) => runs(p, ["-c", "import h5py, numpy"])) ?? null;
const why = (tool: string, ok: boolean) => (ok ? "" : ` [skipped: ${tool} not found; ${APT}]`);

/** 64-bit values whose low and high 32 bits both matter (h5wasm < 0.10.3 kept only the low half). */
const EVENT_TIME = 1_505_692_800_123_456_789n;
const EVENT_OFFSET = -4_611_686_018_427_387_903n;

let dir = "";
let file = "";
let patch: dc.Patch;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "daspool-interop-"));
  file = join(dir, "example.h5");
  patch = dc.getExamplePatch().updateAttrs({ event_time: EVENT_TIME, event_offset: EVENT_OFFSET });
  await dc.write(patch, file, { format: "DASDAE" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a python snippet (with h5py, numpy, json and the file paths `ours`, `theirs`) and parses its JSON. */
function py<T>(code: string): T {
  const prelude = `import h5py, numpy as np, json, sys\nours, theirs = sys.argv[1], sys.argv[2]\n`;
  const r = spawnSync(python!, ["-c", prelude + code, file, DASCORE_FILE], { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

function h5dump(args: string[]): string {
  const r = spawnSync("h5dump", args, { encoding: "utf8", timeout: 60_000, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`h5dump ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** The patch group's path inside our file (one patch → one group under /waveforms). */
function groupPath(): string {
  const out = h5dump(["-n", file]);
  const m = /group\s+(\/waveforms\/[^\s]+)/.exec(out);
  if (!m) throw new Error(`no patch group in:\n${out}`);
  return m[1]!;
}

/** The integers h5dump prints in the first DATA { … } block, as bigint (exact). */
function dumpedIntegers(out: string): bigint[] {
  const start = out.indexOf("DATA {");
  const data = out.slice(start, out.indexOf("}", start));
  return [...data.matchAll(/\(\d+(?:,\d+)*\):\s*([^\n]+)/g)].flatMap((m) =>
    m[1]!.split(",").map((s) => s.trim()).filter((s) => /^-?\d+$/.test(s)).map(BigInt),
  );
}

const timeValues = (): bigint[] => Array.from(patch.getCoord("time").values() as BigInt64Array);

describe(`DASDAE written by daspool, read by h5dump${why("h5dump", hasH5dump)}`, () => {
  it.skipIf(!hasH5dump)("shows 64-bit time attributes as H5T_STD_I64LE with their exact values", () => {
    const g = groupPath();
    for (const [name, value] of [["event_time", EVENT_TIME], ["event_offset", EVENT_OFFSET]] as const) {
      const out = h5dump(["-a", `${g}/_attrs_${name}`, file]);
      expect(out).toContain("H5T_STD_I64LE");
      expect(dumpedIntegers(out)).toEqual([value]);
    }
  });

  it.skipIf(!hasH5dump)("reads the int64 time coordinate back exactly", () => {
    const out = h5dump(["-w", "0", "-d", `${groupPath()}/_coord_time`, file]);
    expect(out).toContain("H5T_STD_I64LE");
    expect(dumpedIntegers(out)).toEqual(timeValues());
  });
});

describe(`DASDAE written by daspool, read by h5py${why("python3 with h5py", python !== null)}`, () => {
  it.skipIf(python === null)("reads 64-bit time attributes and the int64 time dataset exactly", () => {
    const got = py<{ attrs: Record<string, [string, string]>; time: [string, string[]] }>(`
g = next(iter(h5py.File(ours, "r")["waveforms"].values()))
attrs = {k: [str(g.attrs.get_id(k).dtype), str(int(g.attrs[k]))] for k in ("_attrs_event_time", "_attrs_event_offset")}
t = g["_coord_time"]
print(json.dumps({"attrs": attrs, "time": [str(t.dtype), [str(int(v)) for v in t[()]]]}))`);
    expect(got.attrs).toEqual({
      _attrs_event_time: ["int64", String(EVENT_TIME)],
      _attrs_event_offset: ["int64", String(EVENT_OFFSET)],
    });
    expect(got.time[0]).toBe("int64");
    expect(got.time[1]).toEqual(timeValues().map(String));
  });

  it.skipIf(python === null)("lays the file out as DASCore does (dispersion_event.h5 as h5py sees it)", () => {
    // One summary per file, keeping what DASCore's reader relies on and dropping PyTables'
    // bookkeeping attributes (CLASS, TITLE, VERSION, FLAVOR), which DASCore never reads.
    type Shape = {
      root: string[];
      groups: string[];
      groupAttrKinds: string[];
      dims: string;
      cdims: Record<string, string>;
      datasets: Record<string, { ndim: number; kind: string; layout: string; is_datetime64: number | null }>;
      shapeMatchesCoords: boolean;
    };
    const got = py<{ ours: Shape; theirs: Shape }>(`
import re
PYTABLES = {"CLASS", "TITLE", "VERSION", "FLAVOR", "PYTABLES_FORMAT_VERSION"}
LAYOUT = {h5py.h5d.CONTIGUOUS: "contiguous", h5py.h5d.CHUNKED: "chunked", h5py.h5d.COMPACT: "compact"}
txt = lambda v: v.decode() if isinstance(v, bytes) else str(v)
def shape_of(path):
    f = h5py.File(path, "r")
    names = list(f["waveforms"].keys())
    g = f["waveforms"][names[0]]
    kinds = sorted({re.sub(r"^(_attrs_|_cdims_|_dims).*$", r"\\1", k) for k in g.attrs if k not in PYTABLES})
    dims = txt(g.attrs["_dims"])
    cdims = {k[len("_cdims_"):]: txt(g.attrs[k]) for k in g.attrs if k.startswith("_cdims_")}
    ds = {}
    for name, d in g.items():
        dt = d.attrs.get("is_datetime64")
        ds[name] = {"ndim": d.ndim, "kind": d.dtype.kind + str(d.dtype.itemsize * 8) if name == "_coord_time" else d.dtype.kind,
                    "layout": LAYOUT[d.id.get_create_plist().get_layout()], "is_datetime64": None if dt is None else int(dt)}
    shape_ok = tuple(g["data"].shape) == tuple(g["_coord_" + d].shape[0] for d in dims.split(","))
    return {"root": sorted(k for k in f.attrs if k not in PYTABLES), "groups": [re.sub(r"[^_]+", "x", n) for n in names],
            "groupAttrKinds": kinds, "dims": dims, "cdims": cdims, "datasets": ds, "shapeMatchesCoords": shape_ok}
print(json.dumps({"ours": shape_of(ours), "theirs": shape_of(theirs)}))`);
    const { ours, theirs } = got;
    expect(ours.root).toEqual(theirs.root); // __DASDAE_version__, __dascore__version__, __format__
    // DAS__{network}__{station}__{tag}__{tmin}__{tmax}: same separators, fields differ.
    expect(ours.groups.map((g) => g.split("__").length)).toEqual(theirs.groups.map((g) => g.split("__").length));
    expect(ours.groupAttrKinds).toEqual(theirs.groupAttrKinds); // _attrs_*, _cdims_*, _dims
    expect(ours.dims).toBe(theirs.dims); // "distance,time": dims as the patch has them
    expect(ours.cdims).toEqual(theirs.cdims);
    expect(Object.keys(ours.datasets).sort()).toEqual(Object.keys(theirs.datasets).sort());
    expect(ours.datasets["_coord_time"]).toEqual(theirs.datasets["_coord_time"]); // int64, contiguous, is_datetime64 = 1
    expect(ours.datasets["data"]).toMatchObject({ ndim: 2, layout: theirs.datasets["data"]!.layout });
    expect(ours.shapeMatchesCoords && theirs.shapeMatchesCoords).toBe(true);
  });
});
