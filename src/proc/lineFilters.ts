// Zero-phase IIR filters along one axis (sosfiltfilt: passFilter, decimate's anti-alias filter),
// run line by line, and chained without the intermediate patch's samples.
//
// A zero-phase band-pass returns a patch whose samples are deferred (computed when first read).
// When the next operation is another zero-phase filter along the same axis — typically
// `passFilter(…).decimate(…)` — it folds the pending band-pass into its own pass over the lines:
// each group of eight lines is gathered into the SIMD kernel's memory once and goes through both
// filters there (wasmSimdSos.ts simdSosChain; elsewhere through a scratch set that stays in
// cache), and only the final (decimated) samples are written. The full-size band-pass output is
// never allocated, and the lines are not scattered out and gathered back between the filters:
// 40 ms instead of 70–78 ms a 300 × 15,000 window (issue 20, band RMS step; first-touching 36 MB of
// new memory costs more here than filtering it). Each line goes through the same operations on
// the same float64 values as unchained, so the samples are the same bit for bit.
//
// Decision: only float64 samples chain. Float32 filtering rounds at every step and keeps float32
// between operations, which a float64 scratch would not reproduce on every path.

import type { TypedArray } from "../../storage/formats/types.ts";
import { StridedArray } from "../patch/StridedArray.ts";
import type { sosFiltFilter } from "./kernels/sosfilt.ts";
import { simdSosChain } from "./kernels/wasmSimdSos.ts";
import { floatCtor, mapLineGroupsInto } from "./plumbing.ts";

/** A zero-phase filter of lines of one length (kernels/sosfilt.ts). */
export type ZeroPhaseFilter = ReturnType<typeof sosFiltFilter>;

/** One filter of a chain: its output keeps every `q`-th sample (1 for all). */
export interface FilterStage {
  readonly filter: ZeroPhaseFilter;
  readonly q: number;
}

/** Filters run in turn along `axis` of `source`; all but the last keep every sample. */
export interface LineFilterChain {
  readonly source: StridedArray;
  readonly axis: number;
  readonly stages: readonly FilterStage[];
}

const RECIPE = Symbol("daspool.lineFilterChain");

interface ChainRecipe {
  readonly [RECIPE]: LineFilterChain;
}

/**
 * The chain that runs `stage` after the samples of `view` along `axis`: the pending filters of a
 * deferred float64 view along the same axis, then `stage`; otherwise `stage` alone on `view`.
 *
 * @example
 * ```ts
 * const chain = chainAfter(pending.view, 1, { filter: antiAlias, q: 4 }); // two stages
 * ```
 */
export function chainAfter(view: StridedArray, axis: number, stage: FilterStage): LineFilterChain {
  const recipe = view.deferredSamples?.recipe as ChainRecipe | undefined;
  const pending = recipe?.[RECIPE];
  if (pending && pending.axis === axis && view.ctor === Float64Array && pending.stages.every((s) => s.q === 1)) {
    return { source: pending.source, axis, stages: [...pending.stages, stage] };
  }
  return { source: view, axis, stages: [stage] };
}

/**
 * A view whose samples are `chain` run over its source, computed when first read. The chain's
 * last stage must keep every sample (the view has the source's shape).
 *
 * @example
 * ```ts
 * const view = deferredChain(chainAfter(parts.view, axis, { filter, q: 1 }));
 * ```
 */
export function deferredChain(chain: LineFilterChain): StridedArray {
  const Ctor = floatCtor(chain.source);
  const recipe: ChainRecipe = { [RECIPE]: chain };
  // the source is read when the view is made: a pending source of another kind computes now
  return StridedArray.deferred(Ctor, chain.source.shape, { compute: () => runChain(chain), source: chain.source.base, recipe });
}

/**
 * Runs `chain` now: a new row-major array with the last stage's every q-th sample along the axis.
 *
 * @example
 * ```ts
 * const out = runChain({ source: view, axis: 1, stages: [{ filter, q: 1 }] });
 * ```
 */
export function runChain(chain: LineFilterChain): TypedArray {
  const { source, axis, stages } = chain;
  const shape = [...source.shape];
  const n = shape[axis]!;
  const q = stages.at(-1)!.q;
  const outN = Math.ceil(n / q);
  shape[axis] = outN;
  const out = new (floatCtor(source))(shape.reduce((a, b) => a * b, 1));
  if (stages.length === 1) {
    const f = stages[0]!.filter;
    mapLineGroupsInto(
      source,
      axis,
      out,
      outN,
      (src, dst) => f.runInto(src, dst, q),
      f.runGroupInto ? (srcs, dsts) => f.runGroupInto!(srcs, dsts, q) : null,
      f.groupWidths,
      f.runGroupInto32 && { run: (srcs, dsts) => f.runGroupInto32!.run(srcs, dsts, q), widths: f.runGroupInto32.widths },
    );
    return out;
  }
  // Several stages (float64 only, see chainAfter): in the SIMD kernel's memory where it takes
  // them, each group of lines gathered once (eight at a time; fewer in a four-lane run's spare
  // lanes, as the single filters run them); else through every filter in one scratch set.
  const exact = stages[0]!.filter.stage.exact;
  const simd8 = stages.every((s) => s.filter.groupWidths.includes(8)) ? simdSosChain(stages.map((s) => s.filter.stage), n, 8, exact) : null;
  const simd4 = simd8 && simdSosChain(stages.map((s) => s.filter.stage), n, 4, exact);
  if (simd8 && simd4) {
    mapLineGroupsInto(source, axis, out, outN, (src, dst) => simd4([src], [dst], q), (srcs, dsts) => (srcs.length === 8 ? simd8 : simd4)(srcs, dsts, q), [8, 4, 2]);
    return out;
  }
  const widths = stages[0]!.filter.groupWidths.filter((w) => stages.every((s) => s.filter.groupWidths.includes(w)));
  const scratch = Array.from({ length: Math.max(1, ...widths) }, () => new Float64Array(n));
  // stage i reads the lines (the first stage) or the scratch, and writes the scratch in place or
  // the output lines (the last stage, every q-th sample)
  const through = <T>(srcs: T, dsts: T, lines: T, run: (f: ZeroPhaseFilter, from: T, to: T, every: number) => void) =>
    stages.forEach((s, i) => (i === stages.length - 1 ? run(s.filter, i === 0 ? srcs : lines, dsts, q) : run(s.filter, i === 0 ? srcs : lines, lines, 1)));
  mapLineGroupsInto(
    source,
    axis,
    out,
    outN,
    (src, dst) => through(src, dst, scratch[0]!, (f, from, to, every) => f.runInto(from, to, every)),
    stages.every((s) => s.filter.runGroupInto)
      ? (srcs, dsts) => through(srcs, dsts, scratch.slice(0, srcs.length), (f, from, to, every) => f.runGroupInto!(from, to, every))
      : null,
    widths,
  );
  return out;
}
