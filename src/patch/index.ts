// The Patch of SPEC §3 and its seams to the planner and storage.
export { Patch } from "./Patch.ts";
export { StridedArray, rowMajorStrides } from "./StridedArray.ts";
export { patchFromRaw, summarizePatch, patchToRaw } from "./fromRaw.ts";
export { AGGREGATE_METHODS, type AggregateMethod, type AggregateOptions } from "./aggregate.ts";
export type { PatchInit, PatchParts, CoordInput, NonDimCoordInput } from "./construct.ts";
export { formatArray } from "./format.ts";
