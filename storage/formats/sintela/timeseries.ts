// Sintela time-series packets (TS05/RF01) as one (time, distance) float32 patch: packets must be
// contiguous by sample count; a selection decodes only the packets it touches.
import type { PatchSummary, RawPatch, Selection } from "../types.ts";
import { clampRange, corrupt, type BinaryFile } from "../mseed/binaryFile.ts";
import { Message, timestampNs } from "./protobuf.ts";
import { baseAttrs, commonHeaders, packedFloats, same, type Stream } from "./records.ts";

const DATA_TYPES: Record<number, [string, string]> = {
  0: ["phase", "radians"], 1: ["phase", "radians"], 2: ["phase_difference", "radians"],
  3: ["phase_rate", "radians/s"], 4: ["strain", "microstrain"], 5: ["strain_rate", "microstrain/s"],
};

/** A time-series stream laid out as rows. */
export interface TimeseriesModel {
  stream: Stream;
  rows: number;
  nch: number;
  startNs: bigint;
  stepNs: bigint;
  distStart: number;
  distStep: number;
  attrs: Record<string, string | number | bigint>;
}

/** Validates the packet headers (DASCore's rules) and lays the packets out as rows. */
export function timeseriesModel(path: string, stream: Stream): TimeseriesModel {
  const { packets } = stream;
  const commons = commonHeaders(path, packets);
  const eq = (what: string, get: (i: number) => number) => same(path, packets, what, get);
  const nch = eq("num_channels", (i) => commons[i]!.int(2));
  const rate = eq("sample_rate", (i) => commons[i]!.float(3));
  const spacing = eq("channel_spacing", (i) => commons[i]!.float(4));
  const gauge = eq("gauge_length", (i) => commons[i]!.float(5));
  const startChannel = eq("start_channel", (i) => commons[i]!.int(6));
  const channelStep = eq("channel_step", (i) => packets[i]!.header.int(4));
  const dataType = eq("timeseries_data_type", (i) => commons[i]!.int(11));
  const demod = eq("demod_data_type", (i) => commons[i]!.int(12));
  if (!(rate > 0 && Number.isFinite(rate))) throw corrupt(path, packets[0]!.offset, "Sintela: invalid sample rate");
  let rows = 0;
  packets.forEach((p, i) => {
    p.rows = p.header.int(3);
    if (commons[i]!.int(10)) throw corrupt(path, p.offset, "Sintela: dropped samples in the stream");
    // Samples are 4-byte floats inside the packet: a count that cannot fit is corruption (and
    // would otherwise size the output array).
    if (p.rows < 0 || p.rows * nch * 4 > p.size) throw corrupt(path, p.offset, `Sintela: ${p.rows} × ${nch} samples cannot fit a ${p.size}-byte packet`);
    if (i > 0 && packets[i - 1]!.header.int(2) + packets[i - 1]!.rows !== p.header.int(2)) {
      throw corrupt(path, p.offset, "Sintela: non-contiguous sample counts");
    }
    p.first = rows;
    rows += p.rows;
  });
  const time = commons[0]!.message(1);
  if (!time) throw corrupt(path, packets[0]!.offset, "Sintela: missing start time");
  const [type, units] = DATA_TYPES[dataType] ?? ["phase", "radians"];
  const attrs = {
    ...baseAttrs(stream, gauge, startChannel, spacing),
    data_type: type, data_units: units, channel_step: channelStep, sample_rate: rate, demod_data_type: String(demod),
  } as TimeseriesModel["attrs"];
  return {
    stream, rows, nch, startNs: timestampNs(time), stepNs: BigInt(Math.round((1 / rate) * 1e9)),
    distStart: startChannel * spacing, distStep: spacing * channelStep, attrs,
  };
}

/** The index row of a time-series stream. */
export function timeseriesSummary(m: TimeseriesModel): PatchSummary {
  return {
    key: "", dims: ["time", "distance"], shape: [m.rows, m.nch], dataDtype: "float32", attrs: m.attrs,
    coords: {
      time: { min: m.startNs, max: m.startNs + m.stepNs * BigInt(Math.max(m.rows - 1, 0)), step: m.stepNs, length: m.rows, units: "s", dtype: "datetime64" },
      distance: { min: m.distStart, max: m.distStart + m.distStep * (m.nch - 1), step: m.distStep, length: m.nch, units: "m", dtype: "float64" },
    },
  };
}

/** Reads `selection` of a time-series stream, decoding only the packets it overlaps. */
export async function readTimeseries(f: BinaryFile, m: TimeseriesModel, selection: Selection = {}): Promise<RawPatch> {
  const [t0, t1] = clampRange(selection["time"], m.rows);
  const [c0, c1] = clampRange(selection["distance"], m.nch);
  const nc = c1 - c0;
  const out = new Float32Array((t1 - t0) * nc);
  for (const p of m.stream.packets) {
    const a = Math.max(t0, p.first), b = Math.min(t1, p.first + p.rows);
    if (a >= b || nc === 0) continue;
    const body = new Message(await f.view(p.offset, p.size, true, "Sintela: truncated packet"));
    const at = packedFloats(body, 3, p.rows * m.nch, f.path, p.offset);
    for (let r = a; r < b; r++) {
      const row = at + 4 * (r - p.first) * m.nch;
      for (let c = c0; c < c1; c++) out[(r - t0) * nc + c - c0] = body.view.f32(row + 4 * c);
    }
  }
  return {
    data: out, dims: ["time", "distance"], shape: [t1 - t0, nc], attrs: m.attrs,
    coords: {
      time: { kind: "range", start: m.startNs + m.stepNs * BigInt(t0), step: m.stepNs, length: t1 - t0, units: "s", dtype: "datetime64" },
      distance: { kind: "range", start: m.distStart + c0 * m.distStep, step: m.distStep, length: nc, units: "m", dtype: "float64" },
    },
  };
}
