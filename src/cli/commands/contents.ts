// `daspool contents PATH`: the contents table of a file or directory spool (one row per patch,
// from metadata only), as an aligned table, CSV or JSON.

import { resolve } from "node:path";
import { writeParquetTable, type ExportColumn } from "../../../storage/index/exportParquet.ts";
import { onePath, parseCommand, UsageError } from "../args.ts";
import type { Command } from "../command.ts";
import { helpOf } from "../help.ts";
import { openSpool, SPOOL_FLAGS, withIndexCheck } from "../open.ts";
import { spoolContents, type ContentsColumn } from "../../spool/contentsColumns.ts";
import { dropEmptyColumns, renderRows, rowsOfContents, tableFormat } from "../table.ts";

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
      const out = values.out;
      if (typeof out !== "string") throw new UsageError("contents: --format parquet needs --out FILE");
      const contents = await withIndexCheck(path, values, io, async () => spoolContents(await openSpool(path, values)));
      await writeParquetTable(resolve(out), exportColumns(contents, columns));
      return io.out(`wrote ${contents[0]?.values.length ?? 0} row(s) to ${resolve(out)}\n`);
    }
    const format = tableFormat(values.format);
    const contents = await withIndexCheck(path, values, io, async () => spoolContents(await openSpool(path, values)));
    let rows = rowsOfContents(contents, columns);
    if (format === "table" && !columns) rows = dropEmptyColumns(rows);
    io.out(renderRows(rows, format));
  },
};

const PARQUET_TYPES: Record<ContentsColumn["kind"], ExportColumn["type"]> = {
  timestamp: "TIMESTAMP_NS",
  duration: "BIGINT",
  float: "DOUBLE",
  string: "VARCHAR",
};

/** The contents as typed columns for Parquet: times stay ns, strings stay strings. */
function exportColumns(contents: readonly ContentsColumn[], only?: readonly string[]): ExportColumn[] {
  return contents
    .filter((c) => !only || only.includes(c.name))
    .map((c) => ({ name: c.name, type: PARQUET_TYPES[c.kind], values: c.values }));
}
