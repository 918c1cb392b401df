// Non-dimensional coordinates over zero or several dimensions (SPEC §3: `quality(distance, time)`,
// DASCore's dimensionless coordinates such as the `time` a dft leaves behind). Their values are
// held flat, row-major over the spanned dimensions; a selection along one of them slices that axis.
import { CoordArray } from "../coords/CoordArray.ts";
import type { Coord } from "../coords/Coord.ts";
import type { TypedArray } from "../../storage/formats/types.ts";

/** True when a coordinate spans anything but exactly one dimension. */
export function isMultiDim(spans: readonly string[]): boolean {
  return spans.length !== 1;
}

/** The number of values a coordinate spanning `spans` must hold (none: any length). */
export function spannedLength(spans: readonly string[], dims: readonly string[], shape: readonly number[]): number | null {
  if (spans.length === 0) return null;
  return spans.reduce((n, d) => n * shape[dims.indexOf(d)]!, 1);
}

/**
 * The coordinate after keeping positions `keep` (a half-open range or explicit indices) along
 * `axis` of its spanned shape `spanShape`; the values stay row-major.
 *
 * @example
 * ```ts
 * selectAlong(quality, [2, 3], 1, [1, 3]); // columns 1..2 of a 2×3 coordinate
 * ```
 */
export function selectAlong(c: Coord, spanShape: readonly number[], axis: number, keep: readonly [number, number] | Int32Array): Coord {
  const values = c.values();
  const idx = keep instanceof Int32Array ? keep : Int32Array.from({ length: Math.max(0, keep[1] - keep[0]) }, (_, k) => keep[0] + k);
  const inner = spanShape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = spanShape.slice(0, axis).reduce((a, b) => a * b, 1);
  const n = spanShape[axis]!;
  const Ctor = values.constructor as new (len: number) => TypedArray;
  const out = new Ctor(outer * idx.length * inner);
  const src = values as unknown as { subarray(a: number, b: number): ArrayLike<number> };
  const dst = out as unknown as { set(a: ArrayLike<number>, o: number): void };
  let w = 0;
  for (let o = 0; o < outer; o++) {
    for (const i of idx) {
      const at = (o * n + i) * inner;
      dst.set(src.subarray(at, at + inner), w);
      w += inner;
    }
  }
  return new CoordArray({ values: out, units: c.units, dtype: c.dtype });
}
