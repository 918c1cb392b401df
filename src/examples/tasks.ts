// Worker tasks of the demo: run on worker threads by `spool.map(dc.workerTask(url, name))`.

import { Patch } from "../patch/Patch.ts";
import { coordArray } from "../coords/index.ts";

/**
 * Per-channel energy of a window: the mean of squared samples over time, as a (distance × 1)
 * patch whose time coordinate is the window's centre (the time the energy describes, so a plot
 * puts it where it happened), so windows concatenate along time.
 *
 * @example
 * ```ts
 * const energy = spool.chunk({ time: 60 }).map(dc.workerTask(url, "channelEnergy")).concatenate({ time: null });
 * ```
 */
export function channelEnergy(patch: Patch): Patch {
  const timeAxis = patch.dims.indexOf("time");
  const other = patch.dims.find((d) => d !== "time")!;
  const n = patch.shape[timeAxis]!;
  const channels = patch.shape[1 - timeAxis]!;
  const data = patch.data;
  const out = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let t = 0; t < n; t++) {
      const v = timeAxis === 1 ? data[c * n + t]! : data[t * channels + c]!;
      sum += v * v;
    }
    out[c] = sum / n;
  }
  return new Patch({
    data: out,
    dims: [other, "time"],
    coords: {
      [other]: patch.getCoord(other),
      time: coordArray(new BigInt64Array([centre(patch)])),
    },
    attrs: { ...patch.attrs, data_type: "energy", data_units: squared(patch.attrs.data_units), history: [...patch.history, "channelEnergy"] },
  });
}

/** The units of a mean square: `(1/s)²` for strain rate in 1/s. */
function squared(units: unknown): string | null {
  return typeof units === "string" && units !== "" ? `(${units})²` : null;
}

/** The middle of the patch's time span, in ns. */
function centre(patch: Patch): bigint {
  const time = patch.getCoord("time");
  return ((time.min() as bigint) + (time.max() as bigint)) / 2n;
}

