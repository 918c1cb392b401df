// miniSEED 3 record headers (FDSN 2022: little-endian fixed header, FDSN source id, JSON extra
// headers) and the record CRC-32C; parsed from bytes already read.
import { ByteView, corrupt } from "./binaryFile.ts";
import type { RecordHeader } from "./header.ts";

/** Fixed bytes before the source identifier. */
export const MS3_FIXED = 40;

/** True when `head` starts with a miniSEED 3 record ("MS" then format version 3). */
export function looksLikeMseed3(head: Uint8Array): boolean {
  return head.length >= MS3_FIXED && head[0] === 0x4d && head[1] === 0x53 && head[2] === 3;
}

/** Splits `FDSN:NET_STA_LOC_B_S_SS` into SEED codes (channel = band + source + subsource). */
function nslc(sid: string): [string, string, string, string] {
  const parts = sid.replace(/^FDSN:/, "").split("_");
  if (parts.length === 6) return [parts[0]!, parts[1]!, parts[2]!, parts.slice(3).join("")];
  return ["", sid, "", ""];
}

/**
 * Parses a miniSEED 3 record header from `view` (at least the fixed header and identifier;
 * `view.base` is the record's file offset). Steim data are big-endian, other encodings
 * little-endian, as the standard says.
 */
export function parseRecordHeader3(view: ByteView): RecordHeader {
  const at = view.base;
  view.littleEndian = true;
  if (!looksLikeMseed3(view.bytes)) throw corrupt(view.path, at, "miniSEED 3: missing 'MS3' record start");
  const nanos = view.u32(4), year = view.u16(8), day = view.u16(10);
  const [hour, minute, second] = [view.u8(12), view.u8(13), view.u8(14)];
  if (year < 1 || day < 1 || day > 366 || hour > 23 || minute > 59 || second > 60 || nanos > 999_999_999) {
    throw corrupt(view.path, at + 4, "miniSEED 3: bad record start time");
  }
  const encoding = view.u8(15), rate = view.f64(16), sampleCount = view.u32(24);
  const sidLength = view.u8(33), extraLength = view.u16(34), dataLength = view.u32(36);
  const sid = view.ascii(MS3_FIXED, sidLength);
  const [network, station, location, channel] = nslc(sid);
  const perByte: Record<number, number> = { 1: 1 / 2, 3: 1 / 4, 4: 1 / 4, 5: 1 / 8, 10: 1, 11: 7 / 4 };
  if (perByte[encoding] !== undefined && sampleCount > dataLength * perByte[encoding]!) {
    throw corrupt(view.path, at + 24, `miniSEED 3: ${sampleCount} samples cannot fit ${dataLength} data bytes`);
  }
  return {
    offset: at,
    recordLength: MS3_FIXED + sidLength + extraLength + dataLength,
    network, station, location, channel, sourceId: sid,
    formatVersion: 3,
    publication: view.u8(32),
    startNs: BigInt(Date.UTC(year, 0, day, hour, minute, second)) * 1_000_000n + BigInt(nanos),
    sampleRate: Number.isFinite(rate) ? rate : 0,
    sampleCount,
    encoding,
    dataLittleEndian: encoding !== 10 && encoding !== 11,
    dataOffset: MS3_FIXED + sidLength + extraLength,
  };
}

const CRC32C = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32C (Castagnoli) of a miniSEED 3 record, computed with its CRC field (bytes 28..31) as
 * zeros, as the standard defines it.
 *
 * @example
 * ```ts
 * recordCrc(new TextEncoder().encode("123456789")); // 0xe3069283 (the check value)
 * ```
 */
export function recordCrc(record: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < record.length; i++) {
    const byte = i >= 28 && i < 32 ? 0 : record[i]!;
    crc = CRC32C[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
