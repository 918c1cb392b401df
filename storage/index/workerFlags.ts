// The node flags and memory limits a worker thread may start with, derived from the process's
// own flags. Node rejects V8 and per-process flags in a Worker's execArgv
// (ERR_WORKER_INVALID_EXEC_ARGV), so `node --max-old-space-size=2048 app.js` would break every pool.
import { Worker } from "node:worker_threads";

/** V8 heap limits of a worker, in piscina's / node's `resourceLimits` shape. */
export interface WorkerResourceLimits {
  maxOldGenerationSizeMb?: number;
  maxYoungGenerationSizeMb?: number;
  stackSizeMb?: number;
}

/** What a pool passes to its threads. */
export interface WorkerFlags {
  /** Flags workers accept (loaders, conditions, warnings…), in the process's order. */
  execArgv: string[];
  /** Memory flags of the process, turned into per-thread limits (absent: node's defaults). */
  resourceLimits?: WorkerResourceLimits;
}

/** Flags whose value is the next argument when written without `=`. */
const TAKES_VALUE = new Set(["--import", "--require", "-r", "--loader", "--experimental-loader", "--conditions", "-C", "--input-type", "--disable-warning", "--env-file"]);

/** Flags known to be accepted by workers (node 20–22); anything else is probed once. */
const KNOWN_OK = new Set([
  ...TAKES_VALUE,
  "--enable-source-maps", "--no-warnings", "--no-deprecation", "--trace-warnings", "--trace-deprecation",
  "--trace-uncaught", "--preserve-symlinks", "--preserve-symlinks-main", "--experimental-vm-modules",
  "--unhandled-rejections", "--experimental-default-type", "--throw-deprecation", "--pending-deprecation",
]);

/** V8 memory flags → worker resource limits (V8's young generation is three semi-spaces). */
const MEMORY: Record<string, (mb: number, limits: WorkerResourceLimits) => void> = {
  "--max-old-space-size": (mb, l) => (l.maxOldGenerationSizeMb = mb),
  "--max_old_space_size": (mb, l) => (l.maxOldGenerationSizeMb = mb),
  "--max-semi-space-size": (mb, l) => (l.maxYoungGenerationSizeMb = 3 * mb),
  "--max_semi_space_size": (mb, l) => (l.maxYoungGenerationSizeMb = 3 * mb),
  // --stack-size is in KiB.
  "--stack-size": (kb, l) => (l.stackSizeMb = kb / 1024),
  "--stack_size": (kb, l) => (l.stackSizeMb = kb / 1024),
};

/** Splits execArgv into flag groups: `["--import", "tsx"]` stays one group. */
function groups(argv: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (TAKES_VALUE.has(a) && i + 1 < argv.length) out.push([a, argv[++i]!]);
    else out.push([a]);
  }
  return out;
}

const probed = new Map<string, boolean>();

/** Whether a worker accepts `group`: node validates execArgv synchronously in the constructor. */
function workerAccepts(group: string[]): boolean {
  const key = group.join("\0");
  const known = probed.get(key);
  if (known !== undefined) return known;
  let ok = true;
  try {
    const w = new Worker("", { eval: true, execArgv: group, stdout: true, stderr: true });
    w.unref();
    void w.terminate();
  } catch {
    ok = false; // ERR_WORKER_INVALID_EXEC_ARGV (or any other refusal: not worth passing on)
  }
  probed.set(key, ok);
  return ok;
}

/**
 * The flags and memory limits for a worker thread started by this process: debugger flags are
 * dropped (a thread must not claim the inspector port), memory flags become `resourceLimits`,
 * and any other flag a worker would refuse is dropped.
 *
 * @example
 * ```ts
 * // under `node --max-old-space-size=2048 --import tsx app.ts`
 * workerFlags(); // { execArgv: ["--import", "tsx"], resourceLimits: { maxOldGenerationSizeMb: 2048 } }
 * ```
 */
export function workerFlags(argv: readonly string[] = process.execArgv): WorkerFlags {
  const execArgv: string[] = [];
  const limits: WorkerResourceLimits = {};
  for (const g of groups(argv)) {
    const flag = g[0]!;
    const name = flag.split("=", 1)[0]!;
    if (name.startsWith("--inspect") || name.startsWith("--debug")) continue;
    const memory = MEMORY[name];
    if (memory) {
      const mb = Number(flag.slice(name.length + 1));
      if (flag.includes("=") && Number.isFinite(mb) && mb > 0) memory(mb, limits);
      continue;
    }
    if (KNOWN_OK.has(name) || workerAccepts(g)) execArgv.push(...g);
  }
  return Object.keys(limits).length > 0 ? { execArgv, resourceLimits: limits } : { execArgv };
}
