// patch.rolling({ dim: length }, { step, center, samples }) → a roller with mean, median, std,
// min, max and sum, laid out as DASCore's numpy roller (NaN where a window does not fit).
import { ParameterError } from "../errors.ts";
import type { PatchParts } from "../patch/construct.ts";
import { rollingLayout, rollLine, type RollingReducer } from "./kernels/rolling.ts";
import { everyNth, sampleCount } from "./coordTools.ts";
import { pyValue } from "./history.ts";
import { mapLinesInto, oneDim, withData } from "./plumbing.ts";

/** Options of `rolling`. */
export interface RollingOptions {
  /** Distance between window starts (coordinate units, seconds for time; samples with `samples`). Default: one sample. */
  step?: number | string | bigint | null;
  /** Window overlap instead of a step (step = window − overlap). */
  overlap?: number | string | bigint | null;
  /** Label windows at their centre instead of their end (default false). */
  center?: boolean;
  /** Lengths are sample counts (default false). */
  samples?: boolean;
}

/** A pending rolling computation: call one reducer to get the patch. */
export interface Rolling<P> {
  mean(): P;
  median(): P;
  std(): P;
  min(): P;
  max(): P;
  sum(): P;
}

/**
 * The roller of `patch.rolling(...)`; `wrap` turns result parts into a Patch.
 *
 * @example
 * ```ts
 * makeRolling(p.parts, { time: 0.2 }, { step: 0.1 }, Patch.fromParts).max();
 * ```
 */
export function makeRolling<P>(parts: PatchParts, kwargs: Readonly<Record<string, number | string | bigint>>, options: RollingOptions, wrap: (p: PatchParts) => P): Rolling<P> {
  const { dim, axis, value } = oneDim(parts, kwargs, "rolling");
  const coord = parts.coords[dim]!;
  const samples = options.samples ?? false;
  const center = options.center ?? false;
  if (options.step != null && options.overlap != null) throw new ParameterError("step and overlap are mutually exclusive.");
  const w = sampleCount(coord, value, samples, dim, true);
  let step = options.step != null ? sampleCount(coord, options.step, samples, dim, true) : 1;
  if (options.overlap != null) step = w - sampleCount(coord, options.overlap, samples, dim, true);
  if (w === 0 || step === 0) throw new ParameterError("Window or step size can't be zero. Use any positive values.");
  if (step < 0) throw new ParameterError("Window step must be greater than zero.");
  const hist = `rolling(${dim}=${pyValue(value)}, step=${step}, overlap=${pyValue(options.overlap ?? null)}, center=${center ? "True" : "False"}, engine=None)`;
  const run = (how: RollingReducer): P => {
    const shape = parts.view.shape;
    const n = shape[axis]!;
    const layout = rollingLayout(n, w, step, center);
    const outShape = [...shape];
    outShape[axis] = Math.ceil(n / step);
    if (layout.outLength !== outShape[axis]) throw new ParameterError(`rolling window of ${w} samples with step ${step} does not fit ${n} samples along '${dim}'`);
    const out = new Float64Array(outShape.reduce((a, b) => a * b, 1));
    const scratch = new Float64Array(w);
    const end = layout.offset + layout.count;
    mapLinesInto(parts.view, axis, out, layout.outLength, (line, res) => {
      res.fill(NaN, 0, layout.offset);
      res.fill(NaN, end);
      rollLine(how, line, w, step, layout.start, layout.count, res, layout.offset, scratch);
    });
    const coords = step === 1 ? undefined : { [dim]: everyNth(coord, step) };
    return wrap(withData(parts, out, `${hist}.apply(${how})`, { shape: outShape, coords }));
  };
  return {
    mean: () => run("mean"),
    median: () => run("median"),
    std: () => run("std"),
    min: () => run("min"),
    max: () => run("max"),
    sum: () => run("sum"),
  };
}
