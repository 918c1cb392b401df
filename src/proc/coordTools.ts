// Coordinate helpers of the processing methods: DASCore's `get_sample_count` (a length in
// coordinate units → samples) and every q-th sample of a coordinate (decimate, rolling steps).
import { ParameterError } from "../errors.ts";
import type { Coord } from "../coords/Coord.ts";
import { CoordArray } from "../coords/CoordArray.ts";
import { coordRange } from "../coords/build.ts";
import { toTimedelta64 } from "../time.ts";

/** numpy.spacing(|x|): the distance to the next larger double. */
function spacing(x: number): number {
  const a = Math.abs(x);
  if (a === 0) return Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, a);
  buf.setBigUint64(0, buf.getBigUint64(0) + 1n);
  return buf.getFloat64(0) - a;
}

/**
 * DASCore's `coord.get_sample_count(value, samples)`: `ceil(value / step)` (float coordinates
 * snap ratios within the round-off of min + value − min), or `value` itself with `samples`.
 *
 * @throws ParameterError for an uneven coordinate or a non-integer sample count.
 * @example
 * ```ts
 * sampleCount(p.getCoord("time"), 0.05, false); // 13 (12.5 steps of 4 ms, rounded up)
 * ```
 */
export function sampleCount(coord: Coord, value: unknown, samples: boolean, dim: string, enforceLength = false): number {
  let n: number;
  if (samples) {
    if (typeof value !== "number" || !Number.isInteger(value)) throw new ParameterError(`When samples is true values for '${dim}' must be integers, got ${String(value)}`);
    n = value;
  } else {
    const step = coord.step;
    if (step === null) throw new ParameterError(`'${dim}' is not evenly sampled; cannot count samples of ${String(value)}`);
    if (typeof step === "bigint") {
      n = Math.ceil(Number(toTimedelta64(value)) / Number(step));
    } else {
      const min = coord.min() as number;
      if (typeof value !== "number") throw new ParameterError(`a length along '${dim}' must be a number, got ${String(value)}`);
      let ratio = (min + value - min) / step;
      const nearest = Math.round(ratio);
      if (Math.abs(ratio - nearest) <= 10 * Math.abs(spacing(min) / step)) ratio = nearest;
      n = Math.ceil(ratio);
    }
  }
  if (enforceLength && n > coord.length) {
    throw new ParameterError(`value of ${String(value)} with samples=${n} results in a window larger than coordinate length of ${coord.length}.`);
  }
  return n;
}

/**
 * Samples `start, start + q, …` of a coordinate (numpy's `coord[start::q]`): a range stays a
 * range with step × q.
 *
 * @example
 * ```ts
 * everyNth(p.getCoord("time"), 4).step; // 16000000n
 * ```
 */
export function everyNth(coord: Coord, q: number, start = 0): Coord {
  const length = Math.max(0, Math.ceil((coord.length - start) / q));
  if (q === 1 && start === 0) return coord;
  if (coord.kind === "range" && coord.step !== null && length > 0) {
    const step = typeof coord.step === "bigint" ? coord.step * BigInt(q) : coord.step * q;
    return coordRange({ start: coord.get(start)!, step, length, units: coord.units, dtype: coord.dtype });
  }
  const values = coord.values();
  const Ctor = values.constructor as new (n: number) => typeof values;
  const out = new Ctor(length);
  for (let i = 0; i < length; i++) (out as unknown as unknown[])[i] = values[start + i * q];
  return new CoordArray({ values: out, units: coord.units, dtype: coord.dtype });
}
