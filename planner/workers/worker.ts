// The map worker's entry (runs inside a piscina thread, never in the main thread): loads an item
// from its read plan with the same assembly code as the main thread, runs the task, shares the result's samples.

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { patchFromRaw, patchToRaw } from "../../src/patch/fromRaw.ts";
import type { Patch } from "../../src/patch/Patch.ts";
import { loadItem } from "../assemble/assemble.ts";
import type { RunContext, SourceResolver } from "../context.ts";
import type { Member } from "../items.ts";
import { loadFileMember } from "../sources/file.ts";
import type { ReadTarget } from "../../storage/formats/types.ts";
import { ALL_FORMATS } from "../../storage/formats/all.ts";
import { provideFormats } from "../../storage/formats/registry.ts";
import { InputLoan, useCollector } from "./inputBuffers.ts";
import {
  shareableRaw,
  shareableValue,
  remoteError,
  type FailurePhase,
  type TaskAddress,
  type WorkReply,
  type WorkRequest,
  type WorkResult,
} from "./protocol.ts";

type TaskFunction = (input: unknown, args: unknown) => unknown;

/**
 * A full GC runs before a load once the thread's ArrayBuffer memory has grown by more than the
 * last item's samples (and at least this many bytes) since the previous collection.
 * Why: a task allocates its results and intermediates outside the JS heap (a filter's output,
 * a decimated copy), and V8 only collects dead external memory after ~64 MB of it has piled up,
 * so each worker would carry several dead chunks and peak RSS would grow with the worker count.
 * Inputs no longer count: they are read into reused buffers (inputBuffers.ts), so a reducing
 * task (max, RMS) leaves nothing to collect, and collecting anyway cost a 10–28 ms mark-compact
 * per item: 39 of them in the DASCore benchmark's map step, about a sixth of its time.
 */
const COLLECT_AFTER_BYTES = 4 * 2 ** 20;

/** ArrayBuffer bytes this thread held after its last collection (its live floor). */
let arrayBytesFloor = process.memoryUsage().arrayBuffers;
/** Samples of the previous item, bytes: the growth tolerated before collecting. */
let lastItemBytes = 0;

/** Collects when dead external memory may exceed one item (see COLLECT_AFTER_BYTES). */
function collectIfGrown(): void {
  if (!collectGarbage) return;
  const held = process.memoryUsage().arrayBuffers;
  if (held - arrayBytesFloor <= Math.max(COLLECT_AFTER_BYTES, lastItemBytes)) return;
  collectNow();
}

let collections = 0;

function collectNow(): void {
  collectGarbage!();
  collections++;
  arrayBytesFloor = process.memoryUsage().arrayBuffers;
}

/** V8's gc(), made reachable without --expose-gc (a V8 flag cannot be set per worker). */
const collectGarbage: ((options?: { type: "minor" | "major" }) => void) | null = (() => {
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as (options?: { type: "minor" | "major" }) => void;
  } catch {
    return null;
  }
})();

/**
 * A block allocated and freed once when the thread starts, so that glibc serves sample arrays
 * up to this size from its heap, reused item after item, instead of fresh mappings. glibc does
 * this by itself after it frees the first such block (its mmap threshold follows the largest
 * freed mapping, up to 32 MiB), but that is during a map's second item: before it, each new
 * array was mapped afresh, and first-touching it cost ~5,000 page faults an item in the DASCore
 * benchmark's band RMS step (0.92 → 0.88 s). The block is never touched, so it costs no memory.
 */
const PRIME_MALLOC_BYTES = 30 * 2 ** 20;

if (collectGarbage) {
  (() => new ArrayBuffer(PRIME_MALLOC_BYTES))(); // calloc: a fresh mapping, left untouched
  // A scavenge frees the young block now (free() raises glibc's threshold to its size); ~2 ms
  // against ~8 for a full collection, in a start-up that competes with planning for the cores.
  collectGarbage({ type: "minor" });
}

// A reused input buffer's deferred views are told live from dead by a full collection.
if (collectGarbage) useCollector({ collect: collectNow, count: () => collections });

// The h5wasm engine starts when a read first needs it, not with the thread: members with a read
// recipe (storage/formats/recipe.ts, DASCore's large DASDAE files) never do, and compiling it
// anyway took CPU from the main thread's planning on a 2-core machine (DASCore benchmark map
// step: 0.41–0.48 s lazy against 0.49–0.50 s eager). Other files pay it on their first item.
provideFormats(ALL_FORMATS); // and with the format readers (see provideFormats for why statically)

/** Task modules imported by this worker, by URL (each is imported once per thread). */
const modules = new Map<string, Promise<Record<string, unknown>>>();

/** Reads a file member (into an output when given); in-memory members never reach a worker as plans. */
function readFileMember(member: Member, into?: ReadTarget): Promise<Patch> {
  if (member.row.locator.type !== "file") {
    return Promise.reject(new Error("a map worker can only read file members; memory items arrive loaded"));
  }
  return loadFileMember(member, into);
}

/** The worker's resolver: reads file members only. */
const workerSources: SourceResolver = {
  rows: () => Promise.reject(new Error("a map worker does not plan sources")),
  load: (member: Member) => readFileMember(member),
  // Merged windows read each member straight into the window's one output array.
  loadInto: (member: Member, into: ReadTarget) => readFileMember(member, into),
  describe: () => "map worker",
  adopt: () => {
    throw new Error("a map worker does not adopt patches");
  },
};

// One member load at a time: the pool's threads already keep the cores busy (see loadsInFlight).
const workerContext: RunContext = { sources: workerSources, functions: new Map(), hooks: new Map(), loadsInFlight: 1 };

/**
 * Imports a task module. On Node 20, tsx hooks ESM only in the main thread: inside a worker a
 * `.ts` module is reachable only through tsx's CommonJS hook (the one piscina used to load this
 * file), so a `.ts` URL that native import refuses is required instead.
 */
async function importTask(url: string): Promise<Record<string, unknown>> {
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
    try {
      return createRequire(url)(fileURLToPath(url)) as Record<string, unknown>;
    } catch {
      throw error; // no TypeScript hook in this thread either: the import's error says it best
    }
  }
}

async function taskFunction(task: TaskAddress): Promise<TaskFunction> {
  let mod = modules.get(task.moduleUrl);
  if (!mod) {
    mod = importTask(task.moduleUrl);
    modules.set(task.moduleUrl, mod);
    mod.catch(() => modules.delete(task.moduleUrl)); // a failed import is retried next time
  }
  const fn = (await mod)[task.exportName];
  if (typeof fn !== "function") {
    throw new TypeError(`${task.moduleUrl} has no exported function '${task.exportName}'`);
  }
  return fn as TaskFunction;
}

function isPatch(v: unknown): v is Patch {
  return typeof v === "object" && v !== null && "dims" in v && "getCoord" in v && "parts" in v;
}

function encodeResult(value: unknown): WorkResult {
  if (!isPatch(value)) {
    // Clone here so a value that cannot cross fails in this call, as an "encode" error, rather
    // than later inside piscina's postMessage. (A typed array is shared first: cloning shares it.)
    const shared = shareableValue(value);
    return { type: "value", value: structuredClone(shared.type === "value" ? shared.value : value) };
  }
  // Samples already in shared memory (a view of the loaded input) cross without a copy.
  return { type: "patch", raw: shareableRaw(patchToRaw(value), { copyData: false }).raw };
}

/**
 * Runs one {@link WorkRequest}. Errors of the task (and of loading or importing) come back as a
 * failed {@link WorkReply} with the worker's stack; only a dying thread rejects.
 */
export default async function runWork(request: WorkRequest): Promise<unknown> {
  const timing = { loadMs: 0, taskMs: 0, bytes: 0 };
  let phase: FailurePhase = "import";
  // Inputs are read into buffers this thread reuses, unless the result takes them (inputBuffers.ts).
  const loan = new InputLoan();
  let value: unknown;
  try {
    const fn = await taskFunction(request.task);
    phase = "load";
    collectIfGrown(); // frees the previous items' dead sample buffers once they add up
    const t0 = performance.now();
    const p = request.payload;
    const patch = p.type === "plan" ? await loadItem(p.item, { ...workerContext, sources: { ...workerSources, allocate: loan.lend } }) : patchFromRaw(p.raw);
    timing.loadMs = performance.now() - t0;
    timing.bytes = patch.size * patch.view.base.BYTES_PER_ELEMENT;
    lastItemBytes = timing.bytes;
    phase = "task";
    const t1 = performance.now();
    value = await fn(patch, request.task.args);
    timing.taskMs = performance.now() - t1;
    phase = "encode";
    return { ok: true, result: encodeResult(value), timing } satisfies WorkReply;
  } catch (error) {
    return { ok: false, error: remoteError(phase, error), timing } satisfies WorkReply;
  } finally {
    loan.settle(value);
  }
}
