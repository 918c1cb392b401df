// SEG-Y (rev 0/1/2) file and trace headers, sample formats and IBM floats: pure parsing of bytes
// already read, used by the reader, the writer and detection.
import { ByteView, corrupt } from "../mseed/binaryFile.ts";

/** Bytes in the textual header, the binary header and each trace header. */
export const TEXT_BYTES = 3200, BINARY_BYTES = 400, TRACE_HEADER_BYTES = 240;

/** Sample format code → [numpy dtype of the samples as read, bytes per sample]. */
export const SAMPLE_FORMATS: Readonly<Record<number, readonly [string, number]>> = {
  1: ["float32", 4], // IBM float, converted
  2: ["int32", 4], 3: ["int16", 2], 5: ["float32", 4], 6: ["float64", 8], 8: ["int8", 1],
  10: ["uint32", 4], 11: ["uint16", 2], 16: ["uint8", 1],
};

/** What the reader needs from the binary header, plus the derived trace layout. */
export interface SegyLayout {
  version: string;
  littleEndian: boolean;
  format: number;
  samples: number;
  intervalUs: number;
  /** File offset of the first trace header. */
  firstTrace: number;
  traceBytes: number;
  /** Whole traces in the file. */
  traces: number;
  /** Bytes after the last whole trace: a truncated copy (0 in a complete file). */
  tailBytes: number;
}

/**
 * Parses the binary header (bytes 3200..3600 of the file, given as `bin` with `bin.base` 3200)
 * and derives the fixed trace layout from the file size. Returns null when the bytes are not a
 * plausible SEG-Y binary header (DASCore's checks plus a size check), so detection can use it.
 */
export function parseBinaryHeader(bin: ByteView, fileSize: number): SegyLayout | null {
  // Rev 2 states its byte order at 3297; earlier revisions are big-endian.
  const order = bin.u32(96);
  const tryOrder = (le: boolean): SegyLayout | null => {
    bin.littleEndian = le;
    const samples = bin.i16(20), intervalUs = bin.i16(16), format = bin.i16(24);
    // Rev 2 stores major and minor revision as two single bytes, so byte order does not apply.
    const major = bin.u8(300), minor = bin.u8(301);
    const fixed = bin.i16(302), extended = bin.i16(304);
    const ok = samples > 0 && intervalUs >= 0 && bin.i16(12) >= 0 && bin.i16(14) >= 0 &&
      [0, 1, 2, 3].includes(major) && [0, 1, 2, 3, 100].includes(minor) && (fixed === 0 || fixed === 1) &&
      extended >= 0 && SAMPLE_FORMATS[format] !== undefined;
    if (!ok) return null;
    const traceBytes = TRACE_HEADER_BYTES + samples * SAMPLE_FORMATS[format]![1];
    const firstTrace = TEXT_BYTES + BINARY_BYTES + extended * TEXT_BYTES;
    const payload = fileSize - firstTrace;
    // A file ending inside a trace is still SEG-Y (a truncated copy): the reader raises, naming
    // how much is missing, instead of detection calling it an unknown format.
    if (payload < traceBytes) return null;
    const traces = Math.floor(payload / traceBytes);
    return { version: `${major}.${minor}`, littleEndian: le, format, samples, intervalUs, firstTrace, traceBytes, traces, tailBytes: payload - traces * traceBytes };
  };
  return order === 0x04030201 ? tryOrder(true) : tryOrder(false);
}

/**
 * IBM System/360 single-precision float → number.
 *
 * @example
 * ```ts
 * ibmToNumber(0xc276a000); // -118.625
 * ```
 */
export function ibmToNumber(word: number): number {
  const mantissa = word & 0x00ffffff;
  if (mantissa === 0) return 0;
  const exponent = (word >>> 24) & 0x7f;
  const value = (mantissa / 0x1000000) * 16 ** (exponent - 64);
  return word & 0x80000000 ? -value : value;
}

/** Reads sample `i` of format `format` from a trace's data bytes. */
export function sampleReader(v: ByteView, format: number): (i: number) => number {
  switch (format) {
    case 1: return (i) => ibmToNumber(v.u32(4 * i));
    case 2: return (i) => v.i32(4 * i);
    case 3: return (i) => v.i16(2 * i);
    case 5: return (i) => v.f32(4 * i);
    case 6: return (i) => v.f64(8 * i);
    case 8: return (i) => v.i8(i);
    case 10: return (i) => v.u32(4 * i);
    case 11: return (i) => v.u16(2 * i);
    case 16: return (i) => v.u8(i);
    default: throw corrupt(v.path, v.base, `SEG-Y: unsupported sample format ${format}`);
  }
}

/** Start time (ns) from a trace header's year, day of year, hour, minute and second. */
export function traceStartNs(th: ByteView): bigint {
  const year = th.i16(156), day = th.i16(158), h = th.i16(160), m = th.i16(162), s = th.i16(164);
  if (year === 0 && day === 0) return 0n;
  if (year < 1 || day < 1 || day > 366 || h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) {
    throw corrupt(th.path, th.base + 156, "SEG-Y: bad trace start time");
  }
  return BigInt(Date.UTC(year, 0, day, h, m, s)) * 1_000_000n;
}
