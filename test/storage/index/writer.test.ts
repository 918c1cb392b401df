// The writer's typed appends (storage/index/writer.ts fillTable): every SQL type lands exactly,
// timestamps at full nanosecond precision (they travel as BIGINT and are converted once), nulls
// as nulls, and the table has the declared types.
import { describe, expect, it } from "vitest";
import { withConnection } from "../../../storage/index/duck.ts";
import { fillTable, filledColumns } from "../../../storage/index/writer.ts";
import type { Column } from "../../../storage/index/schema.ts";

const COLS: Column[] = [
  { name: "path", type: "VARCHAR" },
  { name: "n", type: "BIGINT" },
  { name: "x", type: "DOUBLE" },
  { name: "t", type: "TIMESTAMP_NS" },
];

describe("fillTable", () => {
  it("stores each type exactly, with nanosecond timestamps (read through filledColumns) and nulls", async () => {
    const rows = [
      ["a/b.h5", 9_007_199_254_740_993n, -0.5, 1_704_067_200_000_000_001n],
      ["é", -1n, 1e-300, -86_400_000_000_123n],
      [null, null, null, null],
    ];
    const got = await withConnection(async (conn) => {
      await fillTable(conn, "t_fill", COLS, rows);
      try {
        // read through filledColumns, as the writer's SELECT does
        await conn.run(`CREATE TEMP VIEW v_fill AS SELECT ${filledColumns(COLS)} FROM t_fill`);
        const types = await conn.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'v_fill' ORDER BY ordinal_position`);
        const values = await conn.runAndReadAll(`SELECT path, n, x, epoch_ns(t) FROM v_fill`);
        return { types: types.getRows(), values: values.getRows() };
      } finally {
        await conn.run("DROP VIEW IF EXISTS v_fill");
        await conn.run("DROP TABLE t_fill");
      }
    });
    expect(got.types).toEqual([
      ["path", "VARCHAR"],
      ["n", "BIGINT"],
      ["x", "DOUBLE"],
      ["t", "TIMESTAMP_NS"],
    ]);
    expect(got.values).toEqual(rows);
  });
});
