// Cancellation: one place that turns an aborted AbortSignal into daspool's AbortError.

import { AbortError } from "../src/errors.ts";

/** Throws `AbortError` if `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new AbortError(`operation cancelled${signal.reason ? `: ${String(signal.reason)}` : ""}`, {
      cause: signal.reason,
    });
  }
}
