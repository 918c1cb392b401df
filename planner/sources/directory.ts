// Directory sources: rows come from the index with the pushed query (DuckDB over the Parquet, or a
// small generation's rows cache without DuckDB: storage/index/rowsCache.ts); members
// are read from their files as hyperslabs. An index that does not exist yet is built on first use.

import { join } from "node:path";
import {
  countIndex,
  explainIndexQuery,
  rowsCacheAnswer,
  openIndex,
  queryIndex,
  updateIndex,
  type DirectoryIndex,
  type IndexQuery,
  type UpdateOptions,
  type UpdateReport,
} from "../../storage/index/index.ts";
import { schemaColumns } from "../../storage/index/schema.ts";
import type { SourceRow } from "../items.ts";
import type { PushedQuery, SourceRef } from "../plan.ts";
import type { SourceSchema } from "../rules/rule.ts";

type DirectoryRef = Extract<SourceRef, { type: "directory" }>;

/** The storage query of a pushed query (drops the exactness flags, which are for explain). */
export function toIndexQuery(q: PushedQuery | undefined): IndexQuery {
  if (!q) return {};
  return {
    predicates: q.predicates.map(({ exact: _exact, ...p }) => p),
    orderBy: q.orderBy,
    limit: q.limit,
    offset: q.offset,
  };
}

/** The spool's include/exclude globs, when it was made with any. */
function globsOf(ref: DirectoryRef): { include?: string[]; exclude?: string[] } {
  return { ...(ref.include ? { include: ref.include } : {}), ...(ref.exclude ? { exclude: ref.exclude } : {}) };
}

/** Opens a directory's index, building it first when none exists yet. */
export async function openDirectory(ref: DirectoryRef, signal?: AbortSignal): Promise<DirectoryIndex> {
  const index = await openIndex(ref.path, { indexPath: ref.indexPath });
  if (index.manifest !== null) return index;
  await updateIndex(ref.path, { indexPath: ref.indexPath, signal, ...globsOf(ref) });
  return openIndex(ref.path, { indexPath: ref.indexPath });
}

/** Rows of the directory's index that match the pushed query. */
export async function directoryRows(ref: DirectoryRef, signal?: AbortSignal): Promise<SourceRow[]> {
  const index = await openDirectory(ref, signal);
  const rows = await queryIndex(index, toIndexQuery(ref.query));
  return rows.map(({ path, format, version, fileSize, mtimeNs, ...summary }) => ({
    locator: { type: "file", path: join(index.root, path), key: summary.key, format, version, ...(summary.recipe ? { identity: { size: fileSize, mtimeNs } } : {}) },
    summary,
    relPath: path,
  }));
}

/** COUNT(*) of the pushed query, answered by the index alone. */
export async function directoryCount(ref: DirectoryRef, signal?: AbortSignal): Promise<number> {
  return countIndex(await openDirectory(ref, signal), toIndexQuery(ref.query));
}

/** What the index can answer: its coordinates and exactly filterable columns. */
export async function directorySchema(ref: DirectoryRef, signal?: AbortSignal): Promise<SourceSchema> {
  const index = await openDirectory(ref, signal);
  const kinds = index.manifest?.coords ?? {};
  const coordinates = new Map<string, string>();
  for (const [name, kind] of Object.entries(kinds)) {
    coordinates.set(name, kind === "time" ? "datetime64" : kind === "delta" ? "timedelta64" : "float64");
  }
  const skip = new Set(["attrs_json", "coords_json", "read_json", "shape", "file_size", "mtime_ns", "key", "data_dtype"]);
  const columns = new Set(schemaColumns(kinds).map((c) => c.name).filter((n) => !skip.has(n)));
  return { coordinates, columns };
}

/** The SQL (with its bound values) the pushed query runs, for explain. */
export async function directorySql(ref: DirectoryRef): Promise<string> {
  const index = await openDirectory(ref);
  const query = toIndexQuery(ref.query);
  const { sql, params } = explainIndexQuery(index, query);
  const binds = params.map((p) => `${p.name}=${typeof p.value === "string" ? JSON.stringify(p.value) : String(p.value)}`);
  const cached = rowsCacheAnswer(index, query);
  const how = cached === null ? "" : `  [answered from the rows cache of ${cached} rows, without DuckDB]`;
  return `${sql.replace(/\s+/g, " ").trim()}${binds.length ? `  -- ${binds.join(", ")}` : ""}${how}`;
}

/** Brings the directory's index up to date. */
export async function updateDirectory(ref: DirectoryRef, options: Omit<UpdateOptions, "indexPath">): Promise<UpdateReport> {
  const globs = options.include === undefined && options.exclude === undefined ? globsOf(ref) : {};
  return updateIndex(ref.path, { ...globs, ...options, indexPath: ref.indexPath });
}
