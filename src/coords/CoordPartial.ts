// A coordinate that knows only its length (SPEC §2), e.g. a dimension kept after an aggregation
// or created by concatenation. min/max/step are null; only sample selection is meaningful.
import { CoordError } from "../errors.ts";
import type { CoordDtype, RawCoord, TypedArray } from "../../storage/formats/types.ts";
import { Coord, type CoordValue } from "./Coord.ts";
import { isTimeDtype } from "./dtype.ts";
import type { IndexRange } from "./rangeSlice.ts";

/** The int64 value numpy uses for NaT, used to fill the values of a partial time coordinate. */
const NAT = -(2n ** 63n);

/**
 * A coordinate with a length but no values. `values()` is all NaN (NaT for time dtypes). Value
 * selection with bounds throws `CoordError`; open bounds or `samples: true` work.
 *
 * @example
 * ```ts
 * const p = new CoordPartial({ length: 1, dtype: "datetime64" });
 * p.min(); // null
 * ```
 */
export class CoordPartial extends Coord {
  readonly kind = "partial" as const;
  readonly step = null;
  readonly units: string | null;
  readonly dtype: CoordDtype;
  readonly length: number;

  constructor(init: { length: number; dtype?: CoordDtype; units?: string | null }) {
    super();
    if (!Number.isInteger(init.length) || init.length < 0) {
      throw new CoordError(`a coordinate length must be a non-negative integer, got ${init.length}`);
    }
    this.length = init.length;
    this.dtype = init.dtype ?? "float64";
    this.units = init.units ?? null;
    Object.freeze(this);
  }

  get sorted(): boolean {
    return false;
  }

  min(): null {
    return null;
  }

  max(): null {
    return null;
  }

  get(): null {
    return null;
  }

  values(): TypedArray {
    return isTimeDtype(this.dtype) ? new BigInt64Array(this.length).fill(NAT) : new Float64Array(this.length).fill(NaN);
  }

  slice(i0: number, i1: number): CoordPartial {
    const a = Math.max(0, Math.min(i0, this.length));
    const b = Math.max(a, Math.min(i1, this.length));
    return new CoordPartial({ length: b - a, dtype: this.dtype, units: this.units });
  }

  override take(indices: Int32Array): CoordPartial {
    return new CoordPartial({ length: indices.length, dtype: this.dtype, units: this.units });
  }

  protected selectValues(lo: CoordValue | null, hi: CoordValue | null): IndexRange {
    throw new CoordError(
      `a partial coordinate (no values) cannot be selected by value [${String(lo)}, ${String(hi)}]; use samples: true`,
    );
  }

  override toValue(bound: unknown): CoordValue | null {
    if (bound === null || bound === undefined) return null;
    throw new CoordError(`a partial coordinate (no values) cannot be selected by value ${String(bound)}; use samples: true`);
  }

  withUnits(units: string | null): CoordPartial {
    return new CoordPartial({ length: this.length, dtype: this.dtype, units });
  }

  /** Partial coordinates travel as an array of NaN/NaT values of their length. */
  toRaw(): RawCoord {
    return { kind: "array", values: this.values(), units: this.units, dtype: this.dtype };
  }
}
