// What a DASDAE read would reject, checked at scan time so that a directory update reports the
// file as failed instead of indexing it as healthy (issue 17): declared attributes of the wrong
// type or length, dims that do not match the data, coordinates that do not fit their dimensions,
// more than one dimension without a coordinate, a coordinate's dims without its values.
import { CorruptFileError } from "../../src/errors.ts";
import { DECLARED_ATTRS, type RawAttrValue, type RawCoord } from "./types.ts";

/** SPEC §4's categories and maximum lengths (the same rules src/attrs/schema.ts enforces). */
const CATEGORIES = new Set(["", "DAS", "DTS", "DSS"]);
const MAX: Record<string, number> = { network: 12, station: 12, tag: 100, instrument_id: 50, acquisition_id: 50 };

function coordLength(c: RawCoord): number {
  return c.kind === "range" ? c.length : c.values.length;
}

/**
 * Throws CorruptFileError naming the file, the patch group and the field when a read of this patch
 * would fail validation.
 * @example
 * ```ts
 * checkDasdaePatch("a.h5", "/waveforms/DAS__...", { dims, shape, attrs, coords }); // ok or throws
 * ```
 */
export function checkDasdaePatch(
  file: string,
  group: string,
  p: { dims: string[]; shape: number[]; attrs: Record<string, RawAttrValue>; coords: Record<string, RawCoord>; coordDims?: Record<string, string[]> },
): void {
  const bad = (what: string) => new CorruptFileError(`${file}: DASDAE patch ${group}: ${what}`);
  for (const key of DECLARED_ATTRS) {
    const v = p.attrs[key];
    if (v === undefined || (key === "data_units" && v === null)) continue;
    if (typeof v !== "string") throw bad(`attribute '${key}' must be a string, got ${v === null ? "null" : typeof v}`);
    if (key === "data_category" && !CATEGORIES.has(v)) throw bad(`attribute 'data_category' must be one of "", DAS, DTS, DSS, got ${JSON.stringify(v)}`);
    const max = MAX[key];
    if (max !== undefined && v.length > max) throw bad(`attribute '${key}' must be at most ${max} characters, got ${v.length}`);
  }
  const h = p.attrs["history"];
  if (h !== undefined && typeof h !== "string" && !(Array.isArray(h) && h.every((x) => typeof x === "string"))) {
    throw bad("attribute 'history' must be a list of strings");
  }
  // DASCore writes `_cdims_{name}` and `_coord_{name}` for every coordinate, and its reader
  // asserts that each `_cdims_` names a loaded `_coord_` (a damaged link name breaks that pair)
  for (const name of Object.keys(p.coordDims ?? {})) {
    if (!(name in p.coords)) throw bad(`attribute '_cdims_${name}' names coordinate '${name}', but there is no dataset _coord_${name}`);
  }
  const empty = p.dims.length === 0 && p.shape.length === 1 && p.shape[0] === 0; // DASCore's dc.Patch()
  if (p.dims.length !== p.shape.length && !empty) throw bad(`data has shape [${p.shape}] but dims are (${p.dims.join(", ")})`);
  // a patch infers one dimension's coordinate from the data's size, not two
  const uncovered = p.dims.filter((d) => !(d in p.coords));
  if (uncovered.length > 1) throw bad(`dimensions ${uncovered.join(", ")} have no coordinates (at most one may be left out)`);
  for (const [name, c] of Object.entries(p.coords)) {
    const spans = c.dims ?? [name];
    for (const d of spans) {
      if (!p.dims.includes(d)) throw bad(`coordinate '${name}' spans '${d}', which is not a dimension`);
    }
    if (spans.length === 1) {
      const want = p.shape[p.dims.indexOf(spans[0]!)]!;
      if (coordLength(c) !== want) throw bad(`coordinate '${name}' has ${coordLength(c)} values but dimension '${spans[0]}' has ${want}`);
    }
  }
}
