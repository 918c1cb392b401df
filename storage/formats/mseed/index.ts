// The miniSEED module (DASCore "MSEED" "2" and "3"): one patch per group of sources with equal
// timing, dims (channel, time); reads decode only the records a selection touches.
import type { FormatModule, PatchSummary, RawAttrValue, RawCoord, RawPatch, Selection, TruncationPolicy } from "../types.ts";
import { warnTruncated } from "../truncation.ts";
import { ByteView, clampRange, corrupt, withFile, type BinaryFile } from "./binaryFile.ts";
import { looksLikeMseed2, periodNs, type RecordHeader } from "./header.ts";
import { looksLikeMseed3, recordCrc } from "./header3.ts";
import { checkRecords, readRecordHeaders, toGroups, toSegments, type SegmentGroup } from "./layout.ts";
import { decodeSamples } from "./steim.ts";

async function loadGroups(file: BinaryFile, policy?: TruncationPolicy, warn = false): Promise<SegmentGroup[]> {
  const { headers, cut } = await readRecordHeaders(file, policy?.allowTruncated === true);
  checkRecords(file.path, headers);
  await checkEmptyRecords(file, headers);
  if (cut && warn) {
    const missing = cut.declared === null ? "its header is cut" : `${cut.declared - cut.present} of its ${cut.declared} bytes are missing`;
    warnTruncated(file.path, `miniSEED: the file ends inside the record at offset ${cut.offset} (${missing}): read the ${headers.length} whole records before it`, policy);
  }
  return toGroups(toSegments(headers));
}

/**
 * A Steim record claiming 0 samples whose frames carry data lost its sample count (fuzz etna
 * #3166: the first record of a channel read as empty, 2,640 samples dropped silently). Such
 * records are rare, so reading the start of their data section costs nothing for good files.
 */
async function checkEmptyRecords(file: BinaryFile, headers: readonly RecordHeader[]): Promise<void> {
  for (const h of headers) {
    if (h.sampleCount !== 0 || (h.encoding !== 10 && h.encoding !== 11) || h.dataOffset <= 0 || h.dataOffset >= h.recordLength) continue;
    const n = Math.min(64, h.recordLength - h.dataOffset);
    const bytes = await file.read(h.offset + h.dataOffset, n, "miniSEED: truncated record");
    if (bytes.some((b) => b !== 0)) {
      throw corrupt(file.path, h.offset + 30, "miniSEED: record says it holds 0 samples but its Steim frames carry data (damaged sample count)");
    }
  }
}

function findGroup(groups: SegmentGroup[], key: string, path: string): SegmentGroup {
  const g = key === "" && groups.length === 1 ? groups[0] : groups.find((x) => x.key === key);
  if (!g) throw corrupt(path, 0, `miniSEED: no patch with key "${key}"`);
  return g;
}

/** Channel coordinate: a range when the indices are consecutive, else explicit values. */
function channelCoord(channels: number[]): RawCoord {
  const consecutive = channels.every((c, i) => c === channels[0]! + i);
  if (consecutive) return { kind: "range", start: channels[0]!, step: 1, length: channels.length, units: null, dtype: "int64" };
  return { kind: "array", values: BigInt64Array.from(channels.map(BigInt)), units: null, dtype: "int64" };
}

/**
 * Attributes of a group. DASCore keeps per-channel network/station/location/seed_channel as
 * string coordinates; our coordinates are numeric, so they become string-list attrs here, and
 * `network`/`station` are set when uniform (station only for one-channel patches).
 */
function groupAttrs(g: SegmentGroup): Record<string, RawAttrValue> {
  const f = g.segments[0]!.first;
  const stations = g.segments.map((s) => s.first.station);
  return {
    data_type: "",
    tag: `${f.network}.${f.location}.${f.channel}`,
    network: f.network,
    station: stations.length === 1 ? stations[0]! : "",
    location: f.location,
    seed_channel: f.channel,
    stations,
    source_ids: g.segments.map((s) => s.first.sourceId),
    sample_rate: f.sampleRate,
    sample_type: g.segments[0]!.dtype === "int32" ? "i" : g.segments[0]!.dtype === "float32" ? "f" : "d",
    mseed_encoding: String(f.encoding),
    mseed_publication_version: f.publication,
    mseed_record_length: Math.max(...g.segments.map((s) => s.recordLength)),
  };
}

function summarize(g: SegmentGroup): PatchSummary {
  const s = g.segments[0]!;
  const step = periodNs(s.first.sampleRate);
  return {
    key: g.key,
    dims: ["channel", "time"],
    shape: [g.segments.length, s.sampleCount],
    dataDtype: s.dtype,
    attrs: groupAttrs(g),
    coords: {
      channel: { min: Math.min(...g.channels), max: Math.max(...g.channels), step: g.channels.every((c, i) => c === g.channels[0]! + i) ? 1 : null, length: g.channels.length, units: null, dtype: "int64" },
      time: { min: s.startNs, max: s.startNs + step * BigInt(s.sampleCount - 1), step, length: s.sampleCount, units: "s", dtype: "datetime64" },
    },
  };
}

/** Reads the records of one segment overlapping samples `[t0, t1)` into `out` at `outAt`. */
async function readSegmentInto(
  file: BinaryFile, records: RecordHeader[], t0: number, t1: number,
  out: Int32Array | Float32Array | Float64Array, outAt: number,
): Promise<void> {
  // Find the records overlapping the window, then read adjacent ones in one ranged read each.
  const wanted: { rec: RecordHeader; first: number }[] = [];
  let first = 0;
  for (const rec of records) {
    if (first < t1 && first + rec.sampleCount > t0) wanted.push({ rec, first });
    first += rec.sampleCount;
  }
  let i = 0;
  while (i < wanted.length) {
    let j = i + 1;
    let end = wanted[i]!.rec.offset + wanted[i]!.rec.recordLength;
    while (j < wanted.length && wanted[j]!.rec.offset === end && end - wanted[i]!.rec.offset < 8 << 20) {
      end += wanted[j]!.rec.recordLength;
      j++;
    }
    const start = wanted[i]!.rec.offset;
    const bytes = await file.read(start, end - start, "miniSEED: truncated record");
    for (const { rec, first: f0 } of wanted.slice(i, j)) {
      if (rec.formatVersion === 3) {
        const record = bytes.subarray(rec.offset - start, rec.offset - start + rec.recordLength);
        const stored = new DataView(record.buffer, record.byteOffset + 28, 4).getUint32(0, true);
        if (recordCrc(record) !== stored) throw corrupt(file.path, rec.offset + 28, "miniSEED 3: record CRC mismatch");
      }
      const view = new ByteView(bytes, file.path, start, rec.dataLittleEndian)
        .sub(rec.offset - start + rec.dataOffset, rec.recordLength - rec.dataOffset);
      const tmp = new (out.constructor as Int32ArrayConstructor)(rec.sampleCount) as typeof out;
      decodeSamples(view, rec.encoding, rec.sampleCount, tmp, 0);
      const a = Math.max(t0, f0), b = Math.min(t1, f0 + rec.sampleCount);
      out.set(tmp.subarray(a - f0, b - f0), outAt + a - t0);
    }
    i = j;
  }
}

async function readGroup(file: BinaryFile, g: SegmentGroup, selection: Selection = {}): Promise<RawPatch> {
  const summary = summarize(g);
  const [c0, c1] = clampRange(selection["channel"], g.segments.length);
  const [t0, t1] = clampRange(selection["time"], summary.shape[1]!);
  const n = t1 - t0;
  const Ctor = summary.dataDtype === "int32" ? Int32Array : summary.dataDtype === "float32" ? Float32Array : Float64Array;
  const data = new Ctor((c1 - c0) * n);
  for (let c = c0; c < c1; c++) {
    if (n > 0) await readSegmentInto(file, g.segments[c]!.records, t0, t1, data, (c - c0) * n);
  }
  const s = g.segments[0]!;
  const step = periodNs(s.first.sampleRate);
  const sub: SegmentGroup = { key: g.key, segments: g.segments.slice(c0, c1), channels: g.channels.slice(c0, c1) };
  return {
    data,
    dims: ["channel", "time"],
    shape: [c1 - c0, n],
    coords: {
      channel: sub.channels.length > 0 ? channelCoord(sub.channels)
        : { kind: "array", values: new BigInt64Array(0), units: null, dtype: "int64" },
      time: { kind: "range", start: s.startNs + step * BigInt(t0), step, length: n, units: "s", dtype: "datetime64" },
    },
    attrs: groupAttrs(g),
  };
}

/**
 * miniSEED 2 and 3 reader (DASCore's MSeedV2/MSeedV3). Records coalesce into per-source segments when each starts exactly where
 * the previous ends; segments with equal network, location, channel, start, rate and sample
 * count form one `(channel, time)` patch keyed `v<2|3>:NET.LOC.CHA:start_ns:rate:count` (DASCore's
 * source patch id). A trace with gaps therefore yields one patch per contiguous segment.
 * Text (log) records and records without samples are skipped. Steim data are checked against
 * their reverse integration constant, miniSEED 3 records against their CRC-32C, and miniSEED 2
 * records (no checksum) against their neighbours: start time, rate, codes and record length.
 *
 * @example
 * ```ts
 * const [row] = await mseedFormat.scan("a.mseed", "2");
 * const patch = await mseedFormat.read("a.mseed", row.key, "2", { time: [0, 1000] });
 * ```
 */
export const mseedFormat: FormatModule = {
  name: "MSEED",
  versions: ["2", "3"],
  extensions: ["mseed", "msd", "miniseed"],
  async detect(probe) {
    if (looksLikeMseed3(probe.head)) return "3";
    return looksLikeMseed2(probe.head) ? "2" : null;
  },
  async scan(path, _version, _probe, policy) {
    return withFile(path, async (f) => (await loadGroups(f, policy)).map(summarize));
  },
  async read(path, key, _version, selection, _into, policy) {
    return withFile(path, async (f) => readGroup(f, findGroup(await loadGroups(f, policy, true), key, path), selection));
  },
};
