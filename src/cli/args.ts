// Command-line argument parsing for the daspool CLI: node:util parseArgs with one-line usage
// errors, and the mini-languages of `--select key=value` and `--chunk time=30,overlap=5`.

import { parseArgs, type ParseArgsConfig } from "node:util";
import type * as dc from "../index.ts";

/** A mistake in the command line: reported as one line on stderr, exit code 1. */
export class UsageError extends Error {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parsed flags and positionals of one command. */
export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * Parses `argv` against `options` (every command also gets `--help`/`-h`), turning parseArgs'
 * errors into {@link UsageError}s that name the command.
 *
 * @example
 * ```ts
 * parseCommand("plot", ["a.h5", "--out", "a.png"], { out: { type: "string" } });
 * ```
 */
export function parseCommand(command: string, argv: readonly string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(argv, options),
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed["values"], positionals };
  } catch (e) {
    const message = (e as Error).message.split("\n")[0]!.replace(/\. To specify a positional.*$/, "");
    throw new UsageError(`${command}: ${message}`);
  }
}

/**
 * `--width -5` as `--width=-5`: parseArgs takes a value that starts with "-" for an option and
 * answers "ambiguous"; a negative number after a string option is that option's value, which
 * the option's own check then judges.
 */
function joinNegativeValues(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    const name = a.startsWith("--") ? a.slice(2) : Object.entries(options).find(([, o]) => a === `-${o.short}`)?.[0];
    if (name && options[name]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** The single positional PATH argument of a command, or a UsageError. */
export function onePath(command: string, positionals: readonly string[], what = "PATH"): string {
  if (positionals.length === 0) throw new UsageError(`${command}: missing ${what} (see daspool ${command} --help)`);
  if (positionals.length > 1) throw new UsageError(`${command}: expected one ${what}, got ${positionals.length}: ${positionals.join(" ")}`);
  return positionals[0]!;
}

/** A positive integer flag value, or a UsageError naming the flag. */
export function intFlag(name: string, value: unknown, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${String(value)}"`);
  return n;
}

/** One term of a selection: a key and the value passed to `Spool.select`. */
export type SelectTerm = [key: string, value: Parameters<dc.Spool["select"]>[0][string]];

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function scalar(text: string): string | number {
  return NUMBER.test(text) ? Number(text) : text;
}

/**
 * Parses `--select` terms. `key=lo..hi` is a range (either end may be empty for an open end;
 * numeric ends become numbers, others stay strings such as ISO times); `key=a,b,c` is a set;
 * anything else is a string, matched as a unix glob (`*`, `?`, `[abc]`) or exactly.
 *
 * @example
 * ```ts
 * parseSelect(["time=2020-01-03T00:00:09..", "station=S*", "network=n1,n2"]);
 * // [["time", ["2020-01-03T00:00:09", null]], ["station", "S*"], ["network", ["n1", "n2"]]]
 * ```
 */
export function parseSelect(terms: readonly string[]): SelectTerm[] {
  return terms.map((term) => {
    const eq = term.indexOf("=");
    if (eq <= 0) throw new UsageError(`--select expects key=value (e.g. time=2020-01-03T00:00:09..), got "${term}"`);
    const key = term.slice(0, eq).trim();
    const value = term.slice(eq + 1).trim();
    const dots = value.indexOf("..");
    if (dots >= 0) {
      const lo = value.slice(0, dots).trim();
      const hi = value.slice(dots + 2).trim();
      if (hi.includes("..")) throw new UsageError(`--select ${key}: a range has one "..", got "${value}"`);
      return [key, [lo === "" ? null : scalar(lo), hi === "" ? null : scalar(hi)]];
    }
    if (value.includes(",")) return [key, value.split(",").map((s) => s.trim())];
    return [key, value];
  });
}

const CHUNK_OPTION_ALIASES: Record<string, string> = {
  overlap: "overlap",
  keep_partial: "keepPartial",
  keeppartial: "keepPartial",
  snap_coords: "snapCoords",
  snapcoords: "snapCoords",
  tolerance: "tolerance",
  conflict: "conflict",
};

function chunkValue(text: string): string | number | boolean | null {
  const lower = text.toLowerCase();
  if (lower === "null" || lower === "none") return null;
  if (lower === "true" || lower === "false") return lower === "true";
  return scalar(text);
}

/**
 * Parses a `--chunk` spec: comma-separated `key=value` pairs, one naming the dimension and its
 * length (seconds for time, or a duration like `250ms`; `null` merges contiguous patches), the
 * others chunk options (`overlap`, `keep_partial`, `snap_coords`, `tolerance`, `conflict`). A bare
 * `keep_partial` means `keep_partial=true`.
 *
 * @example
 * ```ts
 * parseChunk("time=30,overlap=5"); // { time: 30, overlap: 5 }
 * ```
 */
export function parseChunk(spec: string): dc.ChunkArgs {
  const args: dc.ChunkArgs = {};
  for (const part of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf("=");
    const rawKey = (eq < 0 ? part : part.slice(0, eq)).trim();
    const lower = rawKey.toLowerCase();
    const option = Object.hasOwn(CHUNK_OPTION_ALIASES, lower) ? CHUNK_OPTION_ALIASES[lower] : undefined;
    if (eq < 0) {
      if (option !== "keepPartial" && option !== "snapCoords") {
        throw new UsageError(`--chunk expects key=value pairs such as time=30,overlap=5, got "${part}"`);
      }
      args[option] = true;
      continue;
    }
    args[option ?? rawKey] = chunkValue(part.slice(eq + 1).trim());
  }
  if (Object.keys(args).length === 0) throw new UsageError(`--chunk expects e.g. time=30,overlap=5, got "${spec}"`);
  return args;
}

/** Applies select terms one after another (chained selects are ANDed). */
export function applySelect(sp: dc.Spool, terms: readonly SelectTerm[]): dc.Spool {
  return terms.reduce((s, [key, value]) => s.select({ [key]: value }), sp);
}
