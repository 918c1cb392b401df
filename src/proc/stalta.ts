// stalta (DASCore transform/stalta.py) and velocityToStrainRate (transform/strain.py): thin
// compositions of rolling means and differentiate, with DASCore's attributes and history.
import { AttrsError, ParameterError } from "../errors.ts";
import type { PatchParts } from "../patch/construct.ts";
import { formatUnits, invert, multiply, parseQuantity } from "../units/index.ts";
import { binaryParts } from "./arith.ts";
import { differentiateParts } from "./calculus.ts";
import { historyEntry } from "./history.ts";
import { oneDim, stepOf } from "./plumbing.ts";
import { makeRolling } from "./rolling.ts";

/**
 * DASCore's `stalta`: rolling mean over the short window ÷ rolling mean over the long one (NaN
 * until the long window fits), `data_type` "stalta". History: the short window's rolling entry,
 * then `stalta(...)`, as DASCore's.
 */
export function staltaParts(parts: PatchParts, windows: Readonly<Record<string, readonly [number, number]>>, samples: boolean): PatchParts {
  const { dim, value } = oneDim(parts, windows, "stalta");
  if (!Array.isArray(value) || value.length !== 2) throw new ParameterError(`stalta needs { ${dim}: [sta, lta] }, got ${JSON.stringify(value)}`);
  const [sta, lta] = value as [number, number];
  if (lta <= sta) throw new ParameterError(`The long-term window must exceed the short-term window, got ${lta}.`);
  const id = (p: PatchParts): PatchParts => p;
  const short = makeRolling(parts, { [dim]: sta }, { samples }, id).mean();
  const long = makeRolling(parts, { [dim]: lta }, { samples }, id).mean();
  const ratio = binaryParts(short, "divide", long);
  const history = [...((ratio.attrs.history as string[] | undefined) ?? []), historyEntry("stalta", { samples, [dim]: [sta, lta] })];
  return { ...ratio, attrs: { ...ratio.attrs, history, data_type: "stalta" } };
}

/** Options of `velocityToStrainRate`. */
export interface StrainRateOptions {
  /** Distance steps between the two samples differenced (even, default 2): the gauge length in steps. */
  stepMultiple?: number;
  /** Finite-difference order (2, numpy.gradient, as DASCore's default). */
  order?: number;
}

/**
 * DASCore's `velocity_to_strain_rate`: the centred gradient along distance over
 * `stepMultiple / 2` steps; `data_type` "strain_rate", `gauge_length` = step × stepMultiple,
 * `data_units` divided by the distance units (pint's form, e.g. `m/s` → `1 / s`).
 */
export function velocityToStrainRateParts(parts: PatchParts, options: StrainRateOptions): PatchParts {
  const stepMultiple = options.stepMultiple ?? 2;
  const order = options.order ?? 2;
  if (!parts.dims.includes("distance")) throw new ParameterError(`velocityToStrainRate needs a 'distance' dimension; dimensions are ${parts.dims.join(", ")}`);
  if (parts.attrs.data_type !== "velocity") {
    throw new AttrsError(`velocityToStrainRate needs data_type 'velocity', got '${String(parts.attrs.data_type ?? "")}'`);
  }
  if (stepMultiple <= 0) throw new ParameterError("step_multiple must be positive.");
  if (stepMultiple % 2 !== 0) throw new ParameterError("Step_multiple must be even. Use velocity_to_strain_rate_edgeless if odd step multiples are required.");
  const coord = parts.coords.distance!;
  const step = stepOf(coord, "distance");
  const d = differentiateParts(parts, "distance", { order, step: stepMultiple / 2 });
  const du = parseQuantity(parts.attrs.data_units as string | null | undefined);
  const cu = parseQuantity(coord.units);
  const history = [...((parts.attrs.history as string[] | undefined) ?? []), historyEntry("velocity_to_strain_rate", { order, step_multiple: stepMultiple })];
  const units = du === null ? (parts.attrs.data_units ?? null) : formatUnits(cu === null ? du : multiply(du, invert(cu)));
  return { ...d, attrs: { ...d.attrs, history, data_type: "strain_rate", gauge_length: step * stepMultiple, data_units: units } };
}
