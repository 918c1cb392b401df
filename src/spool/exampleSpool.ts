// dc.getExampleSpool(): DASCore's example spools (SPEC §8) wrapped as in-memory spools.

import { examplePatches, type RandomSpoolOptions } from "../examples/index.ts";
import { spool } from "./createSpool.ts";
import type { Spool } from "./Spool.ts";
import type { Patch } from "../patch/Patch.ts";

/**
 * An example spool: `"random_das"` (contiguous 8 s patches; `length`, `time_gap`, `time_min` and
 * patch overrides) or `"diverse_das"` (18 patches with gaps, overlaps and other networks).
 *
 * @example
 * ```ts
 * const sp = dc.getExampleSpool("random_das", { length: 3 });
 * await sp.chunk({ time: 2 }).count(); // 12
 * ```
 */
export function getExampleSpool(name = "random_das", options: RandomSpoolOptions = {}): Spool<Patch> {
  return spool(examplePatches(name, options));
}
