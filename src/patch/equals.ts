// Patch.equals (SPEC §3): dims, coordinates and declared attributes equal (history and extras
// ignored), samples equal exactly (NaN equals NaN) or within numpy's allclose tolerance.
import { DECLARED_KEYS } from "../attrs/schema.ts";
import type { Patch } from "./Patch.ts";

const RTOL = 1e-5;
const ATOL = 1e-8;

/**
 * Compare two patches as `Patch.equals` documents.
 *
 * @example
 * ```ts
 * patchEquals(a, a.updateAttrs({ extra: 1 }), {}); // true
 * ```
 */
export function patchEquals(a: Patch, b: Patch, options: { close?: boolean }): boolean {
  if (a === b) return true;
  if (a.dims.length !== b.dims.length || a.dims.some((d, i) => d !== b.dims[i])) return false;
  if (a.shape.some((s, i) => s !== b.shape[i])) return false;
  const names = Object.keys(a.coords);
  if (names.length !== Object.keys(b.coords).length) return false;
  for (const name of names) {
    const other = b.coords[name];
    if (!other || !a.coords[name]!.equals(other, options)) return false;
    if ((a.coordDims[name] ?? []).join() !== (b.coordDims[name] ?? []).join()) return false;
  }
  for (const key of DECLARED_KEYS) {
    if (key !== "history" && a.attrs[key] !== b.attrs[key]) return false;
  }
  const x = a.data;
  const y = b.data;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (typeof p === "bigint" || typeof q === "bigint") {
      if (!options.close || Number(p) !== Number(q)) return false;
      continue;
    }
    if (p !== p && q !== q) continue; // NaN == NaN
    if (!options.close || !(Math.abs(p - q) <= ATOL + RTOL * Math.abs(q))) return false;
  }
  return true;
}
