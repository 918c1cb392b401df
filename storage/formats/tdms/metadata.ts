// Parses TDMS (NI, versions 4712/4713) lead-ins and metadata into a list of raw-data segments;
// reads only lead-ins and metadata blocks, never raw data.
import { BinaryFile, ByteView, corrupt } from "../mseed/binaryFile.ts";
import type { RawAttrValue } from "../types.ts";

const LEAD_IN = 28;
const TOC_META = 1 << 1, TOC_NEW_OBJ_LIST = 1 << 2, TOC_RAW = 1 << 3, TOC_INTERLEAVED = 1 << 5,
  TOC_BIG_ENDIAN = 1 << 6, TOC_DAQMX = 1 << 7;
/** TDMS numeric type codes → numpy dtype name and byte size. */
export const TDMS_DTYPES: Readonly<Record<number, readonly [string, number]>> = {
  1: ["int8", 1], 2: ["int16", 2], 3: ["int32", 4], 4: ["int64", 8], 5: ["uint8", 1],
  6: ["uint16", 2], 7: ["uint32", 4], 8: ["uint64", 8], 9: ["float32", 4], 10: ["float64", 8],
};
const EPOCH_1904_S = -2_082_844_800n; // 1904-01-01 in Unix seconds

/** One channel's raw-data layout inside a segment. */
export interface ChannelIndex {
  path: string;
  typeCode: number;
  /** Values of this channel per chunk. */
  values: number;
}

/** One segment with raw data. */
export interface Segment {
  /** File offset of the raw data and its byte length. */
  dataStart: number;
  dataBytes: number;
  interleaved: boolean;
  littleEndian: boolean;
  channels: ChannelIndex[];
  /** Bytes of raw data the segment declares beyond the end of the file (0: whole). */
  missingBytes: number;
}

/** Everything the metadata says: object properties (merged over segments) and segments. */
export interface TdmsLayout {
  version: number;
  properties: Map<string, Record<string, RawAttrValue>>;
  segments: Segment[];
}

/**
 * TDMS timestamp (u64 fractions of 2^-64 s, i64 seconds since 1904) → ns since 1970.
 *
 * @example
 * ```ts
 * tdmsTimeNs(1n << 63n, 2_082_844_800n); // 500_000_000n (1970-01-01T00:00:00.5Z)
 * ```
 */
export function tdmsTimeNs(fractions: bigint, seconds: bigint): bigint {
  return (seconds + EPOCH_1904_S) * 1_000_000_000n + ((fractions * 1_000_000_000n) >> 64n);
}

/** Reads the lead-in at `offset` and checks its tag. */
export function parseLeadIn(v: ByteView) {
  if (v.ascii(0, 4) !== "TDSm") throw corrupt(v.path, v.base, "TDMS: missing segment tag 'TDSm'");
  v.littleEndian = true;
  const toc = v.u32(4);
  if (toc & TOC_BIG_ENDIAN) v.littleEndian = false;
  return { toc, version: v.u32(8), next: v.u64(12), raw: v.u64(20) };
}

class Reader {
  at = 0;
  constructor(readonly v: ByteView) {}
  u32() { const x = this.v.u32(this.at); this.at += 4; return x; }
  u64() { const x = this.v.u64(this.at); this.at += 8; return x; }
  string() {
    const n = this.u32();
    const s = this.v.utf8(this.at, n);
    this.at += n;
    return s;
  }
  value(type: number): RawAttrValue {
    const v = this.v, at = this.at;
    const size = TDMS_DTYPES[type]?.[1];
    if (size !== undefined) {
      this.at += size;
      switch (type) {
        case 1: return v.i8(at); case 2: return v.i16(at); case 3: return v.i32(at);
        case 4: return v.i64(at); case 5: return v.u8(at); case 6: return v.u16(at);
        case 7: return v.u32(at); case 8: return v.u64(at); case 9: return v.f32(at);
        default: return v.f64(at);
      }
    }
    if (type === 0x20) return this.string();
    if (type === 0x21) { this.at += 1; return v.u8(at) !== 0; }
    if (type === 0x44) {
      const fractions = v.u64(at), seconds = v.i64(at + 8);
      this.at += 16;
      return tdmsTimeNs(fractions, seconds);
    }
    throw corrupt(v.path, v.base + at, `TDMS: unsupported property type ${type}`);
  }
}

/**
 * Walks every segment of the file, reading lead-ins and metadata only. A segment cut inside a
 * row raises unless `allowTruncated` (its whole rows are then read; the caller warns).
 */
export async function readLayout(file: BinaryFile, allowTruncated = false): Promise<TdmsLayout> {
  const properties = new Map<string, Record<string, RawAttrValue>>();
  const segments: Segment[] = [];
  const lastIndex = new Map<string, ChannelIndex>();
  let order: string[] = [];
  let listed = new Set<string>(); // mirrors `order` for O(1) membership with thousands of channels
  let offset = 0;
  let version = 0;
  while (offset < file.size) {
    const lead = await file.view(offset, LEAD_IN, true, "TDMS: truncated lead-in");
    const { toc, version: ver, next, raw } = parseLeadIn(lead);
    if (toc & TOC_DAQMX) throw corrupt(file.path, offset + 4, "TDMS: DAQmx raw data is not supported");
    version ||= ver;
    const start = offset + LEAD_IN;
    // An unfinished last segment has next = 0xFFFF...; its data run to the end of the file.
    const unfinished = next === 0xffff_ffff_ffff_ffffn;
    // A segment declaring more bytes than the file has was cut short (copies of long recordings
    // often are, DASCore's sample file too): its whole rows are read, as DASCore does, and a cut
    // inside a row is an error below, never a silently shorter read.
    const cut = !unfinished && next > BigInt(file.size - start);
    const end = unfinished || cut ? file.size : start + Number(next);
    if (raw > BigInt(end - start)) throw corrupt(file.path, offset + 20, "TDMS: raw data offset past the segment end");
    const dataStart = start + Number(raw);
    if (toc & TOC_META) {
      // The view ends where the raw data start: a raw-data offset damaged to point inside the
      // metadata makes parsing run into its end (CorruptFileError), never read samples from there.
      const meta = new Reader(await file.view(start, dataStart - start, lead.littleEndian, "TDMS: truncated metadata"));
      order = toc & TOC_NEW_OBJ_LIST ? [] : [...order];
      listed = new Set(order);
      const add = (path: string) => { if (!listed.has(path)) { listed.add(path); order.push(path); } };
      const count = meta.u32();
      for (let i = 0; i < count; i++) {
        const at = meta.at;
        const path = meta.string();
        const indexLength = meta.u32();
        if (indexLength === 0xffff_ffff) {
          if (listed.delete(path)) order = order.filter((p) => p !== path);
        } else if (indexLength === 0) {
          if (!lastIndex.has(path)) throw corrupt(file.path, start + at, `TDMS: object ${path} reuses a missing index`);
          add(path);
        } else {
          const typeCode = meta.u32();
          if (meta.u32() !== 1) throw corrupt(file.path, start + meta.at - 4, "TDMS: raw data dimension must be 1");
          const values = meta.u64();
          if (indexLength !== 20) meta.at += indexLength - 20; // strings carry a total size
          if (values > BigInt(file.size)) throw corrupt(file.path, start + meta.at - 8, "TDMS: implausible value count");
          lastIndex.set(path, { path, typeCode, values: Number(values) });
          add(path);
        }
        const props = properties.get(path) ?? {};
        const nProps = meta.u32();
        for (let k = 0; k < nProps; k++) {
          const name = meta.string();
          props[name] = meta.value(meta.u32());
        }
        properties.set(path, props);
      }
    }
    if (toc & TOC_RAW && end > dataStart) {
      const channels = order.map((p) => lastIndex.get(p)!).filter((c) => c.values > 0);
      const interleaved = (toc & TOC_INTERLEAVED) !== 0;
      const rowBytes = channels.reduce((n, c) => n + (TDMS_DTYPES[c.typeCode]?.[1] ?? 0), 0);
      const chunk = channels.reduce((n, c) => n + c.values * (TDMS_DTYPES[c.typeCode]?.[1] ?? 0), 0);
      // A complete segment holds whole chunks; one cut short (or unfinished) must still end on a
      // whole row (interleaved) or chunk: anything else means bytes were lost mid-sample-row.
      const unit = !cut && !unfinished ? chunk : interleaved ? rowBytes : chunk;
      const partial = (cut || unfinished) && allowTruncated;
      if (unit > 0 && (end - dataStart) % unit !== 0 && !partial) {
        const lost = unit - ((end - dataStart) % unit);
        throw corrupt(file.path, dataStart, `TDMS: raw data of ${end - dataStart} bytes ends ${lost} bytes short of a whole ${cut || unfinished ? (interleaved ? "row" : "chunk") : "chunk"} of ${unit} bytes (truncated or damaged)`);
      }
      const missingBytes = cut ? start + Number(next) - file.size : unfinished && unit > 0 ? (unit - ((end - dataStart) % unit)) % unit : 0;
      segments.push({ dataStart, dataBytes: end - dataStart, interleaved, littleEndian: lead.littleEndian, channels, missingBytes });
    }
    if (end <= offset) break;
    offset = end;
  }
  return { version, properties, segments };
}
