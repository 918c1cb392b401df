// The SEG-Y format module (DASCore "segy"): one (time, channel) patch of all traces; reads only
// the byte range of the selected traces.
import type { FormatModule, PatchSummary, RawPatch, Selection, TruncationPolicy, TypedArray } from "../types.ts";
import { warnTruncated } from "../truncation.ts";
import { ByteView, clampRange, corrupt, withFile, type BinaryFile } from "../mseed/binaryFile.ts";
import { BINARY_BYTES, parseBinaryHeader, SAMPLE_FORMATS, sampleReader, TEXT_BYTES, traceStartNs, type SegyLayout } from "./header.ts";
import { writeSegy } from "./write.ts";

interface Model {
  layout: SegyLayout;
  samples: number;
  startNs: bigint;
  stepNs: bigint;
  dtype: string;
}

async function readModel(file: BinaryFile, policy?: TruncationPolicy): Promise<Model> {
  const bin = await file.view(TEXT_BYTES, BINARY_BYTES, false, "SEG-Y: truncated binary header");
  const layout = parseBinaryHeader(bin, file.size);
  if (!layout) throw corrupt(file.path, TEXT_BYTES, "SEG-Y: implausible binary header or trace layout");
  const th = await file.view(layout.firstTrace, 240, layout.littleEndian, "SEG-Y: truncated trace header");
  // DASCore (segyio) takes the sampling of trace 0; traces must share the binary header's length.
  const samples = th.i16(114) || layout.samples;
  if (samples !== layout.samples) throw corrupt(file.path, layout.firstTrace + 114, "SEG-Y: trace length differs from the binary header");
  const interval = th.i16(116) || layout.intervalUs;
  if (interval <= 0) throw corrupt(file.path, layout.firstTrace + 116, "SEG-Y: no sample interval");
  if (layout.tailBytes > 0 && !policy?.allowTruncated) {
    throw corrupt(file.path, file.size, `SEG-Y: ${truncation(layout)} (truncated; read it with allowTruncated to get the whole traces)`);
  }
  return { layout, samples, startNs: traceStartNs(th), stepNs: BigInt(interval) * 1000n, dtype: SAMPLE_FORMATS[layout.format]![0] };
}

const truncation = (l: SegyLayout) =>
  `the file ends ${l.tailBytes} bytes into trace ${l.traces} of ${l.traceBytes} bytes, ${l.traceBytes - l.tailBytes} bytes missing`;

function summarize(m: Model): PatchSummary {
  const n = m.samples, nch = m.layout.traces;
  return {
    key: "", dims: ["time", "channel"], shape: [n, nch], dataDtype: m.dtype, attrs: {},
    coords: {
      time: { min: m.startNs, max: m.startNs + m.stepNs * BigInt(n - 1), step: m.stepNs, length: n, units: "s", dtype: "datetime64" },
      channel: { min: 0, max: nch - 1, step: 1, length: nch, units: null, dtype: "int64" },
    },
  };
}

const CTORS: Record<string, new (n: number) => TypedArray> = {
  float32: Float32Array, float64: Float64Array, int32: Int32Array, int16: Int16Array, int8: Int8Array,
  uint32: Uint32Array, uint16: Uint16Array, uint8: Uint8Array,
};

async function readPatch(file: BinaryFile, m: Model, selection: Selection = {}): Promise<RawPatch> {
  const [t0, t1] = clampRange(selection["time"], m.samples);
  const [c0, c1] = clampRange(selection["channel"], m.layout.traces);
  const nt = t1 - t0, nc = c1 - c0;
  const out = new CTORS[m.dtype]!(nt * nc) as Float64Array;
  if (nt > 0 && nc > 0) {
    const { traceBytes, firstTrace, littleEndian, format } = m.layout;
    const start = firstTrace + c0 * traceBytes;
    const all = new ByteView(await file.read(start, nc * traceBytes, "SEG-Y: truncated traces"), file.path, start, littleEndian);
    for (let c = 0; c < nc; c++) {
      const get = sampleReader(all.sub(c * traceBytes + 240, traceBytes - 240), format);
      for (let t = t0; t < t1; t++) out[(t - t0) * nc + c] = get(t);
    }
  }
  return {
    data: out, dims: ["time", "channel"], shape: [nt, nc], attrs: {},
    coords: {
      time: { kind: "range", start: m.startNs + m.stepNs * BigInt(t0), step: m.stepNs, length: nt, units: "s", dtype: "datetime64" },
      channel: { kind: "range", start: c0, step: 1, length: nc, units: null, dtype: "int64" },
    },
  };
}

/**
 * SEG-Y reader and writer. Fixed-length traces only (what DASCore's segyio path supports): the
 * traces become the `channel` axis (0..n-1, no distance in the headers) and time starts at trace
 * 0's year/day/hour/minute/second with step = its sample interval. IBM floats are converted to
 * float32; rev 2 little-endian files are recognised by their byte-order word. The version is
 * the binary header's `major.minor` ("2.1" for the real test file).
 *
 * @example
 * ```ts
 * const patch = await segyFormat.read("a.sgy", "", "2.1", { channel: [0, 4] });
 * ```
 */
export const segyFormat: FormatModule = {
  name: "segy",
  versions: ["0.0", "1.0", "2.0", "2.1"],
  extensions: ["segy", "sgy"],
  async detect({ head, size }) {
    if (head.length < TEXT_BYTES + BINARY_BYTES) return null;
    const bin = new ByteView(head.subarray(TEXT_BYTES, TEXT_BYTES + BINARY_BYTES), "", TEXT_BYTES, false);
    return parseBinaryHeader(bin, size)?.version ?? null;
  },
  async scan(path, _version, _probe, policy) {
    return withFile(path, async (f) => [summarize(await readModel(f, policy))]);
  },
  async read(path, key, _version, selection, _into, policy) {
    if (key !== "") throw corrupt(path, 0, `SEG-Y: no patch with key "${key}"`);
    return withFile(path, async (f) => {
      const m = await readModel(f, policy);
      const patch = await readPatch(f, m, selection);
      if (m.layout.tailBytes > 0) warnTruncated(f.path, `SEG-Y: ${truncation(m.layout)}: read the ${m.layout.traces} whole traces`, policy);
      return patch;
    });
  },
  write: writeSegy,
};
