// `daspool query PATH`: select → chunk a spool, then explain the plan, list its outputs, or run it
// and write every output patch as a DASDAE file.

import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import * as dc from "../../index.ts";
import { onePath, parseChunk, parseCommand, UsageError, type Parsed } from "../args.ts";
import type { Command, Io } from "../command.ts";
import { helpOf } from "../help.ts";
import { openSpool, SPOOL_FLAGS, withIndexCheck } from "../open.ts";
import { spoolContents } from "../../spool/contentsColumns.ts";
import { dropEmptyColumns, renderRows, rowsOfContents, tableFormat } from "../table.ts";

function fileName(i: number, patch: dc.Patch): string {
  const index = String(i).padStart(4, "0");
  if (!patch.dims.includes("time")) return `${index}.h5`;
  const t = patch.getCoord("time").min();
  return typeof t === "bigint" ? `${index}_${dc.formatDatetime64(t).replace(/:/g, "-")}.h5` : `${index}.h5`;
}

async function writeOutputs(sp: dc.Spool, dir: string, io: Parameters<Command["run"]>[1]): Promise<void> {
  const t0 = performance.now();
  await mkdir(dir, { recursive: true });
  let i = 0;
  for await (const item of sp) {
    if (io.signal.aborted) throw new dc.AbortError("query aborted; files written so far are kept");
    if (!(item instanceof dc.Patch)) throw new UsageError(`query: output ${i} is not a patch`);
    const path = join(dir, fileName(i, item));
    await dc.write(item, path, { format: "DASDAE" });
    io.out(`${path}  (${item.dims.map((d, k) => `${d}: ${item.shape[k]}`).join(", ")})\n`);
    i++;
  }
  io.out(`wrote ${i} patch${i === 1 ? "" : "es"} to ${dir} in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
}

/** The `query` command. */
export const queryCommand: Command = {
  ...helpOf("query"),
  async run(argv, io) {
    const { values, positionals } = parseCommand("query", argv, {
      ...SPOOL_FLAGS,
      chunk: { type: "string", short: "c" },
      explain: { type: "boolean" },
      analyze: { type: "boolean" },
      out: { type: "string" },
      format: { type: "string" },
      columns: { type: "string" },
    });
    if (values.help) return io.out(helpOf("query").usage);
    const format = tableFormat(values.format);
    const path = onePath("query", positionals);
    if (values.explain && values.analyze) throw new UsageError("query: use either --explain or --analyze, not both");
    let sp = await openSpool(path, values);
    if (typeof values.chunk === "string") sp = sp.chunk(parseChunk(values.chunk));
    await withIndexCheck(path, values, io, () => runQuery(sp, values, format, io));
  },
};

async function runQuery(sp: dc.Spool, values: Parsed["values"], format: ReturnType<typeof tableFormat>, io: Io): Promise<void> {
  if (values.explain || values.analyze) io.out(`${await sp.explain({ analyze: values.analyze === true })}\n`);
  if (typeof values.out === "string") await writeOutputs(sp, values.out, io);
  else if (!values.explain && !values.analyze) {
    const columns = typeof values.columns === "string" ? values.columns.split(",").map((c) => c.trim()) : undefined;
    let rows = rowsOfContents(await spoolContents(sp), columns);
    if (format === "table" && !columns) rows = dropEmptyColumns(rows);
    io.out(renderRows(rows, format));
  }
}
