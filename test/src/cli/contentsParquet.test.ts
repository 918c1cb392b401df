// `daspool contents --format parquet --out FILE`: the contents table as Parquet, times exact.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withConnection, sqlLiteral } from "../../../storage/index/duck.ts";
import { cliInProcess, REAL } from "./runCli.ts";

describe("daspool contents --format parquet", () => {
  it("writes every contents row with timestamp[ns] times that DuckDB reads back exactly", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "daspool-pq-")), "contents.parquet");
    const r = await cliInProcess(["contents", join(REAL, "prodml_fbe_1.h5"), "--format", "parquet", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("wrote 5 row(s)");
    const rows = await withConnection(async (c) => {
      const reader = await c.runAndReadAll(
        `SELECT count(*) AS n, min(epoch_ns(time_min)) AS t, any_value(typeof(time_min)) AS ty, any_value(file_format) AS f FROM read_parquet(${sqlLiteral(out)})`,
      );
      return reader.getRowObjects();
    });
    expect(rows[0]!.n).toBe(5n);
    expect(rows[0]!.ty).toBe("TIMESTAMP_NS");
    expect(rows[0]!.f).toBe("PRODML");
    expect(typeof rows[0]!.t).toBe("bigint");
  });

  it("needs --out", async () => {
    const r = await cliInProcess(["contents", join(REAL, "prodml_fbe_1.h5"), "--format", "parquet"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--format parquet needs --out FILE/);
  });
});
