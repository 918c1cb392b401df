// hilbert and envelope (DASCore transform/hilbert.py): scipy.signal.hilbert's analytic signal
// along one evenly sampled dimension, and its magnitude.
import { ParameterError } from "../errors.ts";
import type { PatchParts } from "../patch/construct.ts";
import { analyticLines } from "./kernels/spectral.ts";
import { complexResult, dimShape, isComplex, isSingle, realResult } from "./complexData.ts";
import { historyEntry } from "./history.ts";
import { axisOf, stepOf } from "./plumbing.ts";

/** Checks shared by hilbert and envelope: the axis of an evenly sampled dimension of real data. */
function analyticAxis(parts: PatchParts, dim: string, what: string): number {
  const axis = axisOf(parts, dim, what);
  if (isComplex(parts)) throw new ParameterError(`${what} needs real data (scipy.signal.hilbert: x must be real), got ${parts.dtype}`);
  stepOf(parts.coords[dim]!, dim); // DASCore requires an evenly sampled dimension
  return axis;
}

/** DASCore's `hilbert`: the analytic signal (complex; complex64 for float32), `data_type` cleared. */
export function hilbertParts(parts: PatchParts, dim: string): PatchParts {
  const axis = analyticAxis(parts, dim, "hilbert");
  const shape = dimShape(parts);
  const z = new Float64Array(2 * shape.reduce((a, b) => a * b, 1));
  analyticLines(parts.view, axis, z, shape, false);
  return complexResult({ ...parts, attrs: { ...parts.attrs, data_type: "" } }, z, isSingle(parts), historyEntry("hilbert", { dim }), { shape });
}

/** DASCore's `envelope`: |analytic signal| (float32 for float32), `data_type` "envelope". */
export function envelopeParts(parts: PatchParts, dim: string): PatchParts {
  const axis = analyticAxis(parts, dim, "envelope");
  const shape = dimShape(parts);
  const n = shape.reduce((a, b) => a * b, 1);
  const out = isSingle(parts) ? new Float32Array(n) : new Float64Array(n);
  analyticLines(parts.view, axis, out, shape, true);
  return realResult({ ...parts, attrs: { ...parts.attrs, data_type: "envelope" } }, out, historyEntry("envelope", { dim }), { shape });
}
