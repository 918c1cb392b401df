// The single public entry of daspool: exactly what SPEC.md names, nothing "just in case".

export { toDatetime64, toTimedelta64, formatDatetime64 } from "./time.ts";
export { Coord, CoordRange, CoordArray, CoordPartial, coordRange, coordArray } from "./coords/index.ts";
export { Patch } from "./patch/Patch.ts";
// Patch typing of issue 20: numeric `data`, `patch.new`'s argument, aggregate's dimReduce, and
// the processing methods (SPEC §3.1) with their option types.
export type { NumericArray } from "./patch/numeric.ts";
export type { PatchNewInit } from "./patch/renew.ts";
export type { DimReduce } from "./patch/reduceCoord.ts";
export type { PatchProcessing } from "./proc/api.ts";
export type { FilterBand, PassFilterOptions, NdFilterOptions } from "./proc/filter.ts";
export type { Rolling, RollingOptions } from "./proc/rolling.ts";
export type { DecimateOptions } from "./proc/decimate.ts";
export type { DetrendOptions, Norm } from "./proc/scaling.ts";
export type { TaperLength, TaperOptions } from "./proc/taper.ts";
export type { PadOptions } from "./proc/coords.ts";
export type { DifferentiateOptions } from "./proc/calculus.ts";
export type { InterpolateOptions } from "./proc/resample.ts";
// Spectral transforms, correlation and units of issue 21: their option types.
export type { DftOptions } from "./proc/fourier.ts";
export type { SpectrogramOptions } from "./proc/spectro.ts";
export type { WhitenBand, WhitenOptions } from "./proc/whiten.ts";
export type { StrainRateOptions } from "./proc/stalta.ts";
export { Spool } from "./spool/Spool.ts";
export type { ChunkArgs, MapOptions, ExplainOptions } from "./spool/Spool.ts";
export { spool } from "./spool/createSpool.ts";
export type { SpoolOptions } from "./spool/createSpool.ts";
export { spoolFromPlan } from "./spool/fromPlan.ts";
export { contentsRows } from "./spool/contentsRows.ts";
export type { ContentsRow, ContentsValue } from "./spool/contentsRows.ts";
export { workerTask } from "./spool/workerTask.ts";
export type { WorkerTask } from "./spool/workerTask.ts";
export { getExamplePatch } from "./examples/index.ts";
export { getExampleSpool } from "./spool/exampleSpool.ts";
export { read, write, getFormat } from "./io.ts";
export { plot } from "./plot/plot.ts";
export type { PlotOptions } from "./plot/plot.ts";
export {
  DaspoolError,
  ParameterError,
  InvalidSpoolError,
  IndexError,
  ChunkError,
  CoordError,
  CoordDataError,
  CoordMergeError,
  PatchCoordinateError,
  AttrsError,
  UnitError,
  UnknownFormatError,
  CorruptFileError,
  MapError,
  IndexCorruptError,
  AbortError,
} from "./errors.ts";
// The executor seam of `spool.map(task, { executor })` (issue 9): types only, for executors such
// as daspool/bullmq's and for users who write their own.
export type { Executor, ExecutorTask, ExecutorRunOptions, ExecutorResult, MapProgress } from "../planner/executor.ts";
