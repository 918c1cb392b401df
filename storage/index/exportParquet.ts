// Writes a plain column table to a Parquet file through DuckDB (the contents table export of
// `daspool contents --format parquet`). Written under a temporary name and renamed: no partial file.

import { promises as fs } from "node:fs";
import { withConnection, sqlIdent, sqlLiteral } from "./duck.ts";
import { fillTable, filledColumns } from "./writer.ts";
import { tmpToken } from "./manifest.ts";
import type { Column } from "./schema.ts";

/** One column to export: its SQL type and its values (bigint ns for TIMESTAMP_NS). */
export interface ExportColumn extends Column {
  values: readonly (string | number | bigint | null)[];
}

/**
 * Writes `columns` (all of one length) as a zstd Parquet file at `path`.
 * @example
 * ```ts
 * await writeParquetTable("contents.parquet", [{ name: "station", type: "VARCHAR", values: ["A", "B"] }]);
 * ```
 */
export async function writeParquetTable(path: string, columns: readonly ExportColumn[]): Promise<void> {
  const n = columns[0]?.values.length ?? 0;
  const rows = (function* () {
    for (let i = 0; i < n; i++) {
      yield columns.map((c) => c.values[i] ?? null);
    }
  })();
  const tmp = `${path}.${tmpToken()}.tmp`;
  const table = `export_${tmpToken().replace(/\W/g, "_")}`;
  try {
    await withConnection(async (conn) => {
      await fillTable(conn, table, columns, rows);
      try {
        await conn.run(`COPY (SELECT ${filledColumns(columns)} FROM ${sqlIdent(table)}) TO ${sqlLiteral(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
      } finally {
        await conn.run(`DROP TABLE IF EXISTS ${sqlIdent(table)}`);
      }
    });
    await fs.rename(tmp, path);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
