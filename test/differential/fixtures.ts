// The differential fixtures (DASCore's answers, written by gen/generate.py): their JSON shapes,
// the loader, and the value codec shared with the generator ({"t": ns}, {"td": ns}, {"set": []}).

import { readdirSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const FIXTURE_DIR = fileURLToPath(new URL("./fixtures/", import.meta.url));

export type Encoded = null | boolean | number | string | { t: string } | { td: string } | { set: Encoded[] } | Encoded[];

export interface CoordSummary {
  len: number;
  min: string | number | null;
  max: string | number | null;
  step: string | number | null;
  values?: (string | number | null)[];
}

export interface PatchSummary {
  dims: string[];
  shape: number[];
  coords: Record<string, CoordSummary>;
  attrs: Record<string, string>;
  check: Record<string, number>;
}

export type ContentsRow = Record<string, string | number | null>;

export interface ErrorSummary {
  class: string;
  message: string;
  stage: "build" | "count" | "contents" | "iter";
  /** DASCore raised something that is not one of its errors (no oracle; see README). */
  crash?: boolean;
}

/** One library's answer to a case; `error` may follow partial results (stage says where). */
export interface Answer {
  count?: number;
  contents?: ContentsRow[];
  patches?: PatchSummary[];
  error?: ErrorSummary;
  warnings?: string[];
  /** DASCore contradicted itself (set aside by the generator, see README). */
  inconsistent?: string;
}

export type Op =
  | ["select", Record<string, Encoded>]
  | ["slice", [number | null, number | null, number | null]]
  | ["sort", string]
  | ["chunk", { dim: string; length: Encoded } & Record<string, Encoded>]
  | ["concatenate", { dim: string; n: number | null }];

export interface Part {
  [key: string]: Encoded;
}

export type Recipe =
  | { kind: "random"; parts: Part[]; distinct?: boolean; order?: number[] }
  | { kind: "diverse"; station: string; distance?: [number, number] }
  | { kind: "dasdae"; dir: string; from: Recipe };

export interface Case {
  id: string;
  cat: string;
  defect?: number;
  source: Recipe;
  ops: Op[];
  dascore: Answer;
  notes?: string[];
  alts?: Record<string, Answer>;
}

export interface FixtureSet {
  set: string;
  made_with: string;
  cases: Case[];
  /** Cases DASCore crashed on, kept out of the test and listed in REPORT.md. */
  dascore_crashes?: Case[];
}

/** Decodes a fixture value: times to bigint ns, sets to Set, lists element-wise. */
export function decode(v: Encoded): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === "object") {
    if ("t" in v) return BigInt(v.t);
    if ("td" in v) return BigInt(v.td);
    if ("set" in v) return new Set(v.set.map(decode));
  }
  return v;
}

export function loadSet(path: string): FixtureSet {
  return JSON.parse(gunzipSync(readFileSync(path)).toString("utf8")) as FixtureSet;
}

/**
 * The fixture sets to run: `DIFF_FIXTURES` (comma-separated paths), or `DIFF_SEED` (the set
 * fixtures/fresh/seed-<n>.json.gz made by `npm run diff:fresh`), or every committed set.
 */
export function fixturePaths(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env["DIFF_FIXTURES"]) return env["DIFF_FIXTURES"].split(",").filter(Boolean);
  if (env["DIFF_SEED"]) return [join(FIXTURE_DIR, "fresh", `seed-${env["DIFF_SEED"]}.json.gz`)];
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith(".json.gz"))
    .sort()
    .map((f) => join(FIXTURE_DIR, f));
}
