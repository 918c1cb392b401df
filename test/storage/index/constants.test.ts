// Constant-column folding (issue 5, warm query speed): the writer records the columns that hold one
// value in every row; rows queries leave them out of the SELECT and fill them in. Folded answers
// must equal unfolded ones, and the detection must be exact (NULLs, -0.0, NaN, timestamps).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IndexCorruptError } from "../../../src/errors.ts";
import { writeFile } from "../../../storage/formats/registry.ts";
import { constantColumns, decodeConstant, encodeConstant } from "../../../storage/index/constants.ts";
import { sqlLiteral, withConnection } from "../../../storage/index/duck.ts";
import { explainIndexQuery, openIndex, queryIndex, updateIndex } from "../../../storage/index/index.ts";
import type { DirectoryIndex, IndexQuery } from "../../../storage/index/index.ts";
import { copyReal, isolateCache, SEC, smallPatch, T0, tempDir } from "./helpers.ts";

let dir: string;
let cleanup: () => void;
let restoreCache: () => void;

beforeAll(async () => {
  restoreCache = isolateCache();
  ({ dir, cleanup } = tempDir());
  for (let f = 0; f < 3; f++) {
    const patches = [0, 1].map((k) => smallPatch({ station: `S${f}${k}`, t0: T0 + BigInt(2 * f + k) * 2n * SEC }));
    await writeFile(patches, join(dir, `file${f}.h5`), "DASDAE");
  }
});

afterAll(() => {
  cleanup();
  restoreCache();
});

/** The same snapshot with nothing folded: every query is a `SELECT *`. */
const unfolded = (ix: DirectoryIndex): DirectoryIndex => ({ ...ix, manifest: { ...ix.manifest!, constants: undefined } });

const queries: IndexQuery[] = [
  {},
  { predicates: [{ kind: "range", column: "time", lo: T0 + 3n * SEC, hi: T0 + 9n * SEC }, { kind: "glob", column: "station", pattern: "S*" }] },
  { predicates: [{ kind: "in", column: "station", values: ["S00", "S21", null] }] },
  { orderBy: [{ column: "station", desc: true }], limit: 3, offset: 1 },
  { predicates: [{ kind: "eq", column: "file_format", value: "DASDAE" }] },
];

async function expectSameAsUnfolded(ix: DirectoryIndex): Promise<void> {
  for (const q of queries) {
    const folded = await queryIndex(ix, q);
    expect(folded.length).toBeGreaterThan(0);
    expect(folded).toEqual(await queryIndex(unfolded(ix), q));
  }
}

describe("constant columns of an index", () => {
  it("are recorded exactly, left out of the SELECT, and queries answer as without folding", async () => {
    await updateIndex(dir);
    const ix = await openIndex(dir);
    const c = ix.manifest!.constants!;
    expect(c).toMatchObject({ file_format: "DASDAE", file_version: "1", time_step: "10000000", distance_step: "1", distance_min: "0", tag: "raw" });
    expect(c["attrs_json"]).toBeNull(); // no extra attributes in any row: constant NULL
    expect(c["data_units"]).toBe(""); // an empty string is a value, not NULL
    for (const varying of ["path", "key", "station", "time_min", "time_max"]) expect(c).not.toHaveProperty(varying);
    const { sql } = explainIndexQuery(ix, {});
    expect(sql).not.toContain(`"file_format"`);
    expect(sql).toContain(`"station"`);
    await expectSameAsUnfolded(ix);
  });

  it("are recomputed by each update: a file of another format unfolds the columns it changes", async () => {
    copyReal("prodml_fbe_1.h5", join(dir, "fbe", "prodml_fbe_1.h5"));
    await updateIndex(dir);
    const ix = await openIndex(dir);
    const c = ix.manifest!.constants!;
    for (const varying of ["file_format", "file_version", "time_step", "distance_step"]) expect(c).not.toHaveProperty(varying);
    expect(c).toHaveProperty("time_dtype", "datetime64");
    await expectSameAsUnfolded(ix);
    const rows = await queryIndex(ix);
    expect(new Set(rows.map((r) => r.format))).toEqual(new Set(["DASDAE", "PRODML"]));
  });

  it("a manifest whose constants are not text or null is reported as corrupt", async () => {
    const file = join(dir, ".daspool", "manifest.json");
    const good = readFileSync(file, "utf8");
    try {
      writeFileSync(file, JSON.stringify({ ...JSON.parse(good), constants: { file_format: 5 } }));
      await expect(openIndex(dir)).rejects.toThrow(IndexCorruptError);
      await expect(openIndex(dir)).rejects.toThrow(/manifest\.json is malformed/);
    } finally {
      writeFileSync(file, good);
    }
  });
});

describe("constantColumns", () => {
  async function constantsOf(values: string): Promise<Record<string, string | null>> {
    const { dir: d, cleanup: c } = tempDir();
    try {
      const file = join(d, "t.parquet");
      return await withConnection(async (conn) => {
        await conn.run(`COPY (SELECT * FROM (VALUES ${values}) t(path, d, ts, s)) TO ${sqlLiteral(file)} (FORMAT parquet)`);
        return constantColumns(conn, file, [
          { name: "path", type: "VARCHAR" },
          { name: "d", type: "DOUBLE" },
          { name: "ts", type: "TIMESTAMP_NS" },
          { name: "s", type: "VARCHAR" },
        ]);
      });
    } finally {
      c();
    }
  }
  const ts = "make_timestamp_ns(1672531200123456789)";

  it("tells 0.0 from -0.0, keeps NaN and exact nanoseconds, and needs every row equal", async () => {
    expect(await constantsOf(`('a', 0.0::DOUBLE, ${ts}, 'x'), ('b', -0.0::DOUBLE, ${ts}, NULL)`)).toEqual({ ts: "1672531200123456789" });
    expect(await constantsOf(`('a', -0.0::DOUBLE, ${ts}, NULL), ('b', -0.0::DOUBLE, NULL, NULL)`)).toEqual({ d: "-0", s: null });
    expect(await constantsOf(`('a', 'nan'::DOUBLE, ${ts}, 'x'), ('b', 'nan'::DOUBLE, ${ts}, 'y')`)).toEqual({ d: "NaN", ts: "1672531200123456789" });
    expect(await constantsOf(`('a', 1.5::DOUBLE, ${ts}, 'x') LIMIT 0`)).toEqual({});
  });

  it("round-trips values through their manifest text", () => {
    expect(Object.is(decodeConstant(encodeConstant(-0, "DOUBLE"), "DOUBLE"), -0)).toBe(true);
    expect(decodeConstant(encodeConstant(Number.NEGATIVE_INFINITY, "DOUBLE"), "DOUBLE")).toBe(Number.NEGATIVE_INFINITY);
    expect(decodeConstant(encodeConstant(0.1 + 0.2, "DOUBLE"), "DOUBLE")).toBe(0.1 + 0.2);
    expect(decodeConstant(encodeConstant({ nanos: 1672531200123456789n }, "TIMESTAMP_NS"), "TIMESTAMP_NS")).toBe(1672531200123456789n);
    expect(decodeConstant(encodeConstant(9007199254740993n, "BIGINT"), "BIGINT")).toBe(9007199254740993n);
    expect(decodeConstant(encodeConstant(null, "VARCHAR"), "VARCHAR")).toBeNull();
  });
});
