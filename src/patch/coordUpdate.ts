// Apply `{coord}_min/_max/_step/_units` information to a coordinate (SPEC §3: attrs and
// updateCoords keys). A range is shifted keeping step and length; arrays are shifted by value.
import { CoordError } from "../errors.ts";
import { toTimedelta64 } from "../time.ts";
import { Coord, type CoordValue } from "../coords/Coord.ts";
import { CoordArray } from "../coords/CoordArray.ts";
import { CoordPartial } from "../coords/CoordPartial.ts";
import { CoordRange } from "../coords/CoordRange.ts";
import type { CoordAttrInfo } from "../attrs/coordKeys.ts";
import type { CoordDtype, TypedArray } from "../../storage/formats/types.ts";
import { coordRange, type CoordRangeInit } from "../coords/build.ts";
import { isTimeDtype } from "../coords/dtype.ts";

function stepValue(coord: Coord, v: unknown): CoordValue {
  if (coord.isTime) return toTimedelta64(v);
  const n = typeof v === "bigint" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) throw new CoordError(`invalid step ${String(v)} for a numeric coordinate`);
  return n;
}

function shiftArray(coord: CoordArray, delta: CoordValue): CoordArray {
  const src = coord.values();
  let out: TypedArray;
  if (src instanceof BigInt64Array) {
    out = BigInt64Array.from(src, (x) => x + (delta as bigint));
  } else {
    out = Float64Array.from(src as Float64Array, (x) => x + Number(delta));
  }
  return new CoordArray({ values: out, units: coord.units, dtype: coord.dtype });
}

function shiftBy(coord: Coord, delta: CoordValue): Coord {
  if (coord instanceof CoordRange) {
    const start = typeof coord.start === "bigint" ? coord.start + (delta as bigint) : coord.start + Number(delta);
    return coord.withStart(start);
  }
  if (coord instanceof CoordArray) return shiftArray(coord, delta);
  return coord;
}

function diff(a: CoordValue, b: CoordValue): CoordValue {
  return typeof a === "bigint" ? a - (b as bigint) : a - Number(b);
}

/**
 * The coordinate after applying summary keys: `step` first (a range keeps its start), then `min`
 * (shift so the minimum is `min`), else `max` (shift so the maximum is `max`); `units` replaces
 * the units (time stays `"s"`). Values equal to the current ones change nothing. A
 * {@link CoordPartial} with `min` and `step` becomes a range of its length.
 *
 * @example
 * ```ts
 * applyCoordInfo(timeCoord, { min: "2020-01-03" }).min(); // 1578009600000000000n
 * ```
 */
export function applyCoordInfo(coord: Coord, info: CoordAttrInfo): Coord {
  let out = coord;
  const has = (k: keyof CoordAttrInfo) => info[k] !== undefined && info[k] !== null;
  if (out instanceof CoordPartial) {
    if (!has("min") || !has("step")) return has("units") ? out.withUnits(String(info.units)) : out;
    const dtype = typeof info.dtype === "string" ? (info.dtype as CoordDtype) : undefined;
    out = coordRange({
      start: info.min as CoordRangeInit["start"],
      step: info.step as CoordRangeInit["step"],
      length: out.length,
      units: has("units") ? String(info.units) : out.units,
      ...(dtype && isTimeDtype(dtype) ? { dtype } : {}),
    });
  } else {
    if (has("step")) {
      const step = stepValue(out, info.step);
      if (!(out instanceof CoordRange)) {
        throw new CoordError(`cannot set a step on an unevenly sampled coordinate (${out.kind})`);
      }
      if (step !== out.step) out = out.withStep(step);
    }
    if (has("min")) {
      const target = out.toValue(info.min as never);
      const current = out.min();
      if (target !== null && current !== null && target !== current) out = shiftBy(out, diff(target, current));
    } else if (has("max")) {
      const target = out.toValue(info.max as never);
      const current = out.max();
      if (target !== null && current !== null && target !== current) out = shiftBy(out, diff(target, current));
    }
  }
  if (info.units !== undefined && !out.isTime) {
    const units = info.units === null ? null : String(info.units);
    if (units !== out.units) out = out.withUnits(units);
  }
  return out;
}
