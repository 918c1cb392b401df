// `daspool contents PATH`: the contents table of a file or directory spool (one row per patch,
// from metadata only), as an aligned table, CSV or JSON.

import { onePath, parseCommand } from "../args.ts";
import type { Command } from "../command.ts";
import { openSpool, SPOOL_FLAGS, SPOOL_FLAGS_HELP } from "../open.ts";
import { dropEmptyColumns, renderRows, rowsOfTable, tableFormat } from "../table.ts";

const usage = `Usage: daspool contents PATH [options]

Print one row per patch of PATH (a DAS file or an indexed directory) without reading samples:
attributes, coordinate ranges (times in ISO 8601 UTC, steps in seconds), file path and format.

Options:
${SPOOL_FLAGS_HELP}
  --columns A,B        only these columns, in this order
  --format F           table (default; hides all-empty columns), csv or json
  -h, --help           show this help

Examples:
  daspool contents shot.hdf5
  daspool contents archive/ --select station=DAS* --select time=2020-01-03T00:00:09.. --format csv
`;

/** The `contents` command. */
export const contentsCommand: Command = {
  name: "contents",
  summary: "print the contents table (one row per patch)",
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommand("contents", argv, {
      ...SPOOL_FLAGS,
      columns: { type: "string" },
      format: { type: "string" },
    });
    if (values.help) return io.out(usage);
    const format = tableFormat(values.format);
    const path = onePath("contents", positionals);
    const columns = typeof values.columns === "string" ? values.columns.split(",").map((c) => c.trim()) : undefined;
    const table = await openSpool(path, values).getContents();
    let rows = rowsOfTable(table, columns);
    if (format === "table" && !columns) rows = dropEmptyColumns(rows);
    io.out(renderRows(rows, format));
  },
};
