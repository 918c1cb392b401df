// Index queries (issue 5): range/glob/in/eq/order/limit/offset/count checked against the same
// predicates evaluated in JS over the scanned summaries, plus explain text and error cases.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IndexCorruptError, ParameterError } from "../../../src/errors.ts";
import { writeFile } from "../../../storage/formats/registry.ts";
import { countIndex, explainIndexQuery, openIndex, queryIndex, updateIndex } from "../../../storage/index/index.ts";
import type { DirectoryIndex, IndexRow } from "../../../storage/index/index.ts";
import { schemaColumns } from "../../../storage/index/schema.ts";
import { copyReal, isolateCache, SEC, smallPatch, T0, tempDir } from "./helpers.ts";

const stations = ["AB1", "AB2", "B?1", "C[1]", "ab1", "X\\Y"];
let dir: string;
let cleanup: () => void;
let restoreCache: () => void;
let index: DirectoryIndex;
let all: IndexRow[];

beforeAll(async () => {
  restoreCache = isolateCache();
  ({ dir, cleanup } = tempDir());
  // 3 files × 4 patches: patch k of file f starts at T0 + (4f + k)·2 s and lasts 0.49 s.
  for (let f = 0; f < 3; f++) {
    const patches = [0, 1, 2, 3].map((k) =>
      smallPatch({ station: stations[(4 * f + k) % stations.length]!, network: f === 2 ? "N2" : "N1", t0: T0 + BigInt(4 * f + k) * 2n * SEC, distance0: 10 * k }),
    );
    mkdirSync(join(dir, `y${f}`));
    await writeFile(patches, join(dir, `y${f}`, `file${f}.h5`), "DASDAE");
  }
  copyReal("prodml_fbe_1.h5", join(dir, "fbe", "prodml_fbe_1.h5"));
  await updateIndex(dir);
  index = await openIndex(dir);
  all = await queryIndex(index);
});

afterAll(() => {
  cleanup();
  restoreCache();
});

const paths = (rows: IndexRow[]) => rows.map((r) => `${r.path}#${r.key}`);
const tmin = (r: IndexRow) => r.coords["time"]!.min as bigint;
const tmax = (r: IndexRow) => r.coords["time"]!.max as bigint;

describe("queryIndex", () => {
  it("returns every patch, sorted by time_min, with summaries equal to the scan", async () => {
    expect(all).toHaveLength(12 + 5);
    const mins = all.map(tmin);
    expect(mins).toEqual([...mins].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const first = all.find((r) => r.path === "y0/file0.h5")!;
    expect(first).toMatchObject({ format: "DASDAE", version: "1", dims: ["distance", "time"], shape: [4, 50], dataDtype: "float32" });
    const second = all.find((r) => r !== first && r.path === "y0/file0.h5")!;
    expect(second.dims).toEqual(first.dims);
    expect(second.dims).not.toBe(first.dims); // each row owns its arrays
    expect(second.shape).not.toBe(first.shape);
    expect(first.coords["time"]).toEqual({ min: T0, max: T0 + 490_000_000n, step: 10_000_000n, length: 50, units: "s", dtype: "datetime64" });
    const fbe = all.filter((r) => r.path === "fbe/prodml_fbe_1.h5");
    expect(fbe).toHaveLength(5);
    expect(typeof fbe[0]!.attrs["start_frequency"]).toBe("number"); // extras survive through attrs_json
  });

  it("returns the same rows in the same order whether SQL sorts them (paged) or the file order is kept", async () => {
    expect(explainIndexQuery(index, {}).sql).not.toContain("ORDER BY");
    const sortedBySql = await queryIndex(index, { limit: 1000 });
    expect(explainIndexQuery(index, { limit: 1000 }).sql).toContain("ORDER BY");
    expect(all).toEqual(sortedBySql);
  });

  it("a time range keeps patches whose interval intersects it, inclusively", async () => {
    const lo = T0 + 2n * SEC + 490_000_000n; // exactly the end of patch 1
    const hi = T0 + 6n * SEC; // exactly the start of patch 3
    const got = await queryIndex(index, { predicates: [{ kind: "range", column: "time", lo, hi }] });
    const want = all.filter((r) => tmax(r) >= lo && tmin(r) <= hi);
    expect(paths(got)).toEqual(paths(want));
    expect(got.filter((r) => r.path.startsWith("y"))).toHaveLength(3);
    const swapped = await queryIndex(index, { predicates: [{ kind: "range", column: "time", lo: hi, hi: lo }] });
    expect(paths(swapped)).toEqual(paths(want));
  });

  it("open ends and numeric coordinates work", async () => {
    const got = await queryIndex(index, { predicates: [{ kind: "range", column: "distance", lo: 25, hi: null }] });
    const want = all.filter((r) => (r.coords["distance"]!.max as number) >= 25);
    expect(paths(got)).toEqual(paths(want));
    expect(got.length).toBeGreaterThan(0);
  });

  it("glob follows fnmatch: *, ?, [set], [!set], case-sensitive, literal backslash and [", async () => {
    const glob = async (pattern: string) =>
      (await queryIndex(index, { predicates: [{ kind: "glob", column: "station", pattern }] })).map((r) => r.attrs["station"]);
    expect(new Set(await glob("AB*"))).toEqual(new Set(["AB1", "AB2"]));
    expect(new Set(await glob("?B1"))).toEqual(new Set(["AB1"]));
    expect(new Set(await glob("[Aa]B1"))).toEqual(new Set(["AB1"]));
    expect(new Set(await glob("[!A]B1"))).toEqual(new Set()); // "ab1" has lower-case b
    expect(new Set(await glob("[!A]b1"))).toEqual(new Set(["ab1"]));
    expect(new Set(await glob("B[?]1"))).toEqual(new Set(["B?1"]));
    expect(new Set(await glob("C[[]1]"))).toEqual(new Set(["C[1]"]));
    expect(new Set(await glob("X\\Y"))).toEqual(new Set(["X\\Y"]));
    expect(new Set(await glob("C[1"))).toEqual(new Set());
  });

  it("in and eq match exactly; an empty set matches nothing", async () => {
    const inRows = await queryIndex(index, { predicates: [{ kind: "in", column: "station", values: ["AB2", "ab1", "nope"] }] });
    expect(paths(inRows)).toEqual(paths(all.filter((r) => ["AB2", "ab1"].includes(r.attrs["station"] as string))));
    expect(await queryIndex(index, { predicates: [{ kind: "in", column: "station", values: [] }] })).toEqual([]);
    const eq = await queryIndex(index, {
      predicates: [
        { kind: "eq", column: "network", value: "N2" },
        { kind: "eq", column: "file_format", value: "DASDAE" },
      ],
    });
    expect(paths(eq)).toEqual(paths(all.filter((r) => r.attrs["network"] === "N2")));
    expect(eq).toHaveLength(4);
  });

  it("orders, limits and offsets like Array.sort + slice, ties in index order", async () => {
    const q = { orderBy: [{ column: "station", desc: true }], limit: 4, offset: 3 };
    const got = await queryIndex(index, q);
    const dasdae = [...all].filter((r) => r.attrs["station"] !== undefined);
    const rest = all.filter((r) => r.attrs["station"] === undefined); // NULLS LAST
    const sorted = [...dasdae].sort((a, b) => ((a.attrs["station"] as string) < (b.attrs["station"] as string) ? 1 : (a.attrs["station"] as string) > (b.attrs["station"] as string) ? -1 : 0));
    expect(paths(got)).toEqual(paths([...sorted, ...rest].slice(3, 7)));
    const byTime = await queryIndex(index, { orderBy: [{ column: "time", desc: true }], limit: 2 });
    expect(byTime.map(tmin)).toEqual([...all.map(tmin)].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)).slice(0, 2));
  });

  it("counts with predicates, limit and offset", async () => {
    expect(await countIndex(index)).toBe(17);
    expect(await countIndex(index, { predicates: [{ kind: "glob", column: "path", pattern: "y*" }] })).toBe(12);
    expect(await countIndex(index, { offset: 15 })).toBe(2);
    expect(await countIndex(index, { limit: 3, offset: 1 })).toBe(3);
  });

  it("counts right after the rows of the same query as DuckDB does, and never a count of another generation", async () => {
    const { dir: d, cleanup: c } = tempDir();
    try {
      copyReal("prodml_fbe_1.h5", join(d, "a.h5"));
      await updateIndex(d);
      const old = await openIndex(d);
      const queries = [{}, { predicates: [{ kind: "glob" as const, column: "path", pattern: "a*" }] }, { limit: 2, offset: 1 }, { offset: 4 }];
      for (const q of queries) {
        const n = (await queryIndex(old, q)).length;
        expect(await countIndex(old, q)).toBe(n);
        expect(await countIndex(old, q)).toBe(n);
      }
      copyReal("prodml_fbe_1.h5", join(d, "b.h5"));
      await updateIndex(d);
      const fresh = await openIndex(d);
      expect(fresh.manifest!.generation).not.toBe(old.manifest!.generation);
      expect(await countIndex(fresh)).toBe(10);
      // The old snapshot's Parquet is gone: its count moves on to the new generation, as before.
      expect(await countIndex(old)).toBe(10);
      expect(await countIndex(fresh, { offset: 4 })).toBe(6);
    } finally {
      c();
    }
  });

  it("explains the statement with placeholders and bound values", () => {
    const q = {
      predicates: [
        { kind: "range" as const, column: "time", lo: T0, hi: null },
        { kind: "glob" as const, column: "station", pattern: "AB*" },
        { kind: "in" as const, column: "network", values: ["N1", "N2"] },
      ],
      limit: 5,
    };
    const { sql, params } = explainIndexQuery(index, q);
    // The select list leaves out the columns the manifest records as constant (constants.ts).
    const constant = Object.keys(index.manifest!.constants!);
    expect(constant).toEqual(expect.arrayContaining(["data_dtype", "time_units", "time_dtype"]));
    for (const varying of ["station", "file_version", "time_step"]) expect(constant).not.toContain(varying); // DASDAE and PRODML rows
    const list = schemaColumns(index.manifest!.coords).filter((c) => !constant.includes(c.name)).map((c) => `"${c.name}"`).join(", ");
    expect(list.startsWith(`"path", "file_size", "mtime_ns"`)).toBe(true);
    expect(sql).toBe(
      `SELECT ${list} FROM read_parquet([$1]) WHERE ("time_dtype" IS NOT NULL AND "time_max" >= $2) AND "station" GLOB $3 AND ("network" IN ($4, $5)) ORDER BY "time_min", "path", "key" LIMIT $6`,
    );
    expect(explainIndexQuery(index, q, "count").sql).toBe(`SELECT count(*) AS n FROM (${sql})`);
    expect(explainIndexQuery(index, { predicates: q.predicates }, "count").sql).toBe(
      `SELECT count(*) AS n FROM read_parquet([$1]) WHERE ("time_dtype" IS NOT NULL AND "time_max" >= $2) AND "station" GLOB $3 AND ("network" IN ($4, $5))`,
    );
    expect(params.slice(1).map((p) => [p.value, p.type])).toEqual([
      [T0, "TIMESTAMP_NS"],
      ["AB*", "VARCHAR"],
      ["N1", "VARCHAR"],
      ["N2", "VARCHAR"],
      [5n, "BIGINT"],
    ]);
    expect(explainIndexQuery(index, { predicates: [{ kind: "eq", column: "tag", value: "x'; DROP" }] }).sql).not.toContain("DROP");
  });

  it("rejects unknown columns, globs on numbers and number time bounds", async () => {
    await expect(queryIndex(index, { predicates: [{ kind: "eq", column: "stationn", value: "A" }] })).rejects.toThrow(ParameterError);
    await expect(queryIndex(index, { predicates: [{ kind: "eq", column: "stationn", value: "A" }] })).rejects.toThrow(/stationn.*columns: path/);
    await expect(queryIndex(index, { predicates: [{ kind: "glob", column: "file_size", pattern: "1*" }] })).rejects.toThrow(ParameterError);
    await expect(queryIndex(index, { predicates: [{ kind: "range", column: "time", lo: 1.5, hi: null }] })).rejects.toThrow(/bigint ns/);
    await expect(queryIndex(index, { limit: -1 })).rejects.toThrow(ParameterError);
    // A coordinate no patch has: nothing matches (patches lacking a selected coordinate are dropped).
    expect(await queryIndex(index, { predicates: [{ kind: "range", column: "frequency", lo: 0, hi: 10 }] })).toEqual([]);
  });
});

describe("openIndex on a damaged index", () => {
  it("throws IndexCorruptError naming a corrupt manifest", async () => {
    const { dir: d, cleanup: c } = tempDir();
    try {
      await updateIndex(d);
      writeFileSync(join(d, ".daspool", "manifest.json"), "{not json");
      await expect(openIndex(d)).rejects.toThrow(IndexCorruptError);
      await expect(openIndex(d)).rejects.toThrow(/manifest\.json/);
    } finally {
      c();
    }
  });

  it("throws IndexCorruptError naming a missing Parquet file, and update() rebuilds it", async () => {
    const { dir: d, cleanup: c } = tempDir();
    try {
      copyReal("prodml_fbe_1.h5", join(d, "a.h5"));
      await updateIndex(d);
      const [name] = (await openIndex(d)).manifest!.parquet;
      rmSync(join(d, ".daspool", name!));
      await expect(openIndex(d)).rejects.toThrow(new RegExp(`${name!.replaceAll(".", "\\.")} named by .*manifest.json is missing`));
      const warnings: string[] = [];
      const rep = await updateIndex(d, { onWarning: (m) => warnings.push(m) });
      expect(rep).toMatchObject({ rebuilt: true, rows: 5, added: 1 });
      expect(warnings.join()).toMatch(/rebuilding/);
      expect(await countIndex(await openIndex(d))).toBe(5);
    } finally {
      c();
    }
  });

  it("throws IndexCorruptError naming a Parquet file that is not Parquet", async () => {
    const { dir: d, cleanup: c } = tempDir();
    try {
      copyReal("prodml_fbe_1.h5", join(d, "a.h5"));
      await updateIndex(d);
      const ix = await openIndex(d);
      const name = ix.manifest!.parquet[0]!;
      expect(await queryIndex(ix)).toHaveLength(5);
      writeFileSync(join(d, ".daspool", name), "garbage");
      await expect(queryIndex(ix)).rejects.toThrow(IndexCorruptError);
      // The rows counted before the file changed are not its count now.
      await expect(countIndex(ix)).rejects.toThrow(name);
    } finally {
      c();
    }
  });
});
