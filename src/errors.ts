// The typed errors of SPEC §9. A leaf module: every layer (src, planner, storage) throws these,
// so it imports nothing from the project.

/** Options accepted by every daspool error: the underlying engine error is kept as `cause`. */
export interface DaspoolErrorOptions {
  cause?: unknown;
}

/**
 * Base class of every error daspool throws on purpose. Catch this to separate daspool's
 * diagnostics from bugs.
 *
 * @example
 * ```ts
 * try { await dc.read("x.h5"); } catch (e) { if (e instanceof dc.DaspoolError) console.error(e.message); }
 * ```
 */
export class DaspoolError extends Error {
  constructor(message: string, options: DaspoolErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

/** A parameter has the wrong type, value or shape (e.g. a select range that is not length 2). */
export class ParameterError extends DaspoolError {}

/** `dc.spool()` could not make a spool from its argument (missing path, unsupported value). */
export class InvalidSpoolError extends DaspoolError {}

/** A spool index (`get(i)`) is out of bounds. Not to be confused with the directory index. */
export class IndexError extends DaspoolError {}

/** `chunk()` could not produce any window, or its arguments are inconsistent. */
export class ChunkError extends DaspoolError {}

/** A coordinate is unknown or malformed. */
export class CoordError extends DaspoolError {}

/** Data and coordinates disagree (shape mismatch). */
export class CoordDataError extends DaspoolError {}

/** Patches cannot be merged: their coordinates or attributes conflict. */
export class CoordMergeError extends DaspoolError {}

/** A patch operation names a coordinate the patch lacks, or patches have different dims. */
export class PatchCoordinateError extends DaspoolError {}

/** A unit string that cannot be parsed, or a conversion between incompatible units (DASCore's UnitError). */
export class UnitError extends ParameterError {}

/** An attribute value does not satisfy the attribute schema. */
export class AttrsError extends DaspoolError {}

/** No registered format recognises a file. */
export class UnknownFormatError extends DaspoolError {}

/** A file is truncated, corrupt, or references data that is missing. */
export class CorruptFileError extends DaspoolError {}

/** A map task failed; the message names the item index and its source file(s). */
export class MapError extends DaspoolError {
  constructor(
    message: string,
    readonly itemIndex: number,
    readonly sources: readonly string[] = [],
    options: DaspoolErrorOptions = {},
  ) {
    super(message, options);
  }
}

/** The directory index on disk is unreadable or inconsistent. */
export class IndexCorruptError extends DaspoolError {}

/** The operation was cancelled through an `AbortSignal`. */
export class AbortError extends DaspoolError {}
