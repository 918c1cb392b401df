// Fuzz parent: writes each corrupted variant to a temp folder (never into ../shared), hands it to
// a child process (test/fuzz/probe.ts) under a time and memory limit, and classifies the outcome.
// A child that crashes, hangs or outgrows its memory is killed and replaced; its job is classified.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { hotspots, mutate } from "./mutations.ts";
import type { Job, ProbeResult } from "./probe.ts";

/** Real files, read-only. */
export const REAL = resolve(import.meta.dirname, "../../../shared/data/real");
const PROBE = resolve(import.meta.dirname, "probe.ts");
const ROOT = resolve(import.meta.dirname, "../..");

/** The outcome classes of issue 18. The first six must be zero. */
export const CLASSES = [
  "untyped",
  "unnamed",
  "nondeterministic",
  "crash",
  "hang",
  "oom",
  "silently-different",
  "wrapped",
  "typed-named",
  "identical",
  "damaged-only",
  "warning",
] as const;
export type OutcomeClass = (typeof CLASSES)[number];

/** One classified variant. */
export interface Finding {
  id: number;
  file: string;
  label: string;
  cls: OutcomeClass;
  detail: string;
}

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  variants: number;
  seed: number;
  /** Child processes run in parallel (default 2). */
  children?: number;
  /** Per-variant time limit, ms (default 120 s: two reads of four operations, each of which may
   * run into the HDF5 guard (5 s + size at 20 MB/s, storage/h5/guard.ts), on a loaded machine). */
  timeoutMs?: number;
  /** Resident memory limit per child, MiB (default 3072). */
  memoryMb?: number;
  /** Only files whose name contains one of these. */
  only?: string[];
  /** The folder of files to corrupt (default: the real files, {@link REAL}); e.g. DASCore's own DASDAE fixtures. */
  dir?: string;
  onFinding?: (f: Finding, done: number) => void;
}

/** Counts per class plus every finding that is not fine. */
export interface FuzzReport {
  counts: Record<OutcomeClass, number>;
  findings: Finding[];
  ms: number;
}

function classify(r: ProbeResult): { cls: OutcomeClass; detail: string } {
  if (!r.deterministic) return { cls: "nondeterministic", detail: "two reads in one process differ" };
  if (!r.cleanStillSame) return { cls: "nondeterministic", detail: `state leak: the clean file reads differently after ${r.first.kind === "error" ? r.first.message : "this variant"}` };
  if (r.first.kind === "error") {
    const e = r.first;
    if (!e.typed) return { cls: "untyped", detail: `${e.name}: ${e.message}` };
    if (!e.named) return { cls: "unnamed", detail: `${e.name}: ${e.message}` };
    if (e.wrapped) return { cls: "wrapped", detail: `${e.name}: ${e.message.slice(0, 200)}` };
    return { cls: "typed-named", detail: `${e.name}: ${e.message.slice(0, 160)}` };
  }
  const d = r.difference;
  if (!d) return { cls: "silently-different", detail: "the clean file did not read" };
  if (d.kind === "identical") return { cls: "identical", detail: "" };
  if (r.warnings.length) return { cls: "warning", detail: r.warnings.join("; ") };
  if (d.kind === "damaged-only") return { cls: "damaged-only", detail: d.detail };
  return { cls: "silently-different", detail: d.detail };
}

interface Slot {
  child: ChildProcess;
  pending: Map<number, (r: ProbeResult | null) => void>;
  stderr: string;
}

function startChild(originals: string[], memoryMb: number, cacheDir: string): Promise<Slot> {
  const child = spawn(process.execPath, [`--max-old-space-size=${Math.min(2048, memoryMb)}`, "--import", "tsx", PROBE, ...originals], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, XDG_CACHE_HOME: cacheDir },
  });
  const slot: Slot = { child, pending: new Map(), stderr: "" };
  child.stderr!.on("data", (b: Buffer) => (slot.stderr = (slot.stderr + b.toString()).slice(-4000)));
  return new Promise((ready, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const msg = JSON.parse(line) as ProbeResult | { ready: true };
      if ("ready" in msg) return ready(slot);
      const done = slot.pending.get(msg.id);
      slot.pending.delete(msg.id);
      done?.(msg);
    });
    child.on("exit", (code, signal) => {
      for (const done of slot.pending.values()) done(null);
      slot.pending.clear();
      fail(new Error(`fuzz child exited before ready (${code ?? signal}): ${slot.stderr}`));
    });
  });
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The real files the fuzz corrupts (every file in ../shared/data/real except the docs). */
export function realFiles(only?: string[], dir = REAL): string[] {
  return readdirSync(dir)
    .filter((f) => !f.endsWith(".md") && !f.endsWith(".json") && statSync(join(dir, f)).isFile())
    .filter((f) => !only?.length || only.some((o) => f.includes(o)))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Runs `variants` corrupted variants (round-robin over the real files) and classifies each.
 * @example
 * ```ts
 * const report = await runFuzz({ variants: 500, seed: 18 });
 * report.counts.untyped; // 0 when every failure is typed
 * ```
 */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const t0 = performance.now();
  const files = realFiles(opts.only, opts.dir);
  const originals = files.map((f) => {
    const bytes = new Uint8Array(readFileSync(f));
    return { path: f, bytes, spots: hotspots(bytes) };
  });
  const work = mkdtempSync(join(tmpdir(), "daspool-fuzz-"));
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const memoryMb = opts.memoryMb ?? 3072;
  const counts = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<OutcomeClass, number>;
  const findings: Finding[] = [];
  let next = 0;
  let done = 0;

  const record = (f: Finding) => {
    counts[f.cls]++;
    if (!["identical", "typed-named", "damaged-only"].includes(f.cls)) findings.push(f);
    opts.onFinding?.(f, ++done);
  };

  async function lane(): Promise<void> {
    let slot: Slot | null = null;
    try {
      while (next < opts.variants) {
        const id = next++;
        const o = originals[id % originals.length]!;
        const v = mutate(o.bytes, o.spots, opts.seed, id);
        const dir = join(work, `v${id}`);
        mkdirSync(dir);
        // The other real files beside it (links): a virtual dataset (v5_compatible.h5) finds its
        // sources next to itself, as it does in ../shared/data/real.
        for (const other of files) if (other !== o.path) symlinkSync(other, join(dir, basename(other)));
        const path = join(dir, basename(o.path));
        writeFileSync(path, v.bytes);
        const damagedBytes = v.damage.reduce((n, [a, b]) => n + (b - a), 0);
        const job: Job = { id, path, original: o.path, damagedBytes, shortened: v.shortened };
        slot ??= await startChild(files, memoryMb, join(work, "cache"));
        const s: Slot = slot;
        s.stderr = "";
        const verdict = await new Promise<{ r: ProbeResult | null; why: "crash" | "hang" | "oom" | null }>((resolveJob) => {
          let why: "hang" | "oom" | null = null;
          const kill = (w: "hang" | "oom") => {
            why = w;
            s.child.kill("SIGKILL");
          };
          const timer = setTimeout(() => kill("hang"), timeoutMs);
          const watch = setInterval(() => rssMb(s.child.pid!) > memoryMb && kill("oom"), 100);
          s.pending.set(id, (r) => {
            clearTimeout(timer);
            clearInterval(watch);
            resolveJob({ r, why: r ? null : (why ?? (/heap out of memory|Cannot enlarge memory|OOM/i.test(s.stderr) ? "oom" : "crash")) });
          });
          s.child.stdin!.write(JSON.stringify(job) + "\n");
        });
        rmSync(dir, { recursive: true, force: true });
        const base = { id, file: basename(o.path), label: v.label };
        if (!verdict.r) {
          record({ ...base, cls: verdict.why ?? "crash", detail: s.stderr.slice(-300) });
          slot = null; // its process is gone: the next job starts a new one
          continue;
        }
        const { cls, detail } = classify(verdict.r);
        record({ ...base, cls, detail });
      }
    } finally {
      slot?.child.stdin!.end();
      slot?.child.kill();
    }
  }
  try {
    await Promise.all(Array.from({ length: opts.children ?? 2 }, lane));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  findings.sort((a, b) => a.id - b.id);
  return { counts, findings, ms: Math.round(performance.now() - t0) };
}
