// taper (DASCore proc/taper.py): multiply the ends of a dimension by half windows. Lengths are
// fractions of the coordinate's extent (a number) or absolute durations, per end ([start, end]).
import { ParameterError } from "../errors.ts";
import type { PatchParts } from "../patch/construct.ts";
import { taperWindow, WINDOWS } from "./kernels/windows.ts";
import { historyEntry } from "./history.ts";
import { floatCtor, mapLinesInto, oneDim, withData } from "./plumbing.ts";

/** A taper length: a fraction of the dimension's extent, or `[start, end]` with null for none. */
export type TaperLength = number | readonly [number | null, number | null];

/** Options of `taper`. */
export interface TaperOptions {
  /** A scipy window name (default `"hann"`): hann, cos, hamming, blackman, blackmanharris, nuttall, triang, ramp, bartlett, boxcar. */
  windowType?: string;
}

/** Samples at the start covered by a relative offset: those with value ≤ min + offset. */
function countFromStart(parts: PatchParts, dim: string, frac: number): number {
  const coord = parts.coords[dim]!;
  const lo = coord.min();
  const hi = coord.max();
  if (lo === null || hi === null) throw new ParameterError(`cannot taper '${dim}': its coordinate has no values`);
  if (typeof lo === "bigint") {
    const dur = Number((hi as bigint) - lo);
    return coord.select([null, BigInt(Math.trunc(frac * dur))], { relative: true }).slice[1];
  }
  const dur = (hi as number) - lo;
  return coord.select([null, frac * dur], { relative: true }).slice[1];
}

/** The count of samples at the end covered by a relative offset from the max. */
function countFromEnd(parts: PatchParts, dim: string, frac: number): number {
  const coord = parts.coords[dim]!;
  const lo = coord.min()!;
  const hi = coord.max()!;
  const n = coord.length;
  if (typeof lo === "bigint") {
    const dur = Number((hi as bigint) - lo);
    return n - coord.select([-BigInt(Math.trunc(frac * dur)), null], { relative: true }).slice[0];
  }
  const dur = (hi as number) - (lo as number);
  return n - coord.select([frac === 0 ? -0 : -(frac * dur), null], { relative: true }).slice[0];
}

/** The parts of `patch.taper({ dim: length }, { windowType })`. */
export function taperParts(parts: PatchParts, kwargs: Readonly<Record<string, TaperLength>>, options: TaperOptions): PatchParts {
  const { dim, axis, value } = oneDim(parts, kwargs, "taper");
  const windowType = options.windowType ?? "hann";
  if (!(windowType in WINDOWS)) {
    throw new ParameterError(`'${windowType}' is not a known window type. Options are: ${Object.keys(WINDOWS).sort().join(", ")}`);
  }
  let start: number | null;
  let end: number | null;
  if (Array.isArray(value)) {
    if (value.length !== 2) throw new ParameterError("Length 2 sequence required.");
    [start, end] = value as [number | null, number | null];
  } else [start, end] = [value as number, value as number];
  const n = parts.view.shape[axis]!;
  const a = start === null ? 0 : countFromStart(parts, dim, start);
  const b = end === null ? 0 : countFromEnd(parts, dim, end);
  if (a > n || b > n) throw new ParameterError("Total taper lengths exceed total dim length");
  if (start !== null && end !== null && a > n - b) throw new ParameterError("Taper windows cannot overlap");
  const w1 = taperWindow(windowType, 2 * a).subarray(0, a);
  const w2 = taperWindow(windowType, 2 * b).subarray(b);
  const data = new (floatCtor(parts.view))(parts.view.size);
  // one pass: copy each line into the output, scaling its ends on the way
  mapLinesInto(parts.view, axis, data, n, (x, y) => {
    for (let i = 0; i < a; i++) y[i] = x[i]! * w1[i]!;
    if (n - b > a) y.set(x.subarray(a, n - b), a);
    for (let i = 0; i < b; i++) y[n - b + i] = x[n - b + i]! * w2[i]!;
  });
  return withData(parts, data, historyEntry("taper", { window_type: windowType, [dim]: value }));
}
