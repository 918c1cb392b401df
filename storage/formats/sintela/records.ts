// Walks a Sintela MTLV stream ('PBUF' magic, 4-byte tag, size, protobuf payload): the META
// record and each data packet's header, read from the packet's first bytes only.
import type { RawAttrValue } from "../types.ts";
import { corrupt, type BinaryFile, type ByteView } from "../mseed/binaryFile.ts";
import { Message, timestampNs } from "./protobuf.ts";

/** "PBUF" read as a little-endian u32. */
export const MAGIC = 0x46554250;
/** Packet tags per family, as DASCore names them. */
export const FAMILIES = { timeseries: ["TS05", "RF01"], band: ["BAND"], fft: ["FFT", "FFT-"] } as const;
export type Family = keyof typeof FAMILIES;

/** One data packet: where its payload is, its header, and its first row once laid out. */
export interface Packet { tag: string; offset: number; size: number; header: Message; first: number; rows: number }

/** What a walk finds: the data packets of one family and the last META record. */
export interface Stream { family: Family; packets: Packet[]; meta: Message | null }

function familyOf(tag: string): Family | null {
  for (const [family, tags] of Object.entries(FAMILIES)) if ((tags as readonly string[]).includes(tag)) return family as Family;
  return null;
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

/** Walks every record; mixed families, unknown data tags and a stream without data are errors. */
export async function walkStream(f: BinaryFile): Promise<Stream> {
  const packets: Packet[] = [];
  let meta: Message | null = null;
  let family: Family | null = null;
  let offset = 0;
  while (offset < f.size) {
    const head = await f.view(offset, Math.min(f.size - offset, 12 + 256), true, "Sintela: truncated record header");
    if (head.u32(0) !== MAGIC) throw corrupt(f.path, offset, "Sintela: bad record magic");
    const tag = head.ascii(4, 4).replace(/\0+$/, ""), size = head.u32(8);
    if (offset + 12 + size > f.size) throw corrupt(f.path, offset + 8, "Sintela: record payload runs past the end of the file");
    if (tag === "META") {
      meta = new Message(await f.view(offset + 12, size, true));
    } else {
      const fam = familyOf(tag);
      if (!fam) throw corrupt(f.path, offset + 4, `Sintela: unsupported packet tag ${JSON.stringify(tag)}`);
      if (family && fam !== family) throw corrupt(f.path, offset + 4, "Sintela: mixed packet families are unsupported");
      family = fam;
      // Serialisers write field 1 (the header) first, so it usually lies in the bytes already
      // read; otherwise the whole payload is read and decoded.
      const header = headerInHead(head.sub(12, Math.min(size, head.length - 12)))
        ?? new Message(await f.view(offset + 12, size, true)).message(1);
      if (!header) throw corrupt(f.path, offset + 12, "Sintela: packet without header");
      packets.push({ tag, offset: offset + 12, size, header, first: 0, rows: 0 });
    }
    offset += 12 + size;
  }
  if (!family) throw corrupt(f.path, 0, "Sintela: no data packets");
  return { family, packets, meta };
}

/** The common headers (field 1 of each packet header). */
export function commonHeaders(path: string, packets: Packet[]): Message[] {
  return packets.map((p) => {
    const c = p.header.message(1);
    if (!c) throw corrupt(path, p.offset, "Sintela: packet without common header");
    return c;
  });
}

/** The value `get(i)` shared by every packet (floats within 1e-6 relative), else an error. */
export function same(path: string, packets: Packet[], what: string, get: (i: number) => number): number {
  const v0 = get(0);
  packets.forEach((p, i) => {
    const v = get(i);
    if (!(v === v0 || Math.abs(v - v0) <= 1e-6 * Math.abs(v0))) throw corrupt(path, p.offset, `Sintela: inconsistent ${what} across packets`);
  });
  return v0;
}

/** Attributes every family shares: packet type and the META record's identification. */
export function baseAttrs(stream: Stream, gauge: number, startChannel: number, spacing: number): Record<string, RawAttrValue> {
  const { meta } = stream;
  const id = meta?.message(3), stats = meta?.message(7), recorded = meta?.message(2);
  const serial = id?.string(4) ?? "";
  const attrs: Record<string, RawAttrValue> = {
    data_category: "DAS", gauge_length: gauge, packet_type: stream.packets[0]!.tag,
    recorder_namespace: meta?.string(1) ?? "", instrument_manufacturer: id?.string(1) ?? "",
    instrument_model: id?.string(3) ?? "", instrument_id: serial, serial_number: serial,
    start_channel: startChannel, channel_spacing: spacing,
  };
  if (recorded) attrs["metadata_recording_time"] = timestampNs(recorded);
  if (stats?.has(8)) attrs["fiber_id"] = stats.int(8);
  return attrs;
}

/** The packed float field `number` of a packet holding exactly `n` floats: its byte offset. */
export function packedFloats(body: Message, number: number, n: number, path: string, offset: number): number {
  const s = body.byNumber.get(number);
  if (!s || s.wire !== 2 || s.length !== 4 * n) throw corrupt(path, offset, `Sintela: packet holds no ${n} packed float samples`);
  return s.at;
}
