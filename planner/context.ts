// What a plan needs to run: where source rows and samples come from, the map functions that live
// in this thread, cancellation, and the counters `explain({ analyze: true })` reports.

import type { Patch } from "../src/patch/Patch.ts";
import type { Item, Member, SourceRow } from "./items.ts";
import type { ReadTarget, TypedArray } from "../storage/formats/types.ts";
import type { SourceRef } from "./plan.ts";
import type { StageCounters } from "./explain/counters.ts";

/** Resolves a plan's source to rows, and a member to its samples. */
export interface SourceResolver {
  /** One row per patch of the source, from metadata only. */
  rows(ref: SourceRef, signal?: AbortSignal): Promise<SourceRow[]>;
  /** Loads one member (its hyperslab, then its residual value ranges) as a patch. */
  load(member: Member, signal?: AbortSignal): Promise<Patch>;
  /** A short description of the source for explain and toString. */
  describe(ref: SourceRef): string;
  /** Registers patches made during a run (a mid-plan map's results) and returns their rows. */
  adopt(patches: readonly Patch[]): SourceRow[];
  /**
   * Loads a member (no residual ranges) straight into `into` and returns a patch viewing it;
   * assembly then allocates each output once, with no per-member array. Optional: without it
   * members are loaded and copied.
   */
  loadInto?(member: Member, into: ReadTarget, signal?: AbortSignal): Promise<Patch>;
  /**
   * The array an output's samples go to (a caller's buffer, a pool); optional: without it, or
   * when it returns null, a new typed array.
   */
  allocate?(dtype: string, length: number): TypedArray | null;
}

/** Per-map callbacks that cannot travel inside a plan. */
export interface MapHooks {
  onProgress?: (progress: { done: number; total: number }) => void;
  signal?: AbortSignal;
}

/** A map function task, kept in the thread that created it. */
export type MapFunction = (item: unknown) => unknown;

/** Everything a plan run needs besides the plan itself. */
export interface RunContext {
  sources: SourceResolver;
  functions: ReadonlyMap<string, MapFunction>;
  /** Callbacks of map stages, by the handle in their `MapSpec.hooks`. */
  hooks: ReadonlyMap<string, MapHooks>;
  signal?: AbortSignal;
  /** Counters for `explain({ analyze: true })`; absent when nobody measures. */
  counters?: StageCounters;
  /**
   * Rows of mid-plan maps already run in this terminal call, by plan: shared by the planning
   * passes of one call so that each task runs once per item.
   */
  materialized?: Map<string, Item[]>;
  /**
   * Members of one merge loaded at once (default 4): their samples land on libuv's thread pool
   * while this thread reads the next member's metadata. Map workers use 1: the pool's threads
   * already fill the cores, and overlapping loads in each of them was slower (chunk + map of
   * 39 windows on 2 workers: 1.44 s sequential, 1.77 s with 4 in flight).
   */
  loadsInFlight?: number;
}

/** Throws the signal's reason (as our AbortError) when cancelled. */
export { throwIfAborted } from "./abort.ts";
