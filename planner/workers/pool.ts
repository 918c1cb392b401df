// Map worker pools (main thread): finds the worker entry next to this file (.ts under tsx/vitest,
// .js when built) and starts a piscina pool sized for one map run.

import { availableParallelism } from "node:os";
import { Piscina } from "piscina";

/** How a pool's threads are started. */
export interface PoolSetup {
  /** URL of the worker entry (worker.ts or worker.js beside this module). */
  filename: string;
  /** Node flags for the threads: a `.ts` entry needs the tsx loader. */
  execArgv: string[];
}

/**
 * The worker entry beside this module and the flags it needs. Built JS finds `worker.js`;
 * source TS (vitest, tsx) finds `worker.ts`, and the threads get `--import tsx` unless the
 * process already runs under a tsx loader (its execArgv is inherited).
 *
 * @example
 * ```ts
 * workerSetup(); // { filename: "file:///…/planner/workers/worker.ts", execArgv: ["--import", "tsx"] }
 * ```
 */
export function workerSetup(here: string = import.meta.url): PoolSetup {
  const ts = here.endsWith(".ts");
  const filename = new URL(ts ? "./worker.ts" : "./worker.js", here).href;
  const inherited = process.execArgv.filter((a) => !a.startsWith("--inspect"));
  const hasTsx = inherited.some((a) => a.includes("tsx"));
  return { filename, execArgv: ts && !hasTsx ? [...inherited, "--import", "tsx"] : inherited };
}

/** The default number of map workers: the machine's available parallelism. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * A piscina pool of exactly `workers` threads for one map run. The caller destroys it when the
 * run ends (finished, failed, cancelled, or abandoned by its consumer).
 *
 * @example
 * ```ts
 * const pool = createMapPool(2);
 * try { await pool.run(request); } finally { await pool.destroy(); }
 * ```
 */
export function createMapPool(workers: number): Piscina {
  const { filename, execArgv } = workerSetup();
  return new Piscina({
    filename,
    execArgv,
    minThreads: workers,
    maxThreads: workers,
    // The scheduler bounds work in flight itself; the queue never holds more than 2 × workers.
    maxQueue: Infinity,
    // A crashed thread must not take idle time to be noticed or to be replaced.
    idleTimeout: 30_000,
  });
}
