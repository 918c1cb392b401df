// The rows cache of small index generations (storage/index/rowsCache.ts, rowsFilter.ts): queries
// answered from it equal DuckDB's answers on the Parquet, value for value, over a seeded set of
// random queries; a damaged or missing cache falls back to DuckDB; updates write, replace and
// remove caches with their generation; and a process that only queries a small index never loads
// DuckDB's library.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFile } from "../../../storage/formats/registry.ts";
import { countIndex, openIndex, queryIndex, updateIndex } from "../../../storage/index/index.ts";
import type { DirectoryIndex, IndexPredicate, IndexQuery, IndexScalar } from "../../../storage/index/index.ts";
import { loadRowsCache, ROWS_CACHE_MAX_CHARS, ROWS_CACHE_MAX_ROWS } from "../../../storage/index/rowsCache.ts";
import { matchingRows } from "../../../storage/index/rowsFilter.ts";
import { withConnection } from "../../../storage/index/duck.ts";
import { writeGeneration } from "../../../storage/index/writer.ts";
import type { PatchSummary } from "../../../storage/formats/types.ts";
import { rng } from "../../fuzz/mutations.ts";
import { copyReal, isolateCache, SEC, smallPatch, T0, tempDir } from "./helpers.ts";

const ROOT = resolve(import.meta.dirname, "../../..");
const stations = ["AB1", "AB2", "B?1", "C[1]", "ab1", "X\\Y", "é", "Ωmega", ""];
let dir: string;
let cleanup: () => void;
let restoreCache: () => void;
let index: DirectoryIndex;

/** The same snapshot with its cache unnamed: every query goes to DuckDB. */
const withoutCache = (ix: DirectoryIndex): DirectoryIndex => {
  const { rowsCache: _dropped, ...manifest } = ix.manifest!;
  return { ...ix, manifest };
};

beforeAll(async () => {
  restoreCache = isolateCache();
  ({ dir, cleanup } = tempDir());
  for (let f = 0; f < 4; f++) {
    const patches = [0, 1, 2, 3].map((k) =>
      smallPatch({
        station: stations[(4 * f + k) % stations.length]!,
        network: f === 2 ? "N2" : "N1",
        tag: k === 3 ? "" : "raw",
        t0: T0 + BigInt(4 * f + k) * 2n * SEC,
        distance0: 10 * k - 15.5,
        nt: 50 + f,
      }),
    );
    mkdirSync(join(dir, `y${f}`));
    await writeFile(patches, join(dir, `y${f}`, `file${f}.h5`), "DASDAE");
  }
  copyReal("prodml_fbe_1.h5", join(dir, "fbe", "prodml_fbe_1.h5"));
  await updateIndex(dir);
  index = await openIndex(dir);
});

afterAll(() => {
  cleanup();
  restoreCache();
});

/** A random query; `present` gives values a text column holds, so that many predicates match. */
function randomQuery(r: () => number, present: (column: string) => readonly unknown[]): IndexQuery {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const other = (): IndexScalar => pick<IndexScalar>([...stations, "N1", "N2", "raw", "none", null, 3, 2.5, 7n, true, "y1/file1.h5", "DASDAE", ""]);
  const time = (): bigint | number | null => pick([null, T0, T0 + 3n * SEC, T0 + 2n * SEC + 490_000_000n, T0 + 40n * SEC, T0 - SEC, 0n, 5]);
  const num = (): bigint | number | null => pick([null, -15.5, -6, 0, 4.5, 14.5, 100, 3n, -20n]);
  const text = ["station", "network", "tag", "path", "file_format", "key"];
  const makers: (() => IndexPredicate)[] = [
    () => {
      const column = pick(text);
      return { kind: "eq", column, value: r() < 0.6 ? (pick(present(column)) as IndexScalar) : other() };
    },
    () => {
      const column = pick(text);
      const value = () => (r() < 0.5 ? (pick(present(column)) as IndexScalar) : other());
      return { kind: "in", column, values: [value(), value(), value()].slice(0, 1 + Math.floor(r() * 3)) };
    },
    () => ({ kind: "glob", column: pick(text), pattern: pick(["*", "A*", "*1", "?B*", "B?1", "C[1]", "[!A]*", "X\\Y", "*é*", "", "y*/file*", "Ω*"]) }),
    () => ({ kind: "range", column: "time", lo: time() as bigint | null, hi: time() as bigint | null }),
    () => ({ kind: "range", column: "distance", lo: num(), hi: num() }),
    () => ({ kind: "range", column: "depth", lo: 0, hi: 1 }),
    () => ({ kind: "range", column: "file_size", lo: pick([null, 0, 1.5, 10_000, 10_000n]), hi: pick([null, 1e9, 2n ** 40n]) }),
    () => ({ kind: "eq", column: "file_size", value: pick([1.5, 3, null, "x"]) }),
    () => ({ kind: "eq", column: "distance_min", value: pick([-15.5, -5.5, 4.5, 4n, null]) }),
  ];
  // Text bounds are outside IndexPredicate's type but not outside what the SQL binds: both paths must agree.
  const textBound = (xs: (string | number | null)[]) => pick(xs) as unknown as number | null;
  makers.push(
    () => ({ kind: "range", column: pick(text), lo: textBound([null, "A", "B?1", "ab1", "é", "y1", 3]), hi: textBound([null, "Z", "b", "\uffff", "\u{1F600}", "y2/zz"]) }),
    () => ({ kind: "range", column: "time_min", lo: time() as bigint | null, hi: null }),
  );
  const predicates = Array.from({ length: pick([0, 1, 1, 2, 2, 3]) }, () => pick(makers)());
  const q: IndexQuery = { predicates };
  if (r() < 0.4) {
    const keys = ["station", "network", "tag", "time", "distance", "file_size", "path", "distance_max", "data_units"];
    q.orderBy = Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({ column: pick(keys), desc: r() < 0.5 }));
  }
  if (r() < 0.3) q.limit = pick([0, 1, 3, 7, 100]);
  if (r() < 0.3) q.offset = pick([0, 1, 4, 19, 50]);
  return q;
}

/** A call's value, or its error's class and message: both paths must fail alike too. */
async function outcome<T>(f: () => Promise<T>): Promise<T | string> {
  try {
    return await f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

describe("rows cache", () => {
  it("is written for a small generation, named by the manifest, with every row of its Parquet", async () => {
    const ref = index.manifest!.rowsCache!;
    expect(ref.file).toMatch(/^index-1-.*\.rows\.json$/);
    expect(statSync(join(index.indexDir, ref.file)).size).toBe(ref.bytes);
    const cached = loadRowsCache(index)!;
    expect(cached.rows).toBe(index.manifest!.rows);
    expect(cached.rows).toBe(16 + 5);
    expect(cached.names).toContain("time_min");
  });

  it("answers 300 seeded random queries exactly as DuckDB does (rows, order, counts)", async () => {
    const r = rng(20261208);
    const duck = withoutCache(index);
    const cached = loadRowsCache(index)!;
    let answeredHere = 0;
    let selective = 0;
    const present = (column: string) => cached.columns[cached.names.indexOf(column)]!;
    for (let k = 0; k < 300; k++) {
      const q = randomQuery(r, present);
      const label = `query ${k}: ${JSON.stringify(q, (_, v) => (typeof v === "bigint" ? `${v}n` : v))}`;
      const want = await outcome(() => queryIndex(duck, q));
      expect(await outcome(() => queryIndex(index, q)), label).toEqual(want);
      expect(await outcome(() => countIndex(index, q)), label).toEqual(await outcome(() => countIndex(duck, q)));
      const here = typeof want !== "string" ? matchingRows(cached, index.manifest!.coords, q) : null;
      if (here) {
        answeredHere++;
        if (here.length > 0 && here.length < cached.rows) selective++;
      }
    }
    // ...and many of those kept some rows but not all, so the predicates were really tested.
    expect(selective).toBeGreaterThan(50);
    // Most queries must have been answered by the cache, or this compared DuckDB with itself.
    expect(answeredHere).toBeGreaterThan(250);
  });

  it("orders text by code point as DuckDB orders UTF-8 bytes, NULLs last either way, then pages", async () => {
    // "Ωmega" (U+03A9) < "é"? No: é is U+00E9 < U+03A9; both sort after ASCII, and "" first.
    const q: IndexQuery = { predicates: [{ kind: "eq", column: "network", value: "N1" }], orderBy: [{ column: "station", desc: true }], limit: 5, offset: 1 };
    const picked = matchingRows(loadRowsCache(index)!, index.manifest!.coords, q);
    expect(picked).not.toBeNull();
    const got = await queryIndex(index, q);
    expect(got).toEqual(await queryIndex(withoutCache(index), q));
    // Descending: "Ωmega" (U+03A9) first, skipped by the offset, then é (U+00E9) above the ASCII names.
    expect(got.map((r) => r.attrs["station"])).toEqual(["é", "é", "ab1", "ab1", "X\\Y"]);
  });

  it("puts NULLs last in both directions and NaN above numbers, as DuckDB's ORDER BY does", async () => {
    const xs = [2, null, NaN, -1, null, Infinity];
    const duck = async (dir: "ASC" | "DESC") =>
      withConnection(async (conn) => {
        const values = xs.map((x, i) => `(${i}, ${x === null ? "NULL" : `'${x}'::DOUBLE`})`).join(", ");
        const reader = await conn.runAndReadAll(`SELECT i FROM (VALUES ${values}) t(i, x) ORDER BY x ${dir}, i`);
        return reader.getColumns()[0]!.map(Number);
      });
    const cache = {
      names: ["x_dtype", "x_min", "x_max", "path", "key"],
      columns: [xs.map(() => "float64"), xs, xs, xs.map(() => "p"), xs.map(() => "k")],
      rows: xs.length,
    };
    const ours = (desc: boolean) => matchingRows(cache, { x: "num" }, { orderBy: [{ column: "x", desc }] });
    expect(ours(false)).toEqual(await duck("ASC"));
    expect(ours(true)).toEqual(await duck("DESC"));
    expect(ours(false)).toEqual([3, 0, 5, 2, 1, 4]);
  });

  it("compares DOUBLEs as DuckDB does: NaN equals NaN and lies above every number", () => {
    const cache = { names: ["x_dtype", "x_min", "x_max", "n"], columns: [["float64", "float64", "float64", null], [NaN, 1, -Infinity, 1], [NaN, 2, 0, 1], [NaN, 3, -0, null]], rows: 4 };
    const coords = { x: "num" as const };
    const q = (p: IndexPredicate) => matchingRows(cache, coords, { predicates: [p] });
    // x_max >= 1e308 only for the NaN row; x_min <= -1 keeps -Infinity only (NaN is above).
    expect(q({ kind: "range", column: "x", lo: 1e308, hi: null })).toEqual([0]);
    expect(q({ kind: "range", column: "x", lo: null, hi: -1 })).toEqual([2]);
    expect(q({ kind: "eq", column: "x_min", value: NaN })).toEqual([0]);
    expect(q({ kind: "eq", column: "x_max", value: 0 })).toEqual([2]); // -0 = 0
  });

  it("falls back to DuckDB when the cache is damaged, resized or gone, with the same rows", async () => {
    const { dir: d, cleanup: c } = tempDir();
    try {
      await writeFile([smallPatch({ station: "A" }), smallPatch({ station: "B", t0: T0 + 5n * SEC })], join(d, "a.h5"), "DASDAE");
      await updateIndex(d);
      const ix = await openIndex(d);
      const file = join(ix.indexDir, ix.manifest!.rowsCache!.file);
      const q: IndexQuery = { predicates: [{ kind: "eq", column: "station", value: "B" }] };
      const want = await queryIndex(withoutCache(ix), q);
      expect(want).toHaveLength(1);
      const text = readFileSync(file, "utf8");
      writeFileSync(file, text.replace(/"station","type":"VARCHAR","values":\["A","B"\]/, `"station","type":"VARCHAR","values":["A",7]`).padEnd(text.length));
      expect(loadRowsCache(ix)).toBeNull(); // same size, not a cache any more
      expect(await queryIndex(ix, q)).toEqual(want);
      writeFileSync(file, text + " ");
      expect(loadRowsCache(ix)).toBeNull(); // not the size the manifest records
      expect(await queryIndex(ix, q)).toEqual(want);
      rmSync(file);
      expect(loadRowsCache(ix)).toBeNull();
      expect(await countIndex(ix, q)).toBe(1);
    } finally {
      c();
    }
  });

  it("is replaced with its generation: the next update writes a new cache and removes the old", async () => {
    const { dir: d, cleanup: c } = tempDir();
    try {
      await writeFile([smallPatch({ station: "A" })], join(d, "a.h5"), "DASDAE");
      await updateIndex(d);
      const first = (await openIndex(d)).manifest!.rowsCache!.file;
      await writeFile([smallPatch({ station: "B", t0: T0 + 9n * SEC })], join(d, "b.h5"), "DASDAE");
      await updateIndex(d);
      const ix = await openIndex(d);
      const second = ix.manifest!.rowsCache!.file;
      expect(second).not.toBe(first);
      const files = readdirSync(ix.indexDir);
      expect(files).toContain(second);
      expect(files).not.toContain(first);
      expect(files.filter((f) => f.endsWith(".rows.json"))).toHaveLength(1);
      expect((await queryIndex(ix)).map((row) => row.attrs["station"])).toEqual(["A", "B"]);
    } finally {
      c();
    }
  });

  it("is added by the next update of an index written without one, even when no file changed", async () => {
    const { dir: d, cleanup: c } = tempDir();
    try {
      await writeFile([smallPatch({ station: "A" }), smallPatch({ station: "B", t0: T0 + 9n * SEC })], join(d, "a.h5"), "DASDAE");
      await updateIndex(d);
      const before = await queryIndex(await openIndex(d));
      const manifestFile = join(d, ".daspool", "manifest.json");
      const m = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, unknown>;
      delete m["rowsCache"]; // as an older daspool wrote it
      writeFileSync(manifestFile, JSON.stringify(m));
      const report = await updateIndex(d);
      expect(report).toMatchObject({ added: 0, changed: 0, removed: 0, written: true, rows: 2 });
      const ix = await openIndex(d);
      expect(ix.manifest!.rowsCache).toBeDefined();
      expect(await queryIndex(ix)).toEqual(before);
      expect((await updateIndex(d)).written).toBe(false); // now it has one: nothing to write
    } finally {
      c();
    }
  });

  it(`is not written for a generation of more than ${ROWS_CACHE_MAX_ROWS} rows`, async () => {
    const { dir: d, cleanup: c } = tempDir();
    try {
      const summary = (k: number): PatchSummary => ({
        key: `p${k}`,
        dims: ["time"],
        shape: [10],
        dataDtype: "float32",
        attrs: { station: `S${k % 7}` },
        coords: { time: { min: T0 + BigInt(k) * SEC, max: T0 + BigInt(k) * SEC + 9n, step: 1n, length: 10, units: "s", dtype: "datetime64" } },
      });
      const file = { path: "many.h5", size: 1, mtimeNs: 1n, format: "DASDAE", version: "1" };
      const at = async (n: number) =>
        writeGeneration({ indexDir: d, generation: n, oldParquet: [], oldCoords: {}, dropPaths: new Set(), scanned: [{ file, patches: Array.from({ length: n }, (_, k) => summary(k)) }] });
      const small = await at(ROWS_CACHE_MAX_ROWS);
      expect(small.rows).toBe(ROWS_CACHE_MAX_ROWS);
      expect(small.rowsCache && existsSync(join(d, small.rowsCache.file))).toBe(true);
      const big = await at(ROWS_CACHE_MAX_ROWS + 1);
      expect(big.rows).toBe(ROWS_CACHE_MAX_ROWS + 1);
      expect(big.rowsCache).toBeNull();
    } finally {
      c();
    }
  });

  it(`is not written beyond ${ROWS_CACHE_MAX_CHARS} characters of JSON, and its absence then is not redone by every update`, async () => {
    const { dir: d, cleanup: c } = tempDir();
    try {
      const notes = "n".repeat(1_500_000); // a large attribute, kept in attrs_json
      for (let k = 0; k < 3; k++) {
        const patch = smallPatch({ station: `S${k}`, t0: T0 + BigInt(k) * 10n * SEC });
        await writeFile([{ ...patch, attrs: { ...patch.attrs, notes } }], join(d, `f${k}.h5`), "DASDAE");
      }
      await updateIndex(d);
      const ix = await openIndex(d);
      expect(ix.manifest!.rowsCache).toBeNull();
      expect(readdirSync(ix.indexDir).some((f) => f.endsWith(".rows.json"))).toBe(false);
      expect((await queryIndex(ix, { predicates: [{ kind: "eq", column: "station", value: "S1" }] }))[0]!.attrs["notes"]).toBe(notes);
      expect((await updateIndex(d)).written).toBe(false);
    } finally {
      c();
    }
  });

  it("lets a process query and re-update a small index without loading DuckDB's library (one without a cache loads it)", () => {
    const script = `
      import { openIndex, queryIndex, updateIndex } from "./storage/index/index.ts";
      import { readFileSync, writeFileSync } from "node:fs";
      const [dir, strip] = process.argv.slice(1);
      if (strip === "strip") {
        const f = dir + "/.daspool/manifest.json";
        const m = JSON.parse(readFileSync(f, "utf8")); delete m.rowsCache; writeFileSync(f, JSON.stringify(m));
      }
      const rows = await queryIndex(await openIndex(dir), { predicates: [{ kind: "eq", column: "station", value: "AB2" }] });
      const report = strip === "strip" ? { written: false } : await updateIndex(dir); // no change: nothing to write
      const duck = readFileSync("/proc/self/maps", "utf8").includes("duckdb");
      console.log(JSON.stringify({ rows: rows.length, written: report.written, duck }));`;
    const run = (target: string, strip: string) => {
      const out = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, target, strip], { cwd: ROOT, encoding: "utf8" });
      expect(out.status, out.stderr).toBe(0);
      return JSON.parse(out.stdout.trim().split("\n").at(-1)!) as { rows: number; written: boolean; duck: boolean };
    };
    expect(run(dir, "keep")).toEqual({ rows: 2, written: false, duck: false });
    const { dir: copy, cleanup: c } = tempDir();
    try {
      // A copy whose manifest names no cache: the same query must load DuckDB (the check can fail).
      spawnSync("cp", ["-rp", `${dir}/.`, copy]);
      expect(run(copy, "strip")).toEqual({ rows: 2, written: false, duck: true });
    } finally {
      c();
    }
  });
});
