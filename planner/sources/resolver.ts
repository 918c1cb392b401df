// The default SourceResolver: memory handles and files (directories arrive with the index).

import { stat } from "node:fs/promises";
import { Patch } from "../../src/patch/Patch.ts";
import { StridedArray } from "../../src/patch/StridedArray.ts";
import type { ReadTarget, TypedArray } from "../../storage/formats/types.ts";
import type { SourceResolver } from "../context.ts";
import type { Member, SourceRow } from "../items.ts";
import type { SourceRef } from "../plan.ts";
import { MemoryStore } from "./memory.ts";
import { fileRows, loadFileMember } from "./file.ts";
import { directoryCount, directoryRows, directorySchema, directorySql } from "./directory.ts";
import type { SourceSchema } from "../rules/rule.ts";

/** Options of {@link DefaultResolver}. */
export interface ResolverOptions {
  /**
   * Where outputs' samples go (e.g. `dc.read(path, { into })`): returns the array for one
   * output, or null for a new one. Without it every output gets a new array.
   */
  allocate?: (dtype: string, length: number) => TypedArray | null;
}

/** Resolves memory and file sources. One per spool family (spools derived from one another). */
export class DefaultResolver implements SourceResolver {
  /** Scanned rows per file, reused while the file's size and mtime are unchanged. */
  private readonly fileCache = new Map<string, { stamp: string; rows: SourceRow[] }>();
  private readonly allocator: ResolverOptions["allocate"];

  constructor(
    readonly memory: MemoryStore = new MemoryStore(),
    options: ResolverOptions = {},
  ) {
    this.allocator = options.allocate;
  }

  private async cachedFileRows(ref: Extract<SourceRef, { type: "file" }>): Promise<SourceRow[]> {
    const key = JSON.stringify([ref.path, ref.format ?? null, ref.formatVersion ?? null]);
    let stamp = "";
    try {
      const st = await stat(ref.path);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      // A vanished file is reported by the format layer with its own error.
    }
    const hit = this.fileCache.get(key);
    if (hit && stamp && hit.stamp === stamp) return hit.rows;
    const rows = await fileRows(ref);
    if (stamp) this.fileCache.set(key, { stamp, rows });
    return rows;
  }

  async rows(ref: SourceRef, signal?: AbortSignal): Promise<SourceRow[]> {
    switch (ref.type) {
      case "memory":
        return this.memory.rows(ref.handle);
      case "file":
        return this.cachedFileRows(ref);
      case "directory":
        return directoryRows(ref, signal);
    }
  }

  /** What an indexed source answers by itself (null for memory and file sources). */
  async schema(ref: SourceRef, signal?: AbortSignal): Promise<SourceSchema | null> {
    return ref.type === "directory" ? directorySchema(ref, signal) : null;
  }

  /** The number of rows of a source, from its index where it has one. */
  async count(ref: SourceRef, signal?: AbortSignal): Promise<number> {
    if (ref.type === "directory") return directoryCount(ref, signal);
    return (await this.rows(ref, signal)).length;
  }

  /** The index SQL of a directory source, for explain (null otherwise). */
  async sql(ref: SourceRef): Promise<string | null> {
    return ref.type === "directory" ? directorySql(ref) : null;
  }

  async load(member: Member): Promise<Patch> {
    return member.row.locator.type === "memory" ? this.memory.load(member) : loadFileMember(member);
  }

  /** Reads a file member straight into `into`; a memory member is copied there once. */
  async loadInto(member: Member, into: ReadTarget): Promise<Patch> {
    if (member.row.locator.type !== "memory") return loadFileMember(member, into);
    const held = this.memory.load(member);
    held.view.copyInto(into.data, into.offset, into.strides);
    return Patch.fromParts({ ...held.parts, view: new StridedArray(into.data, into.offset, held.shape, into.strides) });
  }

  allocate(dtype: string, length: number): TypedArray | null {
    return this.allocator?.(dtype, length) ?? null;
  }

  describe(ref: SourceRef): string {
    switch (ref.type) {
      case "memory":
        return `memory (${ref.count} patches)`;
      case "file":
        return `file ${ref.path}${ref.format ? ` as ${ref.format}` : ""}`;
      case "directory":
        return `directory ${ref.path}${ref.indexPath ? ` (index at ${ref.indexPath})` : ""}`;
    }
  }

  adopt(patches: readonly Patch[]): SourceRow[] {
    return this.memory.rows(this.memory.add(patches));
  }
}
