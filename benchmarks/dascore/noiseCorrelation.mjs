// The ambient-noise benchmark's map task, for the built package in plain node (the twin of
// examples/ambientNoise/tasks.ts, which needs tsx): whiten, correlate with the virtual source,
// keep ±maxLag (correlate writes only those lags), drop the source dimension.
export function noiseCorrelation(patch, args) {
  const lag = BigInt(Math.round(args.maxLag * 1e9));
  return patch
    .whiten({ time: args.band })
    .correlate({ distance: args.source }, { lags: [-lag, lag] })
    .squeeze("source_distance");
}
