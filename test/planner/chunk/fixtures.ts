// Source rows for the oracle recipes of ../shared/data/oracle (DASCore's example spools), built
// from their definitions in dascore/examples.py, plus a tiny runner for select/chunk ops on rows.

import { planChunks, trimRow, type ChunkSourceRow } from "../../../planner/chunk/index.ts";

export const NS_PER_S = 1_000_000_000n;
/** The example patch's time step: 1/250 s. */
export const STEP_4MS = 4_000_000n;
/** 2020-01-03, the default start of DASCore's example spools. */
export const T_2020_01_03 = 1_578_009_600_000_000_000n;

/** Parses an ISO UTC time with up to 9 fractional digits to bigint ns. */
export function isoToNs(text: string): bigint {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?Z?$/.exec(text);
  if (m === null) throw new Error(`bad ISO time ${text}`);
  const day = BigInt(Date.parse(`${m[1]}T00:00:00Z`)) * 1_000_000n;
  const secs = BigInt(Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
  const frac = BigInt((m[5] ?? "").padEnd(9, "0"));
  return day + secs * NS_PER_S + frac;
}

/** Seconds (as the oracle writes them) to ns, rounded to the nearest ns. */
export const secondsToNs = (s: number): bigint => BigInt(Math.round(s * 1e9));

interface PatchSpec {
  start: bigint;
  step?: bigint;
  timeSamples?: number;
  distanceSamples?: number;
  network?: string;
  station?: string;
  tag?: string;
}

/** The row of one `random_das` example patch (300 m × 2000 samples at 4 ms by default). */
export function exampleRow(id: number, spec: PatchSpec): ChunkSourceRow {
  const step = spec.step ?? STEP_4MS;
  const length = spec.timeSamples ?? 2000;
  const distance = spec.distanceSamples ?? 300;
  return {
    id,
    attrs: {
      network: spec.network ?? "",
      station: spec.station ?? "",
      tag: spec.tag ?? "random",
      dims: "distance,time",
      data_type: "",
      data_category: "DAS",
    },
    min: spec.start,
    max: spec.start + BigInt(length - 1) * step,
    step,
    length,
    otherDims: { distance: { min: 0, max: distance - 1, step: 1, length: distance } },
  };
}

/**
 * Rows of `getExampleSpool("random_das", ...)`: patch k+1 starts one step after patch k's last
 * sample plus `gap` (negative gaps overlap).
 */
export function randomSpoolRows(opts: Omit<PatchSpec, "start"> & { count?: number; gap?: bigint; start?: bigint; firstId?: number } = {}): ChunkSourceRow[] {
  const out: ChunkSourceRow[] = [];
  let start = opts.start ?? T_2020_01_03;
  const firstId = opts.firstId ?? 0;
  for (let k = 0; k < (opts.count ?? 3); k++) {
    const row = exampleRow(firstId + k, { ...opts, start });
    out.push(row);
    start = (row.max as bigint) + (opts.step ?? STEP_4MS) + (opts.gap ?? 0n);
  }
  return out;
}

/** Rows of DASCore's `_diverse_spool` (18 patches), in its order. */
export function diverseRows(): ChunkSourceRow[] {
  const parts: Array<Parameters<typeof randomSpoolRows>[0]> = [
    {},
    { network: "das2" },
    { gap: NS_PER_S, station: "big_gaps" },
    { gap: -10_000_000n, station: "overlaps" },
    { gap: STEP_4MS, station: "smallg" },
    { count: 1, start: isoToNs("2030-01-01"), station: "wayout" },
    { count: 1, tag: "some_tag" },
    { count: 1, start: isoToNs("1989-05-04"), station: "wayout" },
  ];
  const out: ChunkSourceRow[] = [];
  for (const p of parts) out.push(...randomSpoolRows({ ...p, firstId: out.length }));
  return out;
}

/** The source rows of an oracle recipe name (`random`, `overlap:0.5`, `diverse:smallg`, ...). */
export function recipeRows(recipe: string): ChunkSourceRow[] {
  const [name, arg = ""] = recipe.split(":");
  switch (name) {
    case "patch":
      return [exampleRow(0, { start: isoToNs("2017-09-18") })];
    case "random":
      return randomSpoolRows();
    case "random10":
      return randomSpoolRows({ count: 10 });
    case "random10gap":
      return randomSpoolRows({ count: 10, gap: secondsToNs(Number(arg)) });
    case "overlap":
      return randomSpoolRows({ count: 4, gap: -secondsToNs(Number(arg)) });
    case "single":
      return randomSpoolRows({
        count: 10,
        step: 999_767_552n,
        timeSamples: 1,
        distanceSamples: 100,
        start: isoToNs("2023-06-13T15:38:00.49953408"),
      });
    case "diverse":
      return diverseRows().filter((r) => r.attrs["station"] === arg);
    default:
      throw new Error(`unknown recipe ${recipe}`);
  }
}

/** One output as the oracle records it. */
export interface OracleOutput {
  time_min: bigint;
  time_max: bigint;
  time_samples: number;
  distance_samples: number;
}

type Op = [string, Record<string, unknown>];

const CHUNK_OPTION_NAMES: Record<string, string> = {
  keep_partial: "keepPartial",
  overlap: "overlap",
  tolerance: "tolerance",
  snap_coords: "snapCoords",
  conflict: "conflict",
};

function toTime(v: unknown): bigint | null {
  if (v === null) return null;
  if (typeof v === "string") return isoToNs(v);
  return secondsToNs(Number(v));
}

function selectRows(rows: ChunkSourceRow[], query: Record<string, unknown>): ChunkSourceRow[] {
  const [lo, hi] = query["time"] as [unknown, unknown];
  return rows.flatMap((r) => trimRow(r, toTime(lo), toTime(hi)) ?? []);
}

function summarize(row: ChunkSourceRow): OracleOutput {
  return {
    time_min: row.min as bigint,
    time_max: row.max as bigint,
    time_samples: row.length,
    distance_samples: row.otherDims?.["distance"]?.length ?? 0,
  };
}

/**
 * Runs an oracle case's ops on rows: selects trim the source rows, and each chunk re-plans
 * from those sources (SPEC §6.2: chunk after chunk re-plans from the originals).
 */
export function runOps(rows: ChunkSourceRow[], ops: readonly Op[]): OracleOutput[] {
  let sources = rows;
  let outputs: OracleOutput[] = rows.map(summarize);
  for (const [name, args] of ops) {
    if (name === "select") {
      sources = selectRows(sources, args);
      outputs = sources.map(summarize);
      continue;
    }
    const dim = Object.keys(args).find((k) => !(k in CHUNK_OPTION_NAMES)) as string;
    const options: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) if (k !== dim) options[CHUNK_OPTION_NAMES[k] as string] = v;
    const isTime = dim === "time";
    const length = args[dim] === null ? null : isTime ? secondsToNs(Number(args[dim])) : Number(args[dim]);
    const overlap = options["overlap"] === undefined ? undefined : isTime ? secondsToNs(Number(options["overlap"])) : Number(options["overlap"]);
    const chunkRows = isTime ? sources : sources.map((r) => swapToDistance(r));
    const windows = planChunks(chunkRows, { ...options, overlap, dim, length });
    outputs = windows.map((w) => {
      const src = sources.find((r) => r.id === w.members[0]?.id) as ChunkSourceRow;
      const distance = src.otherDims?.["distance"]?.length ?? 0;
      return isTime
        ? { time_min: w.start as bigint, time_max: w.stop as bigint, time_samples: w.samples, distance_samples: distance }
        : { time_min: src.min as bigint, time_max: src.max as bigint, time_samples: src.length, distance_samples: w.samples };
    });
  }
  return outputs;
}

/** The same source seen along distance (the chunk dim) with time as the other dim. */
function swapToDistance(row: ChunkSourceRow): ChunkSourceRow {
  const d = row.otherDims?.["distance"];
  if (d === undefined) throw new Error("row has no distance");
  return {
    ...row,
    min: d.min,
    max: d.max,
    step: d.step,
    length: d.length,
    otherDims: { time: { min: row.min, max: row.max, step: row.step, length: row.length } },
  };
}
