// Writes one 2-D (time × channel/distance) patch as a SEG-Y rev 2.0 file: big-endian, IEEE
// float32 samples, one trace per channel. Whole-file write; the reader is in index.ts.
import { writeFile } from "node:fs/promises";
import { ParameterError } from "../../../src/errors.ts";
import type { RawCoord, RawPatch } from "../types.ts";
import { BINARY_BYTES, TEXT_BYTES, TRACE_HEADER_BYTES } from "./header.ts";

function timeStartStep(c: RawCoord | undefined): { start: bigint; step: bigint } {
  if (c?.kind === "range" && typeof c.start === "bigint" && typeof c.step === "bigint") return { start: c.start, step: c.step };
  if (c?.kind === "array" && c.values instanceof BigInt64Array && c.values.length > 0) {
    const v = c.values;
    const step = v.length > 1 ? v[1]! - v[0]! : 0n;
    for (let i = 2; i < v.length; i++) {
      if (v[i]! - v[i - 1]! !== step) throw new ParameterError("SEG-Y needs an evenly sampled time coordinate");
    }
    return { start: v[0]!, step };
  }
  throw new ParameterError("SEG-Y needs a datetime64 'time' coordinate");
}

/** The textual header: 40 EBCDIC card images, blank but for a first line saying who wrote it. */
function textualHeader(): Uint8Array {
  const out = new Uint8Array(TEXT_BYTES).fill(0x40); // EBCDIC space
  const line = "C 1 WRITTEN BY DASPOOL";
  // EBCDIC for the few characters used: digits F0-F9, A-I C1-C9, J-R D1-D9, S-Z E2-E9.
  const ebcdic = (ch: string): number => {
    const c = ch.charCodeAt(0);
    if (ch >= "0" && ch <= "9") return 0xf0 + c - 48;
    if (ch >= "A" && ch <= "I") return 0xc1 + c - 65;
    if (ch >= "J" && ch <= "R") return 0xd1 + c - 74;
    if (ch >= "S" && ch <= "Z") return 0xe2 + c - 83;
    return 0x40;
  };
  for (let i = 0; i < line.length; i++) out[i] = ebcdic(line[i]!);
  return out;
}

/**
 * Writes `patches[0]` (exactly one 2-D patch with a `time` dimension) as SEG-Y rev 2.0. The
 * other dimension becomes traces numbered 0..n-1 (its values are not kept, as in DASCore).
 * SEG-Y stores whole seconds and microsecond steps, so a start time with a sub-second part or a
 * step that is not a whole number of microseconds is refused rather than silently rounded.
 *
 * @example
 * ```ts
 * await segyFormat.write!([patch], "/tmp/out.sgy");
 * ```
 */
export async function writeSegy(patches: readonly RawPatch[], path: string): Promise<void> {
  if (patches.length !== 1) throw new ParameterError("SEG-Y holds exactly one patch");
  const p = patches[0]!;
  const ti = p.dims.indexOf("time");
  if (p.dims.length !== 2 || ti < 0) throw new ParameterError("SEG-Y needs a 2-D patch with a 'time' dimension");
  const { start, step } = timeStartStep(p.coords["time"]);
  const nt = p.shape[ti]!, nc = p.shape[1 - ti]!;
  if (start % 1_000_000_000n !== 0n) throw new ParameterError("SEG-Y stores whole-second start times; this patch starts mid-second");
  if (step % 1000n !== 0n || step <= 0n || step / 1000n > 32767n) throw new ParameterError("SEG-Y needs a time step of a whole number (1..32767) of microseconds");
  if (nt > 32767) throw new ParameterError("SEG-Y rev 2.0 with 16-bit sample counts holds at most 32767 samples per trace");
  const date = new Date(Number(start / 1_000_000n));
  const dayOfYear = Math.floor((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  const traceBytes = TRACE_HEADER_BYTES + 4 * nt;
  const out = new Uint8Array(TEXT_BYTES + BINARY_BYTES + nc * traceBytes);
  out.set(textualHeader(), 0);
  const v = new DataView(out.buffer);
  const b = TEXT_BYTES;
  v.setInt16(b + 12, nc); v.setInt16(b + 16, Number(step / 1000n)); v.setInt16(b + 20, nt);
  v.setInt16(b + 24, 5); // IEEE float32
  v.setUint32(b + 96, 0x01020304); // rev 2 byte-order word: big-endian
  v.setUint8(b + 300, 2); v.setUint8(b + 301, 0); v.setInt16(b + 302, 1);
  const data = p.data as ArrayLike<number | bigint>;
  for (let c = 0; c < nc; c++) {
    const h = TEXT_BYTES + BINARY_BYTES + c * traceBytes;
    v.setInt32(h, c + 1); v.setInt32(h + 4, c + 1); v.setInt32(h + 12, c + 1);
    v.setInt16(h + 114, nt); v.setInt16(h + 116, Number(step / 1000n));
    v.setInt16(h + 156, date.getUTCFullYear()); v.setInt16(h + 158, dayOfYear);
    v.setInt16(h + 160, date.getUTCHours()); v.setInt16(h + 162, date.getUTCMinutes()); v.setInt16(h + 164, date.getUTCSeconds());
    v.setInt16(h + 166, 4); // time basis: UTC
    for (let t = 0; t < nt; t++) {
      const x = data[ti === 0 ? t * nc + c : c * nt + t]!;
      v.setFloat32(h + TRACE_HEADER_BYTES + 4 * t, Number(x));
    }
  }
  await writeFile(path, out);
}
