// Small hand-checkable patches for the Patch tests.
import { coordRange } from "../../../src/coords/index.ts";
import { Patch } from "../../../src/patch/index.ts";

export const T0 = 1578009600000000000n; // 2020-01-03

/** 3 × 4 patch: data[i, j] = 10·i + j, distance 0, 1, 2 m, time 2020-01-03 + j s. */
export function smallPatch(attrs: Record<string, unknown> = {}): Patch {
  return new Patch({
    data: Float64Array.from({ length: 12 }, (_, k) => 10 * Math.floor(k / 4) + (k % 4)),
    dims: ["distance", "time"],
    coords: { distance: [0, 1, 2], time: coordRange({ start: T0, step: "1s", length: 4 }) },
    attrs: { tag: "small", ...attrs },
  });
}

/** The small patch with NaNs at [0, 1] and the whole row 2. */
export function nanPatch(): Patch {
  const data = Float64Array.from({ length: 12 }, (_, k) => 10 * Math.floor(k / 4) + (k % 4));
  data[1] = NaN;
  data.fill(NaN, 8, 12);
  const p = smallPatch();
  return new Patch({ data, dims: p.dims, coords: p.coords, attrs: p.parts.attrs });
}

export function arr(a: ArrayLike<number | bigint>): (number | bigint)[] {
  return Array.from(a as ArrayLike<number | bigint>);
}
