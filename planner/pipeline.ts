// Physical planning: evaluates an (optimized) logical plan over source rows into planned items,
// one per output, using metadata only. A map in the middle of a plan is a barrier: its results
// are computed and become an in-memory source for the nodes above it.

import { ParameterError } from "../src/errors.ts";
import type { Patch } from "../src/patch/Patch.ts";
import { itemFromRow, type Item } from "./items.ts";
import { assertNever, inputOf, type LogicalPlan, type MapSpec } from "./plan.ts";
import type { RunContext } from "./context.ts";
import { throwIfAborted } from "./abort.ts";
import { evaluateSelect } from "./evaluate/select.ts";
import { evaluateSlice, evaluateSort } from "./evaluate/sort.ts";
import { evaluateChunk } from "./evaluate/chunk.ts";
import { evaluateConcatenate } from "./evaluate/concatenate.ts";

/** The outputs of a plan: items to load, and the map applied to each loaded item, if any. */
export interface PlannedOutputs {
  items: Item[];
  map: MapSpec | null;
}

/** Plans the outputs of `plan` without loading any item's samples (but a mid-plan map's input). */
export async function planOutputs(plan: LogicalPlan, ctx: RunContext): Promise<PlannedOutputs> {
  if (plan.kind !== "map") return { items: await planItems(plan, ctx), map: null };
  const pool = await prestartLocalPool(plan.spec, ctx);
  let items: Item[] | undefined;
  try {
    items = await planItems(plan.input, ctx);
    return { items, map: plan.spec };
  } finally {
    // A pool sized for more threads than items would not be claimed by the run: free it now.
    if (pool && (items === undefined || items.length < pool.workers)) void pool.discard();
  }
}

/**
 * Starts the thread pool of the worker map that a run of `plan` will run first (the innermost;
 * with `counting`, a map on top does not run) before anything else of the run, so that the
 * threads' start-up overlaps the source's schema lookup, which brings a directory's index up to
 * date (a first index of a small folder takes ~0.4 s, as long as the threads take to start).
 * Returns a function that frees the pool if the run fails before claiming it.
 *
 * @example
 * ```ts
 * const release = await prestartFor(spool.plan, ctx, false);
 * try { await optimizeAndPlan(); } catch (e) { await release(); throw e; }
 * ```
 */
export async function prestartFor(plan: LogicalPlan, ctx: RunContext, counting: boolean): Promise<() => Promise<void>> {
  let first: MapSpec | null = null;
  for (let p: LogicalPlan | null = counting && plan.kind === "map" ? plan.input : plan; p; p = inputOf(p)) {
    if (p.kind === "map") first = p.spec;
  }
  const pool = first ? await prestartLocalPool(first, ctx) : null;
  return pool ? pool.discard : () => Promise.resolve();
}

/**
 * For a worker map on the local executor, starts its thread pool before planning so that the
 * threads' start-up overlaps planning (see prestartMapPool). Other executors are left alone.
 */
async function prestartLocalPool(spec: MapSpec, ctx: RunContext): Promise<{ workers: number; discard: () => Promise<void> } | null> {
  if (spec.task.type !== "worker") return null;
  const hooks = spec.hooks ? (ctx.hooks.get(spec.hooks) as { executor?: unknown } | undefined) : undefined;
  if (hooks?.executor !== undefined) return null;
  const { prestartMapPool, discardPrestarted, defaultWorkers } = await import("./workers/pool.ts");
  const workers = spec.workers ?? defaultWorkers();
  prestartMapPool(workers);
  return { workers, discard: discardPrestarted };
}

/** Evaluates a plan to items (no map on top). */
export async function planItems(plan: LogicalPlan, ctx: RunContext): Promise<Item[]> {
  throwIfAborted(ctx.signal);
  switch (plan.kind) {
    case "source":
      return (await ctx.sources.rows(plan.source, ctx.signal)).map((row, position) => ({ ...itemFromRow(row), position }));
    case "select":
      return evaluateSelect(await planItems(plan.input, ctx), plan.query);
    case "sort": {
      const items = await planItems(plan.input, ctx);
      // an empty spool still has its source's columns: an unknown key raises (SPEC §5)
      return evaluateSort(items, plan.column, items.length === 0 ? await schemaItems(plan.input, ctx) : undefined);
    }
    case "slice":
      return evaluateSlice(await planItems(plan.input, ctx), plan.start, plan.end, plan.step);
    case "chunk":
      // The chunk re-plans from the sources beneath the input's rows (their lineage), as
      // DASCore's does; right after another chunk, from that chunk's own input (SPEC §6.2
      // "After another chunk, they are that chunk's sources"), even where it gave no window.
      return evaluateChunk(await chunkBase(plan, ctx), plan.spec);
    case "concatenate":
      return evaluateConcatenate(await planItems(plan.input, ctx), plan.dim, plan.groupSize);
    case "map":
      return materializeMap(plan, ctx);
    default:
      return assertNever(plan);
  }
}

/** The items a chunk plans from; an earlier chunk right below is still planned (its errors raise). */
async function chunkBase(plan: Extract<LogicalPlan, { kind: "chunk" }>, ctx: RunContext): Promise<Item[]> {
  if (plan.input.kind !== "chunk") return planItems(plan.input, ctx);
  await planItems(plan.input, ctx);
  return chunkBase(plan.input, ctx);
}

/**
 * The rows whose columns an (empty) spool has: those of the source beneath its selects, sorts,
 * slices, chunks and concatenates (they keep the source's columns); undefined above a map.
 */
async function schemaItems(plan: LogicalPlan, ctx: RunContext): Promise<Item[] | undefined> {
  if (plan.kind === "map") return undefined;
  if (plan.kind === "source") {
    // the index's columns do not depend on the pushed predicates: one unfiltered row tells them
    const source = plan.source.type === "directory" ? { ...plan.source, query: { predicates: [], limit: 1 } } : plan.source;
    return planItems({ kind: "source", source }, ctx);
  }
  return schemaItems(plan.input, ctx);
}

/** Runs a mid-plan map and registers its results as in-memory rows for the nodes above it. */
async function materializeMap(plan: Extract<LogicalPlan, { kind: "map" }>, ctx: RunContext): Promise<Item[]> {
  // One terminal call runs each task once (SPEC §6.4): `get(i)` plans twice (count, then the
  // item), so the rows of a map already run in this call are reused.
  const key = ctx.materialized ? planKey(plan) : "";
  const done = ctx.materialized?.get(key);
  if (done) return done;
  const items = await runMap(plan, ctx);
  ctx.materialized?.set(key, items);
  return items;
}

function planKey(plan: LogicalPlan): string {
  return JSON.stringify(plan, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}

async function runMap(plan: Extract<LogicalPlan, { kind: "map" }>, ctx: RunContext): Promise<Item[]> {
  const { runOutputs } = await import("./execute.ts");
  const results: Patch[] = [];
  let i = 0;
  for await (const r of runOutputs(await planOutputs(plan, ctx), ctx)) {
    if (!isPatch(r)) {
      throw new ParameterError(
        `operation after map needs patches, but map item ${i} returned ${typeof r}`,
      );
    }
    results.push(r);
    i++;
  }
  return ctx.sources.adopt(results).map(itemFromRow);
}

function isPatch(v: unknown): v is Patch {
  return typeof v === "object" && v !== null && "dims" in v && "getCoord" in v;
}
