// setUnits and convertUnits (DASCore proc/units.py): relabel, or convert with pint's algebra
// (src/units), the data units and coordinate units. Time coordinates only take seconds.
import { UnitError } from "../errors.ts";
import type { Coord } from "../coords/Coord.ts";
import { CoordArray } from "../coords/CoordArray.ts";
import { coordRange } from "../coords/build.ts";
import type { PatchParts } from "../patch/construct.ts";
import { conversion, formatUnits, parseQuantity } from "../units/index.ts";
import { historyEntry } from "./history.ts";
import { withData } from "./plumbing.ts";

/**
 * Units of datetime/timedelta coordinates stay seconds: DASCore's coordinate ignores other units
 * (`set_units(time="ms")` leaves "s"), since the values are ns timestamps whatever the label.
 */
function timeCoord(coord: Coord, units: string | null): Coord {
  if (units !== null) parseQuantity(units); // still validated
  return coord;
}

function relabel(parts: PatchParts, coordUnits: Readonly<Record<string, string | null>>): Record<string, Coord> {
  const out: Record<string, Coord> = {};
  for (const [name, units] of Object.entries(coordUnits)) {
    const c = parts.coords[name];
    if (!c) throw new UnitError(`cannot set units of unknown coordinate '${name}'; coordinates are ${Object.keys(parts.coords).join(", ")}`);
    if (c.isTime) out[name] = timeCoord(c, units);
    else {
      if (units !== null) parseQuantity(units); // validates
      out[name] = c.withUnits(units);
    }
  }
  return out;
}

/** A unit string as DASCore stores it after an update: pint's short form ("m/s" → "m / s"). */
function normalized(units: string | null): string | null {
  const q = parseQuantity(units);
  return q === null ? null : formatUnits(q);
}

/** The same samples (no copy) with coordinates replaced, data units set and a history entry. */
function relabelled(parts: PatchParts, coords: Readonly<Record<string, Coord>>, entry: string, dataUnits: string | null): PatchParts {
  const history = [...((parts.attrs.history as readonly string[] | undefined) ?? []), entry];
  return { ...parts, coords: Object.freeze({ ...parts.coords, ...coords }), attrs: { ...parts.attrs, history, data_units: dataUnits } };
}

/** DASCore's `set_units`: see {@link PatchProcessing.setUnits}. */
export function setUnitsParts(parts: PatchParts, dataUnits: string | null, coordUnits: Readonly<Record<string, string | null>>): PatchParts {
  if (dataUnits !== null) parseQuantity(dataUnits);
  const coords = relabel(parts, coordUnits);
  return relabelled(parts, coords, historyEntry("set_units", { data_units: dataUnits, ...coordUnits }), normalized(dataUnits));
}

/** Convert one coordinate (a range stays a range: start and end converted, step = span / length). */
function convertCoord(c: Coord, units: string): Coord {
  if (c.isTime) return timeCoord(c, units);
  if (c.units === null) {
    parseQuantity(units);
    return c.withUnits(units);
  }
  const { scale, shift } = conversion(parseQuantity(c.units)!, parseQuantity(units)!);
  if (c.kind === "range" && c.step !== null) {
    const start = Number(c.min()) * scale + shift;
    const stop = (Number(c.min()) + Number(c.step) * c.length) * scale + shift;
    return coordRange({ start, step: (stop - start) / c.length, length: c.length, units, dtype: "float64" });
  }
  const v = c.values();
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Number(v[i]) * scale + shift;
  return new CoordArray({ values: out, units, dtype: "float64" });
}

/** DASCore's `convert_units`: see {@link PatchProcessing.convertUnits}. */
export function convertUnitsParts(parts: PatchParts, dataUnits: string | null, coordUnits: Readonly<Record<string, string>>): PatchParts {
  const coords: Record<string, Coord> = {};
  for (const [name, units] of Object.entries(coordUnits)) {
    const c = parts.coords[name];
    if (!c) throw new UnitError(`cannot convert units of unknown coordinate '${name}'; coordinates are ${Object.keys(parts.coords).join(", ")}`);
    coords[name] = convertCoord(c, units);
  }
  const entry = historyEntry("convert_units", { data_units: dataUnits, ...coordUnits });
  const current = parseQuantity(parts.attrs.data_units as string | null | undefined);
  if (dataUnits === null || current === null) {
    if (dataUnits !== null) parseQuantity(dataUnits);
    return relabelled(parts, coords, entry, normalized(dataUnits ?? ((parts.attrs.data_units as string | null | undefined) || null)));
  }
  const { scale, shift } = conversion(current, parseQuantity(dataUnits)!);
  const src = parts.view.toContiguous();
  const out = src instanceof Float32Array ? new Float32Array(src.length) : new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = Number(src[i]) * scale + shift;
  const res = withData(parts, out, entry, { coords });
  return { ...res, attrs: { ...res.attrs, data_units: normalized(dataUnits) }, ...(parts.dtype ? { dtype: parts.dtype } : {}) };
}
