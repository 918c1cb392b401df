// Plain-data types of the directory index (storage/index): what the planner sends (IndexQuery),
// what comes back (IndexRow), the manifest on disk and the update report. No behaviour here.
import type { PatchSummary } from "../formats/types.ts";

/** A scalar the index can compare against: strings, numbers, bigint ns for times, null. */
export type IndexScalar = string | number | bigint | boolean | null;

/**
 * One predicate of an {@link IndexQuery}. `column` is an index column (`station`, `path`,
 * `file_format`, `time_min`...) or, for `range`, a coordinate name (`time`, `distance`), which
 * means interval intersection: `c_max >= lo AND c_min <= hi`, inclusive, `null` = open.
 * A range on a name that is neither a column nor an indexed coordinate matches nothing (every
 * patch lacks that coordinate); other predicates on unknown columns throw ParameterError.
 * Bounds of time coordinates are bigint ns. `glob` is a case-sensitive unix glob (`*`, `?`,
 * `[abc]`, `[!abc]`) over the whole value, with Python fnmatch's semantics.
 */
export type IndexPredicate =
  | { kind: "range"; column: string; lo: bigint | number | null; hi: bigint | number | null }
  | { kind: "glob"; column: string; pattern: string }
  | { kind: "in"; column: string; values: readonly IndexScalar[] }
  | { kind: "eq"; column: string; value: IndexScalar };

/** Ordering key; a coordinate name orders by its `{c}_min`. */
export interface IndexOrder {
  column: string;
  desc?: boolean;
}

/**
 * A query on the index, plain data (serialisable except bigint). Predicates are ANDed; rows come
 * back in `orderBy` order, ties (and no `orderBy`) in index order (`time_min`, `path`, `key`).
 */
export interface IndexQuery {
  predicates?: readonly IndexPredicate[];
  orderBy?: readonly IndexOrder[];
  limit?: number;
  offset?: number;
}

/** One row of the index: a patch summary plus where it lives. */
export interface IndexRow extends PatchSummary {
  /** Path relative to the indexed directory, `/`-separated. */
  path: string;
  /** DASCore format name and version. */
  format: string;
  version: string;
  fileSize: number;
  mtimeNs: bigint;
}

/** How a coordinate's min/max/step columns are typed: TIMESTAMP_NS+BIGINT, BIGINT, DOUBLE. */
export type CoordKind = "time" | "delta" | "num";

/** A file that could not be indexed, remembered until its size or mtime changes. */
export interface FailedFile {
  path: string;
  size: number;
  /** mtime in ns, as a decimal string in JSON. */
  mtimeNs: string;
  reason: string;
}

/** A file that scanned to zero patches (remembered so that it is not rescanned). */
export interface EmptyFile {
  path: string;
  size: number;
  mtimeNs: string;
}

/** A generation's rows cache file, relative to the index folder, and its exact size in bytes. */
export interface RowsCacheRef {
  file: string;
  bytes: number;
  /** Size of the generation's Parquet file the cache was read from. */
  parquetBytes: number;
}

/** The manifest: the commit record of an index generation. */
export interface Manifest {
  schemaVersion: number;
  generation: number;
  /** Parquet file names, relative to the index folder. */
  parquet: string[];
  rows: number;
  /** Column kind of every coordinate family present in the Parquet schema. */
  coords: Record<string, CoordKind>;
  /**
   * Columns with one value in every row of this generation, as text (null: all NULL); a rows
   * query reads the others and fills these in. Absent (older manifests): nothing is folded.
   */
  constants?: Record<string, string | null>;
  /**
   * Every row of a small generation as JSON beside its Parquet (rowsCache.ts): queries on it are
   * answered without DuckDB. null when the generation is too large for one; absent in manifests
   * written before rows caches existed (the next update adds one).
   */
  rowsCache?: RowsCacheRef | null;
  failed: FailedFile[];
  empty: EmptyFile[];
  /** Include globs the index was built with (absent: every file). */
  include?: readonly string[];
  /** Exclude globs the index was built with (absent: none). */
  exclude?: readonly string[];
  /** The indexed directory when this generation was written (informational). */
  root: string;
  updatedAt: string;
}

/** An opened index: a snapshot of one committed generation (or none yet). */
export interface DirectoryIndex {
  /** Absolute path of the indexed directory. */
  root: string;
  /** Absolute path of the folder holding manifest, Parquet and lock. */
  indexDir: string;
  /** null when no index has been written yet (queries return nothing). */
  manifest: Manifest | null;
}

/** Progress of an update: files scanned of those to scan, and their bytes. */
export interface UpdateProgress {
  done: number;
  total: number;
  bytes: number;
}

/** Options of `updateIndex`. */
export interface UpdateOptions {
  /** Keep the index in this folder instead of `<dir>/.daspool` (and remember the mapping). */
  indexPath?: string;
  onProgress?: (p: UpdateProgress) => void;
  /** Non-fatal notices (an index rebuilt after a schema change, a stale lock broken...). */
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
  /** Worker threads for scanning: 0 = the calling thread; default: a pool of up to 4 threads
   * when at least 200 files are to be scanned, else the calling thread. */
  workers?: number;
  /**
   * Unix globs of the files to index (a pattern without `/` matches the file name, one with `/`
   * the relative path). Recorded in the index: later updates without `include`/`exclude` keep
   * them; passing either replaces both.
   */
  include?: readonly string[];
  /** Unix globs of files not to index (see `include`). */
  exclude?: readonly string[];
  /** How long to wait for another updater's lock (ms, default 10 minutes). */
  lockTimeoutMs?: number;
  /** @internal Test hooks for crash tests; not part of the API. */
  testHooks?: { beforeCommit?: () => void | Promise<void> };
}

/** What an update did. */
export interface UpdateReport {
  indexDir: string;
  /** Files seen by kind of change. */
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Files not considered: known sidecars (.xml, .json, .log, .tdms_index, ...) and files left out by include/exclude. */
  skipped: number;
  /** Files scanned in this update (added + changed + previously failed ones that changed). */
  scanned: number;
  /** Every file currently failing, with its reason (new and remembered). */
  failed: FailedFile[];
  /** Files that failed in this update. */
  newlyFailed: FailedFile[];
  /** Rows in the index after the update. */
  rows: number;
  /** True when the old index was discarded (another schema version, or corrupt). */
  rebuilt: boolean;
  /** True when a new generation was committed (false for a no-change update). */
  written: boolean;
}

/** Options of `openIndex`. */
export interface OpenOptions {
  indexPath?: string;
  onWarning?: (message: string) => void;
}
