// Example spools of SPEC §8 as plain Patch[] (src/spool wraps them in getExampleSpool): contiguous
// random patches, and DASCore's 18-patch `diverse_das` set with gaps, overlaps and odd stations.
import { ParameterError } from "../errors.ts";
import { toTimedelta64 } from "../time.ts";
import type { Patch } from "../patch/Patch.ts";
import { randomPatch, type RandomPatchOptions, randomSamples } from "./randomPatch.ts";

/** Options of the `random_das` example spool: patch overrides plus count and spacing. */
export interface RandomSpoolOptions extends RandomPatchOptions {
  /** Number of patches (default 3). */
  length?: number;
  /** Extra time between one patch's last sample + one step and the next patch (default 0;
   * negative overlaps). A duration: numbers are seconds. */
  time_gap?: bigint | number | string;
}

/**
 * `length` contiguous random patches from `time_min` (default `"2020-01-03"`): patch k+1 starts
 * one step after patch k ends, plus `time_gap`.
 *
 * @example
 * ```ts
 * randomPatches({ length: 2 })[1].getCoord("time").min(); // 1578009608000000000n (2020-01-03T00:00:08)
 * ```
 */
export function randomPatches(options: RandomSpoolOptions = {}): Patch[] {
  const { length = 3, time_gap = 0, ...patchOptions } = options;
  if (!Number.isInteger(length) || length < 0) throw new ParameterError(`length must be a non-negative integer, got ${length}`);
  const gap = toTimedelta64(time_gap);
  let timeMin: RandomPatchOptions["time_min"] = patchOptions.time_min ?? "2020-01-03";
  const out: Patch[] = [];
  // the patches of one spool share one copy of the samples (they are identical, as in DASCore)
  const samples = length > 0 ? randomSamples(patchOptions.shape ?? [300, 2000]) : undefined;
  for (let k = 0; k < length; k++) {
    const patch = randomPatch({ ...patchOptions, time_min: timeMin }, samples);
    out.push(patch);
    const time = patch.getCoord("time");
    timeMin = (time.max() as bigint) + (time.step as bigint) + gap;
  }
  return out;
}

/**
 * DASCore's `diverse_das` spool: 18 patches — 3 plain, 3 in network `das2`, 3 at station
 * `big_gaps` (1 s gaps), 3 `overlaps` (each starting 10 ms before the previous ends), 3 `smallg`
 * (one missing sample between patches), one `wayout` in 2030, one with tag `some_tag`, one
 * `wayout` in 1989.
 *
 * @example
 * ```ts
 * diversePatches().length; // 18
 * ```
 */
export function diversePatches(): Patch[] {
  return [
    ...randomPatches(),
    ...randomPatches({ network: "das2" }),
    ...randomPatches({ time_gap: "1s", station: "big_gaps" }),
    ...randomPatches({ time_gap: "-10ms", station: "overlaps" }),
    ...randomPatches({ time_gap: "4ms", station: "smallg" }),
    ...randomPatches({ length: 1, time_min: "2030-01-01", station: "wayout" }),
    ...randomPatches({ tag: "some_tag", length: 1 }),
    ...randomPatches({ length: 1, time_min: "1989-05-04", station: "wayout" }),
  ];
}

/**
 * The patches of an example spool (SPEC §8): `"random_das"` with {@link RandomSpoolOptions},
 * or `"diverse_das"` (no options).
 *
 * @throws ParameterError for an unknown name.
 * @example
 * ```ts
 * examplePatches("random_das", { length: 10, time_step: 0.999767552, shape: [100, 1],
 *   time_min: "2023-06-13T15:38:00.49953408" }); // ten single-sample patches
 * ```
 */
export function examplePatches(name = "random_das", options: RandomSpoolOptions = {}): Patch[] {
  if (name === "random_das") return randomPatches(options);
  if (name === "diverse_das") return diversePatches();
  throw new ParameterError(`no example spool named ${JSON.stringify(name)}; known examples are: random_das, diverse_das`);
}
