// The worker boundary (STYLE.md §9): every shape that crosses between the main thread and a map
// worker, and the shared memory that carries sample buffers across without a copy or a detach. Nothing else
// in daspool builds or reads these messages; both sides import this module.

import type { RawPatch, TypedArray } from "../../storage/formats/types.ts";
import type { Item } from "../items.ts";

/** Which exported function of which module a worker runs (from a `TaskRef` of type "worker"). */
export interface TaskAddress {
  moduleUrl: string;
  exportName: string;
  /** Second argument of the task, `(patch, args)`. */
  args?: unknown;
}

/**
 * What the worker should run the task on.
 * - `plan`: a read plan (file locators, hyperslab indices, assembly); the worker reads the samples
 *   itself, so they never pass through the main thread.
 * - `patch`: an item with in-memory members, loaded in the main thread and sent as raw data whose
 *   samples sit in shared memory.
 */
export type WorkPayload = { type: "plan"; item: Item } | { type: "patch"; raw: RawPatch };

/** One unit of work: main thread → worker. */
export interface WorkRequest {
  task: TaskAddress;
  /** Output position in the map's input (for diagnostics only). */
  index: number;
  payload: WorkPayload;
}

/** A task's result as it crosses back: patches as raw data (samples shared), anything else cloned. */
export type WorkResult = { type: "patch"; raw: RawPatch } | { type: "value"; value: unknown };

/** Where a worker failure happened. */
export type FailurePhase = "import" | "load" | "task" | "encode";

/** An error thrown inside a worker, flattened so its stack survives the crossing. */
export interface RemoteError {
  phase: FailurePhase;
  name: string;
  message: string;
  stack: string | undefined;
}

/** What one request cost inside the worker. */
export interface WorkerTiming {
  /** Time spent loading the item (reading files, assembling, or decoding a sent patch). */
  loadMs: number;
  /** Time spent in the task function. */
  taskMs: number;
  /** Bytes of samples the item held once loaded. */
  bytes: number;
}

/** One reply: worker → main thread. Task errors come back as data, not as a rejection. */
export type WorkReply =
  | { ok: true; result: WorkResult; timing: WorkerTiming }
  | { ok: false; error: RemoteError; timing: WorkerTiming };

/**
 * Why samples cross the worker boundary in SharedArrayBuffers and are never transferred: the first
 * ArrayBuffer detached in a thread (a transfer detaches the sender's copy) makes V8 add detach
 * checks to every typed-array access that thread's optimized code makes, for the rest of its life.
 * Measured here: a 64-tap FIR over a Float32Array runs 1.5× slower after one 8-byte buffer was
 * detached anywhere in the isolate, so transferring results made every task in a map worker slower
 * (and transferring inputs would slow the user's main thread). A SharedArrayBuffer is shared, not
 * detached: the receiver reads the sender's bytes with no copy on its side.
 */
export function shareable<T extends TypedArray>(a: T, copy = false): T {
  if (!copy && a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  (out as unknown as { set(src: ArrayLike<number | bigint>): void }).set(a as ArrayLike<number | bigint>);
  return out;
}

/** How {@link shareableRaw} treats a raw patch's samples. */
export interface ShareOptions {
  /**
   * Copy the samples even when they already sit in shared memory: the sender still holds them
   * (e.g. a memory source) and a task writing into its input must not change the sender's patch.
   */
  copyData: boolean;
}

/**
 * A raw patch whose samples sit in shared memory (see {@link shareable}), ready to be posted to or
 * from a worker without a transfer list. Coordinates are small and are cloned by postMessage.
 *
 * @example
 * ```ts
 * const { raw } = shareableRaw(patchToRaw(result), { copyData: false });
 * return { ok: true, result: { type: "patch", raw }, timing }; // posted as is
 * ```
 */
export function shareableRaw(raw: RawPatch, options: ShareOptions): { raw: RawPatch } {
  return { raw: { ...raw, data: shareable(raw.data, options.copyData) } };
}

/** Flattens an error thrown in a worker for the reply. */
export function remoteError(phase: FailurePhase, error: unknown): RemoteError {
  if (error instanceof Error) return { phase, name: error.name, message: error.message, stack: error.stack };
  return { phase, name: "Error", message: String(error), stack: undefined };
}

/** Rebuilds a worker's error in the main thread, keeping its name and the worker's stack. */
export function reviveError(remote: RemoteError): Error {
  const error = new Error(remote.message);
  error.name = remote.name;
  error.stack = remote.stack ?? `${remote.name}: ${remote.message}`;
  return error;
}

/** Whether a value crossing back is a reply of this protocol (anything else is a pool failure). */
export function isWorkReply(v: unknown): v is WorkReply {
  return typeof v === "object" && v !== null && "ok" in v && "timing" in v;
}

/**
 * A non-patch result as it crosses back: a typed array goes into shared memory (see
 * {@link shareable}); anything else is cloned by postMessage.
 */
export function shareableValue(value: unknown): WorkResult {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return { type: "value", value: shareable(value as TypedArray) };
  return { type: "value", value };
}
