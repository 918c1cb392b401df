// A map worker process (`daspool worker`): takes map jobs from a BullMQ queue, runs each on a
// piscina thread of this process (reads fused into the thread, as for local maps, so the event
// loop stays free to renew job locks), and answers with a small value or a DASDAE result file.

import { availableParallelism } from "node:os";
import { Worker, type Job } from "bullmq";
import { patchFromRaw } from "../patch/fromRaw.ts";
import { createMapPool } from "../../planner/workers/pool.ts";
import { isWorkReply, reviveError, type WorkRequest } from "../../planner/workers/protocol.ts";
import { encodeValue } from "./codec.ts";
import { checkRedis, connectionOptions, DEFAULT_CONNECT_TIMEOUT_MS, RedisUnavailableError } from "./connection.ts";
import { decodeJob, DEFAULT_QUEUE, resultFileName, type MapJobResult } from "./jobs.ts";
import { localItem, parsePrefixMap, toCoordinatorPath, toLocalPath, toLocalUrl, type PrefixRule } from "./prefixMap.ts";
import { writeResultPatch } from "./resultFiles.ts";

/** Options of {@link startWorker} (the flags of `daspool worker`). */
export interface MapWorkerOptions {
  /** Redis URL, e.g. `redis://10.0.0.5:6379`. */
  redis: string;
  /** Jobs run at once, each on its own thread (default: available parallelism). */
  concurrency?: number;
  /** Queue name (default `daspool-map`); the coordinator must use the same. */
  queue?: string;
  /** `from=to` rules (or parsed rules): coordinator paths under `from` are under `to` here. */
  prefixMap?: readonly string[] | readonly PrefixRule[];
  /** Write patch results here instead of the folder each job names. */
  output?: string;
  /**
   * How long a job's lock lasts without renewal (default 30 000 ms). A worker that dies keeps its
   * jobs this long before another worker's stalled check takes them back.
   */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs of dead workers (default 30 000 ms). */
  stalledIntervalMs?: number;
  /** How many times one job may be taken back from a dead worker before it fails (default 2). */
  maxStalledCount?: number;
  /** Told of every finished job (for logs). */
  onJob?: (event: WorkerJobEvent) => void;
  /** Told of connection errors after start-up (the worker keeps reconnecting meanwhile). */
  onError?: (error: unknown) => void;
}

/** One finished job, as {@link MapWorkerOptions.onJob} sees it. */
export interface WorkerJobEvent {
  jobId: string;
  index: number;
  ok: boolean;
  ms: number;
  /** The failure's message when `ok` is false. */
  error?: string;
}

/** A running worker: `close()` waits for the jobs in hand, then frees Redis and the threads. */
export interface RunningMapWorker {
  readonly queue: string;
  readonly concurrency: number;
  close(): Promise<void>;
}

const PHASE_TEXT: Record<string, string> = {
  import: "could not import the task",
  load: "could not load the item",
  task: "map task failed",
  encode: "map task result cannot be sent back",
};

/**
 * Connects to Redis (failing fast with `RedisUnavailableError`) and starts taking map jobs.
 *
 * @example
 * ```ts
 * const worker = await startWorker({ redis: "redis://127.0.0.1:6379", concurrency: 2 });
 * process.once("SIGTERM", () => worker.close());
 * ```
 */
export async function startWorker(options: MapWorkerOptions): Promise<RunningMapWorker> {
  await checkRedis(options.redis);
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  const queue = options.queue ?? DEFAULT_QUEUE;
  const rules: PrefixRule[] = (options.prefixMap ?? []).map((r) => (typeof r === "string" ? parsePrefixMap([r])[0]! : r));
  const pool = createMapPool(concurrency);
  pool.on("error", () => {}); // a crashed thread rejects its own run; the job fails and is retried

  const runJob = async (job: Job): Promise<MapJobResult> => {
    const t0 = performance.now();
    const data = decodeJob(job.data);
    try {
      const request: WorkRequest = {
        task: { moduleUrl: toLocalUrl(data.task.moduleUrl, rules), exportName: data.task.exportName, args: data.task.args },
        index: data.index,
        payload: { type: "plan", item: localItem(data.item, rules) },
      };
      const reply: unknown = await pool.run(request);
      if (!isWorkReply(reply)) throw new Error("malformed reply from a map thread");
      if (!reply.ok) {
        const cause = reviveError(reply.error);
        const error = new Error(`${PHASE_TEXT[reply.error.phase] ?? reply.error.phase}: ${cause.name}: ${cause.message}`, { cause });
        error.stack = `${error.message}\n--- worker stack (${job.id}) ---\n${cause.stack ?? ""}`;
        throw error;
      }
      let result: MapJobResult;
      if (reply.result.type === "value") result = { type: "value", value: encodeValue(reply.result.value) };
      else {
        const dir = options.output ?? toLocalPath(data.outputDir, rules);
        const path = await writeResultPatch(patchFromRaw(reply.result.raw), dir, resultFileName(data.runId, data.index));
        result = { type: "patchFile", path: toCoordinatorPath(path, rules) };
      }
      options.onJob?.({ jobId: String(job.id), index: data.index, ok: true, ms: performance.now() - t0 });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.onJob?.({ jobId: String(job.id), index: data.index, ok: false, ms: performance.now() - t0, error: message });
      throw error;
    }
  };

  const worker = new Worker(queue, runJob, {
    connection: connectionOptions(options.redis),
    concurrency,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
    autorun: false,
  });
  let lastError: unknown = null;
  let started = false;
  worker.on("error", (e) => {
    lastError = e;
    if (started) options.onError?.(e); // ioredis reconnects by itself; the caller may log it
  });
  try {
    await Promise.race([
      worker.waitUntilReady(),
      new Promise((_, reject) => setTimeout(() => reject(lastError ?? new Error("timed out")), DEFAULT_CONNECT_TIMEOUT_MS * 2).unref()),
    ]);
  } catch (cause) {
    await worker.close(true).catch(() => {});
    await pool.destroy();
    throw new RedisUnavailableError(`could not start a BullMQ worker on ${options.redis}: ${String(cause)}`, { cause });
  }
  started = true;
  void worker.run().catch((e) => options.onError?.(e));
  let closing: Promise<void> | null = null;
  return {
    queue,
    concurrency,
    close() {
      closing ??= (async () => {
        await worker.close();
        await pool.destroy();
      })();
      return closing;
    },
  };
}
