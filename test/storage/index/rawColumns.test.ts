// Index results read straight from DuckDB's vectors (issue 5's query speed): every column type of
// the index, NULLs, inline and pointer strings, non-ASCII text, and results of several chunks.
import { describe, expect, it } from "vitest";
import { duckBindings, duckDatabase } from "../../../storage/index/duck.ts";
import { readColumns } from "../../../storage/index/rawColumns.ts";

async function select(sql: string) {
  const b = duckBindings();
  const conn = await b.connect(await duckDatabase());
  try {
    return await readColumns(await b.query(conn, sql));
  } finally {
    b.disconnect_sync(conn);
  }
}

describe("readColumns", () => {
  it("decodes VARCHAR, BIGINT, TIMESTAMP_NS, DOUBLE, INTEGER and BOOLEAN with NULLs", async () => {
    const r = await select(`
      SELECT * FROM (VALUES
        ('short', 9007199254740993::BIGINT, make_timestamp_ns(1672531200123456789), 0.5::DOUBLE, 7::INTEGER, true),
        ('a string longer than twelve bytes', -1::BIGINT, make_timestamp_ns(-5), -2.25::DOUBLE, -7::INTEGER, false),
        (NULL, NULL, NULL, NULL, NULL, NULL),
        ('naïve Ωmega ✓ — über-long text', 0::BIGINT, make_timestamp_ns(0), 1e300::DOUBLE, 0::INTEGER, NULL)
      ) t(s, i, ts, d, n, b)`);
    expect(r.names).toEqual(["s", "i", "ts", "d", "n", "b"]);
    expect(r.columns).toEqual([
      ["short", "a string longer than twelve bytes", null, "naïve Ωmega ✓ — über-long text"],
      [9007199254740993n, -1n, null, 0n],
      [1672531200123456789n, -5n, null, 0n],
      [0.5, -2.25, null, 1e300],
      [7, -7, null, 0],
      [true, false, null, null],
    ]);
  });

  it("reads every chunk of a result longer than one vector", async () => {
    const r = await select(
      `SELECT i, 'p' || i::VARCHAR AS p, CASE WHEN i % 1000 = 0 THEN NULL ELSE (i / 2)::DOUBLE END AS h, ` +
        `CASE WHEN i < 3000 THEN 'same' WHEN i % 2 = 0 THEN 'even' ELSE NULL END AS r FROM range(5000) t(i)`,
    );
    expect(r.columns[3]!.slice(2998, 3003)).toEqual(["same", "same", "even", null, "even"]);
    expect(r.columns[0]).toHaveLength(5000);
    expect(r.columns[0]![4999]).toBe(4999n);
    expect(r.columns[1]![2049]).toBe("p2049");
    expect(r.columns[2]![3000]).toBeNull();
    expect(r.columns[2]![3001]).toBe(1500.5);
  });

  it("reads runs of long strings (ASCII or not, across chunks, around NULLs and inline ones) and all-NULL columns", async () => {
    const r = await select(
      `SELECT CASE WHEN i % 7 = 3 THEN NULL WHEN i % 5 = 0 THEN 'inline' || (i % 3)::VARCHAR ` +
        `WHEN i % 11 = 0 THEN 'Ωmega long string ' || i::VARCHAR ELSE 'a/long/path/number/' || i::VARCHAR END AS s, ` +
        `repeat('x', 1000 + i % 10) AS big, NULL::VARCHAR AS nothing, 'distance,time' AS dims FROM range(5000) t(i)`,
    );
    const want = (i: number) =>
      i % 7 === 3 ? null : i % 5 === 0 ? `inline${i % 3}` : i % 11 === 0 ? `Ωmega long string ${i}` : `a/long/path/number/${i}`;
    expect(r.columns[0]).toEqual(Array.from({ length: 5000 }, (_, i) => want(i)));
    // 5000 strings of ~1 kB: runs are cut at 64 kB.
    expect(r.columns[1]!.map((s) => (s as string).length)).toEqual(Array.from({ length: 5000 }, (_, i) => 1000 + (i % 10)));
    expect(r.columns[1]!.every((s) => /^x+$/.test(s as string))).toBe(true);
    expect(r.columns[2]).toEqual(new Array(5000).fill(null));
    expect(new Set(r.columns[3])).toEqual(new Set(["distance,time"]));
  });

  it("refuses a column type the index does not use", async () => {
    await expect(select(`SELECT [1, 2] AS l`)).rejects.toThrow(/type id 24/);
  });
});
