// Joining patches whose samples carry a dtype tag (SPEC §3: float16, bool, complex): the tag
// travels to the output, and complex views keep their trailing (re, im) axis in the copy.
import { ParameterError } from "../../src/errors.ts";
import type { Patch } from "../../src/patch/Patch.ts";
import type { TaggedDtype, TypedArray } from "../../storage/formats/types.ts";

/** The tag all parts share (undefined when none has one). Complex mixed with other dtypes cannot
 * be joined without losing the imaginary parts: that raises instead of copying half the values. */
export function commonTag(parts: readonly Patch[]): TaggedDtype | undefined {
  const tags = new Set(parts.map((p) => p.parts.dtype));
  const first = parts[0]?.parts.dtype;
  if (tags.size === 1) return first;
  if ([...tags].some((t) => t === "complex64" || t === "complex128")) {
    throw new ParameterError(`cannot join patches of dtypes ${[...new Set(parts.map((p) => p.dtype))].join(", ")}: complex samples join only with complex samples of the same dtype`);
  }
  return undefined;
}

/** True for the complex tags (samples are (re, im) pairs: twice the values, an extra view axis). */
export function isComplexTag(t: TaggedDtype | undefined): boolean {
  return t === "complex64" || t === "complex128";
}

/** A new output array for `samples` samples of complex dtype `t`. */
export function newComplexOutput(t: TaggedDtype, samples: number): TypedArray {
  return t === "complex64" ? new Float32Array(2 * samples) : new Float64Array(2 * samples);
}
