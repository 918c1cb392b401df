// miniSEED 2 record headers: the 48-byte fixed header and blockettes 100/1000/1001, parsed from
// bytes already read; knows nothing of files beyond the ByteView it is handed.
import { ByteView, corrupt, utcNs } from "./binaryFile.ts";

/** The header fields of one miniSEED 2 record that the reader needs. */
export interface RecordHeader {
  /** File offset of the record. */
  offset: number;
  recordLength: number;
  network: string;
  station: string;
  location: string;
  channel: string;
  /** FDSN source identifier, e.g. `FDSN:9N_00066__H_S_F`. */
  sourceId: string;
  /** miniSEED major version of the record: 2 or 3. */
  formatVersion: 2 | 3;
  /** Publication version (v2 quality R/D/Q/M → 1..4, as libmseed maps it). */
  publication: number;
  startNs: bigint;
  sampleRate: number;
  sampleCount: number;
  encoding: number;
  /** Byte order of the data section (blockette 1000 word order). */
  dataLittleEndian: boolean;
  dataOffset: number;
}

const SEED_CHARS = /^[A-Z0-9 ]*$/;

/** Nominal sample rate from the SEED factor and multiplier (SEED manual, field 10/11). */
function nominalRate(factor: number, mult: number): number {
  if (factor > 0 && mult > 0) return factor * mult;
  if (factor > 0 && mult < 0) return -factor / mult;
  if (factor < 0 && mult > 0) return -mult / factor;
  if (factor < 0 && mult < 0) return 1 / (factor * mult);
  return 0;
}

/**
 * Cheap check that `head` starts with a miniSEED 2 fixed header (big-endian), in DASCore's terms:
 * digits, a quality letter, SEED codes and a plausible BTIME and offsets.
 */
export function looksLikeMseed2(head: Uint8Array): boolean {
  if (head.length < 48) return false;
  for (let i = 0; i < 6; i++) if (head[i]! < 0x30 || head[i]! > 0x39) return false;
  if (!"DRQM".includes(String.fromCharCode(head[6]!))) return false;
  if (head[7] !== 0 && head[7] !== 32) return false;
  const text = (a: number, b: number) => String.fromCharCode(...head.subarray(a, b));
  const codeOk = (s: string, space: boolean) =>
    s.trim().length > 0 && (space ? SEED_CHARS.test(s) : /^[A-Z0-9]+$/.test(s));
  if (!codeOk(text(8, 13), true) || !codeOk(text(15, 18), false) || !codeOk(text(18, 20), true)) return false;
  const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const year = v.getUint16(20), day = v.getUint16(22);
  const okTime = year >= 1900 && year <= 2600 && day >= 1 && day <= 366 && head[24]! <= 23 &&
    head[25]! <= 59 && head[26]! <= 60 && v.getUint16(28) <= 9999;
  const dataOffset = v.getUint16(44), blockette = v.getUint16(46);
  return okTime && dataOffset >= 48 && (blockette === 0 || blockette >= 48) && v.getUint16(30) > 0;
}

/** FDSN source id from SEED codes: a 3-letter channel becomes band_source_subsource. */
export function sourceIdOf(net: string, sta: string, loc: string, cha: string): string {
  const c = cha.length === 3 ? `${cha[0]}_${cha[1]}_${cha[2]}` : cha;
  return `FDSN:${net}_${sta}_${loc}_${c}`;
}

/**
 * Parses the fixed header and blockette chain of the record at `view` (which holds at least the
 * header bytes; `view.base` is the record's file offset).
 */
export function parseRecordHeader(view: ByteView): RecordHeader {
  const at = view.base;
  const fail = (what: string, rel = 0) => corrupt(view.path, at + rel, `miniSEED: ${what}`);
  const quality = view.ascii(6, 1);
  if (!"DRQM".includes(quality)) throw fail("bad record quality indicator", 6);
  // Header byte order: big-endian unless the year/day only make sense little-endian (libmseed).
  view.littleEndian = false;
  const plausible = () => {
    const y = view.u16(20), d = view.u16(22);
    return y >= 1900 && y <= 2600 && d >= 1 && d <= 366;
  };
  if (!plausible()) {
    view.littleEndian = true;
    if (!plausible()) throw fail("bad record start time", 20);
  }
  const hour = view.u8(24), minute = view.u8(25), second = view.u8(26), fract = view.u16(28);
  if (hour > 23 || minute > 59 || second > 60 || fract > 9999) throw fail("bad record start time", 24);
  const sampleCount = view.u16(30);
  let sampleRate = nominalRate(view.i16(32), view.i16(34));
  const activity = view.u8(36);
  const correction = view.i32(40);
  const dataOffset = view.u16(44);
  let next = view.u16(46);
  let encoding = -1, recordLength = 0, dataLittleEndian = false, microsec = 0;
  const seen = new Set<number>();
  while (next !== 0) {
    if (next < 48 || seen.has(next) || next + 4 > view.length) throw fail("bad blockette offset", 46);
    seen.add(next);
    const type = view.u16(next);
    if (type === 1000) {
      encoding = view.u8(next + 4);
      dataLittleEndian = view.u8(next + 5) === 0;
      const exp = view.u8(next + 6);
      if (exp < 7 || exp > 20) throw fail("bad record length exponent", next + 6);
      recordLength = 2 ** exp;
    } else if (type === 1001) {
      microsec = view.i8(next + 5);
    } else if (type === 100) {
      const r = view.f32(next + 4);
      // The actual rate may drift from the nominal one, but not by 1 %: beyond that one of the
      // two fields is damaged (miniSEED 2 has no checksum to say which).
      if (Number.isFinite(r) && r > 0 && sampleRate > 0 && Math.abs(r - sampleRate) > 0.01 * sampleRate) {
        throw fail(`blockette 100 sample rate ${r} contradicts the header's ${sampleRate}`, next + 4);
      }
      if (Number.isFinite(r) && r > 0) sampleRate = r;
    }
    next = view.u16(next + 2);
  }
  if (recordLength === 0) throw fail("record has no blockette 1000");
  if (sampleCount > 0 && (dataOffset < 48 || dataOffset >= recordLength)) throw fail("bad data offset", 44);
  // Most samples the data section can hold (Steim-2 packs up to 7 per 4-byte word): a larger
  // count is corruption, and would otherwise size the output arrays.
  const perByte: Record<number, number> = { 1: 1 / 2, 3: 1 / 4, 4: 1 / 4, 5: 1 / 8, 10: 1, 11: 7 / 4 };
  if (sampleCount > 0 && perByte[encoding] !== undefined && sampleCount > (recordLength - dataOffset) * perByte[encoding]!) {
    throw fail(`${sampleCount} samples cannot fit a ${recordLength}-byte record`, 30);
  }
  const ns = BigInt(fract) * 100_000n + BigInt(microsec) * 1000n +
    ((activity & 0x02) === 0 ? BigInt(correction) * 100_000n : 0n);
  const code = (a: number, n: number) => {
    const text = view.ascii(a, n);
    // SEED codes are printable ASCII (uppercase letters, digits, spaces): anything else is damage.
    if (!/^[\x20-\x7e]*$/.test(text)) throw fail("station, location, channel or network code is not printable ASCII", a);
    return text.trim();
  };
  const [station, location, channel, network] = [code(8, 5), code(13, 2), code(15, 3), code(18, 2)];
  return {
    offset: at, recordLength, network, station, location, channel,
    sourceId: sourceIdOf(network, station, location, channel), formatVersion: 2,
    publication: "RDQM".indexOf(quality) + 1, // libmseed: R=1, D=2, Q=3, M=4
    startNs: utcNs(view.u16(20), view.u16(22), hour, minute, second, ns),
    sampleRate, sampleCount, encoding, dataLittleEndian, dataOffset,
  };
}

/** Sample period in ns, as DASCore rounds it (a negative rate is a period in seconds). */
export function periodNs(rate: number): bigint {
  if (rate === 0) return 0n;
  return BigInt(Math.round(rate > 0 ? 1e9 / rate : -rate * 1e9));
}
