// `daspool worker --redis URL`: a map worker process for distributed maps (issue 9). Takes jobs
// from a BullMQ queue until SIGINT/SIGTERM, then finishes the jobs in hand and exits.

import type { MapWorkerOptions, WorkerJobEvent } from "../../bullmq/index.ts";
import { intFlag, parseCommand, UsageError } from "../args.ts";
import type { Command } from "../command.ts";
import { helpOf } from "../help.ts";

/** A UsageError naming the optional package to install, when `e` is its failed import. */
function missingPeer(e: unknown): UsageError | null {
  const code = (e as { code?: unknown } | null)?.code;
  const name = /Cannot find (?:package|module) '(bullmq|ioredis)'/.exec(String((e as Error)?.message))?.[1];
  if (code !== "ERR_MODULE_NOT_FOUND" || !name) return null;
  return new UsageError(`worker: the optional package ${name} is not installed; install it beside daspool with: npm install bullmq ioredis`);
}

/** The `worker` command. */
export const workerCommand: Command = {
  ...helpOf("worker"),
  async run(argv, io) {
    const { values, positionals } = parseCommand("worker", argv, {
      redis: { type: "string" },
      concurrency: { type: "string" },
      queue: { type: "string" },
      "prefix-map": { type: "string", multiple: true },
      output: { type: "string" },
      "lock-duration": { type: "string" },
      "stalled-interval": { type: "string" },
      verbose: { type: "boolean" },
    });
    if (values.help) return io.out(helpOf("worker").usage);
    if (positionals.length > 0) throw new UsageError(`worker: unexpected argument ${positionals[0]} (see daspool worker --help)`);
    if (typeof values.redis !== "string") throw new UsageError("worker: --redis URL is required, e.g. --redis redis://127.0.0.1:6379");
    const prefixMap = (values["prefix-map"] as string[] | undefined) ?? [];
    for (const rule of prefixMap) {
      if (!/^[^=]+=.+$/.test(rule)) throw new UsageError(`worker: --prefix-map expects FROM=TO, got '${rule}'`);
    }
    let done = 0;
    let failed = 0;
    const onJob = (e: WorkerJobEvent) => {
      if (e.ok) done++;
      else failed++;
      if (!e.ok) io.err(`job ${e.jobId} (item ${e.index}) failed after ${e.ms.toFixed(0)} ms: ${e.error?.split("\n")[0]}\n`);
      else if (values.verbose) io.err(`job ${e.jobId} (item ${e.index}) done in ${e.ms.toFixed(0)} ms\n`);
    };
    const options: MapWorkerOptions = {
      redis: values.redis,
      concurrency: values.concurrency === undefined ? undefined : intFlag("concurrency", values.concurrency, 1),
      queue: typeof values.queue === "string" ? values.queue : undefined,
      prefixMap,
      output: typeof values.output === "string" ? values.output : undefined,
      lockDurationMs: intFlag("lock-duration", values["lock-duration"], 30_000, 100),
      stalledIntervalMs: intFlag("stalled-interval", values["stalled-interval"], 30_000, 100),
      onJob,
      onError: (e) => io.err(`daspool worker: ${e instanceof Error ? e.message : String(e)} (retrying)\n`),
    };
    // Loaded here: bullmq is an optional dependency, needed only by this command.
    const { startWorker } = await import("../../bullmq/index.ts").catch((e: unknown) => {
      throw missingPeer(e) ?? e;
    });
    const worker = await startWorker(options);
    io.err(`daspool worker: queue '${worker.queue}' on ${values.redis}, ${worker.concurrency} thread${worker.concurrency === 1 ? "" : "s"} (pid ${process.pid}); Ctrl-C stops after the jobs in hand\n`);
    if (!io.signal.aborted) await new Promise<void>((resolve) => io.signal.addEventListener("abort", () => resolve(), { once: true }));
    await worker.close();
    io.err(`daspool worker: stopped after ${done} job${done === 1 ? "" : "s"} (${failed} failed)\n`);
  },
};
