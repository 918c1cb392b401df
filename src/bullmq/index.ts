// `daspool/bullmq`: run worker maps on many machines through BullMQ on Redis (issue 9). The only
// part of daspool that imports bullmq; the core never loads this module unless it is imported.

export { bullmqExecutor } from "./executor.ts";
export type { BullmqExecutorOptions } from "./executor.ts";
export { startWorker } from "./worker.ts";
export type { MapWorkerOptions, RunningMapWorker, WorkerJobEvent } from "./worker.ts";
export { RedisUnavailableError, checkRedis } from "./connection.ts";
export { DEFAULT_QUEUE } from "./jobs.ts";
export { parsePrefixMap } from "./prefixMap.ts";
export type { PrefixRule } from "./prefixMap.ts";
