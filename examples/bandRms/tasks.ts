// The map task of the band-RMS batch job (issue 20): band-pass, decimate, then the RMS of every
// channel over the window. Runs in worker threads as `dc.workerTask(url, "bandRms", args)`.
import type { Patch } from "../../src/index.ts";

/** The job's parameters: the band in Hz and the decimation factor. */
export interface BandRmsArgs {
  lo: number;
  hi: number;
  factor: number;
}

/**
 * RMS per channel of one window after a zero-phase Butterworth band-pass and decimation: a
 * (distance × 1) patch whose time is the window's start, so windows concatenate along time.
 * DASCore: `p.pass_filter(time=(lo, hi)).decimate(time=factor)`, then `(b * b).mean("time",
 * dim_reduce="min") ** 0.5`.
 *
 * @example
 * ```ts
 * const rms = bandRms(patch, { lo: 5, hi: 20, factor: 4 });
 * ```
 */
export function bandRms(patch: Patch, args: BandRmsArgs): Patch {
  const band = patch.passFilter({ time: [args.lo, args.hi] }).decimate({ time: args.factor });
  const meanSquare = band.multiply(band).aggregate("time", "mean", { dimReduce: "min" });
  return meanSquare.new({ data: Float64Array.from(meanSquare.data, Math.sqrt), attrs: { data_type: "rms" } });
}
