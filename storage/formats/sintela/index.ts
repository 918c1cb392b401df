// The Sintela protobuf module (DASCore dev "Sintela_Protobuf" "1"): MTLV records of time-series
// packets joined into one (time, distance) patch; selections read only the packets they touch.
import type { FormatModule, PatchSummary, RawAttrValue, RawPatch, Selection } from "../types.ts";
import { clampRange, corrupt, withFile, type BinaryFile, type ByteView } from "../mseed/binaryFile.ts";
import { Message, timestampNs } from "./protobuf.ts";

const MAGIC = 0x46554250; // "PBUF" little-endian
const TS_TAGS = new Set(["TS05", "RF01"]);
const DATA_TYPES: Record<number, [string, string]> = {
  0: ["phase", "radians"], 1: ["phase", "radians"], 2: ["phase_difference", "radians"],
  3: ["phase_rate", "radians/s"], 4: ["strain", "microstrain"], 5: ["strain_rate", "microstrain/s"],
};

/** One time-series packet: where its payload is and what its header says. */
interface Packet { offset: number; size: number; first: number; rows: number; header: Message }

interface Model {
  packets: Packet[];
  rows: number;
  nch: number;
  startNs: bigint;
  stepNs: bigint;
  distStart: number;
  distStep: number;
  attrs: Record<string, RawAttrValue>;
}

/** The packet header (field 1) when it is the first field and lies wholly inside `body`. */
function headerInHead(body: ByteView): Message | null {
  if (body.length < 2 || body.u8(0) !== 0x0a) return null;
  let len = 0, at = 1;
  for (let shift = 0; at < body.length && shift < 35; shift += 7) {
    const b = body.u8(at++);
    len += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return at + len <= body.length ? new Message(body.sub(at, len)) : null;
  }
  return null;
}

/** Walks the MTLV envelopes, parsing each packet's header from its first bytes only. */
async function readModel(f: BinaryFile): Promise<Model> {
  const packets: Packet[] = [];
  let meta: Message | null = null;
  let tag0 = "";
  let offset = 0;
  while (offset < f.size) {
    const head = await f.view(offset, Math.min(f.size - offset, 12 + 256), true, "Sintela: truncated record header");
    if (head.u32(0) !== MAGIC) throw corrupt(f.path, offset, "Sintela: bad record magic");
    const tag = head.ascii(4, 4).replace(/\0+$/, ""), size = head.u32(8);
    if (offset + 12 + size > f.size) throw corrupt(f.path, offset + 8, "Sintela: record payload runs past the end of the file");
    if (tag === "META") {
      meta = new Message(await f.view(offset + 12, size, true));
    } else if (TS_TAGS.has(tag)) {
      tag0 ||= tag;
      // Serialisers write field 1 (the header) first, so it usually lies in the bytes already
      // read; otherwise the whole payload is read and decoded.
      let headerMsg = headerInHead(head.sub(12, Math.min(size, head.length - 12)));
      if (!headerMsg) headerMsg = new Message(await f.view(offset + 12, size, true)).message(1);
      if (!headerMsg) throw corrupt(f.path, offset + 12, "Sintela: packet without header");
      packets.push({ offset: offset + 12, size, first: 0, rows: headerMsg.int(3), header: headerMsg });
    } else if (["BAND", "FFT", "FFT-"].includes(tag)) {
      throw corrupt(f.path, offset, `Sintela: ${tag} packets are not supported yet (time series only)`);
    }
    offset += 12 + size;
  }
  return toModel(f.path, packets, meta, tag0);
}

function toModel(path: string, packets: Packet[], meta: Message | null, tag: string): Model {
  if (packets.length === 0) throw corrupt(path, 0, "Sintela: no time-series packets");
  const commons = packets.map((p) => {
    const c = p.header.message(1);
    if (!c) throw corrupt(path, p.offset, "Sintela: packet without common header");
    return c;
  });
  const c0 = commons[0]!;
  const same = (what: string, get: (i: number) => number) => {
    const v0 = get(0);
    packets.forEach((p, i) => {
      const v = get(i);
      if (!(v === v0 || Math.abs(v - v0) <= 1e-6 * Math.abs(v0))) throw corrupt(path, p.offset, `Sintela: inconsistent ${what} across packets`);
    });
    return v0;
  };
  const nch = same("num_channels", (i) => commons[i]!.int(2));
  const rate = same("sample_rate", (i) => commons[i]!.float(3));
  const spacing = same("channel_spacing", (i) => commons[i]!.float(4));
  const gauge = same("gauge_length", (i) => commons[i]!.float(5));
  const startChannel = same("start_channel", (i) => commons[i]!.int(6));
  const channelStep = same("channel_step", (i) => packets[i]!.header.int(4));
  const dataType = same("timeseries_data_type", (i) => commons[i]!.int(11));
  const demod = same("demod_data_type", (i) => commons[i]!.int(12));
  if (!(rate > 0 && Number.isFinite(rate))) throw corrupt(path, packets[0]!.offset, "Sintela: invalid sample rate");
  let rows = 0;
  packets.forEach((p, i) => {
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
  const time = c0.message(1);
  if (!time) throw corrupt(path, packets[0]!.offset, "Sintela: missing start time");
  const [type, units] = DATA_TYPES[dataType] ?? ["phase", "radians"];
  const id = meta?.message(3), stats = meta?.message(7), recorded = meta?.message(2);
  const serial = id?.string(4) ?? "";
  const attrs: Record<string, RawAttrValue> = {
    data_type: type, data_category: "DAS", data_units: units, gauge_length: gauge, packet_type: tag,
    recorder_namespace: meta?.string(1) ?? "", instrument_manufacturer: id?.string(1) ?? "",
    instrument_model: id?.string(3) ?? "", instrument_id: serial, serial_number: serial,
    start_channel: startChannel, channel_spacing: spacing, channel_step: channelStep, sample_rate: rate,
    demod_data_type: String(demod),
  };
  if (recorded) attrs["metadata_recording_time"] = timestampNs(recorded);
  if (stats?.has(8)) attrs["fiber_id"] = stats.int(8);
  return {
    packets, rows, nch, startNs: timestampNs(time), stepNs: BigInt(Math.round((1 / rate) * 1e9)),
    distStart: startChannel * spacing, distStep: spacing * channelStep, attrs,
  };
}

function summarize(m: Model): PatchSummary {
  return {
    key: "", dims: ["time", "distance"], shape: [m.rows, m.nch], dataDtype: "float32", attrs: m.attrs,
    coords: {
      time: { min: m.startNs, max: m.startNs + m.stepNs * BigInt(Math.max(m.rows - 1, 0)), step: m.stepNs, length: m.rows, units: "s", dtype: "datetime64" },
      distance: { min: m.distStart, max: m.distStart + m.distStep * (m.nch - 1), step: m.distStep, length: m.nch, units: "m", dtype: "float64" },
    },
  };
}

async function readPatch(f: BinaryFile, m: Model, selection: Selection = {}): Promise<RawPatch> {
  const [t0, t1] = clampRange(selection["time"], m.rows);
  const [c0, c1] = clampRange(selection["distance"], m.nch);
  const nc = c1 - c0;
  const out = new Float32Array((t1 - t0) * nc);
  for (const p of m.packets) {
    const a = Math.max(t0, p.first), b = Math.min(t1, p.first + p.rows);
    if (a >= b || nc === 0) continue;
    const body = new Message(await f.view(p.offset, p.size, true, "Sintela: truncated packet"));
    const s = body.byNumber.get(3);
    const n = p.rows * m.nch;
    // Samples are a packed repeated float (one length-delimited field of n·4 bytes).
    if (!s || s.wire !== 2 || s.length !== 4 * n) throw corrupt(f.path, p.offset, `Sintela: packet holds no ${n} packed float samples`);
    for (let r = a; r < b; r++) {
      const row = s.at + 4 * (r - p.first) * m.nch;
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

/**
 * Sintela protobuf (MTLV) reader for time-series packets (TS05/RF01), following DASCore's dev
 * branch: packets must agree on channels, rate, spacing and gauge length and be contiguous by
 * sample count; time starts at the first packet's timestamp with step 1/sample_rate; distance
 * is start_channel·spacing with step spacing·channel_step. BAND and FFT packets are refused.
 *
 * @example
 * ```ts
 * const p = await sintelaFormat.read("sintela_protobuf_1.pb", "", "1", { time: [0, 100] });
 * ```
 */
export const sintelaFormat: FormatModule = {
  name: "Sintela_Protobuf",
  versions: ["1"],
  extensions: ["pb"],
  async detect({ head }) {
    // Walk the envelopes in the probe's head: the first non-META record must be a known family.
    const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
    let at = 0;
    while (at + 12 <= head.length) {
      if (v.getUint32(at, true) !== MAGIC) return null;
      const tag = String.fromCharCode(...head.subarray(at + 4, at + 8)).replace(/\0+$/, "");
      if (tag !== "META") return TS_TAGS.has(tag) || ["BAND", "FFT", "FFT-"].includes(tag) ? "1" : null;
      at += 12 + v.getUint32(at + 8, true);
    }
    // The META record is longer than the probe; its magic and tag are enough.
    return at > 0 ? "1" : null;
  },
  async scan(path) {
    return withFile(path, async (f) => [summarize(await readModel(f))]);
  },
  async read(path, key, _version, selection) {
    if (key !== "") throw corrupt(path, 0, `Sintela: no patch with key "${key}"`);
    return withFile(path, async (f) => readPatch(f, await readModel(f), selection));
  },
};
