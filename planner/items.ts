// Planned outputs: what the planner knows about each output patch before any sample is read.
// A source row is one patch of a source; an item is one output, built from members (hyperslabs of
// source rows) and an assembly rule. Everything here is plain data so it can cross to workers.

import type { FileIdentity } from "../storage/formats/recipe.ts";
import type { PatchSummary, RawAttrValue, Selection } from "../storage/formats/types.ts";

/** How storage finds a patch's samples: an in-memory position, or a file and a key inside it. */
export type Locator =
  | { type: "memory"; handle: string; index: number }
  | {
      type: "file";
      path: string;
      key: string;
      format: string;
      version: string;
      /** The indexed file version, for rows whose summary carries a read recipe (recipe.ts). */
      identity?: FileIdentity;
    };

/** One patch of a source, from metadata only. */
export interface SourceRow {
  locator: Locator;
  summary: PatchSummary;
  /** Relative `/`-separated path for file-backed rows (the contents `path` column). */
  relPath?: string;
}

/** A value range on an unevenly sampled coordinate, applied once the member is loaded. */
export type ResidualRanges = Record<string, readonly [bigint | number | null, bigint | number | null]>;

/** A hyperslab of one source row that contributes to an output. */
export interface Member {
  row: SourceRow;
  /** Sample-index ranges per dimension, half-open; a missing dimension means all samples. */
  index: Selection;
  /** Value ranges that metadata could not turn into indices (uneven coordinates). */
  residual: ResidualRanges;
}

/** How the members of an output are joined. */
export type Assembly =
  | { type: "single" }
  | {
      /** A chunk window: members land at `offsets` along `dim` on an even grid. */
      type: "merge";
      dim: string;
      start: bigint | number;
      step: bigint | number;
      samples: number;
      offsets: number[];
      snap: boolean;
    }
  | {
      /** Whole planned items joined along `dim` as they are (gaps allowed), or stacked on a new
       * last dimension `dim` when `newDim`. `members` of the item are the parts' members. */
      type: "concat";
      dim: string;
      newDim: boolean;
      parts: Item[];
      /**
       * Set when this is a chunk window drawn from concatenated sources: the parts are joined
       * without a history entry, and with `snap` the joined coordinate is the even grid
       * `start + i·step` of `samples` values (as a merge window's).
       */
      window?: ChunkWindowGrid;
    };

/** The coordinate of a chunk window along its dimension. */
export interface ChunkWindowGrid {
  start: bigint | number;
  step: bigint | number | null;
  samples: number;
  snap: boolean;
}

/** One output of a plan. `summary` describes the output patch as it will be loaded. */
export interface Item {
  summary: PatchSummary;
  members: Member[];
  assembly: Assembly;
  /**
   * The patches a later chunk re-plans from (SPEC §6.2 "Composition"): for a chunk window, the
   * source items it was cut from (as they entered that chunk, select trims included); absent for
   * a source patch or a concatenation, which are their own sources.
   */
  lineage?: readonly Item[];
  /**
   * Position of the source row in its source (memory order, file order, index order), kept
   * through selects, sorts and slices: a chunk orders its windows by it, as DASCore's chunk
   * orders them by the sources' original index whatever sort came before.
   */
  position?: number;
  /**
   * Per dimension, the extent a later chunk lays its windows on when a select narrowed this
   * source between samples (DASCore keeps the select's bounds as the row's min/max).
   */
  runBounds?: Readonly<Record<string, readonly [bigint | number, bigint | number]>>;
}

/** The items a chunk above `item` plans from: its lineage, or the item itself. */
export function lineageOf(item: Item): readonly Item[] {
  return item.lineage ?? [item];
}

/** Attribute values of an item's summary plus its coordinate summaries, flat (contents row). */
export type FlatRow = Record<string, RawAttrValue | bigint | undefined>;

/**
 * Whether any member of an item (or of its concatenated parts) is a patch held in this thread's
 * memory: such an item cannot be described to another thread or process by a read plan alone.
 */
export function heldInMemory(item: Item): boolean {
  return item.members.some((m) => m.row.locator.type === "memory") ||
    (item.assembly.type === "concat" && item.assembly.parts.some(heldInMemory));
}

/** An item made of one whole source row. */
export function itemFromRow(row: SourceRow): Item {
  return { summary: row.summary, members: [{ row, index: {}, residual: {} }], assembly: { type: "single" } };
}

/** Bytes per sample of a numpy dtype name (8 when unknown: a conservative estimate). */
export function bytesPerSample(dtype: string): number {
  const m = /(\d+)$/.exec(dtype);
  if (!m) return 8;
  return Math.max(1, Number(m[1]) / 8);
}

/** Estimated bytes of an item's output samples. */
export function estimatedBytes(item: Item): number {
  const n = item.summary.shape.reduce((a, b) => a * b, 1);
  return n * bytesPerSample(item.summary.dataDtype);
}
