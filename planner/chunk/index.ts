// The chunk planner's public surface: pure functions from source rows to output windows.
// The plan executor and explain import from here, never from the files behind it.

export { planChunks } from "./planChunks.ts";
export { parseChunkArgs, toDimDuration, validateChunkOptions } from "./validate.ts";
export { trimRow } from "./trimRow.ts";
export { PARTITION_KEYS, partitionKey } from "./groups.ts";
export type {
  ChunkMember,
  ChunkOptions,
  ChunkSourceRow,
  ChunkValue,
  ChunkWindow,
  ConflictMode,
  DimSummary,
  ResolvedChunkOptions,
} from "./types.ts";
