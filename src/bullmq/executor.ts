// The coordinator side of a distributed map: a daspool Executor that enqueues one BullMQ job per
// output (its read plan + the task's module reference), streams results back from queue events,
// and turns final failures, cancellation and an unreachable Redis into daspool errors.

import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Job, Queue, QueueEvents } from "bullmq";
import { MapError, ParameterError } from "../errors.ts";
import { abortWaiter, throwIfAborted } from "../../planner/abort.ts";
import type { Executor, ExecutorResult, ExecutorRunOptions, ExecutorTask } from "../../planner/executor.ts";
import { heldInMemory, type Item } from "../../planner/items.ts";
import { sourcesOf } from "../../planner/execute.ts";
import { decodeValue } from "./codec.ts";
import { checkRedis, connectionOptions, DEFAULT_CONNECT_TIMEOUT_MS, RedisUnavailableError } from "./connection.ts";
import { DEFAULT_QUEUE, encodeJob, jobId, type MapJobResult } from "./jobs.ts";
import { readResultPatch } from "./resultFiles.ts";

/** Options of {@link bullmqExecutor}. */
export interface BullmqExecutorOptions {
  /** Redis URL, e.g. `redis://10.0.0.5:6379` (the same for the workers). */
  redis: string;
  /** Queue name (default `daspool-map`); workers must listen on the same. */
  queue?: string;
  /**
   * Folder patch results are written to, as this machine sees it; workers map it through their
   * prefix map or write to their `--output`. Default: `<tmpdir>/daspool-results`, which only
   * works when every worker runs on this machine.
   */
  outputDir?: string;
  /** Tries per job before the map fails with `MapError` (default 3). */
  attempts?: number;
  /** Wait before retrying a failed job, in ms (default 100). */
  backoffMs?: number;
  /** Jobs enqueued ahead of the consumer (enqueued and not yet yielded; default 1000). */
  maxPending?: number;
  /** Delete each result file once read back (default false: the files are outputs too). */
  removeResultFiles?: boolean;
  /** Start-up connection check timeout in ms (default 3000). */
  connectTimeoutMs?: number;
  /** How often to look up pending jobs directly, in case a queue event was missed (default 1000 ms). */
  // Finished jobs stay in Redis for an hour (failed ones a day) for inspection, then BullMQ drops them.
  pollMs?: number;
}

/** The stage `explain({ analyze: true })` shows for a BullMQ map: jobs finished, wall time. */
const STAGE = "bullmq jobs";

/** How an item ended, as reported by queue events or a direct look-up. */
type Settled = { ok: true; result: MapJobResult } | { ok: false; reason: string };

function refuseMemoryItems(items: readonly Item[]): void {
  const i = items.findIndex(heldInMemory);
  if (i >= 0) {
    throw new ParameterError(
      `a BullMQ map runs on other processes, but item ${i} reads patches held in this process's memory; write them to files (dc.write) and map a file or directory spool`,
    );
  }
}

/** Rejects with a RedisUnavailableError if `promise` takes longer than `ms`. */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An executor that runs every output of a worker map as a BullMQ job on `daspool worker`
 * processes (any number, on any machines that see the same files and the same Redis).
 * Delivery is at least once: a job whose worker dies is taken back by BullMQ's stalled-job
 * check and run again elsewhere; results are keyed by item index, so none is duplicated or lost.
 * Small results come back as job values (tagged JSON: bigints and typed arrays survive); patch
 * results come back as DASDAE files in `outputDir`, read here as patches.
 *
 * @example
 * ```ts
 * import * as dc from "daspool";
 * import { bullmqExecutor } from "daspool/bullmq";
 * const executor = bullmqExecutor({ redis: "redis://10.0.0.5:6379", outputDir: "/shared/results" });
 * const rms = await dc.spool("/shared/das").chunk({ time: 60 })
 *   .map(dc.workerTask("file:///shared/tasks.js", "rms"), { executor }).collect();
 * ```
 */
export function bullmqExecutor(options: BullmqExecutorOptions): Executor {
  const name = options.queue ?? DEFAULT_QUEUE;
  const attempts = Math.max(1, options.attempts ?? 3);
  const maxPending = Math.max(1, options.maxPending ?? 1000);
  const outputDir = options.outputDir ?? join(tmpdir(), "daspool-results");
  const connectTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const pollMs = options.pollMs ?? 1000;
  return {
    name: "bullmq",
    run(items: readonly Item[], task: ExecutorTask, run: ExecutorRunOptions): AsyncIterable<ExecutorResult> {
      return runJobs(items, task, run);
    },
  };

  async function* runJobs(items: readonly Item[], task: ExecutorTask, run: ExecutorRunOptions): AsyncGenerator<ExecutorResult> {
    const signal = run.signal;
    throwIfAborted(signal);
    refuseMemoryItems(items);
    if (items.length === 0) return;
    await checkRedis(options.redis, connectTimeout);
    const connection = connectionOptions(options.redis);
    const queue = new Queue(name, { connection });
    const events = new QueueEvents(name, { connection });
    const runId = randomUUID().replaceAll("-", "").slice(0, 16);
    const prefix = `${runId}-`;
    const settled = new Map<number, Settled>();
    const enqueued = new Set<number>(); // enqueued and not yet settled
    let next = 0; // next item to enqueue
    let yielded = 0;
    let done = 0;
    let wake: (() => void) | null = null;
    const callbackErrors: unknown[] = [];
    const aborted = abortWaiter(signal);
    const started = performance.now();

    const settle = (index: number, s: Settled) => {
      if (settled.has(index) || !enqueued.has(index)) return; // a second delivery, or not ours
      enqueued.delete(index);
      settled.set(index, s);
      if (s.ok) {
        run.context.counters?.add(STAGE, { items: 1 });
        try {
          run.onProgress?.({ done: ++done, total: items.length });
        } catch (error) {
          callbackErrors.push(error);
        }
      }
      wake?.();
    };
    const indexOf = (id: string): number | null => (id.startsWith(prefix) ? Number(id.slice(prefix.length)) : null);
    events.on("completed", ({ jobId: id, returnvalue }) => {
      const index = indexOf(id);
      const result = typeof returnvalue === "string" ? JSON.parse(returnvalue) : returnvalue;
      if (index !== null) settle(index, { ok: true, result: result as MapJobResult });
    });
    // BullMQ emits 'failed' once a job has no attempts left (retries show up as 'waiting').
    events.on("failed", ({ jobId: id, failedReason }) => {
      const index = indexOf(id);
      if (index !== null) settle(index, { ok: false, reason: failedReason });
    });
    // Connection errors after the start-up check are ioredis reconnecting: the poll and the events
    // resume once Redis is back. (Without a listener, an 'error' event would crash the process.)
    queue.on("error", () => {});
    events.on("error", () => {});

    /** Looks pending jobs up directly: covers events missed before the stream read began. */
    const poll = async () => {
      try {
        for (const index of [...enqueued].slice(0, 50)) {
          const job = await Job.fromId(queue, jobId(runId, index));
          if (!job) settle(index, { ok: false, reason: "the job disappeared from the queue (removed by someone else?)" });
          else if (job.finishedOn && job.returnvalue !== undefined && job.returnvalue !== null && !job.failedReason) {
            settle(index, { ok: true, result: job.returnvalue as MapJobResult });
          } else if ((await job.getState()) === "failed") settle(index, { ok: false, reason: job.failedReason });
        }
      } catch {
        // Redis is away for a moment (ioredis reconnects): look again at the next poll.
      }
    };

    /** Removes this run's jobs that no worker holds yet (a job being processed stays). */
    const removeQueued = async () => {
      const ids = [...enqueued].map((i) => jobId(runId, i));
      for (let k = 0; k < ids.length; k += 100) {
        await Promise.all(ids.slice(k, k + 100).map((id) => queue.remove(id).catch(() => 0)));
      }
    };

    const failure = async (index: number, reason: string): Promise<MapError> => {
      const sources = sourcesOf(items[index]!);
      const job = await Job.fromId(queue, jobId(runId, index)).catch(() => undefined);
      const tries = job?.attemptsMade ?? attempts;
      const cause = new Error(reason);
      if (job?.stacktrace?.length) cause.stack = job.stacktrace.at(-1)!;
      return new MapError(
        `map task failed on item ${index} (sources: ${sources.join(", ")}) after ${tries} attempt${tries === 1 ? "" : "s"} on BullMQ queue '${name}': ${reason}`,
        index,
        sources,
        { cause },
      );
    };

    try {
      try {
        await withTimeout(Promise.all([queue.waitUntilReady(), events.waitUntilReady()]), connectTimeout * 2, `Redis at ${options.redis}`);
      } catch (cause) {
        if (cause instanceof RedisUnavailableError) throw cause;
        throw new RedisUnavailableError(`could not open BullMQ queue '${name}' on ${options.redis}: ${String(cause)}`, { cause });
      }
      // Let the event reader issue its first XREAD before any job can finish (the poll covers the rest).
      const reading = performance.now();
      while (!(events as unknown as { blocking?: boolean }).blocking && performance.now() - reading < connectTimeout) {
        await new Promise((r) => setTimeout(r, 5));
      }
      let lastPoll = performance.now();
      while (yielded < items.length) {
        throwIfAborted(signal);
        if (next < items.length && next - yielded < maxPending) {
          const upTo = Math.min(items.length, yielded + maxPending, next + 500);
          const jobs = [];
          for (let i = next; i < upTo; i++) {
            enqueued.add(i);
            jobs.push({
              name: "map",
              data: encodeJob(runId, i, items[i]!, task, outputDir),
              opts: {
                jobId: jobId(runId, i),
                attempts,
                backoff: { type: "fixed", delay: options.backoffMs ?? 100 },
                removeOnComplete: { age: 3600 },
                removeOnFail: { age: 24 * 3600 },
              },
            });
          }
          next = upTo;
          await queue.addBulk(jobs);
          continue;
        }
        const ready = () => (run.ordered ? settled.has(yielded) : settled.size > 0);
        while (!ready() && callbackErrors.length === 0) {
          const tick = new Promise<void>((r) => {
            wake = r;
            setTimeout(r, pollMs).unref();
          });
          await Promise.race([tick, aborted.promise]);
          wake = null;
          throwIfAborted(signal);
          if (!ready() && performance.now() - lastPoll >= pollMs) {
            lastPoll = performance.now();
            await poll();
          }
        }
        if (callbackErrors.length > 0) throw callbackErrors[0];
        const index: number = run.ordered ? yielded : settled.keys().next().value!;
        const s = settled.get(index)!;
        settled.delete(index);
        if (!s.ok) throw await failure(index, s.reason);
        let value: unknown;
        if (s.result.type === "value") value = decodeValue(s.result.value);
        else {
          value = await readResultPatch(s.result.path);
          if (options.removeResultFiles) await rm(s.result.path, { force: true });
        }
        yielded++;
        throwIfAborted(signal);
        yield { index, value };
      }
    } finally {
      run.context.counters?.add(STAGE, { ms: performance.now() - started }); // wall time of the run
      aborted.off();
      if (enqueued.size > 0) await removeQueued().catch(() => {});
      await events.close().catch(() => {});
      await queue.close().catch(() => {});
    }
  }
}
