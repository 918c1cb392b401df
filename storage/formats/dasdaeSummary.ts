// The steps of a DASDAE scan that do not depend on how the file is read: a coordinate from its
// stored values and flags, a patch group's summary with its checks and read recipe. dasdae.ts
// (through libhdf5) and dasdaePure.ts (through the pure-JS reader) both build on them, so the two
// scans give the same answers by construction.
import { CorruptFileError } from "../../src/errors.ts";
import type { H5AttrValue } from "../h5/index.ts";
import type { GroupMeta } from "./dasdaeAttrs.ts";
import { checkDasdaePatch } from "./dasdaeCheck.ts";
import { dascoreEvenStep } from "./dasdaeEven.ts";
import { summarizeCoord } from "./rawCoords.ts";
import { isRecipeDtype, jsonExact, recipeItemSize } from "./recipe.ts";
import type { PatchSummary, RawCoord, RawCoordRange, ReadRecipe, TypedArray } from "./types.ts";

/** True when every value is start + i·step as the array's dtype stores it (float32 rounded). */
export function holdsRange(data: TypedArray, step: number | bigint): boolean {
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    const s = BigInt(step);
    const a = data[0] as bigint;
    for (let i = 1; i < data.length; i++) if ((data[i] as bigint) !== a + BigInt(i) * s) return false;
    return true;
  }
  const s = Number(step);
  const a = data[0] as number;
  const round = data instanceof Float32Array ? Math.fround : (x: number) => x;
  for (let i = 1; i < data.length; i++) if (data[i] !== round(a + i * s)) return false;
  return true;
}


/** A stored step usable for a range: finite and non-zero (DASCore stores NaN for uneven coords). */
function usableStep(step: number | bigint | null | undefined): number | bigint | undefined {
  if (step === null || step === undefined) return undefined;
  if (typeof step === "number" && (!Number.isFinite(step) || step === 0)) return undefined;
  return step === 0n ? undefined : step;
}


/** What {@link coordFromData} needs: where the coordinate is, its group's metadata, its values and flags. */
export interface CoordData {
  filename: string;
  groupPath: string;
  name: string;
  meta: GroupMeta;
  /** The file was written by daspool (its ranges keep their stored step). */
  ours: boolean;
  data: TypedArray;
  dtype: string;
  isDt: H5AttrValue | undefined;
  isTd: H5AttrValue | undefined;
}

export const truthy = (v: H5AttrValue | undefined) => v === true || (typeof v === "number" && v !== 0) || v === 1n;

/**
 * A DASDAE coordinate from its stored values and flags, as DASCore builds it: time or timedelta
 * by the `is_datetime64`/`is_timedelta64` flags, units from the group's summary, and a range
 * where DASCore makes one (with the stored step). Shared by the libhdf5 and the pure-JS scans.
 * @throws CorruptFileError for a time coordinate that is not int64.
 */
export function coordFromData(c: CoordData): RawCoord {
  const { filename, groupPath, name, meta, ours, data, dtype, isDt, isTd } = c;
  const cdtype = truthy(isDt) ? "datetime64" : truthy(isTd) ? "timedelta64" : (dtype as RawCoord["dtype"]);
  if ((cdtype === "datetime64" || cdtype === "timedelta64") && !(data instanceof BigInt64Array)) {
    throw new CorruptFileError(`${filename}: time coordinate ${groupPath}/_coord_${name} is not int64`);
  }
  const dims = meta.coordDims[name] ?? (meta.dims.includes(name) ? [name] : []);
  const isTime = cdtype === "datetime64" || cdtype === "timedelta64";
  const summary = meta.summaries[name] ?? {};
  // DASCore gives datetime coordinates "s" when none is stored; timedelta ones keep None.
  let units: string | null = summary.units ?? null;
  // (DASCore's empty coordinate is a partial one without units.)
  if (units === null && data.length > 0 && (cdtype === "datetime64" || (isTime && summary.units === undefined))) units = "s";
  const dimsOpt = dims.length === 1 && dims[0] === name ? {} : { dims };
  // DASCore rebuilds a range with the stored step (get_coord(data, step=...)), so a float range
  // written as start + i·step reads back with exactly that step, not the mean of its diffs.
  const step = usableStep(summary.step);
  const base = { units, dtype: cdtype, ...dimsOpt };
  let coord: RawCoord = { kind: "array", values: data, ...base } as RawCoord;
  if (dims.length <= 1 && data.length > 0) {
    // A range exactly when DASCore makes one; its step is the stored one (so a float range written
    // as start + i·step reads back with that step), else DASCore's median diff.
    // Values that daspool wrote as start + i·step keep the stored step even where float32
    // rounding makes DASCore's rule call them uneven; DASCore's files follow DASCore's rule.
    const derived = data.length === 1 ? null : ours && step !== undefined && holdsRange(data, step) ? step : dascoreEvenStep(data);
    const chosen = data.length === 1 ? step : derived === null ? undefined : (step ?? derived);
    // A non-time int64 range is held in numbers, as every numeric range is (start and step of one
    // kind: the planner's index arithmetic needs that); beyond 2^53 it stays an exact array.
    const first = data[0]!;
    const start = isTime || typeof first !== "bigint" ? first : safeNumber(first);
    if (chosen !== undefined && start !== null) coord = { kind: "range", start, step: isTime ? BigInt(chosen) : Number(chosen), length: data.length, ...base } as RawCoord;
  }
  return coord;
}

/** `v` as a number when that is exact, else null. */
function safeNumber(v: bigint): number | null {
  const n = Number(v);
  return Number.isSafeInteger(n) && BigInt(n) === v ? n : null;
}


/** A patch group as read: its metadata, coordinates, the data's shape and dtype. */
export interface GroupContents {
  meta: GroupMeta;
  coords: Record<string, RawCoord>;
  shape: number[];
  dataDtype: string | null;
}

/**
 * A patch group's summary, checked as DASCore's reader would (dims against the data's shape,
 * coordinate lengths), with a read recipe where one applies: `offsetOf(itemSize)` gives the
 * samples' byte offset (null: no recipe; it may throw CorruptFileError, which means no recipe).
 * Shared by the libhdf5 and the pure-JS scans.
 */
export function summaryFrom(filename: string, groupPath: string, g: GroupContents, offsetOf: (itemSize: number) => number | null): PatchSummary {
  const { meta, coords, shape } = g;
  const summaries: PatchSummary["coords"] = {};
  for (const [name, c] of Object.entries(coords)) {
    if (!c.dims || (c.dims.length === 1 && c.dims[0] === name)) summaries[name] = summarizeCoord(c);
  }
  checkDasdaePatch(filename, groupPath, { dims: meta.dims, shape, attrs: meta.attrs, coords, coordDims: meta.coordDims });
  const recipe = recipeFor(g, offsetOf);
  return {
    key: groupPath,
    dims: meta.dims,
    shape,
    dataDtype: g.dataDtype ?? "unknown",
    attrs: meta.attrs,
    coords: summaries,
    ...(recipe ? { recipe } : {}),
  };
}

/**
 * What readPatchGroup would learn from the file's metadata, when its samples can be read straight
 * from the file (recipe.ts): a plain dtype, contiguous little-endian storage of at least 1 MiB
 * that passes the read's own layout check, range coordinates only, and values that the index's
 * JSON keeps exactly. Otherwise undefined, and reads go through HDF5 as before (a layout the
 * check rejects then fails at read, as it always did).
 */
function recipeFor(g: GroupContents, offsetOf: (itemSize: number) => number | null): ReadRecipe | undefined {
  const { meta, coords, shape, dataDtype: dtype } = g;
  if (!dtype || !isRecipeDtype(dtype) || shape.length === 0 || shape.length !== meta.dims.length) return undefined;
  const ranges: Record<string, RawCoordRange> = {};
  for (const [name, c] of Object.entries(coords)) {
    if (c.kind !== "range" || (c.dims !== undefined && c.dims.length > 1) || !jsonExact(c)) return undefined;
    ranges[name] = c;
  }
  if (!jsonExact(meta.attrs)) return undefined;
  try {
    const offset = offsetOf(recipeItemSize(dtype));
    if (offset === null) return undefined;
    return { offset, dtype, dims: [...meta.dims], shape: [...shape], coords: ranges, attrs: { ...meta.attrs } };
  } catch {
    return undefined;
  }
}

