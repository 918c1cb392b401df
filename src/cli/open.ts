// Opens the spool a CLI command works on: a file or directory PATH, an optional forced file
// format or index location, then the --select terms, chained.

import * as dc from "../index.ts";
import { applySelect, parseSelect, type Parsed } from "./args.ts";

/** The flags every spool-reading command accepts, for parseArgs. */
export const SPOOL_FLAGS = {
  select: { type: "string", multiple: true, short: "s" },
  "file-format": { type: "string" },
  "index-path": { type: "string" },
} as const;

/**
 * The spool over `path` with the command's selection applied (no I/O beyond a stat).
 *
 * @example
 * ```ts
 * openSpool("shot.h5", { select: ["distance=500..700"] });
 * ```
 */
export function openSpool(path: string, values: Parsed["values"]): dc.Spool {
  const options: dc.SpoolOptions = {};
  if (typeof values["file-format"] === "string") options.format = values["file-format"];
  if (typeof values["index-path"] === "string") options.indexPath = values["index-path"];
  const select = (values.select as string[] | undefined) ?? [];
  return applySelect(dc.spool(path, options), parseSelect(select));
}
