// Turns a miniSEED file's record headers (v2 or v3) into patches as DASCore's MSeedV2/V3 do:
// records coalesce into contiguous per-source segments, segments with equal timing share a patch.
import { BinaryFile, ByteView, corrupt } from "./binaryFile.ts";
import { ENCODING_DTYPE } from "./steim.ts";
import { looksLikeMseed2, parseRecordHeader, type RecordHeader } from "./header.ts";
import { looksLikeMseed3, parseRecordHeader3 } from "./header3.ts";

/** Parses a v2 or v3 record header, by the record's first bytes. */
function parseAny(view: ByteView): RecordHeader {
  return looksLikeMseed3(view.bytes) ? parseRecordHeader3(view) : parseRecordHeader(view);
}

/** A contiguous run of records of one source. */
export interface Segment {
  first: RecordHeader;
  records: RecordHeader[];
  startNs: bigint;
  sampleCount: number;
  recordLength: number;
  dtype: "int32" | "float32" | "float64";
}

/** One patch: segments with equal network, location, channel, start, rate and count. */
export interface SegmentGroup {
  key: string;
  segments: Segment[];
  /** DASCore's stable channel index of each segment's source. */
  channels: number[];
}

/** Duration of `count` samples at `rate` in ns, rounded once as DASCore does. */
export function durationNs(rate: number, count: number): bigint {
  if (rate === 0) return 0n;
  const seconds = rate > 0 ? count / rate : count * -rate;
  return BigInt(Math.round(seconds * 1e9));
}

/** Where a truncated file's last record was cut (see {@link readRecordHeaders}). */
export interface RecordCut {
  offset: number;
  /** Bytes of the record present in the file. */
  present: number;
  /** Its declared length, or null when its header itself is cut. */
  declared: number | null;
}

/**
 * Reads every record header of the file. Files of large records get one 256-byte read per
 * record; files of small records (where headers are a large share of the bytes anyway) are read
 * in 64 KiB chunks to save system calls. A last record the file ends inside raises, unless
 * `allowTruncated`: it is then left out and described in `cut` (the caller warns).
 */
export async function readRecordHeaders(file: BinaryFile, allowTruncated = false): Promise<{ headers: RecordHeader[]; cut: RecordCut | null }> {
  const out: RecordHeader[] = [];
  let chunk: Uint8Array = new Uint8Array(0);
  let chunkAt = 0;
  let offset = 0;
  while (offset < file.size) {
    const small = out.length > 0 && out[out.length - 1]!.recordLength <= 1024;
    const want = Math.min(256, file.size - offset);
    if (offset < chunkAt || offset + want > chunkAt + chunk.length) {
      chunkAt = offset;
      chunk = await file.readUpTo(offset, small ? 1 << 16 : 256);
    }
    const bytes = chunk.subarray(offset - chunkAt, offset - chunkAt + want);
    if (bytes.length < 48) {
      if (allowTruncated && out.length > 0) return { headers: out, cut: { offset, present: bytes.length, declared: null } };
      throw corrupt(file.path, offset, "miniSEED: truncated record header");
    }
    let header: RecordHeader;
    try {
      header = parseAny(new ByteView(bytes, file.path, offset, false));
    } catch (e) {
      // A blockette chain longer than 256 bytes: retry with the largest plausible record.
      if (bytes.length < 256 || file.size - offset <= 256) throw e;
      const more = await file.readUpTo(offset, Math.min(file.size - offset, 1 << 16));
      header = parseAny(new ByteView(more, file.path, offset, false));
    }
    const previous = out[out.length - 1];
    if (header.formatVersion === 2 && (!previous || header.recordLength > previous.recordLength)) await checkEmbeddedRecord(file, header);
    if (offset + header.recordLength > file.size) {
      if (allowTruncated && out.length > 0) return { headers: out, cut: { offset, present: file.size - offset, declared: header.recordLength } };
      throw corrupt(file.path, offset, `miniSEED: record of ${header.recordLength} bytes runs past the end`);
    }
    out.push(header);
    offset += header.recordLength;
  }
  return { headers: out, cut: null };
}

/**
 * A miniSEED 2 record longer than the one before it (or the first) must not hold, at a shorter
 * power-of-two length, the header of the record that continues it: its length exponent is then
 * damaged (fuzz seed 1207 #505: 9 → 13 swallowed 15 records of 512 bytes and split the stream).
 * Good files pay a few 256-byte reads for their first record only.
 */
async function checkEmbeddedRecord(file: BinaryFile, h: RecordHeader): Promise<void> {
  if (h.sampleCount === 0 || h.sampleRate === 0) return;
  const end = h.startNs + durationNs(h.sampleRate, h.sampleCount);
  for (let k = 128; k < h.recordLength && h.offset + k + 48 <= file.size; k *= 2) {
    const bytes = await file.readUpTo(h.offset + k, 256);
    if (!looksLikeMseed2(bytes)) continue;
    let next: RecordHeader;
    try {
      next = parseRecordHeader(new ByteView(bytes, file.path, h.offset + k, false));
    } catch {
      continue;
    }
    if (next.sourceId === h.sourceId && next.startNs === end) {
      throw corrupt(file.path, h.offset, `miniSEED: record declares ${h.recordLength} bytes, but the record continuing it starts ${k} bytes in (damaged record length)`);
    }
  }
}

/** Text (log) records: skipped, as DASCore skips them. */
const TEXT_ENCODING = 0;

/**
 * Throws CorruptFileError for records that cannot be trusted: samples in an encoding daspool
 * cannot decode (skipping them would shift the stream silently), and miniSEED 2 records whose
 * start time or sample rate contradicts both neighbours of their source, which agree with each
 * other (miniSEED 2 has no checksum; a damaged header field shows up this way, and would
 * otherwise split the stream into extra patches).
 */
export function checkRecords(path: string, headers: readonly RecordHeader[]): void {
  const bySource = new Map<string, RecordHeader[]>();
  for (const h of headers) {
    if (h.sampleCount === 0 || h.encoding === TEXT_ENCODING) continue;
    if (ENCODING_DTYPE[h.encoding] === undefined) {
      throw corrupt(path, h.offset, `miniSEED: record of ${h.sampleCount} samples has encoding ${h.encoding}, which cannot be decoded (damaged or unsupported)`);
    }
    const list = bySource.get(h.sourceId);
    if (list) list.push(h);
    else bySource.set(h.sourceId, [h]);
  }
  // In file order: a record between two of another source that it continues exactly, in time,
  // carries that source's samples under damaged codes (it would become a patch of its own).
  const timed = headers.filter((h) => h.sampleCount > 0 && h.encoding !== TEXT_ENCODING);
  for (let i = 1; i + 1 < timed.length; i++) {
    const a = timed[i - 1]!, b = timed[i]!, c = timed[i + 1]!;
    if (a.formatVersion !== 2 || a.sourceId !== c.sourceId || b.sourceId === a.sourceId || a.sampleRate !== c.sampleRate || a.sampleRate === 0) continue;
    const expectB = a.startNs + durationNs(a.sampleRate, a.sampleCount);
    if (b.startNs === expectB && c.startNs === expectB + durationNs(a.sampleRate, b.sampleCount)) {
      throw corrupt(path, b.offset + 8, `miniSEED: record of ${b.sourceId} continues ${a.sourceId} exactly between two of its records (damaged station codes)`);
    }
  }
  // A source of one record that a file-order neighbour of another source continues exactly (or
  // that continues one) is that neighbour's record under damaged codes; at the start or end of
  // the file the check above has no record on the other side (fuzz seed 1207 #244: a station
  // code bit flipped in the first record became a patch of its own).
  for (let i = 0; i < timed.length; i++) {
    const b = timed[i]!;
    if (b.formatVersion !== 2 || bySource.get(b.sourceId)!.length !== 1) continue;
    for (const n of [timed[i - 1], timed[i + 1]]) {
      if (!n || n.formatVersion !== 2 || n.sourceId === b.sourceId || n.sampleRate !== b.sampleRate || b.sampleRate === 0 || bySource.get(n.sourceId)!.length < 2) continue;
      const [x, y] = n === timed[i - 1] ? [n, b] : [b, n];
      if (y.startNs === x.startNs + durationNs(x.sampleRate, x.sampleCount)) {
        throw corrupt(path, b.offset + 8, `miniSEED: the only record of ${b.sourceId} continues exactly with ${n.sourceId}'s records (damaged station codes)`);
      }
    }
  }
  for (const list of bySource.values()) {
    for (let i = 1; i + 1 < list.length; i++) {
      const a = list[i - 1]!, b = list[i]!, c = list[i + 1]!;
      if (a.formatVersion !== 2 || a.sampleRate !== c.sampleRate || a.sampleRate === 0) continue;
      const expectB = a.startNs + durationNs(a.sampleRate, a.sampleCount);
      if (c.startNs !== expectB + durationNs(a.sampleRate, b.sampleCount)) continue;
      // a and c place b exactly: b must say the same.
      if (b.startNs !== expectB) throw corrupt(path, b.offset + 20, "miniSEED: record start time contradicts the records before and after it");
      if (b.sampleRate !== a.sampleRate) throw corrupt(path, b.offset + 32, `miniSEED: record sample rate ${b.sampleRate} contradicts the records before and after it (${a.sampleRate})`);
    }
    // The first and last records have one neighbour: where two records continue each other
    // exactly, an end record placed on the wrong side of them in time is damaged (fuzz etna
    // #1600: the last record's hour byte zeroed became a patch of its own, 7 hours early).
    const continues = (x: RecordHeader, y: RecordHeader) =>
      x.formatVersion === 2 && y.formatVersion === 2 && x.sampleRate === y.sampleRate && x.sampleRate !== 0 &&
      y.startNs === x.startNs + durationNs(x.sampleRate, x.sampleCount);
    const n = list.length;
    if (n >= 3 && continues(list[n - 3]!, list[n - 2]!) && list[n - 1]!.formatVersion === 2 && list[n - 1]!.startNs < list[n - 2]!.startNs) {
      throw corrupt(path, list[n - 1]!.offset + 20, "miniSEED: the last record of its source starts before the record preceding it, which continues the one before exactly (damaged start time)");
    }
    if (n >= 3 && continues(list[1]!, list[2]!) && list[0]!.formatVersion === 2 && list[0]!.startNs > list[1]!.startNs) {
      throw corrupt(path, list[0]!.offset + 20, "miniSEED: the first record of its source starts after the record following it, which the next continues exactly (damaged start time)");
    }
  }
}

/** Coalesces records (with samples and a decodable encoding) into per-source segments. */
export function toSegments(headers: readonly RecordHeader[]): Segment[] {
  const usable = headers.filter((h) => h.sampleCount > 0 && ENCODING_DTYPE[h.encoding] !== undefined);
  const sorted = usable
    .map((h, i) => ({ h, i }))
    .sort((a, b) => cmp(a.h.sourceId, b.h.sourceId) || cmpBig(a.h.startNs, b.h.startNs) || a.i - b.i)
    .map((x) => x.h);
  const out: Segment[] = [];
  let pending: Segment | undefined;
  for (const h of sorted) {
    const dtype = ENCODING_DTYPE[h.encoding]!;
    if (pending && pending.first.sourceId === h.sourceId && pending.first.sampleRate === h.sampleRate &&
        pending.first.formatVersion === h.formatVersion &&
        pending.dtype === dtype && pending.first.encoding === h.encoding &&
        pending.startNs + durationNs(h.sampleRate, pending.sampleCount) === h.startNs) {
      pending.records.push(h);
      pending.sampleCount += h.sampleCount;
      pending.recordLength = Math.max(pending.recordLength, h.recordLength);
      continue;
    }
    if (pending) out.push(pending);
    pending = { first: h, records: [h], startNs: h.startNs, sampleCount: h.sampleCount, recordLength: h.recordLength, dtype };
  }
  if (pending) out.push(pending);
  return out;
}

/** DASCore's patch id of a group: `v<version>:NET.LOC.CHA:start_ns:rate:count`. */
function groupKey(s: Segment): string {
  const f = s.first;
  return `v${f.formatVersion}:${f.network}.${f.location}.${f.channel}:${s.startNs}:${f.sampleRate}:${s.sampleCount}`;
}

/** Groups segments into patches, ordered by their first channel index (DASCore's order). */
export function toGroups(segments: readonly Segment[]): SegmentGroup[] {
  const byStation = [...segments].sort((a, b) =>
    cmp(a.first.station, b.first.station) || cmp(a.first.sourceId, b.first.sourceId));
  const channelOf = new Map<string, number>();
  for (const s of byStation) if (!channelOf.has(s.first.sourceId)) channelOf.set(s.first.sourceId, channelOf.size);
  const groups = new Map<string, Segment[]>();
  for (const s of byStation) {
    const k = groupKey(s);
    const list = groups.get(k);
    if (list) list.push(s);
    else groups.set(k, [s]);
  }
  const out = [...groups].map(([key, segs]) => ({
    key,
    segments: segs,
    channels: segs.map((s) => channelOf.get(s.first.sourceId)!),
  }));
  return out.sort((a, b) => Math.min(...a.channels) - Math.min(...b.channels));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
