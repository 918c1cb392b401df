// Logical plan nodes: plain, immutable, JSON-able data (STYLE.md §3). No I/O, no methods.
// Every pass over a plan switches on `kind` and ends with an exhaustive `never` check.

import type { IndexOrder, IndexPredicate } from "../storage/index/types.ts";

/** An index predicate pushed into a directory source; `exact` when the index answers it fully. */
export type PushedPredicate = IndexPredicate & { exact: boolean };

/** What optimizer rules pushed into a directory source: its index query. */
export interface PushedQuery {
  predicates: PushedPredicate[];
  orderBy?: IndexOrder[];
  limit?: number;
  offset?: number;
}

/** Where the patches of a plan come from. Memory sources are resolved through the run context. */
export type SourceRef =
  | { type: "memory"; handle: string; count: number }
  | { type: "file"; path: string; format?: string; formatVersion?: string }
  | { type: "directory"; path: string; indexPath?: string; include?: string[]; exclude?: string[]; query?: PushedQuery };

/** A normalised select predicate on one key (a contents column or a coordinate). */
export type Predicate =
  | { op: "range"; lo: bigint | number | null; hi: bigint | number | null }
  /** A two-element array: a range on a coordinate, membership on an attribute (known at run). */
  | { op: "pair"; lo: ScalarValue; hi: ScalarValue }
  | { op: "glob"; pattern: string }
  | { op: "in"; values: readonly ScalarValue[] }
  | { op: "eq"; value: ScalarValue };

/** Scalars a select may compare with. Times given as strings or Dates become bigint ns. */
export type ScalarValue = string | number | bigint | boolean | null;

/** A normalised select query: predicates ANDed by key. */
export type SelectQuery = Readonly<Record<string, Predicate>>;

export interface ChunkSpec {
  dim: string;
  /** Window length: bigint ns for time-like dims, number otherwise; null merges contiguous runs. */
  length: bigint | number | null;
  overlap: bigint | number | null;
  keepPartial: boolean;
  snapCoords: boolean;
  tolerance: number;
  conflict: "raise" | "drop" | "keep_first";
}

/**
 * A reference to a map task. Function tasks live in the run context under `handle`. A worker
 * task's `args` (structured-cloneable, JSON-able with bigints tagged) travel with the plan.
 */
export type TaskRef =
  | { type: "function"; handle: string; name: string }
  | { type: "worker"; moduleUrl: string; exportName: string; args?: unknown };

export interface MapSpec {
  task: TaskRef;
  workers: number | null;
  ordered: boolean;
  /** Handle of this map's progress/cancel callbacks in the run context (not serialisable). */
  hooks: string | null;
}

export type LogicalPlan =
  | { readonly kind: "source"; readonly source: SourceRef }
  | { readonly kind: "select"; readonly input: LogicalPlan; readonly query: SelectQuery }
  | { readonly kind: "chunk"; readonly input: LogicalPlan; readonly spec: ChunkSpec }
  | {
      readonly kind: "concatenate";
      readonly input: LogicalPlan;
      readonly dim: string;
      readonly groupSize: number | null;
    }
  | {
      readonly kind: "slice";
      readonly input: LogicalPlan;
      readonly start: number | null;
      readonly end: number | null;
      readonly step: number | null;
    }
  | { readonly kind: "sort"; readonly input: LogicalPlan; readonly column: string }
  | { readonly kind: "map"; readonly input: LogicalPlan; readonly spec: MapSpec };

export type PlanKind = LogicalPlan["kind"];

/** Fails compilation when a switch over plan kinds misses one. */
export function assertNever(x: never): never {
  throw new Error(`unhandled plan node: ${JSON.stringify(x)}`);
}

/** The input of a non-source node, or null for a source. */
export function inputOf(plan: LogicalPlan): LogicalPlan | null {
  return plan.kind === "source" ? null : plan.input;
}

/** Rebuilds `plan` over a new input (plans are immutable). */
export function withInput(plan: LogicalPlan, input: LogicalPlan): LogicalPlan {
  if (plan.kind === "source") return plan;
  return { ...plan, input } as LogicalPlan;
}

/** Nodes from the source up to `plan`, source first. */
export function chainOf(plan: LogicalPlan): LogicalPlan[] {
  const chain: LogicalPlan[] = [];
  for (let p: LogicalPlan | null = plan; p; p = inputOf(p)) chain.unshift(p);
  return chain;
}

/** The source at the bottom of a plan. */
export function sourceOf(plan: LogicalPlan): SourceRef {
  let p = plan;
  while (p.kind !== "source") p = p.input;
  return p.source;
}
