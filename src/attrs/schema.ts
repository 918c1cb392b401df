// The attribute schema of SPEC §4: declared fields validated with zod, extras kept, and errors
// turned into AttrsError messages that name the field, what was expected and what was given.
import { createRequire } from "node:module";
import type { z } from "zod";
import { AttrsError } from "../errors.ts";
import { DECLARED_ATTRS } from "../../storage/formats/types.ts";

/** The data categories DASCore knows. */
export const DATA_CATEGORIES = ["", "DAS", "DTS", "DSS"] as const;

/** Maximum lengths of text fields, as in DASCore's `max_lens`. */
export const MAX_LENGTHS = { network: 12, station: 12, tag: 100, instrument_id: 50, acquisition_id: 50 } as const;

type Zod = typeof import("zod");
type AttrsSchema = ReturnType<typeof buildAttrsSchema>;

function buildAttrsSchema(z: Zod) {
  const text = (max?: number) => (max === undefined ? z.string() : z.string().max(max)).default("");
  return z
    .object({
      data_type: text(),
      data_category: z.enum(DATA_CATEGORIES).default(""),
      data_units: z.string().nullable().default(""),
      instrument_id: text(MAX_LENGTHS.instrument_id),
      acquisition_id: text(MAX_LENGTHS.acquisition_id),
      tag: text(MAX_LENGTHS.tag),
      station: text(MAX_LENGTHS.station),
      network: text(MAX_LENGTHS.network),
      history: z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.string())).default([]),
      dims: z.preprocess((v) => (Array.isArray(v) ? v.join(",") : v), z.string()).default(""),
    })
    .loose();
}

let schema: AttrsSchema | null = null;

/**
 * The zod schema of the declared attributes; unknown keys pass through untouched. Built on
 * first use, with zod loaded then (by `require`, synchronously, so that `new Patch` stays
 * synchronous): zod is ~95 modules and ~90 ms to load, which a script that only queries a
 * directory index (`count`, `getContents`, the CLI's `query`) never needs to pay.
 *
 * @example
 * ```ts
 * attrsSchema().parse({ station: "A" }).network; // ""
 * ```
 */
export function attrsSchema(): AttrsSchema {
  schema ??= buildAttrsSchema(createRequire(import.meta.url)("zod") as Zod);
  return schema;
}

/** The declared attributes (SPEC §4) after validation. */
export interface DeclaredAttrs {
  readonly data_type: string;
  readonly data_category: (typeof DATA_CATEGORIES)[number];
  readonly data_units: string | null;
  readonly instrument_id: string;
  readonly acquisition_id: string;
  readonly tag: string;
  readonly station: string;
  readonly network: string;
  readonly history: readonly string[];
  /** Comma-joined dimension names, e.g. `"distance,time"`. */
  readonly dims: string;
}

/** A patch's attributes: the declared fields and extras (no coordinate summaries; those are
 * read from the coordinates). Frozen. */
export type PatchAttrs = DeclaredAttrs & { readonly [key: string]: unknown };

/** The declared field names, in display order. */
export const DECLARED_KEYS = [...DECLARED_ATTRS, "history", "dims"] as const;

function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  return `${v === null ? "null" : typeof v} ${String(v)}`;
}

function describeIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>): string {
  const field = String(issue.path[0] ?? "?");
  let got: unknown = input[field];
  for (const p of issue.path.slice(1)) got = (got as Record<PropertyKey, unknown> | undefined)?.[p as PropertyKey];
  let expected: string;
  switch (issue.code) {
    case "invalid_value":
      expected = `one of ${issue.values.map((v) => (v === "" ? '""' : String(v))).join(", ")}`;
      break;
    case "too_big":
      expected = `at most ${String(issue.maximum)} characters`;
      break;
    case "invalid_type":
      expected = issue.path.length > 1 ? `a list of ${issue.expected}s` : `a ${issue.expected}${field === "data_units" ? " or null" : ""}`;
      break;
    default:
      expected = issue.message;
  }
  const where = issue.path.length > 1 ? ` (item ${issue.path.slice(1).join(".")})` : "";
  return `invalid attribute '${field}'${where}: expected ${expected}, got ${show(got)}`;
}

const TEXT_FIELDS = ["data_type", "instrument_id", "acquisition_id", "tag", "station", "network"] as const;
const TEXT_LIMITS: Readonly<Record<string, number>> = MAX_LENGTHS;

/**
 * The zod schema's result for input that it accepts, computed without zod; null for anything
 * else (zod then decides, and words the error). Patches read from files and made by processing
 * always pass here, so a process that only reads and processes never loads zod (~90 ms, paid in
 * every worker thread too). Output key order is zod's: declared fields, then the extras.
 * test/src/attrs/fastValidation.test.ts holds the two paths to the same answers.
 */
function validAttrsFast(input: Record<string, unknown>): PatchAttrs | null {
  // zod's defaults replace undefined only: a null text field is an error (zod words it).
  const given = (key: string, dflt: unknown): unknown => (input[key] === undefined ? dflt : input[key]);
  const out: Record<string, unknown> = {};
  for (const key of TEXT_FIELDS) {
    const v = given(key, "");
    if (typeof v !== "string" || v.length > (TEXT_LIMITS[key] ?? Infinity)) return null;
    out[key] = v;
  }
  const category = given("data_category", "");
  if (!(DATA_CATEGORIES as readonly unknown[]).includes(category)) return null;
  const units = given("data_units", "");
  if (units !== null && typeof units !== "string") return null;
  const rawHistory = given("history", []);
  const history = typeof rawHistory === "string" ? [rawHistory] : rawHistory;
  if (!Array.isArray(history) || !history.every((h) => typeof h === "string")) return null;
  const rawDims = given("dims", "");
  const dims = Array.isArray(rawDims) ? rawDims.join(",") : rawDims;
  if (typeof dims !== "string") return null;
  const ordered: Record<string, unknown> = {
    data_type: out["data_type"],
    data_category: category,
    data_units: units,
    instrument_id: out["instrument_id"],
    acquisition_id: out["acquisition_id"],
    tag: out["tag"],
    station: out["station"],
    network: out["network"],
    history: [...history],
    dims,
  };
  for (const [k, v] of Object.entries(input)) if (!(k in ordered)) ordered[k] = v;
  return ordered as PatchAttrs;
}

/**
 * Validate attributes against the declared schema, filling defaults and keeping extra keys.
 * Does not freeze or add coordinate summaries (the Patch does that).
 *
 * @throws AttrsError naming the first invalid field, e.g.
 *   `invalid attribute 'data_category': expected one of "", DAS, DTS, DSS, got "foo"`.
 * @example
 * ```ts
 * validateAttrs({ tag: "random", category: "DAS" }).data_category; // ""
 * ```
 */
export function validateAttrs(input: Record<string, unknown>): PatchAttrs {
  const fast = validAttrsFast(input);
  if (fast) return fast;
  const result = attrsSchema().safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new AttrsError(describeIssue(issue, input), { cause: result.error });
  }
  return result.data as PatchAttrs;
}

/**
 * The attributes that differ from their defaults, in display order: declared fields first
 * (skipping `dims` and empty history), then extras. Used by `Patch.toString()`.
 *
 * @example
 * ```ts
 * nonDefaultAttrs(validateAttrs({ tag: "x" })); // { tag: "x" }
 * ```
 */
export function nonDefaultAttrs(attrs: Record<string, unknown>, skip: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of DECLARED_KEYS) {
    const v = attrs[key];
    if (key === "dims" || skip.has(key)) continue;
    if (key === "history" ? Array.isArray(v) && v.length > 0 : v !== "" && v !== undefined && v !== null) out[key] = v;
  }
  for (const [k, v] of Object.entries(attrs)) {
    if ((DECLARED_KEYS as readonly string[]).includes(k) || skip.has(k) || k.startsWith("_")) continue;
    out[k] = v;
  }
  return out;
}
