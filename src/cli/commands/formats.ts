// `daspool formats`: the registered file formats with their versions and file extensions.

import { ALL_FORMATS } from "../../../storage/formats/all.ts";
import { parseCommand, UsageError } from "../args.ts";
import type { Command } from "../command.ts";
import { helpOf } from "../help.ts";
import { renderRows, tableFormat, type Rows } from "../table.ts";

/** The format list as rows: format, versions, extensions, writable. */
export function formatRows(): Rows {
  return {
    columns: ["format", "versions", "extensions", "writable"],
    rows: ALL_FORMATS.map((f) => [
      f.name,
      f.versions.join(", "),
      f.extensions.map((e) => `.${e}`).join(", "),
      f.write ? "yes" : "",
    ]),
  };
}

/** The `formats` command. */
export const formatsCommand: Command = {
  ...helpOf("formats"),
  async run(argv, io) {
    const { values, positionals } = parseCommand("formats", argv, { format: { type: "string" } });
    if (values.help) return io.out(helpOf("formats").usage);
    if (positionals.length) throw new UsageError(`formats: unexpected argument ${positionals[0]}`);
    io.out(renderRows(formatRows(), tableFormat(values.format)));
  },
};
