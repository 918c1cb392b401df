// Warnings of a read (issue 18): a truncated file read partially (how much is missing), or fields
// that contradict each other where no checksum says which is damaged; through the caller's
// onWarning or, by default, a process warning.
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

/** The process-warning code of fields that contradict each other in a file without a checksum. */
export const INCONSISTENT_WARNING = "DASPOOL_INCONSISTENT";

/**
 * Reports that two fields of `path` contradict each other and nothing says which is damaged, so
 * the read goes on with the one the reader uses (`what` names both).
 * @example
 * ```ts
 * warnInconsistent("/d/a.sor", "SR4731: acquisition range 102403 contradicts spacing × points 27483000", {});
 * ```
 */
export function warnInconsistent(path: string, what: string, policy: TruncationPolicy | undefined): void {
  const message = `${path}: ${what}`;
  if (policy?.onWarning) policy.onWarning(message);
  else process.emitWarning(message, { code: INCONSISTENT_WARNING });
}
