// Plain-JS map tasks for the distributed-map tests: worker processes run the built package in
// plain node, so their threads import JS without a TypeScript loader.

/** Max over time per channel: a Patch result (travels as a DASDAE file). */
export function maxOverTime(p) {
  return p.aggregate("time", "max");
}

/** Per-channel RMS over time: a Float64Array result (travels as a job value). */
export function rms(p) {
  const t = p.dims.indexOf("time");
  const [a, b] = p.shape;
  const channels = t === 0 ? b : a;
  const n = t === 0 ? a : b;
  const out = new Float64Array(channels);
  const x = p.data;
  for (let c = 0; c < channels; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = t === 0 ? x[i * channels + c] : x[c * n + i];
      s += v * v;
    }
    out[c] = Math.sqrt(s / n);
  }
  return out;
}

/** The window's start time (a bigint), after a pause long enough for a test to kill the worker. */
export async function slowTimeMin(p) {
  await new Promise((r) => setTimeout(r, 150));
  return { start: p.getCoord("time").min(), pid: process.pid };
}

/** Always throws: a poison task. */
export function poison(p) {
  throw new RangeError(`poisoned window at ${p.getCoord("time").min()}`);
}

/** Sleeps 2 s per window: long enough to cancel while most jobs are still queued. */
export async function verySlow(p) {
  await new Promise((r) => setTimeout(r, 2000));
  return p.getCoord("time").min();
}

/** Nothing but the trip: for per-job overhead. */
export function nothing() {
  return 0;
}
