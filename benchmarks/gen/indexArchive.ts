// Generates the seeded data of index.bench.ts under benchmarks/data (git-ignored): a synthetic
// directory index of 1,000,000 rows written by DuckDB in daspool's index schema, and an archive of
// small real-layout DASDAE files (a few written, the rest copies: scanning cost is per file).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFile } from "../../storage/formats/registry.ts";
import type { RawPatch } from "../../storage/formats/types.ts";
import { constantColumns } from "../../storage/index/constants.ts";
import { sqlIdent, sqlLiteral, withConnection } from "../../storage/index/duck.ts";
import { commitManifest, fsyncPath } from "../../storage/index/manifest.ts";
import { SCHEMA_VERSION, schemaColumns } from "../../storage/index/schema.ts";
import type { Manifest } from "../../storage/index/types.ts";
import { ROW_GROUP_SIZE } from "../../storage/index/writer.ts";

/** Where generated data lives. */
export const DATA_DIR = fileURLToPath(new URL("../data/", import.meta.url));
/** 2023-01-01T00:00:00Z in ns: the synthetic index starts here. */
export const SYNTH_T0 = 1_672_531_200_000_000_000n;
/** Synthetic layout: 100 stations, each with consecutive 60 s patches (~7 days for 1M rows). */
export const SYNTH = { stations: 100, patchSeconds: 60, seed: 11 } as const;

const NS = 1_000_000_000n;

/** Expressions of the synthetic rows; `i` is the row number, `s` the station, `k` its patch number. */
function syntheticColumns(seed: number): string {
  const t0 = `(${SYNTH_T0} + k * ${BigInt(SYNTH.patchSeconds) * NS} + (hash(i, ${seed}) % 1000) * 1000000)`;
  const exprs: Record<string, string> = {
    path: `'synthetic/ST' || lpad(s::VARCHAR, 3, '0') || '/' || lpad(k::VARCHAR, 6, '0') || '.h5'`,
    file_size: `(1000000 + hash(i, ${seed + 1}) % 1000)::BIGINT`,
    mtime_ns: `${SYNTH_T0}::BIGINT`,
    key: `''`,
    file_format: `'DASDAE'`,
    file_version: `'1'`,
    dims: `'distance,time'`,
    shape: `'500,15000'`,
    data_dtype: `'float32'`,
    data_type: `'strain_rate'`,
    data_category: `'DAS'`,
    tag: `'raw'`,
    station: `'ST' || lpad(s::VARCHAR, 3, '0')`,
    network: `'N' || (s // 25)::VARCHAR`,
    time_min: `make_timestamp_ns(${t0}::BIGINT)`,
    time_max: `make_timestamp_ns((${t0} + ${BigInt(SYNTH.patchSeconds) * NS - 4_000_000n})::BIGINT)`,
    time_step: `4000000::BIGINT`,
    time_units: `'s'`,
    time_dtype: `'datetime64'`,
    time_length: `15000::BIGINT`,
    distance_min: `0.0::DOUBLE`,
    distance_max: `499.0::DOUBLE`,
    distance_step: `1.0::DOUBLE`,
    distance_units: `'m'`,
    distance_dtype: `'float64'`,
    distance_length: `500::BIGINT`,
  };
  return schemaColumns({ time: "time", distance: "num" })
    .map((c) => `CAST(${exprs[c.name] ?? "NULL"} AS ${c.type}) AS ${sqlIdent(c.name)}`)
    .join(", ");
}

/**
 * Builds (once) a directory whose `.daspool` index holds `rows` synthetic rows; returns the dir.
 * @example
 * ```ts
 * const dir = await buildSyntheticIndex(1_000_000);
 * ```
 */
export async function buildSyntheticIndex(rows: number, seed: number = SYNTH.seed): Promise<string> {
  const dir = join(DATA_DIR, `synthetic-index-${rows}-${seed}`);
  const indexDir = join(dir, ".daspool");
  const stamp = join(indexDir, "manifest.json");
  if (existsSync(stamp)) {
    const old = JSON.parse(readFileSync(stamp, "utf8")) as Partial<Manifest>;
    if (old.schemaVersion === SCHEMA_VERSION && old.constants) return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(indexDir, { recursive: true });
  const name = "index-1-synthetic.parquet";
  const file = join(indexDir, name);
  const coords = { time: "time", distance: "num" } as const;
  // Constant columns are found as the index writer finds them, so queries fold the same ones.
  const constants = await withConnection(async (c) => {
    const src = `SELECT i, i % ${SYNTH.stations} AS s, i // ${SYNTH.stations} AS k FROM range(${rows}) t(i)`;
    await c.run(
      `COPY (SELECT ${syntheticColumns(seed)} FROM (${src}) ORDER BY "time_min", "path", "key") TO ${sqlLiteral(file)} ` +
        `(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`,
    );
    return constantColumns(c, file, schemaColumns(coords));
  });
  await fsyncPath(file);
  await commitManifest(indexDir, {
    schemaVersion: SCHEMA_VERSION,
    generation: 1,
    parquet: [name],
    rows,
    coords,
    constants,
    failed: [],
    empty: [],
    root: dir,
    updatedAt: new Date().toISOString(),
  });
  return dir;
}

function smallPatch(k: number, station: string): RawPatch {
  const nd = 16;
  const nt = 200;
  const data = new Float32Array(nd * nt);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.01 + k);
  return {
    data,
    dims: ["distance", "time"],
    shape: [nd, nt],
    coords: {
      distance: { kind: "range", start: 0, step: 1, length: nd, units: "m", dtype: "float64" },
      time: { kind: "range", start: SYNTH_T0 + BigInt(k) * 2n * NS, step: 10_000_000n, length: nt, units: "s", dtype: "datetime64" },
    },
    attrs: { station, network: "BN", tag: "raw", data_type: "strain_rate", data_category: "DAS" },
  };
}

/**
 * Builds (once) an archive of `files` small DASDAE files in day folders: `distinct` are written,
 * the rest are copies of them. Returns the archive directory (without an index).
 * @example
 * ```ts
 * const dir = await buildDasdaeArchive(2000);
 * ```
 */
export async function buildDasdaeArchive(files: number, distinct = 20): Promise<string> {
  const dir = join(DATA_DIR, `dasdae-archive-${files}`);
  const done = join(dir, ".complete");
  if (existsSync(done)) return dir;
  rmSync(dir, { recursive: true, force: true });
  const templates = join(DATA_DIR, "dasdae-templates");
  mkdirSync(templates, { recursive: true });
  for (let k = 0; k < distinct; k++) {
    const t = join(templates, `t${k}.h5`);
    if (!existsSync(t)) await writeFile([smallPatch(k, `B${String(k % 10).padStart(2, "0")}`)], t, "DASDAE");
  }
  for (let i = 0; i < files; i++) {
    const day = join(dir, `day${String(Math.floor(i / 100)).padStart(3, "0")}`);
    mkdirSync(day, { recursive: true });
    copyFileSync(join(templates, `t${i % distinct}.h5`), join(day, `f${String(i).padStart(5, "0")}.h5`));
  }
  writeFileSync(done, "");
  return dir;
}
