// Read benchmark (issue 4): a seeded 1 GiB DASDAE file read in full, as a 10 % time slice and as a
// 10 % distance slice — through dc.read / dc.spool and through storage/h5's readSlab — next to a
// raw fs.readSync of the same bytes into a reused buffer, in the same run. The file is read as
// dc.write lays it out and as DASCore does (a contiguous twin with the same samples).
// Every case runs in its own plain-node process (this file bundled by esbuild: under tsx each
// process would first spend ~30 s and ~700 MB transforming h5wasm), so timings and peak RSS are
// independent. Run: npx tsx benchmarks/read.bench.ts [--only dcReadInto,thp] [--profile <layout>:<path>:<slice>[:<tunables>]]
import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, readSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  DEFAULT_CONTIGUOUS_FILE,
  DEFAULT_READ_FILE,
  READ_FILE,
  generateContiguousTwin,
  generateDasdaeFile,
  isGenerated,
  rowLayout,
} from "./gen/dasdaeFile.ts";
import { benchRow, mainIfEntry, type BenchRow } from "./lib.ts";
import { nonHdf5Rows } from "./nonHdf5Reads.ts";

/** How a case reads: raw bytes, the storage adapter (reused or fresh target), or the public API. */
type ReadPath = "raw" | "rawFresh" | "storage" | "storageFresh" | "dcRead" | "dcReadInto" | "spool";
type SliceName = "full" | "time10" | "distance10";
/** The file as dc.write lays it out (row chunks), or its contiguous twin (as DASCore writes). */
type Layout = "daspool" | "dascore";

/**
 * glibc malloc settings a case's process may start with (GLIBC_TUNABLES is read at process start):
 * "thp" asks for transparent huge pages on malloc's mmap'd blocks (one fault per 2 MiB instead of
 * per 4 KiB); "keep" never mmaps and never trims, so a freed 107 MB block is reused, not returned
 * to the OS and faulted in again. Fresh memory is what bounds the default read path here.
 */
const TUNABLES = {
  thp: "glibc.malloc.hugetlb=1",
  keep: "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=18446744073709551615",
} as const;
type Tunables = keyof typeof TUNABLES;

/** Half-open sample ranges [distance, time] of a slice. */
type Ranges = [[number, number], [number, number]];

const CASE_ENV = "DASPOOL_READ_BENCH_CASE";
const OUT_DIR = fileURLToPath(new URL("./data/read-bench/", import.meta.url));
/** Samples between checksum terms (prime, so rows and columns both vary). */
const CHECK_STRIDE = 4099;

function sliceRanges(slice: SliceName): Ranges {
  const { channels: nd, samples: nt } = READ_FILE;
  if (slice === "full") return [[0, nd], [0, nt]];
  if (slice === "time10") {
    const i0 = Math.floor(nt * 0.45);
    return [[0, nd], [i0, i0 + Math.floor(nt / 10)]];
  }
  const d0 = Math.floor(nd * 0.45);
  return [[d0, d0 + Math.floor(nd / 10)], [0, nt]];
}

const sliceBytes = (r: Ranges): number => (r[0][1] - r[0][0]) * (r[1][1] - r[1][0]) * 4;

/** What a child process measured for one case. */
interface CaseFigures {
  bytes: number;
  /** The first read in a fresh process (heap growth, file open, scan, …). */
  firstMs: number;
  /** Median of the following reads. */
  medianMs: number;
  /** Peak RSS of the process right after its first read, and after every read. */
  peakRssFirstMb: number;
  peakRssMb: number;
  /** RSS once set up, before the first read. */
  rssBeforeMb: number;
  checksum: number;
  /**
   * Median of a raw read of the same bytes into a reused buffer, interleaved with this case's
   * reads in the same process (set up after the first read, so it is not in `peakRssFirstMb`).
   * Other jobs share the 2 cores: a baseline measured minutes earlier in another process can be
   * 3× off; interleaved, both sides see the same load.
   */
  pairedRawMs?: number;
}

interface CaseSpec {
  path: ReadPath;
  slice: SliceName;
  file: string;
  iterations: number;
  tunables?: Tunables;
}

// ---------------------------------------------------------------- child side: one case per process

function checksum(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i += CHECK_STRIDE) s += data[i]!;
  return s;
}

/** Contiguous byte runs [fileOffset, length] of a slice, adjacent rows coalesced. */
function byteRuns(file: string, r: Ranges): Array<[number, number]> {
  const { offsets } = rowLayout(file);
  const runs: Array<[number, number]> = [];
  const len = (r[1][1] - r[1][0]) * 4;
  for (let d = r[0][0]; d < r[0][1]; d++) {
    const off = offsets[d]! + r[1][0] * 4;
    const last = runs.at(-1);
    if (last && last[0] + last[1] === off) last[1] += len;
    else runs.push([off, len]);
  }
  return runs;
}

/** The read a case repeats, after its setup; returns the samples read. */
async function setupCase(spec: CaseSpec): Promise<() => Promise<ArrayLike<number>>> {
  const r = sliceRanges(spec.slice);
  const n = sliceBytes(r) / 4;
  if (spec.path === "raw" || spec.path === "rawFresh") {
    const runs = byteRuns(spec.file, r);
    const reused = new Uint8Array(spec.path === "raw" ? n * 4 : 0);
    const fd = openSync(spec.file, "r");
    process.once("exit", () => closeSync(fd));
    return async () => {
      const buf = spec.path === "raw" ? reused : new Uint8Array(n * 4);
      let at = 0;
      for (const [off, len] of runs) {
        for (let done = 0; done < len; ) done += readSync(fd, buf, at + done, len - done, off + done);
        at += len;
      }
      return new Float32Array(buf.buffer, 0, n);
    };
  }
  if (spec.path === "storage" || spec.path === "storageFresh") {
    const h5 = await import("../storage/h5/index.ts");
    const file = await h5.openH5File(spec.file);
    process.once("exit", () => h5.closeH5File(file));
    const [group] = h5.childNames(h5.getGroup(file, "/waveforms"));
    const ds = h5.getDataset(file, `/waveforms/${group}/data`);
    const into = spec.path === "storage" ? new Float32Array(n) : undefined;
    return async () => h5.readSlab(file, ds, r, into ? { into } : {}).data as Float32Array;
  }
  const dc = await import("../src/index.ts");
  const { startNs, stepNs } = READ_FILE;
  const select: Record<string, [bigint, bigint] | [number, number]> | undefined =
    spec.slice === "time10"
      ? { time: [startNs + BigInt(r[1][0]) * stepNs, startNs + BigInt(r[1][1] - 1) * stepNs] }
      : spec.slice === "distance10"
        ? { distance: [r[0][0], r[0][1] - 1] }
        : undefined;
  const one = (patches: unknown[]): ArrayLike<number> => {
    if (patches.length !== 1) throw new Error(`expected one patch, got ${patches.length}`);
    return (patches[0] as InstanceType<typeof dc.Patch>).data as Float32Array;
  };
  if (spec.path === "dcRead") return async () => one(await dc.read(spec.file, select ? { select } : {}));
  if (spec.path === "dcReadInto") {
    const into = new Float32Array(n); // the user's buffer, reused by every read (a loop over windows)
    return async () => one(await dc.read(spec.file, select ? { select, into } : { into }));
  }
  const sp = dc.spool(spec.file);
  await sp.count(); // scan once: the spool is reused, so reads pay only planning and the slab
  return async () => one(await (select ? sp.select(select) : sp).collect());
}

async function childMain(spec: CaseSpec): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const mb = (kb: number) => kb / 1024;
  const read = await setupCase(spec);
  gc();
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  let t0 = performance.now();
  let first: ArrayLike<number> | null = await read();
  const firstMs = performance.now() - t0;
  const peakRssFirstMb = mb(process.resourceUsage().maxRSS);
  const sum = checksum(first);
  const bytes = first.length * 4;
  first = null; // let it be collected: later reads must not find two results alive
  const raw = spec.path === "raw" ? null : await setupCase({ ...spec, path: "raw" });
  if (raw) await raw(); // its buffer's pages touched once, as the raw case's first read does
  const samples: number[] = [];
  const rawSamples: number[] = [];
  for (let i = 0; i < spec.iterations; i++) {
    gc(); // each read starts from a collected heap: the previous result is garbage now
    t0 = performance.now();
    const data = await read();
    samples.push(performance.now() - t0);
    if (checksum(data) !== sum) throw new Error(`${spec.path}:${spec.slice}: reads disagree`);
    if (raw) {
      gc(); // same footing as the case's read (a collection's background work is not in either)
      t0 = performance.now();
      await raw();
      rawSamples.push(performance.now() - t0);
    }
  }
  samples.sort((a, b) => a - b);
  rawSamples.sort((a, b) => a - b);
  const figures: CaseFigures = {
    bytes,
    firstMs,
    medianMs: samples[samples.length >> 1] ?? firstMs,
    peakRssFirstMb,
    peakRssMb: mb(process.resourceUsage().maxRSS),
    rssBeforeMb,
    checksum: sum,
    ...(rawSamples.length ? { pairedRawMs: rawSamples[rawSamples.length >> 1]! } : {}),
  };
  process.stdout.write(JSON.stringify(figures) + "\n");
}

// ---------------------------------------------------------------- parent side: orchestration

/** Bundles this file (and what it imports from src/, planner/, storage/) into plain ESM for node. */
async function bundle(): Promise<string> {
  const { build } = await import("esbuild");
  mkdirSync(OUT_DIR, { recursive: true });
  const outfile = join(OUT_DIR, "read.bench.mjs");
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external", // h5wasm, duckdb, … load from node_modules as they are
    sourcemap: "linked",
    logLevel: "silent",
  });
  return outfile;
}

function runChild(script: string, spec: CaseSpec, nodeArgs: string[] = []): CaseFigures {
  const tunables = spec.tunables ? { GLIBC_TUNABLES: TUNABLES[spec.tunables] } : {};
  const out = execFileSync(process.execPath, ["--expose-gc", ...nodeArgs, script], {
    env: { ...process.env, ...tunables, [CASE_ENV]: JSON.stringify(spec) },
    encoding: "utf8",
    maxBuffer: 1 << 20,
    timeout: 10 * 60_000,
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as CaseFigures;
}

const PATH_LABEL: Record<ReadPath, string> = {
  raw: "raw fs.readSync into a reused buffer",
  rawFresh: "raw fs.readSync into a new buffer",
  storage: "storage readSlab into a reused array",
  storageFresh: "storage readSlab into a new array",
  dcRead: "dc.read(path, {select})",
  dcReadInto: "dc.read(path, {select, into}), into reused",
  spool: "spool(path).select().collect(), spool reused",
};
const SLICE_LABEL: Record<SliceName, string> = {
  full: "full read",
  time10: "10 % time slice",
  distance10: "10 % distance slice",
};

/** One case: file layout, read path, slice, and the malloc settings of its process (if any). */
type Case = [Layout, ReadPath, SliceName, Tunables?];

/** Cases in run order; the raw read of the full file first warms the page cache for all. */
const CASES: Case[] = [
  ["daspool", "raw", "full"],
  ["daspool", "raw", "time10"],
  ["daspool", "raw", "distance10"],
  ["daspool", "rawFresh", "time10"],
  ["daspool", "storage", "full"],
  ["daspool", "storage", "time10"],
  ["daspool", "storage", "distance10"],
  ["daspool", "storageFresh", "time10"],
  ["daspool", "storageFresh", "distance10"],
  ["daspool", "dcRead", "full"],
  ["daspool", "dcRead", "time10"],
  ["daspool", "dcRead", "distance10"],
  ["daspool", "dcReadInto", "time10"],
  ["daspool", "dcReadInto", "distance10"],
  ["daspool", "spool", "time10"],
  ["daspool", "spool", "distance10"],
  // The default path (new arrays) in processes whose malloc keeps or huge-pages large blocks.
  ["daspool", "rawFresh", "time10", "thp"],
  ["daspool", "dcRead", "time10", "thp"],
  ["daspool", "rawFresh", "time10", "keep"],
  ["daspool", "dcRead", "time10", "keep"],
  ["daspool", "dcRead", "distance10", "keep"],
  ["dascore", "raw", "full"], // warms the twin's pages
  ["dascore", "raw", "time10"],
  ["dascore", "rawFresh", "time10"],
  ["dascore", "storage", "time10"],
  ["dascore", "storageFresh", "time10"],
  ["dascore", "dcRead", "time10"],
  ["dascore", "dcReadInto", "time10"],
];

const caseKey = ([layout, path, slice, tunables]: Case): string => `${layout}:${path}:${slice}:${tunables ?? ""}`;
const parseKey = (key: string): Case => {
  const [layout, path, slice, tunables] = key.split(":") as [Layout, ReadPath, SliceName, string];
  return [layout, path, slice, (tunables || undefined) as Tunables | undefined];
};

/**
 * Runs the read benchmark: generates the file on first use (about a minute), then each case in
 * its own process. Returns throughput rows (warm medians, MB = 1e6 B) with the raw read of the
 * same bytes as baseline, and peak-RSS rows for the 10 % slices. `only` runs the cases whose key
 * (`layout:path:slice:tunables`) contains one of its strings, plus the raw baselines they need.
 *
 * @example
 * ```ts
 * const rows = await run(); // [{ name: "10 % time slice: dc.read(path, {select})", unit: "MB/s", ratio: 0.4, … }, …]
 * ```
 */
export async function run(options: { file?: string; twin?: string; iterations?: number; only?: string[] } = {}): Promise<BenchRow[]> {
  const files: Record<Layout, string> = { daspool: options.file ?? DEFAULT_READ_FILE, dascore: options.twin ?? DEFAULT_CONTIGUOUS_FILE };
  const script = await bundle();
  if (!isGenerated(files.daspool) || !isGenerated(files.dascore)) {
    const env = { ...process.env, [CASE_ENV]: JSON.stringify({ generate: files.daspool, twin: files.dascore }) };
    execFileSync(process.execPath, [script], { env, stdio: ["ignore", "ignore", "inherit"], timeout: 10 * 60_000 });
  }
  const wanted = (c: Case) => !options.only || c[1] === "raw" || options.only.some((o) => caseKey(c).includes(o));
  const figures = new Map<string, CaseFigures>();
  for (const c of CASES.filter(wanted)) {
    const [layout, path, slice, tunables] = c;
    // Reads into new memory cost seconds per GB here (DEPENDENCIES.md): fewer repeats for those.
    const fresh = path !== "raw" && path !== "storage" && path !== "dcReadInto" && !tunables;
    const iterations = options.iterations ?? (slice === "full" ? 1 : fresh ? 5 : 9);
    figures.set(caseKey(c), runChild(script, { path, slice, file: files[layout], iterations, ...(tunables ? { tunables } : {}) }));
  }
  return [...rowsFrom(figures), ...(options.only ? [] : await nonHdf5Rows())];
}

const LAYOUT_LABEL: Record<Layout, string> = {
  daspool: "",
  dascore: " [contiguous, as DASCore writes]",
};
const TUNABLES_LABEL: Record<Tunables, string> = {
  thp: " [GLIBC_TUNABLES huge pages]",
  keep: " [GLIBC_TUNABLES no mmap, no trim]",
};

/** Paths the issue's target applies to: the storage read and the public API's best path. */
const TARGETED = new Set<ReadPath>(["storage", "dcRead", "dcReadInto"]);

function rowsFrom(figures: Map<string, CaseFigures>): BenchRow[] {
  const rows: BenchRow[] = [];
  const mbps = (f: CaseFigures) => f.bytes / 1e6 / (f.medianMs / 1000);
  const checks = new Map<SliceName, number>();
  for (const layout of ["daspool", "dascore"] as const) {
    for (const slice of ["full", "time10", "distance10"] as const) {
      const raw = figures.get(caseKey([layout, "raw", slice]));
      if (!raw) continue;
      for (const [key, f] of figures) {
        const [lay, path, sl, tunables] = parseKey(key);
        if (lay !== layout || sl !== slice) continue;
        // Both files hold the same samples: every path must read the same values as the raw read.
        const expected = checks.get(slice) ?? raw.checksum;
        checks.set(slice, expected);
        if (Math.abs(f.checksum - expected) > 1e-6 * Math.max(1, Math.abs(expected))) {
          throw new Error(`${key} read different samples than the raw read`);
        }
        const tun = tunables ? TUNABLES_LABEL[tunables] : "";
        const name = `${SLICE_LABEL[slice]} (${(f.bytes / 1e6).toFixed(0)} MB)${LAYOUT_LABEL[layout]}${tun}: ${PATH_LABEL[path]}`;
        if (path === "raw") {
          rows.push(benchRow(name, mbps(f), "MB/s"));
          continue;
        }
        const target = slice === "time10" && TARGETED.has(path) ? "ratio ≥ 0.5" : undefined;
        // The baseline is the raw read interleaved with this case in its process (see pairedRawMs).
        const base = f.pairedRawMs ? (f.bytes / 1e6 / f.pairedRawMs) * 1000 : mbps(raw);
        const baselineName = f.pairedRawMs ? "raw, interleaved" : "raw";
        rows.push(benchRow(name, mbps(f), "MB/s", { baseline: base, baselineName, ...(target ? { target } : {}) }));
        // Paths that return new arrays, also next to a raw read that returns a new buffer (same malloc settings).
        const rawFresh = figures.get(caseKey([layout, "rawFresh", slice, tunables]));
        if (rawFresh && path !== "rawFresh" && path !== "storage" && path !== "dcReadInto") {
          rows.push(benchRow(`${name}, vs raw into a new buffer`, mbps(f), "MB/s", { baseline: mbps(rawFresh), baselineName: "raw, new buffer" }));
        }
      }
    }
  }
  for (const [key, f] of figures) {
    const [layout, path, slice, tunables] = parseKey(key);
    if (slice === "full" || path === "storageFresh" || path === "rawFresh") continue;
    const budget = (3 * f.bytes) / 2 ** 20 + 200;
    const tun = tunables ? TUNABLES_LABEL[tunables] : "";
    rows.push(
      benchRow(`peak RSS, one ${SLICE_LABEL[slice]}${LAYOUT_LABEL[layout]}${tun} in its own process: ${PATH_LABEL[path]}`, f.peakRssFirstMb, "MiB", {
        target: `< ${budget.toFixed(0)} MiB (3 × slice + 200)`,
      }),
    );
  }
  const first = figures.get(caseKey(["daspool", "dcRead", "time10"]));
  const rawFirst = figures.get(caseKey(["daspool", "raw", "time10"]));
  if (first && rawFirst) {
    rows.push(
      benchRow("first dc.read of a 10 % time slice in a new process (detect, scan, heap growth)", first.firstMs, "ms", {
        baseline: rawFirst.firstMs,
        baselineName: "raw, first read",
      }),
    );
  }
  return rows;
}

/** Runs one case under --cpu-prof and prints the functions with the most self time. */
async function profile(which: string): Promise<void> {
  const [layout, path, slice, tunables] = parseKey(which);
  const file = layout === "dascore" ? DEFAULT_CONTIGUOUS_FILE : DEFAULT_READ_FILE;
  const script = await bundle();
  const dir = join(OUT_DIR, `prof-${layout}-${path}-${slice}${tunables ? `-${tunables}` : ""}`);
  mkdirSync(dir, { recursive: true });
  runChild(script, { path, slice, file, iterations: 5, ...(tunables ? { tunables } : {}) }, ["--cpu-prof", "--cpu-prof-dir", dir]);
  const newest = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).sort().at(-1)!;
  type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
  const prof = JSON.parse(readFileSync(join(dir, newest), "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000));
  const byFn = new Map<string, number>();
  for (const n of prof.nodes) {
    const key = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0));
  }
  const total = [...byFn.values()].reduce((a, b) => a + b, 0);
  console.log(`${join(dir, newest)} (${total.toFixed(0)} ms sampled; bundle lines map to sources via the .map)`);
  for (const [k, ms] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
}

const caseEnv = process.env[CASE_ENV];
if (caseEnv) {
  const spec = JSON.parse(caseEnv) as CaseSpec | { generate: string; twin: string };
  if ("generate" in spec) await generateContiguousTwin(await generateDasdaeFile(spec.generate), spec.twin);
  else await childMain(spec);
} else if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv.includes("--profile")) {
  await profile(process.argv[process.argv.indexOf("--profile") + 1] ?? "daspool:dcRead:time10");
} else {
  const at = process.argv.indexOf("--only");
  const only = at > 0 ? process.argv[at + 1]?.split(",") : undefined;
  await mainIfEntry(import.meta.url, () => run(only ? { only } : {}));
}
