// The directory index's public surface for the planner: open, update, query, count, explain.
// Parquet files + a manifest in `<dir>/.daspool` (or `indexPath`), read and written with DuckDB;
// a small generation also keeps its rows as JSON, which queries read without DuckDB.
export { openIndex, refreshIndex } from "./open.ts";
export { updateIndex } from "./update.ts";
export { queryIndex, countIndex, rowsCacheAnswer } from "./query.ts";
export { explainIndexQuery, type BoundParam, type IndexSql } from "./sql.ts";
export { resolveLocation, INDEX_FOLDER, type IndexLocation } from "./location.ts";
export { SCHEMA_VERSION, DECLARED_ATTRS } from "./schema.ts";
export type * from "./types.ts";
