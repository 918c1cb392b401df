// `daspool contents PATH`: the contents table of a file or directory spool (one row per patch,
// from metadata only), as an aligned table, CSV or JSON.

import { resolve } from "node:path";
import type { Table } from "apache-arrow";
import { writeParquetTable, type ExportColumn } from "../../../storage/index/exportParquet.ts";
import { onePath, parseCommand, UsageError } from "../args.ts";
import type { Command } from "../command.ts";
import { helpOf } from "../help.ts";
import { openSpool, SPOOL_FLAGS } from "../open.ts";
import { dropEmptyColumns, renderRows, rowsOfTable, tableFormat } from "../table.ts";

/** The `contents` command. */
export const contentsCommand: Command = {
  ...helpOf("contents"),
  async run(argv, io) {
    const { values, positionals } = parseCommand("contents", argv, {
      ...SPOOL_FLAGS,
      columns: { type: "string" },
      format: { type: "string" },
      out: { type: "string", short: "o" },
    });
    if (values.help) return io.out(helpOf("contents").usage);
    const path = onePath("contents", positionals);
    const columns = typeof values.columns === "string" ? values.columns.split(",").map((c) => c.trim()) : undefined;
    if (values.format === "parquet") {
      if (typeof values.out !== "string") throw new UsageError("contents: --format parquet needs --out FILE");
      const table = await openSpool(path, values).getContents();
      await writeParquetTable(resolve(values.out), exportColumns(table, columns));
      return io.out(`wrote ${table.numRows} row(s) to ${resolve(values.out)}\n`);
    }
    const format = tableFormat(values.format);
    const table = await openSpool(path, values).getContents();
    let rows = rowsOfTable(table, columns);
    if (format === "table" && !columns) rows = dropEmptyColumns(rows);
    io.out(renderRows(rows, format));
  },
};

/** The contents table as typed columns for Parquet: times stay ns, strings stay strings. */
function exportColumns(table: Table, only?: readonly string[]): ExportColumn[] {
  const fields = table.schema.fields.filter((f) => !only || only.includes(f.name));
  return fields.map((field) => {
    const vector = table.getChild(field.name)!;
    const kind = String(field.type);
    const n = table.numRows;
    if (kind.startsWith("Timestamp") || kind.startsWith("Duration")) {
      // Exact ns from the buffers: Arrow's get() returns lossy milliseconds for timestamps.
      const values: (bigint | null)[] = [];
      for (const data of vector.data) {
        const raw = data.values as BigInt64Array;
        for (let i = 0; i < data.length; i++) values.push(data.getValid(i) ? raw[i]! : null);
      }
      return { name: field.name, type: kind.startsWith("Timestamp") ? "TIMESTAMP_NS" : "BIGINT", values };
    }
    const values = Array.from({ length: n }, (_, i) => vector.get(i) as unknown);
    if (kind === "Float64") return { name: field.name, type: "DOUBLE", values: values as (number | null)[] };
    return { name: field.name, type: "VARCHAR", values: values.map((v) => (v === null || v === undefined ? null : String(v))) };
  });
}
