// Attaches the processing methods (SPEC §3.1) to Patch.prototype. Each method is thin: it calls
// a plumbing function that returns PatchParts and wraps them with `Patch.fromParts`. Patch.ts
// calls `installProcessing(Patch)` once, so this module never imports the Patch class (no cycle).
import type { PatchParts } from "../patch/construct.ts";
import type { PatchProcessing } from "./api.ts";
import { passFilterParts } from "./filter.ts";

interface PatchLike {
  readonly parts: PatchParts;
}

interface PatchClass {
  prototype: object;
  fromParts(parts: PatchParts): unknown;
}

/** Defines every method of {@link PatchProcessing} on `Patch.prototype`. */
export function installProcessing(Patch: PatchClass): void {
  const wrap = (parts: PatchParts): never => Patch.fromParts(parts) as never;
  const methods: { [K in keyof PatchProcessing]: (this: PatchLike, ...args: Parameters<PatchProcessing[K]>) => ReturnType<PatchProcessing[K]> } = {
    passFilter(band, options = {}) {
      return wrap(passFilterParts(this.parts, band, options));
    },
  };
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(Patch.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
}
