// `daspool contents PATH`: the contents table of a file or directory spool (one row per patch,
// from metadata only), as an aligned table, CSV or JSON.

import { onePath, parseCommand } from "../args.ts";
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
    });
    if (values.help) return io.out(helpOf("contents").usage);
    const format = tableFormat(values.format);
    const path = onePath("contents", positionals);
    const columns = typeof values.columns === "string" ? values.columns.split(",").map((c) => c.trim()) : undefined;
    const table = await openSpool(path, values).getContents();
    let rows = rowsOfTable(table, columns);
    if (format === "table" && !columns) rows = dropEmptyColumns(rows);
    io.out(renderRows(rows, format));
  },
};
