// The BullMQ boundary (STYLE.md §9): the shape of a map job's data and of its result, job ids and
// result file names. The coordinator (executor.ts) and the workers (worker.ts) both import this;
// nothing else builds or reads jobs.

import type { ExecutorTask } from "../../planner/executor.ts";
import type { Item } from "../../planner/items.ts";
import { decodeValue, encodeValue } from "./codec.ts";

/**
 * The queue coordinators and workers meet on unless told otherwise.
 *
 * @example
 * ```ts
 * bullmqExecutor({ redis, queue: DEFAULT_QUEUE }); // same as leaving queue out
 * ```
 */
export const DEFAULT_QUEUE = "daspool-map";

/** Version of the job data layout; a worker refuses jobs of another version. */
export const JOB_FORMAT = 1;

/** What one job carries: one output's read plan and the task, plus where patch results go. */
export interface MapJobData {
  format: typeof JOB_FORMAT;
  /** Identifies one map run (one coordinator call); job ids and result files start with it. */
  runId: string;
  /** The output's position in the map's input. */
  index: number;
  task: ExecutorTask;
  /** The planned item (file members, hyperslabs, assembly) as tagged JSON (bigints kept). */
  item: unknown;
  /** The folder patch results are written to, as the coordinator sees it. */
  outputDir: string;
}

/** A job's return value: a small result inline, or a patch written as a DASDAE file. */
export type MapJobResult = { type: "value"; value: unknown } | { type: "patchFile"; path: string };

/**
 * The BullMQ job id of item `index` of run `runId` (BullMQ ids may not contain ':'). One id per
 * output makes adding a job twice a no-op, and lets the coordinator remove queued jobs by id.
 */
export function jobId(runId: string, index: number): string {
  return `${runId}-${index}`;
}

/** The result file of item `index`: the same name on every attempt, so a retry overwrites it. */
export function resultFileName(runId: string, index: number): string {
  return `${runId}-${String(index).padStart(6, "0")}.h5`;
}

/** The job data of one item. */
export function encodeJob(runId: string, index: number, item: Item, task: ExecutorTask, outputDir: string): MapJobData {
  return { format: JOB_FORMAT, runId, index, task: { moduleUrl: task.moduleUrl, exportName: task.exportName, args: encodeValue(task.args, "args") }, item: encodeValue(item, "item"), outputDir };
}

/** A job's data checked and decoded (the item's bigints restored). */
export function decodeJob(data: unknown): Omit<MapJobData, "item"> & { item: Item } {
  const d = data as Partial<MapJobData> | null;
  if (!d || d.format !== JOB_FORMAT || typeof d.runId !== "string" || typeof d.index !== "number" || !d.task || !d.item) {
    throw new Error(`not a daspool map job (format ${JSON.stringify(d?.format)}; this worker reads format ${JOB_FORMAT})`);
  }
  const task = { ...d.task, args: decodeValue(d.task.args) };
  return { ...(d as MapJobData), task, item: decodeValue(d.item) as Item };
}
