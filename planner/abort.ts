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

/**
 * A promise that resolves when `signal` aborts (never, without a signal), for racing a wait
 * against cancellation; `off` removes the listener once the wait is over.
 *
 * @example
 * ```ts
 * const aborted = abortWaiter(signal);
 * try { await Promise.race([nextResult, aborted.promise]); throwIfAborted(signal); } finally { aborted.off(); }
 * ```
 */
export function abortWaiter(signal: AbortSignal | undefined): { promise: Promise<void>; off: () => void } {
  if (!signal) return { promise: new Promise(() => {}), off: () => {} };
  let listener = () => {};
  const promise = new Promise<void>((resolve) => (listener = () => resolve()));
  signal.addEventListener("abort", listener, { once: true });
  return { promise, off: () => signal.removeEventListener("abort", listener) };
}
