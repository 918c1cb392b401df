// Checks and normalises chunk arguments (SPEC §6.2 errors, with DASCore's message fragments).
// Durations for time-like dims become bigint ns here; numbers for time mean seconds.

import { ParameterError } from "../../src/errors.ts";
import { toTimedelta64 } from "../../src/time.ts";
import type { ChunkOptions, ChunkValue, ConflictMode, ResolvedChunkOptions } from "./types.ts";

const CONFLICTS: readonly ConflictMode[] = ["raise", "drop", "keep_first"];
const OPTION_KEYS = new Set(["overlap", "keepPartial", "snapCoords", "tolerance", "conflict"]);

/**
 * Converts a duration to the dim's value type: bigint ns for time-like dims (numbers are
 * seconds, strings carry a unit such as `"250ms"`), number otherwise.
 *
 * @example
 * ```ts
 * toDimDuration(1.5, true); // 1_500_000_000n
 * toDimDuration("250ms", true); // 250_000_000n
 * ```
 */
export function toDimDuration(value: ChunkValue | string, timeLike: boolean): ChunkValue {
  if (!timeLike) {
    if (typeof value === "string") throw new ParameterError(`chunk length '${value}' is not a number`);
    return Number(value);
  }
  return toTimedelta64(value);
}

/**
 * Splits the user-facing `chunk({ time: 2, overlap: 1, ... })` argument into options, checking
 * that exactly one dimension key is given.
 *
 * @example
 * ```ts
 * parseChunkArgs({ time: 2, overlap: 0.5 }); // { dim: "time", length: 2, overlap: 0.5 }
 * ```
 */
export function parseChunkArgs(args: Readonly<Record<string, unknown>>): ChunkOptions {
  const dims = Object.keys(args).filter((k) => !OPTION_KEYS.has(k));
  if (dims.length !== 1) {
    throw new ParameterError(
      `Chunking only supported along one dimension. You passed dimension keys: ` +
        `[${dims.join(", ")}]`,
    );
  }
  const dim = dims[0] as string;
  const options: Record<string, unknown> = { dim, length: args[dim] };
  for (const key of OPTION_KEYS) if (args[key] !== undefined) options[key] = args[key];
  return options as unknown as ChunkOptions;
}

function sign(v: ChunkValue): number {
  return typeof v === "bigint" ? (v > 0n ? 1 : v < 0n ? -1 : 0) : Math.sign(v);
}

/**
 * Validates chunk options and applies the defaults (overlap none, keepPartial false,
 * snapCoords true, tolerance 1.5, conflict "raise"). Throws `ParameterError` with DASCore's
 * message fragments; `validDims`, when given, also rejects an unknown dimension.
 *
 * @example
 * ```ts
 * validateChunkOptions({ dim: "time", length: 2 }, true, ["distance", "time"]);
 * ```
 */
export function validateChunkOptions(
  options: ChunkOptions,
  timeLike: boolean,
  validDims?: readonly string[],
): ResolvedChunkOptions {
  const { dim } = options;
  const conflict = options.conflict ?? "raise";
  if (!CONFLICTS.includes(conflict)) {
    throw new ParameterError(`conflict must be one of ${CONFLICTS.join(", ")}; got '${String(conflict)}'`);
  }
  if (validDims !== undefined && !validDims.includes(dim)) {
    throw new ParameterError(
      `Cannot chunk on '${dim}'; valid dimensions to chunk on are [${validDims.join(", ")}]`,
    );
  }
  const tolerance = options.tolerance ?? 1.5;
  if (typeof tolerance !== "number" || !(tolerance >= 0)) {
    throw new ParameterError(`tolerance must be a non-negative number of samples; got ${String(tolerance)}`);
  }
  const keepPartial = options.keepPartial ?? false;
  const snapCoords = options.snapCoords ?? true;
  const rawOverlap = options.overlap ?? null;
  if (options.length === null || options.length === undefined) {
    const hasOverlap = rawOverlap !== null && sign(toDimDuration(rawOverlap, timeLike)) !== 0;
    if (keepPartial || hasOverlap) {
      throw new ParameterError(
        `When the chunk length is null (merging contiguous patches) neither keepPartial nor ` +
          `overlap may be set.`,
      );
    }
    return { dim, length: null, overlap: null, keepPartial, snapCoords, tolerance, conflict };
  }
  const length = toDimDuration(options.length, timeLike);
  if (sign(length) <= 0) throw new ParameterError(`Chunk value must be greater than 0; got ${String(options.length)}`);
  const overlap = rawOverlap === null ? null : toDimDuration(rawOverlap, timeLike);
  // overlap == length would make windows that never advance; reject it with the same message.
  if (overlap !== null && Number(overlap) >= Number(length)) {
    throw new ParameterError(
      `Cant chunk when overlap is greater than chunk size (overlap ${String(rawOverlap)} must be ` +
        `smaller than length ${String(options.length)})`,
    );
  }
  return { dim, length, overlap, keepPartial, snapCoords, tolerance, conflict };
}
