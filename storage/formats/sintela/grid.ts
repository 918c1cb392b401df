// Sintela BAND and FFT packets: one (time, distance, band|frequency) float32 patch with one time
// sample per packet; a selection decodes only the packets it touches.
import type { PatchSummary, RawAttrValue, RawCoord, RawPatch, Selection } from "../types.ts";
import { clampRange, corrupt, type BinaryFile } from "../mseed/binaryFile.ts";
import { coordFromValues, sliceCoord, summarizeCoord } from "../rawCoords.ts";
import { Message, timestampNs } from "./protobuf.ts";
import { baseAttrs, commonHeaders, packedFloats, same, type Stream } from "./records.ts";

const BAND_TYPES: Record<number, [string, string]> = { 10: ["temperature", ""], 13: ["phase", "radians"] };

/** A BAND or FFT stream: one row per packet, `nch` channels, `nk` bands or bins. */
export interface GridModel {
  stream: Stream;
  third: "band" | "frequency";
  nch: number;
  nk: number;
  coords: Record<string, RawCoord>;
  attrs: Record<string, RawAttrValue>;
}

/** Validates BAND/FFT headers (DASCore's rules) and builds the coordinates. */
export function gridModel(path: string, stream: Stream): GridModel {
  const { packets, family } = stream;
  const commons = commonHeaders(path, packets);
  const eq = (what: string, get: (i: number) => number) => same(path, packets, what, get);
  const nch = eq("num_channels", (i) => commons[i]!.int(2));
  const spacing = eq("channel_spacing", (i) => commons[i]!.float(4));
  const gauge = eq("gauge_length", (i) => commons[i]!.float(5));
  const startChannel = eq("start_channel", (i) => commons[i]!.int(6));
  const times = BigInt64Array.from(commons, (c, i) => {
    const t = c.message(1);
    if (!t) throw corrupt(path, packets[i]!.offset, `Sintela: missing time in ${family} packet`);
    return timestampNs(t);
  });
  const attrs = baseAttrs(stream, gauge, startChannel, spacing);
  const coords: Record<string, RawCoord> = { time: coordFromValues(times, { units: "s", dtype: "datetime64" }) };
  let nk: number, third: GridModel["third"], distStep = spacing;
  if (family === "band") {
    third = "band";
    const defs = packets.map((p) => p.header.all.filter((f) => f.number === 2).map((f) => new Message(p.header.view.sub(f.at, f.length))));
    const key = (i: number) => defs[i]!.map((d) => [d.int(1), d.float(2), d.float(3), d.string(5), d.string(6)].join("|")).join(";");
    packets.forEach((p, i) => { if (key(i) !== key(0)) throw corrupt(path, p.offset, "Sintela: inconsistent band_data_info across packets"); });
    const bands = defs[0]!;
    nk = bands.length;
    if (nk === 0) throw corrupt(path, packets[0]!.offset, "Sintela: band packets without band definitions");
    coords["band"] = { kind: "range", start: 0, step: 1, length: nk, units: null, dtype: "int64" };
    coords["band_start_frequency"] = { kind: "array", values: Float64Array.from(bands, (b) => b.float(2)), units: null, dtype: "float64", dims: ["band"] };
    coords["band_end_frequency"] = { kind: "array", values: Float64Array.from(bands, (b) => b.float(3)), units: null, dtype: "float64", dims: ["band"] };
    attrs["band_description"] = bands.map((b) => b.string(5));
    attrs["band_source"] = bands.map((b) => b.string(6));
    const [type, units] = BAND_TYPES[bands[0]!.int(1)] ?? ["", ""];
    Object.assign(attrs, { data_type: type, data_units: units });
  } else {
    third = "frequency";
    nk = eq("num_bins", (i) => packets[i]!.header.int(2));
    const binRes = eq("bin_res", (i) => packets[i]!.header.float(3));
    const channelStep = eq("channel_step", (i) => packets[i]!.header.int(5));
    if (eq("has_complex_data", (i) => packets[i]!.header.int(8))) {
      throw corrupt(path, packets[0]!.offset, "Sintela: complex FFT data are not supported (no complex typed arrays)");
    }
    distStep = spacing * channelStep;
    coords["frequency"] = { kind: "range", start: 0, step: binRes, length: nk, units: "Hz", dtype: "float64" };
    Object.assign(attrs, { data_type: "", data_units: "", channel_step: channelStep });
  }
  for (const p of packets) {
    if (nch < 0 || nk < 0 || nch * nk * 4 > p.size) throw corrupt(path, p.offset, `Sintela: ${nch} × ${nk} samples cannot fit a ${p.size}-byte packet`);
  }
  coords["distance"] = { kind: "range", start: startChannel * spacing, step: distStep, length: nch, units: "m", dtype: "float64" };
  return { stream, third, nch, nk, coords, attrs };
}

/** The index row of a BAND/FFT stream. */
export function gridSummary(m: GridModel): PatchSummary {
  const dims = ["time", "distance", m.third];
  return {
    key: "", dims, shape: [m.stream.packets.length, m.nch, m.nk], dataDtype: "float32", attrs: m.attrs,
    coords: Object.fromEntries(dims.map((d) => [d, summarizeCoord(m.coords[d]!)])),
  };
}

/** Reads `selection` of a BAND/FFT stream, decoding only the selected packets. */
export async function readGrid(f: BinaryFile, m: GridModel, selection: Selection = {}): Promise<RawPatch> {
  const { packets } = m.stream;
  const [t0, t1] = clampRange(selection["time"], packets.length);
  const [d0, d1] = clampRange(selection["distance"], m.nch);
  const [k0, k1] = clampRange(selection[m.third], m.nk);
  const nd = d1 - d0, nk = k1 - k0;
  const out = new Float32Array((t1 - t0) * nd * nk);
  for (let t = t0; t < t1 && nd > 0 && nk > 0; t++) {
    const p = packets[t]!;
    const body = new Message(await f.view(p.offset, p.size, true, "Sintela: truncated packet"));
    const at = packedFloats(body, 2, m.nch * m.nk, f.path, p.offset);
    for (let d = d0; d < d1; d++) {
      for (let k = k0; k < k1; k++) out[((t - t0) * nd + d - d0) * nk + k - k0] = body.view.f32(at + 4 * (d * m.nk + k));
    }
  }
  const coords: Record<string, RawCoord> = {
    time: sliceCoord(m.coords["time"]!, [t0, t1]),
    distance: sliceCoord(m.coords["distance"]!, [d0, d1]),
    [m.third]: sliceCoord(m.coords[m.third]!, [k0, k1]),
  };
  if (m.third === "band") {
    for (const name of ["band_start_frequency", "band_end_frequency"]) coords[name] = sliceCoord(m.coords[name]!, [k0, k1]);
  }
  return { data: out, dims: ["time", "distance", m.third], shape: [t1 - t0, nd, nk], coords, attrs: m.attrs };
}
