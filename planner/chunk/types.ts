// The plain data the chunk planner consumes (one row per source patch) and produces (windows).
// JSON-able except bigint; no I/O, no classes. Times are bigint ns, other coordinates numbers.

/** A coordinate value: bigint ns for time-like dims, number otherwise. */
export type ChunkValue = bigint | number;

/** What the planner knows of one dimension of a source without reading samples. */
export interface DimSummary {
  min: ChunkValue;
  max: ChunkValue;
  step: ChunkValue | null;
  length: number;
}

/** One source patch as the chunk planner sees it. */
export interface ChunkSourceRow {
  /** Position of the source in the input spool; echoed back in {@link ChunkMember.id}. */
  id: number;
  /** Declared attrs (network, station, dims, data_type, tag, ...) plus extras. */
  attrs: Readonly<Record<string, unknown>>;
  /** First value along the chunk dim. */
  min: ChunkValue;
  /** Last value along the chunk dim (inclusive). */
  max: ChunkValue;
  /** Sampling step along the chunk dim; null when unevenly sampled. */
  step: ChunkValue | null;
  /** Samples along the chunk dim. */
  length: number;
  /**
   * Index of `min` inside the underlying source along the chunk dim (0 unless the row was
   * trimmed by a select, see {@link trimRow}). Member slices are given in source indices.
   */
  offset?: number;
  /** Where a run through this source may start and end for laying windows (default min/max). */
  runMin?: ChunkValue;
  runMax?: ChunkValue;
  /** The other dimensions of the source; members of one window must agree on them. */
  otherDims?: Readonly<Record<string, DimSummary>>;
}

/** How a window treats attributes that differ between its members. */
export type ConflictMode = "raise" | "drop" | "keep_first";

/** Options of one chunk call (SPEC §6.2). Mirrors the planner's `ChunkSpec`. */
export interface ChunkOptions {
  dim: string;
  /** Window length; null merges each contiguous run. Time dims: bigint ns or number seconds. */
  length: ChunkValue | string | null;
  overlap?: ChunkValue | string | null;
  keepPartial?: boolean;
  snapCoords?: boolean;
  /** Largest gap, in samples, still treated as contiguous. */
  tolerance?: number;
  conflict?: ConflictMode;
}

/** {@link ChunkOptions} with defaults applied and durations in the dim's value type. */
export interface ResolvedChunkOptions {
  dim: string;
  length: ChunkValue | null;
  overlap: ChunkValue | null;
  keepPartial: boolean;
  snapCoords: boolean;
  tolerance: number;
  conflict: ConflictMode;
}

/** One source's contribution to a window. */
export interface ChunkMember {
  /** The source row's id. */
  id: number;
  /** Sample indices `[i0, i1)` into the source along the chunk dim. */
  slice: [number, number];
  /** Index along the chunk dim of the output where these samples land. */
  outOffset: number;
}

/** One output patch of a chunk: its coordinate along the dim, its members and attrs. */
export interface ChunkWindow {
  dim: string;
  /** The first coordinate value of the output. */
  start: ChunkValue;
  /** The last coordinate value of the output (inclusive). */
  stop: ChunkValue;
  /** The output step; null when the merged values are uneven and `snapCoords` is off. */
  step: ChunkValue | null;
  /** Samples along the dim (the sum of the members' slice lengths). */
  samples: number;
  /**
   * True when the output coordinate is the even grid `start + i·step` that differs from the
   * members' own sample values (DASCore's snap); false when it equals them.
   */
  regridded: boolean;
  /** The requested window `[lo, hi]` the members were cut to (inclusive). */
  bounds: [ChunkValue, ChunkValue];
  members: ChunkMember[];
  /** Merged attributes (per the conflict rule), without the chunk dim's coordinate keys. */
  attrs: Record<string, unknown>;
  /** The other dimensions (identical in every member). */
  otherDims: Record<string, DimSummary>;
}
