// Example data of SPEC §8: DASCore's random patches and example spools (as Patch[]).
export { getExamplePatch, randomPatch, randomSamples, type RandomPatchOptions } from "./randomPatch.ts";
export { examplePatches, randomPatches, diversePatches, type RandomSpoolOptions } from "./patches.ts";
export { MT19937 } from "./mt19937.ts";
