// The seam between format readers and everything above them (ARCHITECTURE.md "Format modules").
// Plain data only: typed arrays, bigint ns for times, numbers for everything else.

/** The typed arrays a patch's samples or a coordinate's values may live in. */
export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/**
 * Coordinate dtypes, named as numpy names them. Absolute times are `datetime64` (bigint ns since
 * the epoch), durations `timedelta64` (bigint ns); everything else holds `number`s.
 */
export type CoordDtype =
  | "datetime64"
  | "timedelta64"
  | "float64"
  | "float32"
  | "int64"
  | "int32"
  | "int16"
  | "int8"
  | "uint64"
  | "uint32"
  | "uint16"
  | "uint8";

/** An evenly sampled coordinate: value(i) = start + i·step. bigint for time dtypes. */
export interface RawCoordRange {
  kind: "range";
  start: number | bigint;
  step: number | bigint;
  length: number;
  units: string | null;
  dtype: CoordDtype;
  /** Dimensions this coordinate spans; omitted means the dimension of the same name. */
  dims?: string[];
}

/** A coordinate with explicit values (BigInt64Array for time dtypes). */
export interface RawCoordArray {
  kind: "array";
  values: TypedArray;
  units: string | null;
  dtype: CoordDtype;
  /** Dimensions this coordinate spans; omitted means the dimension of the same name. */
  dims?: string[];
}

export type RawCoord = RawCoordRange | RawCoordArray;

/** Declared string attributes of every patch (SPEC §4), in contents-column order. The model adds
 * `history` and `dims`; the index stores these as their own columns. */
export const DECLARED_ATTRS = [
  "data_type",
  "data_category",
  "data_units",
  "instrument_id",
  "acquisition_id",
  "tag",
  "station",
  "network",
] as const;

/** Attribute values a reader may report: scalars, lists (string lists most often) and, from
 * DASDAE pickles, nested lists and string-keyed objects (Python dicts). */
export type RawAttrValue = string | number | bigint | boolean | null | string[] | RawAttrValue[] | { [key: string]: RawAttrValue };

/** Sample dtypes that the typed array alone does not name (SPEC §3): float16 held in a
 * Float32Array, bool in a Uint8Array, complex as interleaved (re, im) float pairs. */
export type TaggedDtype = "float16" | "bool" | "complex64" | "complex128";

/** One patch as a reader returns it: samples row-major over `dims`, coordinates, attributes. */
export interface RawPatch {
  /** Row-major samples; for complex dtypes interleaved (re, im), twice the number of elements. */
  data: TypedArray;
  /** The sample dtype when `data`'s array type does not say it (float16, bool, complex). */
  dtype?: TaggedDtype;
  dims: string[];
  shape: number[];
  coords: Record<string, RawCoord>;
  /** Declared attributes (SPEC §4: tag, station, network, data_type, data_category, data_units,
   * instrument_id, acquisition_id, ...) plus format-specific extras. No coordinate summaries. */
  attrs: Record<string, RawAttrValue>;
}

/** What the index and the planner know of one coordinate without reading samples. */
export interface CoordSummary {
  min: number | bigint | null;
  max: number | bigint | null;
  /** null when unevenly sampled. bigint ns for time dtypes. */
  step: number | bigint | null;
  length: number;
  units: string | null;
  dtype: CoordDtype;
}

/** One patch inside a file, from metadata alone: one row of the index. */
export interface PatchSummary {
  /** Identifies the patch inside its file (an HDF5 node path, a band index...); "" when the
   * file holds exactly one patch and needs no key. Passed back verbatim to `read`. */
  key: string;
  dims: string[];
  shape: number[];
  /** numpy-style name of the sample dtype, e.g. "float32". */
  dataDtype: string;
  attrs: Record<string, RawAttrValue>;
  /** A summary for every dimension coordinate (non-dimensional coordinates may be omitted). */
  coords: Record<string, CoordSummary>;
  /** How to read the patch without its format's metadata, when the scan could tell (recipe.ts). */
  recipe?: ReadRecipe;
}

/** Sample dtypes a {@link ReadRecipe} can read: plain little-endian numbers. */
export type RecipeDtype = "float64" | "float32" | "int64" | "int32" | "int16" | "int8" | "uint64" | "uint32" | "uint16" | "uint8";

/**
 * Everything a read of one patch learns from its file's metadata, for a patch whose samples lie
 * contiguous in the file, row-major, little-endian, unfiltered: the scan writes it, the index
 * keeps it, and a later read of the same file version (size and mtime, as the index compares
 * them) builds the patch from it and reads only the samples (storage/formats/recipe.ts). It holds
 * what the format's read would return: dims, coordinates (ranges only) and attributes.
 */
export interface ReadRecipe {
  /** Byte offset of the first sample in the file. */
  offset: number;
  dtype: RecipeDtype;
  dims: string[];
  shape: number[];
  coords: Record<string, RawCoordRange>;
  attrs: Record<string, RawAttrValue>;
}

/** Half-open sample-index ranges per dimension: `{ time: [i0, i1) }`. Missing dims mean "all". */
export type Selection = Record<string, readonly [number, number]>;

/**
 * Where a reader puts the samples it reads (ARCHITECTURE.md "Read tasks": a slice of the output
 * buffer the executor allocated, or a pooled one). Sample `(i0, i1, …)` of the selection goes to
 * `data[offset + i0·strides[0] + i1·strides[1] + …]`, so one member of a merged output lands
 * straight in its place (strided rows) and a single patch in a reused buffer, with no
 * intermediate array. `data` must have the dataset's dtype (no conversion on this path).
 */
export interface ReadTarget {
  data: TypedArray;
  /** Element offset of the selection's first sample. */
  offset: number;
  /** Element strides, one per dimension of the patch (row-major for a contiguous block). */
  strides: readonly number[];
  /**
   * Let large direct reads land on libuv's thread pool while the caller goes on (readPatch
   * resolves once they have): for a caller loading several members at once. Off by default:
   * alone, a background read only adds a thread handoff.
   */
  background?: boolean;
}

/** What detection is given: enough to decide cheaply, without every format re-reading the file. */
export interface FileProbe {
  path: string;
  size: number;
  /** The first bytes of the file (up to 8 KiB). */
  head: Uint8Array;
}

/** A format's answer to detection: its DASCore name and the file's version. */
export interface FormatId {
  format: string;
  version: string;
}

/**
 * How a reader treats a file shorter than its own headers declare (issue 18). By default a
 * truncation raises CorruptFileError naming the file and how much is missing; a partial read
 * is only ever the caller's explicit choice, and always says so through `onWarning`.
 */
export interface TruncationPolicy {
  /** Read the complete part (whole rows, traces, records) of a truncated file instead of raising. */
  allowTruncated?: boolean;
  /** Receives every warning (default: `process.emitWarning` with code DASPOOL_TRUNCATED). */
  onWarning?: (message: string) => void;
}

/**
 * One file format. `detect` must be cheap and must not throw for files of other formats (a throw
 * is treated as "not this format"). `scan` reads metadata only; `read` reads only the samples of
 * `selection`.
 */
export interface FormatModule {
  /** DASCore's name for the format, e.g. "DASDAE", "TERRA15". Matched case-insensitively. */
  name: string;
  versions: readonly string[];
  /** Extensions, lower case without the dot, tried first during detection. */
  extensions: readonly string[];
  detect(probe: FileProbe): Promise<string | null>;
  /** `probe`, when given, is the one detection used (HDF5 formats reuse its open handle). */
  /** `policy`: what to do with a truncated file (formats that declare sizes honour it). */
  scan(path: string, version: string, probe?: FileProbe, policy?: TruncationPolicy): Promise<PatchSummary[]>;
  /**
   * Reads one patch (only the samples of `selection`). With `into`, a module may write the
   * samples there and return `data === into.data` (its `shape` then gives the block read); a
   * module that ignores `into` returns its own array, and `readPatch` (registry) places it.
   */
  read(path: string, key: string, version: string, selection?: Selection, into?: ReadTarget, policy?: TruncationPolicy): Promise<RawPatch>;
  write?(patches: readonly RawPatch[], path: string): Promise<void>;
  /**
   * Detection and scan together, without starting libhdf5 (DASDAE's pure-JS reader): the version
   * and patches `detect` and `scan` would give, or undefined when this path cannot answer (not
   * this format, or a file it leaves to the full path). Used to tell an archive that scans cheaply
   * in the calling thread from one worth a pool of threads.
   */
  quickScan?(probe: FileProbe): { version: string; patches: PatchSummary[] } | undefined;
}
