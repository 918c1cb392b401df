// The Sentek .das format module (DASCore "sentek" "5"): one (distance, time) float32 patch read
// from the file's own layout; selections read only the rows (time samples) they need.
import { basename } from "node:path";
import type { FormatModule, PatchSummary, RawPatch, Selection } from "../types.ts";
import { clampRange, corrupt, withFile, type BinaryFile } from "../mseed/binaryFile.ts";

const HEADER = 24; // six little-endian float32 values

interface Model {
  sensors: number;
  samples: number;
  distances: Float32Array;
  startNs: bigint;
  stepNs: bigint;
  dataStart: number;
  dataType: string;
  trigger: number;
  decimation: number;
}

/** File start time from a name like `DASDMSShot00_20230328155653619.das` (ms precision). */
function nameTimeNs(path: string): bigint | null {
  const m = /_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})\.das$/i.exec(basename(path));
  if (!m) return null;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  return BigInt(Date.UTC(y, mo - 1, d, h, mi, s, ms)) * 1_000_000n;
}

const nearlyInt = (x: number) => Math.abs(x - Math.round(x)) < 1e-5;

async function readModel(f: BinaryFile): Promise<Model> {
  const h = await f.view(0, HEADER, true, "Sentek: truncated header");
  const [sensorsF, samplesF, intervalNs, strainRate, trigger, decimation] = [0, 4, 8, 12, 16, 20].map((o) => h.f32(o)) as
    [number, number, number, number, number, number];
  if (!(sensorsF >= 1 && samplesF >= 1 && nearlyInt(sensorsF) && nearlyInt(samplesF))) {
    throw corrupt(f.path, 0, "Sentek: channel or sample count is not a positive integer");
  }
  const sensors = Math.round(sensorsF), samples = Math.round(samplesF);
  const dataStart = HEADER + 4 * (sensors + samples);
  const expected = dataStart + 4 * sensors * samples;
  if (expected > f.size) throw corrupt(f.path, Math.min(f.size, dataStart), `Sentek: file holds ${f.size} bytes, layout needs ${expected}`);
  if (!(intervalNs > 0 && Number.isFinite(intervalNs))) throw corrupt(f.path, 8, "Sentek: bad sampling interval");
  const dv = await f.view(HEADER, 4 * sensors, true);
  const distances = new Float32Array(sensors);
  for (let i = 0; i < sensors; i++) distances[i] = dv.f32(4 * i);
  const first = (await f.view(HEADER + 4 * sensors, 4, true)).f32(0);
  const fileNs = nameTimeNs(f.path);
  if (fileNs === null) throw corrupt(f.path, 0, "Sentek: the start time must come from a name like <prefix>_YYYYMMDDhhmmssSSS.das");
  if (!Number.isFinite(first)) throw corrupt(f.path, HEADER + 4 * sensors, "Sentek: bad first time offset");
  return {
    sensors, samples, distances, dataStart,
    startNs: fileNs + BigInt(Math.round(first * 1e6)),
    stepNs: BigInt(Math.round(intervalNs)),
    dataType: Math.trunc(strainRate) ? "strain_rate" : "strain",
    trigger, decimation,
  };
}

function summarize(m: Model): PatchSummary {
  let min = Infinity, max = -Infinity;
  for (const d of m.distances) { min = Math.min(min, d); max = Math.max(max, d); }
  return {
    key: "", dims: ["distance", "time"], shape: [m.sensors, m.samples], dataDtype: "float32",
    attrs: attrsOf(m),
    coords: {
      distance: { min, max, step: null, length: m.sensors, units: "m", dtype: "float32" },
      time: { min: m.startNs, max: m.startNs + m.stepNs * BigInt(m.samples - 1), step: m.stepNs, length: m.samples, units: "s", dtype: "datetime64" },
    },
  };
}

function attrsOf(m: Model) {
  return { data_type: m.dataType, trigger_position: m.trigger, decimation_factor: m.decimation };
}

async function readPatch(f: BinaryFile, m: Model, selection: Selection = {}): Promise<RawPatch> {
  const [d0, d1] = clampRange(selection["distance"], m.sensors);
  const [t0, t1] = clampRange(selection["time"], m.samples);
  const nd = d1 - d0, nt = t1 - t0;
  const out = new Float32Array(nd * nt);
  if (nd > 0 && nt > 0) {
    // The file stores one row of all channels per time sample; the patch is (distance, time).
    const rowBytes = 4 * m.sensors;
    const v = await f.view(m.dataStart + t0 * rowBytes, nt * rowBytes, true, "Sentek: truncated samples");
    for (let t = 0; t < nt; t++) {
      for (let d = d0; d < d1; d++) out[(d - d0) * nt + t] = v.f32(t * rowBytes + 4 * d);
    }
  }
  return {
    data: out, dims: ["distance", "time"], shape: [nd, nt], attrs: attrsOf(m),
    coords: {
      distance: { kind: "array", values: m.distances.slice(d0, d1), units: "m", dtype: "float32" },
      time: { kind: "range", start: m.startNs + m.stepNs * BigInt(t0), step: m.stepNs, length: nt, units: "s", dtype: "datetime64" },
    },
  };
}

/**
 * Sentek DAS reader (`.das`, little-endian float32): a 6-value header (channels, samples,
 * sampling interval in ns, strain-rate flag, trigger position, decimation), the channel
 * distances, the time offsets (ms), then one row of all channels per time sample.
 *
 * **Deliberately not DASCore's behaviour.** DASCore 0.1 seeks to absolute offsets for the last
 * distance and time offset, so it reports a regular 0–47.3 m distance axis, a 9.5 s time step
 * and data shifted by 37 values (FILES.md). We read the file as laid out: the explicit,
 * irregular distance array (0–61.86 m, an array coordinate), the header's own sampling
 * interval (27.264 µs) as the time step, and the samples from their true offset. Time starts at
 * the file-name time (the only absolute time in the file, as in DASCore) plus the first time
 * offset read in milliseconds — the unit the 27.264 µs sampling implies. The float32 offsets
 * themselves are quantised to ~15.6 µs at their magnitude, coarser than one sample, so the time
 * axis is start + i·interval rather than the offsets array.
 *
 * @example
 * ```ts
 * const p = await sentekFormat.read("DASDMSShot00_20230328155653619.das", "", "5");
 * ```
 */
export const sentekFormat: FormatModule = {
  name: "sentek",
  versions: ["5"],
  extensions: ["das"],
  async detect({ path, head }) {
    // DASCore's checks: a .das name, positive near-integer counts, a 0/1 strain-rate flag.
    if (!path.toLowerCase().endsWith(".das") || head.length < HEADER) return null;
    const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const sensors = v.getFloat32(0, true), samples = v.getFloat32(4, true), rate = Math.trunc(v.getFloat32(12, true));
    const ok = sensors > 1 && samples > 1 && nearlyInt(sensors) && nearlyInt(samples) && (rate === 0 || rate === 1);
    return ok ? "5" : null;
  },
  async scan(path) {
    return withFile(path, async (f) => [summarize(await readModel(f))]);
  },
  async read(path, key, _version, selection) {
    if (key !== "") throw corrupt(path, 0, `Sentek: no patch with key "${key}"`);
    return withFile(path, async (f) => readPatch(f, await readModel(f), selection));
  },
};
