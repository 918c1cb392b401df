// The map task of the ambient-noise job (issue 21): whiten one window, then correlate a virtual
// source channel with every channel. Runs in worker threads as
// `dc.workerTask(url, "noiseCorrelation", args)`.
import type { Patch } from "../../src/index.ts";

/** The job's parameters: the whitening band in Hz, the virtual source and the lags kept. */
export interface NoiseCorrelationArgs {
  /** Whitening band `[lo, hi]` in Hz (tapered from 0 to lo and from hi to Nyquist). */
  band: [number, number];
  /** Distance (coordinate value) of the virtual source channel. */
  source: number;
  /** Lags kept, in seconds either side of 0 (the rest of the ±window is dropped before stacking). */
  maxLag: number;
}

/**
 * One window's correlation with the virtual source: a (distance × lag_time) patch. DASCore:
 * `p.whiten(time=band).correlate(distance=source).select(lag_time=(-max, max)).squeeze("source_distance")`;
 * `lags` makes correlate write only the kept lags (the same numbers as its select afterwards).
 *
 * @example
 * ```ts
 * const cc = noiseCorrelation(window, { band: [2, 30], source: 0, maxLag: 1 });
 * cc.dims; // ["distance", "lag_time"]
 * ```
 */
export function noiseCorrelation(patch: Patch, args: NoiseCorrelationArgs): Patch {
  const lag = BigInt(Math.round(args.maxLag * 1e9));
  return patch
    .whiten({ time: args.band })
    .correlate({ distance: args.source }, { lags: [-lag, lag] })
    .squeeze("source_distance");
}
