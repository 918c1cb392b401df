// Types the values of `--select` terms the way a user means them: numbers on numeric columns,
// ns on time columns, ranges (`lo..hi`) on any numeric column (not only coordinates), and format
// names matched case-insensitively as `dc.read` matches them. Text is all the shell gives us.

import * as dc from "../index.ts";
import { ALL_FORMATS } from "../../storage/formats/all.ts";
import { globToRegExp } from "../../storage/index/glob.ts";
import { spoolContents, type ContentsColumn, type ContentsKind } from "../spool/contentsColumns.ts";
import { parseSelect, UsageError, type SelectTerm } from "./args.ts";

/** Columns that are text whatever their values look like (a station "01" stays "01"). */
const TEXT_KEYS = new Set([
  "data_type", "data_category", "data_units", "instrument_id", "acquisition_id", "tag", "station",
  "network", "dims", "path", "file_version", "history",
]);

/** Keys the planner always treats as coordinates: ranges pass through untouched. */
const COORDINATES = new Set(["time", "distance"]);

type Scalar = string | number | bigint;

/** The kind a column has by its name alone, when the name says it. */
function kindByName(key: string): ContentsKind | undefined {
  if (key === "time_min" || key === "time_max") return "timestamp";
  if (key === "time_step") return "duration";
  if (/_(min|max|step)$/.test(key)) return "float";
  return undefined;
}

function convert(v: string | number, kind: ContentsKind, key: string): Scalar {
  try {
    if (kind === "timestamp") return dc.toDatetime64(v);
    if (kind === "duration") return dc.toTimedelta64(v);
  } catch (cause) {
    throw new UsageError(`--select ${key}: "${v}" is not a ${kind === "timestamp" ? "time" : "duration"} (${(cause as Error).message})`);
  }
  if (kind === "float") {
    const n = Number(v);
    if (typeof v === "string" && (v.trim() === "" || Number.isNaN(n))) throw new UsageError(`--select ${key}: "${v}" is not a number`);
    return n;
  }
  return String(v);
}

const GLOB_CHARS = /[*?[]/;

/** The fnmatch glob, case-insensitive (format names are matched as `dc.read` matches them). */
function globRegExp(glob: string): RegExp {
  return new RegExp(globToRegExp(glob).source, "i");
}

/** Format names matching `value` case-insensitively (globs too), or the value when none does. */
function formatNames(value: string): string | Set<string> {
  const re = GLOB_CHARS.test(value) ? globRegExp(value) : null;
  const hits = ALL_FORMATS.map((f) => f.name).filter((n) => (re ? re.test(n) : n.toLowerCase() === value.toLowerCase()));
  if (hits.length === 0) return value;
  return hits.length === 1 && !re ? hits[0]! : new Set(hits);
}

/**
 * Parses `--select` terms and types their values against `sp`'s contents: `time_step=0.001`
 * compares durations, `gauge_length=5..15` is a numeric range (answered as the set of indexed
 * values inside it, since a two-element array on an attribute means membership in the API),
 * `file_format=mseed` finds `MSEED`. The contents are read (metadata only) only when a term needs
 * a column's type that its name does not tell.
 *
 * @example
 * ```ts
 * await typedSelect(sp, ["time_step=0.001", "file_format=dasdae"]);
 * // [["time_step", 1000000n], ["file_format", "DASDAE"]]
 * ```
 */
export async function typedSelect(sp: dc.Spool, terms: readonly string[]): Promise<SelectTerm[]> {
  const parsed = parseSelect(terms);
  let contents: Promise<Map<string, ContentsColumn>> | undefined;
  const column = async (key: string) =>
    (await (contents ??= spoolContents(sp).then((cs) => new Map(cs.map((c) => [c.name, c]))))).get(key);
  const out: SelectTerm[] = [];
  for (const [i, [key, value]] of parsed.entries()) {
    const isRange = terms[i]!.slice(terms[i]!.indexOf("=") + 1).includes("..");
    if (key === "file_format") {
      const names = Array.isArray(value) ? value.map(String) : [String(value)];
      const hits = names.map(formatNames).flatMap((h) => (h instanceof Set ? [...h] : [h]));
      out.push([key, hits.length === 1 ? hits[0]! : new Set(hits)]);
      continue;
    }
    if (TEXT_KEYS.has(key) || /_(units|dtype)$/.test(key) || (isRange && COORDINATES.has(key))) {
      out.push([key, value]);
      continue;
    }
    const numericText = (v: unknown) => typeof v === "number" || (typeof v === "string" && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v));
    const values = Array.isArray(value) ? value : [value];
    const needsColumn = isRange || (kindByName(key) === undefined && values.some(numericText));
    const col = needsColumn ? await column(key) : undefined;
    const kind = kindByName(key) ?? (col && col.kind !== "string" ? col.kind : undefined);
    if (kind === undefined) {
      out.push([key, value]); // a coordinate the planner resolves, a text column, or an unknown key
      continue;
    }
    if (isRange) {
      const [lo, hi] = (value as (string | number | null)[]).map((v) => (v === null ? null : (convert(v, kind, key) as number | bigint)));
      const inside = new Set<Scalar>();
      for (const v of col?.values ?? []) {
        if (v === null || typeof v === "string") continue;
        if ((lo === null || v >= lo) && (hi === null || v <= hi)) inside.add(v);
      }
      out.push([key, inside as Set<string>]);
    } else if (Array.isArray(value)) {
      out.push([key, new Set(value.map((v) => convert(v as string, kind, key))) as Set<string>]);
    } else {
      out.push([key, convert(value as string, kind, key) as string]);
    }
  }
  return out;
}
