// Fuzz child process: reads jobs (one JSON line each) on stdin, runs getFormat / read /
// spool().getContents() / get(0) on the variant twice, compares with the clean file, and writes
// one JSON result line per job on stdout. The parent owns time and memory limits.
import { createInterface } from "node:readline";
import { DaspoolError, getFormat, read, spool, type Patch } from "../../src/index.ts";
import { compare, hashPatch, hashSnapshot, snapPatch, type Difference, type Snapshot } from "./compare.ts";

/** A job sent by the parent. */
export interface Job {
  id: number;
  path: string;
  original: string;
  damagedBytes: number;
  shortened: boolean;
}

/** How one run of the operations ended. */
export type RunOutcome =
  | { kind: "error"; name: string; message: string; typed: boolean; named: boolean; wrapped: boolean }
  | { kind: "data"; hash: string; snapshot: Snapshot };

/** A run's outcome without the returned data. */
export type OutcomeSummary = Extract<RunOutcome, { kind: "error" }> | { kind: "data"; hash: string };

/** What the child reports for a job. */
export interface ProbeResult {
  id: number;
  first: OutcomeSummary;
  deterministic: boolean;
  /** After an error: does the clean original still read as it did at start? (state leaks) */
  cleanStillSame: boolean;
  difference?: Difference;
  warnings: string[];
  ms: number;
}

const warnings: string[] = [];
process.on("warning", (w) => warnings.push(`${w.name}: ${w.message}`));

async function run(path: string): Promise<RunOutcome> {
  try {
    const format = await getFormat(path);
    const patches = await read(path);
    const sp = spool(path);
    const contents = await sp.getContents();
    const first = (await sp.get(0)) as Patch;
    const snapshot: Snapshot = { format: JSON.stringify(format), patches: patches.map(snapPatch), contentsRows: contents.numRows, first: hashPatch(snapPatch(first)) };
    return { kind: "data", hash: hashSnapshot(snapshot), snapshot };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    // "wrapped": typed only by the registry's last-resort net (namedError), not by a check of its own.
    const wrapped = e instanceof DaspoolError && e.cause !== undefined && !(e.cause instanceof DaspoolError) && /: unexpected \w+ while reading/.test(err.message);
    return { kind: "error", name: err.name, message: err.message.slice(0, 400), typed: e instanceof DaspoolError, named: err.message.includes(path), wrapped };
  }
}

const key = (o: RunOutcome): string => (o.kind === "data" ? o.hash : `${o.name}: ${o.message}`);

/** A cheaper fingerprint for the state-leak check: the clean file's patches from `read` alone. */
async function readHash(path: string): Promise<string> {
  try {
    return (await read(path)).map((p) => hashPatch(snapPatch(p))).join(",");
  } catch (e) {
    return `error ${String(e)}`;
  }
}
const cleanRead = new Map<string, string>();

const clean = new Map<string, RunOutcome>();
/** Warnings the clean file itself gives (DASCore's TDMS sample is a cut copy): not the variant's doing. */
const cleanWarnings = new Map<string, Set<string>>();
async function cleanOf(original: string): Promise<RunOutcome> {
  let c = clean.get(original);
  if (!c) {
    const before = warnings.length;
    c = await run(original);
    await new Promise((r) => setImmediate(r)); // process warnings are emitted on the next tick
    clean.set(original, c);
    cleanWarnings.set(original, new Set(warnings.splice(before).map((w) => w.replaceAll(original, "<file>"))));
  }
  return c;
}

// Clean reads first, before any variant can disturb shared state.
for (const original of process.argv.slice(2)) {
  await cleanOf(original);
  cleanRead.set(original, await readHash(original));
}
process.stdout.write(JSON.stringify({ ready: true }) + "\n");

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const job = JSON.parse(line) as Job;
  warnings.length = 0;
  const t0 = performance.now();
  const a = await run(job.path);
  const b = await run(job.path);
  const c = await cleanOf(job.original);
  await new Promise((r) => setImmediate(r));
  let cleanStillSame = true;
  if (a.kind === "error") cleanStillSame = (await readHash(job.original)) === cleanRead.get(job.original);
  const result: ProbeResult = {
    id: job.id,
    first: a.kind === "data" ? { kind: "data", hash: a.hash } : a,
    deterministic: key(a) === key(b),
    cleanStillSame,
    warnings: warnings.filter((w) => !cleanWarnings.get(job.original)?.has(w.replaceAll(job.path, "<file>"))),
    ms: Math.round(performance.now() - t0),
  };
  if (a.kind === "data" && c.kind === "data") result.difference = compare(c.snapshot, a.snapshot, job.damagedBytes, job.shortened);
  process.stdout.write(JSON.stringify(result) + "\n");
}
