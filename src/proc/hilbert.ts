// hilbert and envelope (DASCore transform/hilbert.py): scipy.signal.hilbert's analytic signal
// along one evenly sampled dimension, and its magnitude.
import { ParameterError } from "../errors.ts";
import type { PatchParts } from "../patch/construct.ts";
import { analyticAlong } from "./kernels/spectral.ts";
import { complexCopy, complexResult, dimShape, isComplex, isSingle, realResult } from "./complexData.ts";
import { historyEntry } from "./history.ts";
import { axisOf, stepOf } from "./plumbing.ts";

function analytic(parts: PatchParts, dim: string, what: string): { z: Float64Array; shape: number[] } {
  const axis = axisOf(parts, dim, what);
  if (isComplex(parts)) throw new ParameterError(`${what} needs real data (scipy.signal.hilbert: x must be real), got ${parts.dtype}`);
  stepOf(parts.coords[dim]!, dim); // DASCore requires an evenly sampled dimension
  const shape = dimShape(parts);
  const z = complexCopy(parts);
  analyticAlong(z, shape, axis);
  return { z, shape };
}

/** DASCore's `hilbert`: the analytic signal (complex; complex64 for float32), `data_type` cleared. */
export function hilbertParts(parts: PatchParts, dim: string): PatchParts {
  const { z, shape } = analytic(parts, dim, "hilbert");
  return complexResult({ ...parts, attrs: { ...parts.attrs, data_type: "" } }, z, isSingle(parts), historyEntry("hilbert", { dim }), { shape });
}

/** DASCore's `envelope`: |analytic signal| (float32 for float32), `data_type` "envelope". */
export function envelopeParts(parts: PatchParts, dim: string): PatchParts {
  const { z, shape } = analytic(parts, dim, "envelope");
  const n = z.length / 2;
  const out = isSingle(parts) ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.hypot(z[2 * i]!, z[2 * i + 1]!);
  return realResult({ ...parts, attrs: { ...parts.attrs, data_type: "envelope" } }, out, historyEntry("envelope", { dim }), { shape });
}
