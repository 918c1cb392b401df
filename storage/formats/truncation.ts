// Warnings for truncated files read partially (issue 18 item 4): one place that says how much is
// missing, through the caller's onWarning or, by default, a process warning.
import type { TruncationPolicy } from "./types.ts";

/** The process-warning code of a partial read, for `process.on("warning")` filters. */
export const TRUNCATED_WARNING = "DASPOOL_TRUNCATED";

/**
 * Reports that `path` was read partially: `what` says how much is missing.
 * @example
 * ```ts
 * warnTruncated("/d/a.sgy", "SEG-Y: the file ends 100 bytes into trace 12: 12 whole traces read", {});
 * ```
 */
export function warnTruncated(path: string, what: string, policy: TruncationPolicy | undefined): void {
  const message = `${path}: ${what}`;
  if (policy?.onWarning) policy.onWarning(message);
  else process.emitWarning(message, { code: TRUNCATED_WARNING });
}
