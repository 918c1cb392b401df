// Opens the spool a CLI command works on: a file or directory PATH, an optional forced file
// format or index location, then the --select terms, chained. For a directory it also checks
// whether the index is stale (files added or deleted since the last `daspool index`).

import { statSync } from "node:fs";
import { resolve } from "node:path";
import * as dc from "../index.ts";
import { indexStaleness } from "../../storage/index/update.ts";
import { applySelect, type Parsed } from "./args.ts";
import { typedSelect } from "./select.ts";
import type { Io } from "./command.ts";

/** The flags every spool-reading command accepts, for parseArgs. */
export const SPOOL_FLAGS = {
  select: { type: "string", multiple: true, short: "s" },
  "file-format": { type: "string" },
  "index-path": { type: "string" },
} as const;

/**
 * The spool over `path` with the command's selection applied, its values typed against the
 * spool's columns (see {@link typedSelect}; reads metadata only when a term needs it).
 *
 * @example
 * ```ts
 * await openSpool("shot.h5", { select: ["distance=500..700"] });
 * ```
 */
export async function openSpool(path: string, values: Parsed["values"]): Promise<dc.Spool> {
  const options: dc.SpoolOptions = {};
  if (typeof values["file-format"] === "string") options.format = values["file-format"];
  if (typeof values["index-path"] === "string") options.indexPath = values["index-path"];
  const select = (values.select as string[] | undefined) ?? [];
  const base = dc.spool(path, options);
  return applySelect(base, await typedSelect(base, select));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Indexes of more patches are not compared with their files after a successful command: the
 * walk and the file list would cost more than the query (`daspool index` is the check there).
 */
export const STALE_CHECK_MAX_ROWS = 100_000;

/**
 * One line describing how the index of `dir` lags behind the files, or null when it is current
 * (or, with `maxRows`, too large to compare).
 */
export async function staleNote(dir: string, values: Parsed["values"], maxRows?: number): Promise<string | null> {
  const indexPath = typeof values["index-path"] === "string" ? values["index-path"] : undefined;
  const s = await indexStaleness(dir, { ...(indexPath ? { indexPath } : {}), ...(maxRows !== undefined ? { maxRows } : {}) }).catch(() => null);
  if (!s || s.added.length + s.missing.length + s.changed.length === 0) return null;
  const parts: string[] = [];
  const list = (names: string[]) => `${names.slice(0, 2).join(", ")}${names.length > 2 ? ", …" : ""}`;
  if (s.added.length) parts.push(`${s.added.length} new (${list(s.added)})`);
  if (s.missing.length) parts.push(`${s.missing.length} deleted (${list(s.missing)})`);
  if (s.changed.length) parts.push(`${s.changed.length} changed (${list(s.changed)})`);
  const flag = indexPath ? ` --index-path ${indexPath}` : "";
  return `the index of ${resolve(dir)} is stale: ${parts.join(", ")} file(s) since the last update; run \`daspool index ${dir}${flag}\``;
}

/**
 * Runs a command's work on `path`; when `path` is a directory whose index lags behind its files,
 * a success is followed by a warning on stderr (for indexes up to {@link STALE_CHECK_MAX_ROWS}
 * patches) and a failure gets the same hint appended, since a file deleted after indexing
 * surfaces as a read error that does not say why.
 *
 * @example
 * ```ts
 * await withIndexCheck(path, values, io, async () => io.out(render(await sp.getContents())));
 * ```
 */
export async function withIndexCheck<T>(path: string, values: Parsed["values"], io: Io, work: () => Promise<T>): Promise<T> {
  if (!isDirectory(path)) return work();
  let result: T;
  try {
    result = await work();
  } catch (e) {
    const note = e instanceof dc.DaspoolError ? await staleNote(path, values) : null;
    if (note && e instanceof Error) e.message = `${e.message.split("\n")[0]}; ${note}`;
    throw e;
  }
  const note = await staleNote(path, values, STALE_CHECK_MAX_ROWS);
  if (note) io.err(`daspool: warning: ${note}\n`);
  return result;
}
