// Checks that coordinates a format built are possible (issue 18): finite, times inside int64,
// evenly sampled steps non-zero (a descending axis is possible), time arrays in order, and sizes
// that agree with the data. Run by the registry on every scan and read, so a damaged number in a
// header fails the file, in the scan as in the load, instead of giving impossible axes.
import { CorruptFileError } from "../../src/errors.ts";
import { isTimeDtype } from "./rawCoords.ts";
import type { CoordSummary, PatchSummary, RawCoord, RawPatch, TypedArray } from "./types.ts";

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
/** Largest magnitude believed for a non-time coordinate value (m, Hz, channel…): 1e15. */
const MAX_VALUE = 1e15;

function bad(path: string, where: string, name: string, what: string): CorruptFileError {
  return new CorruptFileError(`${path}: ${where}coordinate ${name} ${what}`);
}

function checkScalar(path: string, where: string, name: string, label: string, v: number | bigint | null, time: boolean): void {
  if (v === null) return;
  if (typeof v === "bigint") {
    if (v < INT64_MIN || v > INT64_MAX) throw bad(path, where, name, `${label} ${v} is outside int64`);
    return;
  }
  if (!Number.isFinite(v)) throw bad(path, where, name, `${label} is ${v}`);
  if (time ? Math.abs(v) > 9.2e18 : Math.abs(v) > MAX_VALUE) throw bad(path, where, name, `${label} ${v} is out of range`);
}

function checkStep(path: string, where: string, name: string, step: number | bigint | null, length: number, time: boolean): void {
  if (step === null || length < 2) return;
  checkScalar(path, where, name, "step", step, time);
  // A negative step is a descending axis (DASCore's flip writes one): possible, so not corrupt.
  const zero = typeof step === "bigint" ? step === 0n : step === 0;
  if (zero) throw bad(path, where, name, `has step ${step} over ${length} samples (must not be zero)`);
}

function checkSummary(path: string, where: string, name: string, c: CoordSummary): void {
  const time = isTimeDtype(c.dtype);
  checkScalar(path, where, name, "minimum", c.min, time);
  checkScalar(path, where, name, "maximum", c.max, time);
  checkStep(path, where, name, c.step, c.length, time);
  if (time && typeof c.min === "bigint" && typeof c.max === "bigint" && c.max < c.min) throw bad(path, where, name, `ends (${c.max}) before it starts (${c.min})`);
}

function checkValues(path: string, where: string, name: string, values: TypedArray, time: boolean): void {
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    if (!time || values.length < 3) return;
    // In order one way or the other (a flipped axis descends); a damaged value breaks the order.
    const descending = values[values.length - 1]! < values[0]!;
    for (let i = 1; i < values.length; i++) {
      if (descending ? values[i]! > values[i - 1]! : values[i]! < values[i - 1]!) throw bad(path, where, name, `is out of order at sample ${i}`);
    }
    return;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v) || Math.abs(v) > MAX_VALUE) throw bad(path, where, name, `value ${v} at sample ${i} is not a possible coordinate`);
  }
}

function checkRaw(path: string, where: string, name: string, c: RawCoord): void {
  const time = isTimeDtype(c.dtype);
  if (c.kind === "array") return checkValues(path, where, name, c.values, time);
  checkScalar(path, where, name, "start", c.start, time);
  checkStep(path, where, name, c.step, c.length, time);
  if (typeof c.start === "bigint" && typeof c.step === "bigint" && c.length > 1) {
    checkScalar(path, where, name, "end", c.start + c.step * BigInt(c.length - 1), time);
  } else if (typeof c.start === "number" && typeof c.step === "number" && c.length > 1) {
    checkScalar(path, where, name, "end", c.start + c.step * (c.length - 1), time);
  }
}

/** DASCore's empty patch (`dc.Patch()`): no dims, shape (0,) — written to DASDAE as such (issue 17). */
const emptyPatch = (p: { dims: readonly string[]; shape: readonly number[] }) => p.dims.length === 0 && p.shape.length === 1 && p.shape[0] === 0;

const label = (key: string) => (key ? `patch ${key}: ` : "");

/**
 * Throws CorruptFileError naming the file, the patch and the coordinate when a scanned patch has
 * an impossible coordinate or a shape that does not match its dims.
 * @example
 * ```ts
 * checkSummaries("/d/a.h5", await mod.scan("/d/a.h5", "1"));
 * ```
 */
export function checkSummaries(path: string, patches: readonly PatchSummary[]): void {
  for (const p of patches) {
    const where = label(p.key);
    if ((p.shape.length !== p.dims.length && !emptyPatch(p)) || !p.shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
      throw new CorruptFileError(`${path}: ${where}shape [${p.shape.join(", ")}] does not fit dims [${p.dims.join(", ")}]`);
    }
    for (const [name, c] of Object.entries(p.coords)) {
      checkSummary(path, where, name, c);
      const axis = p.dims.indexOf(name);
      if (axis >= 0 && c.length !== p.shape[axis]) {
        throw bad(path, where, name, `has ${c.length} values for ${p.shape[axis]} samples`);
      }
    }
  }
}

/**
 * Throws CorruptFileError when a read patch has an impossible coordinate or data whose size
 * differs from its shape.
 */
export function checkPatch(path: string, key: string, p: RawPatch): void {
  const where = label(key);
  const n = p.shape.reduce((a, b) => a * b, 1);
  if ((p.shape.length !== p.dims.length && !emptyPatch(p)) || p.data.length < n) {
    throw new CorruptFileError(`${path}: ${where}data of ${p.data.length} samples do not fill shape [${p.shape.join(", ")}]`);
  }
  for (const [name, c] of Object.entries(p.coords)) checkRaw(path, where, name, c);
}
