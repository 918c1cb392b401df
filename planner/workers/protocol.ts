// The worker boundary (STYLE.md §9): every shape that crosses between the main thread and a map
// worker, and the transfer lists that move sample buffers instead of copying them. Nothing else
// in daspool builds or reads these messages; both sides import this module.

import { Piscina } from "piscina";
import type { RawPatch, TypedArray } from "../../storage/formats/types.ts";
import type { Item } from "../items.ts";

/** Which exported function of which module a worker runs (from a `TaskRef` of type "worker"). */
export interface TaskAddress {
  moduleUrl: string;
  exportName: string;
}

/**
 * What the worker should run the task on.
 * - `plan`: a read plan (file locators, hyperslab indices, assembly); the worker reads the samples
 *   itself, so they never pass through the main thread.
 * - `patch`: an item with in-memory members, loaded in the main thread and sent as raw data whose
 *   sample buffer is transferred.
 */
export type WorkPayload = { type: "plan"; item: Item } | { type: "patch"; raw: RawPatch };

/** One unit of work: main thread → worker. */
export interface WorkRequest {
  task: TaskAddress;
  /** Output position in the map's input (for diagnostics only). */
  index: number;
  payload: WorkPayload;
}

/** A task's result as it crosses back: patches as raw data (buffers moved), anything else cloned. */
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
 * A buffer that may be transferred without surprising its owner: a typed array that spans its
 * whole, non-shared ArrayBuffer. A view into a larger buffer (a wasm heap, a held patch) is
 * copied first, so transferring never detaches memory someone else still reads.
 */
function ownBuffer<T extends TypedArray>(a: T, copy: boolean): T {
  const whole = a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
  if (!copy && whole && a.buffer instanceof ArrayBuffer) return a;
  return a.slice() as T;
}

/** How {@link movableRaw} treats a raw patch's buffers. */
export interface MoveOptions {
  /** Copy the samples before moving them (the sender still holds them, e.g. a memory source). */
  copyData: boolean;
  /** Move coordinate value buffers too; otherwise they are cloned (small, and maybe shared). */
  moveCoords: boolean;
}

/**
 * A raw patch whose sample buffer (and, with `moveCoords`, coordinate value buffers) may be
 * transferred, and the list to transfer. Views into larger or shared buffers are always copied.
 *
 * @example
 * ```ts
 * const { raw, transfer } = movableRaw(patchToRaw(result), { copyData: false, moveCoords: true });
 * return Piscina.move(...) // with `transfer` as the transfer list (see worker.ts)
 * ```
 */
export function movableRaw(raw: RawPatch, options: MoveOptions): { raw: RawPatch; transfer: ArrayBuffer[] } {
  const data = ownBuffer(raw.data, options.copyData);
  const transfer = new Set<ArrayBuffer>([data.buffer as ArrayBuffer]);
  if (!options.moveCoords) return { raw: { ...raw, data }, transfer: [...transfer] };
  const coords: RawPatch["coords"] = {};
  for (const [name, c] of Object.entries(raw.coords)) {
    if (c.kind !== "array") {
      coords[name] = c;
      continue;
    }
    const values = ownBuffer(c.values, false);
    // Two coordinates may share one buffer: transfer it once (a duplicate is a DataCloneError).
    if (values.buffer !== data.buffer) transfer.add(values.buffer as ArrayBuffer);
    coords[name] = { ...c, values };
  }
  return { raw: { ...raw, data, coords }, transfer: [...transfer] };
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

/** A non-patch result and what to transfer: a typed array that owns its buffer is moved. */
export function movableValue(value: unknown): { result: WorkResult; transfer: ArrayBuffer[] } {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const own = ownBuffer(value as TypedArray, false);
    return { result: { type: "value", value: own }, transfer: [own.buffer as ArrayBuffer] };
  }
  return { result: { type: "value", value }, transfer: [] };
}

/**
 * A reply as a worker returns it to piscina: wrapped by `Piscina.move` so `transfer` becomes the
 * transfer list of the reply message (the worker side of every transfer).
 */
export function movedReply(reply: WorkReply, transfer: ArrayBuffer[]): unknown {
  return Piscina.move({
    get [Piscina.transferableSymbol]() {
      return transfer;
    },
    get [Piscina.valueSymbol]() {
      return reply;
    },
  } as unknown as ArrayBuffer);
}
