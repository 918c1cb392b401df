// Map worker pools (main thread): finds the worker entry next to this file (.ts under tsx/vitest,
// .js when built) and starts a piscina pool sized for one map run.

import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import type { Piscina } from "piscina";
import { workerFlags, type WorkerResourceLimits } from "../../storage/index/workerFlags.ts";

/**
 * piscina's pool class, loaded on the first map run (by `require`: pools are created
 * synchronously). Loading it costs ~20 ms that a script that never maps should not pay.
 */
function piscina(): typeof Piscina {
  return (createRequire(import.meta.url)("piscina") as typeof import("piscina")).Piscina;
}

/** How a pool's threads are started. */
export interface PoolSetup {
  /** URL of the worker entry (worker.ts or worker.js beside this module). */
  filename: string;
  /** Node flags for the threads (only those workers accept): a `.ts` entry needs the tsx loader. */
  execArgv: string[];
  /** The process's V8 memory flags as per-thread limits (workers refuse them as flags). */
  resourceLimits?: WorkerResourceLimits;
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
  const flags = workerFlags();
  const hasTsx = flags.execArgv.some((a) => a.includes("tsx"));
  return { filename, ...flags, execArgv: ts && !hasTsx ? [...flags.execArgv, "--import", "tsx"] : flags.execArgv };
}

/** The default number of map workers: the machine's available parallelism. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * A piscina pool of exactly `workers` threads for one map run. The caller destroys it when the
 * run ends (finished, failed, cancelled, or abandoned by its consumer). A pool of that size that
 * {@link prestartMapPool} started while the run was being planned is handed over instead of a new one.
 *
 * @example
 * ```ts
 * const pool = createMapPool(2);
 * try { await pool.run(request); } finally { await pool.destroy(); }
 * ```
 */
export function createMapPool(workers: number): Piscina {
  const early = claimPrestarted(workers);
  if (early) return early;
  const { filename, execArgv, resourceLimits } = workerSetup();
  const Pool = piscina();
  return new Pool({
    filename,
    execArgv,
    ...(resourceLimits ? { resourceLimits } : {}),
    minThreads: workers,
    maxThreads: workers,
    // The scheduler bounds work in flight itself; the queue never holds more than 2 × workers.
    maxQueue: Infinity,
    // A crashed thread must not take idle time to be noticed or to be replaced.
    idleTimeout: 30_000,
    // Between tasks a thread returns to its event loop. Piscina's default ("sync") waits for the
    // next task inside the last one's job, so a thread never ends a job: WeakRefs made in a task
    // then never clear, and a reused input buffer's dead deferred views (inputBuffers.ts) would all
    // be computed (DASCore benchmark band RMS: 1.33 s and 730 MiB against 1.0 s and 250 MiB).
    atomics: "async",
  });
}

/** How long a prestarted pool waits to be claimed before it is destroyed (planning failed or stalled). */
export const PRESTART_CLAIM_MS = 60_000;

let prestarted: { workers: number; pool: Piscina; timer: NodeJS.Timeout } | null = null;

/**
 * Starts the threads of the next map run's pool now, while the main thread is still planning
 * the run's items. Why: a thread's start-up (its module graph, ~0.1–0.5 s each
 * on a small VM) would otherwise follow planning instead of overlapping it, and that serial time
 * counts against every run. The pool is held for the next {@link createMapPool} of the same size;
 * one that is not claimed (planning failed, or fewer items than workers) is destroyed.
 *
 * @example
 * ```ts
 * prestartMapPool(2); // threads start now (returns the held pool)
 * const items = await planItems(plan, ctx); // meanwhile
 * const pool = createMapPool(2); // the prestarted pool
 * ```
 */
export function prestartMapPool(workers: number): Piscina {
  if (prestarted?.workers === workers) return prestarted.pool;
  void discardPrestarted();
  const pool = createMapPool(workers);
  pool.on("error", () => {}); // a thread that dies before the pool is claimed is replaced by piscina
  const timer = setTimeout(() => void discardPrestarted(), PRESTART_CLAIM_MS);
  timer.unref(); // a held pool must not keep the process alive
  prestarted = { workers, pool, timer }; // (piscina itself unrefs threads once they are idle)
  return pool;
}

function claimPrestarted(workers: number): Piscina | null {
  if (!prestarted) return null;
  const { pool, timer } = prestarted;
  const fits = prestarted.workers === workers;
  if (!fits) {
    void discardPrestarted();
    return null;
  }
  clearTimeout(timer);
  prestarted = null;
  return pool;
}

/** @internal The size of the pool held for the next run, or null when none is held (for tests). */
export function heldPrestart(): number | null {
  return prestarted?.workers ?? null;
}

/** Destroys a prestarted pool that will not be claimed (planning failed or found too few items). */
export function discardPrestarted(): Promise<void> {
  if (!prestarted) return Promise.resolve();
  const { pool, timer } = prestarted;
  prestarted = null;
  clearTimeout(timer);
  return pool.destroy();
}
