// The Spool: an immutable, lazy description of patches (SPEC §5). Building a spool only builds a
// logical plan; terminal calls (get, count, collect, iteration, getContents, explain) run it.

import type { Table } from "apache-arrow";
import { IndexError, ParameterError } from "../errors.ts";
import type { LogicalPlan, ChunkSpec, MapSpec, TaskRef } from "../../planner/plan.ts";
import { sourceOf } from "../../planner/plan.ts";
import { normalizeQuery, type UserSelectValue } from "../../planner/query.ts";
import { parseChunkArgs, validateChunkOptions } from "../../planner/chunk/index.ts";
import type { SpoolEnv } from "./env.ts";
import { updateDirectory } from "../../planner/sources/directory.ts";
import type { UpdateProgress, UpdateReport } from "../../storage/index/types.ts";

/** Options of {@link Spool.update}. */
export interface UpdateSpoolOptions {
  /**
   * Unix globs of the files to index (a pattern without `/` matches the file name, one with `/`
   * the relative path). Recorded in the index; later updates without include/exclude keep them.
   * Known sidecar files (.xml, .json, .log, .tdms_index, ...) are always skipped.
   */
  include?: readonly string[];
  /** Unix globs of files not to index (see `include`). */
  exclude?: readonly string[];
  onProgress?: (progress: UpdateProgress) => void;
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
}
import { deriveEnv } from "./env.ts";
import { countOutputs, runPlan, type CallMemo } from "./run.ts";
import { spoolContents } from "./contentsColumns.ts";
import { explainSpool } from "./explainSpool.ts";
import { describeSpool } from "./describe.ts";
import { isWorkerTask, type WorkerTask } from "./workerTask.ts";
import type { Executor } from "../../planner/executor.ts";
import { memoryCoordinates, memoryItems } from "./eagerChecks.ts";
import { checkKeys } from "../../planner/evaluate/select.ts";
import { sortColumn } from "../../planner/evaluate/sort.ts";

/** Options of {@link Spool.chunk}. Exactly one other key names the dimension and its length. */
export interface ChunkArgs {
  overlap?: number | bigint | string | null;
  keepPartial?: boolean;
  snapCoords?: boolean;
  tolerance?: number;
  conflict?: "raise" | "drop" | "keep_first";
  [dim: string]: number | bigint | string | boolean | null | undefined;
}

/** Options of {@link Spool.map}. */
export interface MapOptions {
  /** Worker threads for worker tasks on the local executor: a positive integer (default: available parallelism; 0 or a fraction raises ParameterError at the call). */
  workers?: number;
  /**
   * Where a worker task runs. Default: this process's worker threads (piscina). Pass
   * `bullmqExecutor({ redis })` from `daspool/bullmq` to run every output as a job on
   * `daspool worker` processes on any machine that sees the same files.
   *
   * Decision: the executor is a run-time option of this map, like `onProgress` and `signal`,
   * not part of the plan: `toJSON()` leaves it out, so a plan rebuilt elsewhere runs locally
   * unless given an executor there. Function tasks always run in the calling thread, so an
   * executor with a function task is a `ParameterError`.
   *
   * @example
   * ```ts
   * import { bullmqExecutor } from "daspool/bullmq";
   * const executor = bullmqExecutor({ redis: "redis://127.0.0.1:6379" });
   * await spool.chunk({ time: 60 }).map(dc.workerTask(url, "rms"), { executor }).collect();
   * ```
   */
  executor?: Executor;
  onProgress?: (progress: { done: number; total: number }) => void;
  signal?: AbortSignal;
  /** Keep input order (default true). */
  ordered?: boolean;
}

/** Options of {@link Spool.explain}. */
export interface ExplainOptions {
  /** Run the plan and add measured figures per stage. */
  analyze?: boolean;
  /** Optimizer rules to skip, by name (to compare plans). */
  disabledRules?: readonly string[];
}

/**
 * A lazy, immutable collection of patches (or of map results). Every method that returns a Spool
 * only extends the plan; nothing is read until a terminal call.
 *
 * @example
 * ```ts
 * const sp = dc.getExampleSpool("random_das");
 * const maxima = sp.chunk({ time: 5, overlap: 1 }).map((p) => p.aggregate("time", "max"));
 * const merged = await maxima.concatenate({ time: null }).get(0); // shape (300, 5)
 * ```
 */
export class Spool<T = unknown> implements AsyncIterable<T> {
  /** @internal Use `dc.spool()`. */
  constructor(
    /** The logical plan (plain data; see `toJSON`). */
    readonly plan: LogicalPlan,
    /** @internal Runtime registries shared by derived spools. */
    readonly env: SpoolEnv,
  ) {}

  private derive<U = T>(plan: LogicalPlan, env: SpoolEnv = this.env): Spool<U> {
    return new Spool<U>(plan, env);
  }

  /** Keeps patches matching every key (SPEC §6.1); coordinate ranges trim patches when loaded. */
  select(query: Readonly<Record<string, UserSelectValue>>): Spool<T> {
    const normalized = normalizeQuery(query, memoryCoordinates(this));
    const items = memoryItems(this);
    if (items) checkKeys(items, normalized);
    return this.derive({ kind: "select", input: this.plan, query: normalized });
  }

  /** Re-plans the patches as windows along one dimension (SPEC §6.2). */
  chunk(args: ChunkArgs): Spool<T> {
    const options = parseChunkArgs(args as Record<string, unknown>);
    const items = memoryItems(this);
    const dims = items && items.length > 0 ? [...new Set(items.flatMap((i) => i.summary.dims))] : undefined;
    const r = validateChunkOptions(options, options.dim === "time", dims);
    const spec: ChunkSpec = { ...r };
    return this.derive({ kind: "chunk", input: this.plan, spec });
  }

  /** Joins patches along `dim` (existing or new), all at once (`null`) or in groups of n. */
  concatenate(args: Readonly<Record<string, number | null>>): Spool<T> {
    const keys = Object.keys(args);
    if (keys.length !== 1) {
      throw new ParameterError(`concatenate needs exactly one dimension key, got [${keys.join(", ")}]`);
    }
    const dim = keys[0]!;
    const n = args[dim] ?? null;
    if (n !== null && (!Number.isInteger(n) || n <= 0)) {
      throw new ParameterError(`concatenate group size for '${dim}' must be a positive integer or null, got ${n}`);
    }
    return this.derive({ kind: "concatenate", input: this.plan, dim, groupSize: n });
  }

  /** Python-style slice of the outputs: `slice(1)`, `slice(-2)`, `slice(0, 10, 2)`. */
  slice(start: number | null = null, end: number | null = null, step: number | null = null): Spool<T> {
    for (const v of [start, end, step]) {
      if (v !== null && !Number.isInteger(v)) throw new ParameterError(`slice arguments must be integers, got ${v}`);
    }
    if (step === 0) throw new ParameterError("slice step cannot be zero");
    return this.derive({ kind: "slice", input: this.plan, start, end, step });
  }

  /** Stable sort by a contents column (`"time"` means `time_min`). */
  sort(attribute: string): Spool<T> {
    if (typeof attribute !== "string" || attribute.length === 0) {
      throw new ParameterError(`Invalid attribute for sort: ${String(attribute)}`);
    }
    const items = memoryItems(this);
    if (items) sortColumn(items, attribute);
    return this.derive({ kind: "sort", input: this.plan, column: attribute });
  }

  /**
   * Applies `task` to every output (lazily). A function runs in the calling thread; a worker
   * task runs on `options.executor` (default: a thread pool of this process).
   *
   * On the thread pool, a file-backed patch is read inside the worker. Samples that cross between
   * threads (a patch result, a typed-array result, an in-memory input) travel in a
   * `SharedArrayBuffer`: the receiving thread gets them without a copy, as a transfer would give,
   * but nothing is detached. Why not transfer, as SPEC §6.4 words it: the first detached buffer in
   * a thread makes V8 guard every typed-array access there for the rest of its life, which made
   * every later task in a worker ~1.5× slower. So a worker result's `data.buffer` is a
   * `SharedArrayBuffer`; a task must not keep writing to a patch it returned.
   *
   * @example
   * ```ts
   * sp.map((p) => p.aggregate("time", "max"));
   * sp.map(dc.workerTask(new URL("./tasks.js", import.meta.url), "rms"), { workers: 2 });
   * sp.map(dc.workerTask<Patch>(new URL("./tasks.js", import.meta.url), "band", { lo: 5, hi: 20 }));
   * ```
   */
  map<R>(task: ((patch: T) => R | Promise<R>) | WorkerTask<R>, options: MapOptions = {}): Spool<Awaited<R>> {
    const env = deriveEnv(this.env);
    let ref: TaskRef;
    if (isWorkerTask(task)) {
      ref = { type: "worker", moduleUrl: task.moduleUrl, exportName: task.exportName };
      if (task.args !== undefined) ref.args = task.args;
    }
    else if (typeof task === "function") {
      const handle = env.register(task as (x: unknown) => unknown);
      ref = { type: "function", handle, name: task.name || "anonymous" };
    } else throw new ParameterError(`map task must be a function or dc.workerTask(...), got ${typeof task}`);
    if (options.executor !== undefined) checkExecutor(options.executor, ref);
    const workers = options.workers;
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) {
      throw new ParameterError(`map option workers must be a positive integer (threads of the pool), got ${String(workers)}`);
    }
    const hooks = options.onProgress || options.signal || options.executor ? env.registerHooks(options) : null;
    const spec: MapSpec = { task: ref, workers: options.workers ?? null, ordered: options.ordered ?? true, hooks };
    return this.derive({ kind: "map", input: this.plan, spec }, env);
  }

  /** The output at position `i` (negative from the end). */
  async get(i: number): Promise<T> {
    if (!Number.isInteger(i)) throw new ParameterError(`spool index must be an integer, got ${i}`);
    // Counting and loading share one memo, so a map below a concatenate runs once (SPEC §6.4).
    const memo: CallMemo = new Map();
    const n = await countOutputs(this, memo);
    const k = i < 0 ? i + n : i;
    if (k < 0 || k >= n) throw new IndexError(`index ${i} is out of bounds for a spool of ${n} items`);
    const one = this.derive<T>({ kind: "slice", input: this.plan, start: k, end: k + 1, step: 1 });
    for await (const item of runPlan(one, undefined, memo)) return item as T;
    throw new IndexError(`index ${i} is out of bounds for a spool of ${n} items`);
  }

  /** Number of outputs, from metadata alone where the plan allows. */
  async count(): Promise<number> {
    return countOutputs(this);
  }

  /** All outputs in order. */
  async collect(): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this) out.push(item);
    return out;
  }

  /** Streams outputs in order, loading one at a time. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* runPlan(this) as AsyncGenerator<T>;
  }

  /**
   * One row per output patch, from metadata: attributes, coordinate summaries, file columns.
   * Apache Arrow is loaded on the first call (it is ~150 modules; a script that never asks for
   * contents does not pay for it).
   *
   * Time columns are timestamp[ns] and time steps duration[ns]. Arrow JS reads a timestamp[ns]
   * cell (`table.get(i).time_min`, `column.get(i)`) as a float number of **milliseconds**, not
   * bigint ns; use `dc.contentsRows(table)` for plain rows with exact
   * bigint times.
   *
   * @example
   * ```ts
   * const table = await sp.getContents();
   * table.getChild("station")?.toArray();                   // ["A", "A", "B"]
   * dc.formatDatetime64(dc.contentsRows(table)[0].time_min as bigint);
   * ```
   */
  async getContents(): Promise<Table> {
    // Arrow's ~150 modules compile in this thread while the index query runs in DuckDB's: both
    // start now, so a first call costs the longer of the two rather than their sum.
    const arrow = import("./contents.ts");
    arrow.catch(() => {}); // an error surfaces below, once; not as an unhandled rejection first
    const columns = await spoolContents(this);
    return (await arrow).contentsTable(columns);
  }

  /**
   * Splits the outputs into consecutive spools of `size` items (the last may be shorter), or into
   * exactly `count` spools whose sizes differ by at most one (the first `n % count` get one more;
   * some are empty when there are fewer outputs than `count`). The shares depend only on the
   * output count, so machine k of n running `(await sp.split({ count: n }))[k]` over the same index
   * snapshot gets a deterministic share, and the n shares are disjoint and cover every output.
   *
   * @example
   * ```ts
   * const mine = (await archive.chunk({ time: 60 }).split({ count: 4 }))[machineIndex];
   * ```
   */
  async split(options: { size: number } | { count: number }): Promise<Spool<T>[]> {
    const n = await this.count();
    if ("count" in options) {
      const count = options.count;
      if (!Number.isInteger(count) || count <= 0) throw new ParameterError(`split count must be a positive integer, got ${count}`);
      const base = Math.floor(n / count);
      const extra = n % count;
      const out: Spool<T>[] = [];
      for (let k = 0, s = 0; k < count; k++) {
        const size = base + (k < extra ? 1 : 0);
        out.push(this.slice(s, s + size));
        s += size;
      }
      return out;
    }
    if (!("size" in options)) throw new ParameterError("split needs { size } or { count }");
    const size = options.size;
    if (!Number.isInteger(size) || size <= 0) throw new ParameterError(`split size must be a positive integer, got ${size}`);
    const out: Spool<T>[] = [];
    for (let s = 0; s < n; s += size) out.push(this.slice(s, Math.min(n, s + size)));
    return out;
  }

  /**
   * Brings a directory spool's index up to date (incremental: only new or changed files are
   * scanned) and returns a spool over the new index; a no-op for memory and file spools.
   * `onProgress` receives files done/total and bytes; `signal` cancels, leaving the old index.
   */
  async update(options: UpdateSpoolOptions = {}): Promise<Spool<T>> {
    const source = this.source;
    if (source.type !== "directory") return this;
    const report = await updateDirectory(source, options);
    const fresh = new Spool<T>(this.plan, deriveEnv(this.env, true));
    fresh.lastUpdate = report;
    return fresh;
  }

  /** On a spool returned by `update()`: what the update did (added, changed, removed, failed). */
  lastUpdate: UpdateReport | null = null;

  /** The logical, optimized and physical plans as text; `analyze` runs the plan and measures. */
  async explain(options: ExplainOptions = {}): Promise<string> {
    return explainSpool(this, options);
  }

  /** `DASPool Spool 🧵 (N Patches)` plus the time span, or the plan for derived spools. */
  toString(): string {
    return describeSpool(this);
  }

  /** The logical plan as plain JSON (bigints as strings tagged `{ $bigint }`). */
  toJSON(): unknown {
    return { daspoolPlan: 1, plan: planToJSON(this.plan) };
  }

  /** @internal The source reference at the bottom of the plan. */
  get source() {
    return sourceOf(this.plan);
  }
}

/** An executor must be an object with `run`, and runs worker tasks only. */
function checkExecutor(executor: unknown, ref: TaskRef): void {
  if (typeof executor !== "object" || executor === null || typeof (executor as Executor).run !== "function") {
    throw new ParameterError("map executor must be an object with a run(items, task, options) method");
  }
  if (ref.type === "function") {
    throw new ParameterError(
      `map executor '${(executor as Executor).name}' runs worker tasks only; a function task runs in the calling thread (use dc.workerTask())`,
    );
  }
}

/** Encodes bigints so a plan survives JSON. */
export function planToJSON(plan: LogicalPlan): unknown {
  return JSON.parse(JSON.stringify(plan, (_k, v) => (typeof v === "bigint" ? { $bigint: v.toString() } : v)));
}
