// The TDMS format module (DASCore "TDMS" "4713", Silixa iDAS files): one (time, distance) patch
// from the data channels; a selection reads only the byte ranges of the segments it touches.
import type { CoordSummary, FormatModule, PatchSummary, RawAttrValue, RawPatch, Selection, TruncationPolicy, TypedArray } from "../types.ts";
import { warnTruncated } from "../truncation.ts";
import { ByteView, clampRange, corrupt, withFile, type BinaryFile } from "../mseed/binaryFile.ts";
import { readLayout, TDMS_DTYPES, type Segment, type TdmsLayout } from "./metadata.ts";

/** The patch a layout describes: sample type, channel count and rows per segment. */
interface Model {
  dtype: string;
  typeCode: number;
  itemSize: number;
  nch: number;
  rows: number[];
  segments: Segment[];
  timeStart: bigint;
  timeStep: bigint;
  distance: { start: number; step: number; units: string | null; name: string };
  attrs: Record<string, RawAttrValue>;
}

const num = (v: RawAttrValue | undefined): number | undefined => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : undefined);

function toModel(layout: TdmsLayout, path: string): Model {
  const segments = layout.segments.filter((s) => s.channels.length > 0);
  const first = segments[0];
  if (!first) throw corrupt(path, 0, "TDMS: no raw data");
  const { typeCode } = first.channels[0]!;
  const dt = TDMS_DTYPES[typeCode];
  if (!dt) throw corrupt(path, first.dataStart, `TDMS: unsupported channel data type ${typeCode}`);
  const [dtype, itemSize] = dt;
  const nch = first.channels.length;
  const rows = segments.map((s) => {
    const same = s.channels.length === nch && s.channels.every((c, i) =>
      c.typeCode === typeCode && c.values === s.channels[0]!.values && c.path === first.channels[i]!.path);
    if (!same) throw corrupt(path, s.dataStart, "TDMS: channels differ in type, length or order between segments");
    const values = s.channels[0]!.values;
    // Interleaved rows are contiguous across chunks; non-interleaved data come in whole chunks.
    return s.interleaved ? Math.floor(s.dataBytes / (nch * itemSize))
      : Math.floor(s.dataBytes / (nch * values * itemSize)) * values;
  });
  const root = layout.properties.get("/") ?? {};
  const chan = layout.properties.get(first.channels[0]!.path) ?? {};
  const rate = num(root["SamplingFrequency[Hz]"]);
  const gps = root["GPSTimeStamp"];
  let timeStart = 0n, timeStep = 0n;
  if (typeof gps === "bigint" && rate && rate > 0) {
    // DASCore goes through a Python datetime, which keeps microseconds.
    timeStart = ((gps + 500n) / 1000n) * 1000n;
    timeStep = BigInt(Math.round(1e9 / rate));
  } else if (typeof chan["wf_start_time"] === "bigint" && num(chan["wf_increment"])) {
    timeStart = chan["wf_start_time"] as bigint;
    timeStep = BigInt(Math.round(num(chan["wf_increment"])! * 1e9));
  } else {
    throw corrupt(path, 0, "TDMS: no GPSTimeStamp/SamplingFrequency[Hz] or wf_start_time/wf_increment");
  }
  const start = num(root["StartPosition[m]"]), res = num(root["SpatialResolution[m]"]);
  const distance = start !== undefined && res !== undefined
    ? { name: "distance", start, step: res * (num(root["Fibre Length Multiplier"]) ?? 1), units: "m" }
    : { name: "distance", start: 0, step: 1, units: null };
  const serial = root["SystemInfomation.Devices0.SerialNum"];
  const attrs: Record<string, RawAttrValue> = { data_type: "strain_rate", data_units: "" };
  if (typeof serial === "string") attrs["instrument_id"] = serial;
  const gauge = num(root["GaugeLength"]);
  if (gauge !== undefined) attrs["gauge_length"] = gauge;
  return { dtype, typeCode, itemSize, nch, rows, segments, timeStart, timeStep, distance, attrs };
}

/**
 * Says how much of a cut segment is missing. A segment declaring more bytes than the file holds
 * is read as DASCore reads it (its whole rows: DASCore's own sample file is such a copy), but
 * never silently: the warning gives the declared and present bytes and the rows read.
 */
function warnMissing(path: string, m: Model, policy: TruncationPolicy | undefined): void {
  m.segments.forEach((s, i) => {
    if (s.missingBytes <= 0) return;
    const unread = s.dataBytes - m.rows[i]! * m.nch * m.itemSize;
    warnTruncated(path, `TDMS: the segment whose raw data start at offset ${s.dataStart} declares ${s.dataBytes + s.missingBytes} bytes, the file holds ${s.dataBytes}: read ${m.rows[i]} whole rows; ${s.missingBytes + unread} bytes are missing or unread (truncated copy)`, policy);
  });
}

function summarize(m: Model): PatchSummary {
  const nt = m.rows.reduce((a, b) => a + b, 0);
  const time: CoordSummary = { min: m.timeStart, max: m.timeStart + m.timeStep * BigInt(Math.max(nt - 1, 0)), step: m.timeStep, length: nt, units: "s", dtype: "datetime64" };
  const d = m.distance;
  const distance: CoordSummary = { min: d.start, max: d.start + d.step * (m.nch - 1), step: d.step, length: m.nch, units: d.units, dtype: "float64" };
  return { key: "", dims: ["time", "distance"], shape: [nt, m.nch], dataDtype: m.dtype, attrs: m.attrs, coords: { time, distance } };
}

const CTORS: Record<string, new (n: number) => TypedArray> = {
  int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array, uint8: Uint8Array,
  uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array, float32: Float32Array, float64: Float64Array,
};

function getter(v: ByteView, dtype: string): (at: number) => number | bigint {
  switch (dtype) {
    case "int8": return (a) => v.i8(a);
    case "int16": return (a) => v.i16(a);
    case "int32": return (a) => v.i32(a);
    case "int64": return (a) => v.i64(a);
    case "uint8": return (a) => v.u8(a);
    case "uint16": return (a) => v.u16(a);
    case "uint32": return (a) => v.u32(a);
    case "uint64": return (a) => v.u64(a);
    case "float32": return (a) => v.f32(a);
    default: return (a) => v.f64(a);
  }
}

/** Copies rows `[r0, r1)` (segment-relative) of channels `[c0, c1)` into `out` at row `outRow`. */
async function readSegmentRows(
  file: BinaryFile, m: Model, s: Segment, r0: number, r1: number, c0: number, c1: number, out: TypedArray, outRow: number,
): Promise<void> {
  const width = c1 - c0, size = m.itemSize;
  if (s.interleaved) {
    const rowBytes = m.nch * size;
    const v = await file.view(s.dataStart + r0 * rowBytes, (r1 - r0) * rowBytes, s.littleEndian, "TDMS: truncated raw data");
    const get = getter(v, m.dtype);
    for (let r = r0; r < r1; r++) {
      for (let c = c0; c < c1; c++) (out as Float64Array)[(outRow + r - r0) * width + c - c0] = get(((r - r0) * m.nch + c) * size) as number;
    }
    return;
  }
  // Non-interleaved: chunk k holds `values` samples of channel 0, then of channel 1, ...
  const values = s.channels[0]!.values, chunkBytes = m.nch * values * size;
  const k0 = Math.floor(r0 / values), k1 = Math.ceil(r1 / values);
  const v = await file.view(s.dataStart + k0 * chunkBytes, (k1 - k0) * chunkBytes, s.littleEndian, "TDMS: truncated raw data");
  const get = getter(v, m.dtype);
  for (let r = r0; r < r1; r++) {
    const k = Math.floor(r / values) - k0, i = r % values;
    for (let c = c0; c < c1; c++) {
      (out as Float64Array)[(outRow + r - r0) * width + c - c0] = get(k * chunkBytes + (c * values + i) * size) as number;
    }
  }
}

async function readModel(file: BinaryFile, m: Model, selection: Selection = {}): Promise<RawPatch> {
  const summary = summarize(m);
  const [t0, t1] = clampRange(selection["time"], summary.shape[0]!);
  const [c0, c1] = clampRange(selection["distance"], m.nch);
  const out = new CTORS[m.dtype]!((t1 - t0) * (c1 - c0));
  let first = 0;
  for (let i = 0; i < m.segments.length; i++) {
    const rows = m.rows[i]!;
    const a = Math.max(t0, first), b = Math.min(t1, first + rows);
    if (a < b && c0 < c1) await readSegmentRows(file, m, m.segments[i]!, a - first, b - first, c0, c1, out, a - t0);
    first += rows;
  }
  const d = m.distance;
  return {
    data: out,
    dims: ["time", "distance"],
    shape: [t1 - t0, c1 - c0],
    coords: {
      time: { kind: "range", start: m.timeStart + m.timeStep * BigInt(t0), step: m.timeStep, length: t1 - t0, units: "s", dtype: "datetime64" },
      distance: { kind: "range", start: d.start + c0 * d.step, step: d.step, length: c1 - c0, units: d.units, dtype: "float64" },
    },
    attrs: m.attrs,
  };
}

/**
 * TDMS reader for Silixa iDAS files. Segments' lead-ins and metadata are walked once (incremental
 * metadata, interleaved and non-interleaved raw data); the channels of the data objects become
 * the distance axis. Time starts at the root `GPSTimeStamp` (kept to microseconds, as DASCore
 * does) with step 1/`SamplingFrequency[Hz]`; distance is `StartPosition[m]` + i ·
 * `SpatialResolution[m]` · `Fibre Length Multiplier`. A selection reads only the byte ranges of
 * the rows it needs.
 *
 * @example
 * ```ts
 * const p = await tdmsFormat.read("a.tdms", "", "4713", { time: [0, 10] });
 * ```
 */
export const tdmsFormat: FormatModule = {
  name: "TDMS",
  versions: ["4712", "4713"],
  extensions: ["tdms"],
  async detect({ head }) {
    if (head.length < 28 || String.fromCharCode(...head.subarray(0, 4)) !== "TDSm") return null;
    const version = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(8, true);
    return version === 4712 || version === 4713 ? String(version) : null;
  },
  async scan(path, _version, _probe, policy) {
    return withFile(path, async (f) => [summarize(toModel(await readLayout(f, policy?.allowTruncated), path))]);
  },
  async read(path, key, _version, selection, _into, policy) {
    if (key !== "") throw corrupt(path, 0, `TDMS: no patch with key "${key}"`);
    return withFile(path, async (f) => {
      const model = toModel(await readLayout(f, policy?.allowTruncated), path);
      const patch = await readModel(f, model, selection);
      warnMissing(path, model, policy);
      return patch;
    });
  },
};
