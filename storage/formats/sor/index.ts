// The Telcordia SR-4731 OTDR (.sor v2) module (DASCore "SR4731" "200"): one (time=1, distance)
// trace in dB; reads the block map, then only the blocks it needs.
import type { FormatModule, PatchSummary, RawAttrValue, RawPatch, Selection, TruncationPolicy } from "../types.ts";
import { warnInconsistent } from "../truncation.ts";
import { ByteView, clampRange, corrupt, withFile, type BinaryFile } from "../mseed/binaryFile.ts";

const SPEED_OF_LIGHT_KM_PER_USEC = 0.299792458;
const REQUIRED = ["Map", "GenParams", "SupParams", "FxdParams", "DataPts", "Cksum"];

interface Block { name: string; version: number; size: number; offset: number }

/** Index of the NUL ending the string at `at`, or -1. */
function cEnd(bytes: Uint8Array, at: number): number {
  const end = bytes.indexOf(0, at);
  return end;
}

/**
 * Parses the `Map` block from the first bytes of the file. Returns null (for detection) or
 * throws (for reading, `strict`) when the bytes are not a v2 map whose blocks fit `fileSize`.
 */
export function parseMap(head: Uint8Array, path: string, fileSize: number, strict: boolean): Map<string, Block> | null {
  const fail = (at: number, what: string) => {
    if (strict) throw corrupt(path, at, `SR4731: ${what}`);
    return null;
  };
  const v = new ByteView(head, path, 0, true);
  if (head.length < 12 || v.ascii(0, 4) !== "Map\0") return fail(0, "no Map block");
  const mapVersion = v.u16(4), blockCount = v.u16(10);
  if (blockCount < 2) return fail(10, "map lists no data blocks");
  const entries: [string, number, number][] = [["Map", mapVersion, v.u32(6)]];
  let pos = 12;
  for (let i = 0; i < blockCount - 1; i++) {
    const end = cEnd(head, pos);
    if (end < 0 || end + 7 > head.length) return fail(pos, "truncated block map");
    entries.push([v.ascii(pos, end - pos), v.u16(end + 1), v.u32(end + 3)]);
    pos = end + 7;
  }
  const blocks = new Map<string, Block>();
  let offset = 0;
  for (const [name, version, size] of entries) {
    if (size <= 0 || offset + size > fileSize) return fail(offset, `block ${JSON.stringify(name)} of ${size} bytes does not fit the file`);
    blocks.set(name, { name, version, size, offset });
    offset += size;
  }
  const missing = REQUIRED.filter((n) => !blocks.has(n));
  if (missing.length > 0) return fail(0, `missing block(s) ${missing.join(", ")}`);
  return blocks;
}

/** A block's payload (after its NUL-terminated name) as a little-endian view. */
async function payload(f: BinaryFile, b: Block): Promise<ByteView> {
  const v = await f.view(b.offset, b.size, true, `SR4731: truncated ${b.name} block`);
  const end = cEnd(v.bytes, 0);
  if (end < 0 || v.ascii(0, end) !== b.name) throw corrupt(f.path, b.offset, `SR4731: block ${b.name} does not start with its name`);
  return v.sub(end + 1, b.size - end - 1);
}

interface Parsed {
  version: string;
  timeNs: bigint;
  samples: number;
  step: number;
  attrs: Record<string, RawAttrValue>;
  dataPts: Block;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), the SR-4731 checksum. */
export function crc16(bytes: Uint8Array): number {
  let c = 0xffff;
  for (const b of bytes) {
    c ^= b << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
  }
  return c;
}

/**
 * Verifies the Cksum block: a CRC-16 over every byte before the checksum value (the blocks and
 * the block's own name, as pyotdr computes it). A stored 0 means the instrument wrote none (both
 * real samples do), so nothing can be verified; any other value must match.
 */
async function checkChecksum(f: BinaryFile, ck: Block): Promise<boolean> {
  const body = await payload(f, ck);
  const stored = body.u16(0);
  if (stored === 0) return false;
  const covered = body.base; // file offset of the checksum value
  const actual = crc16(await f.read(0, covered, "SR4731: truncated before the checksum"));
  if (actual !== stored) {
    throw corrupt(f.path, covered, `SR4731: checksum 0x${stored.toString(16)} does not match the file's 0x${actual.toString(16)} (damaged)`);
  }
  return true;
}

/**
 * FxdParams gives the acquisition range AR and the data spacing DS in the same 100 ps units (DS
 * per 10,000 points), so AR = points · DS / 10⁴ (both real samples agree to 4 ppm). Without a
 * checksum a contradiction cannot say which field is damaged — a damaged AR leaves the read right,
 * a damaged DS scales every distance (fuzz ofl100_3 #3847) — so the read warns instead of failing.
 */
function checkRange(f: BinaryFile, fx: ByteView, samples: number, policy: TruncationPolicy | undefined): void {
  const ar = fx.u32(40);
  const fromSpacing = (samples * fx.u32(20)) / 1e4;
  if (ar === 0 || Math.abs(ar - fromSpacing) <= 0.01 * Math.max(ar, fromSpacing)) return;
  warnInconsistent(f.path, `SR4731: FxdParams acquisition range ${ar} (100 ps) contradicts data spacing × points = ${fromSpacing} at offset ${fx.base + 20}; the file has no checksum to tell which is damaged, distances use the data spacing`, policy);
}

/** Parses the blocks a read needs; with `warn`, contradictions nothing can settle are reported through `policy`. */
async function parse(f: BinaryFile, policy?: TruncationPolicy, warn = false): Promise<Parsed> {
  const head = await f.readUpTo(0, 4096);
  const blocks = parseMap(head, f.path, f.size, true)!;
  const verified = await checkChecksum(f, blocks.get("Cksum")!);
  const fx = await payload(f, blocks.get("FxdParams")!);
  const wavelength = fx.u16(6) / 10;
  const spacingUs = fx.u32(20) * 1e-8;
  const samples = fx.u32(24);
  const index = fx.u32(28) * 1e-5;
  if (spacingUs <= 0 || index <= 0) throw corrupt(f.path, fx.base + 20, "SR4731: invalid sample spacing or refractive index");
  if (warn && !verified) checkRange(f, fx, samples, policy);
  // Same operation order as DASCore, so the step matches it to the last bit.
  const step = ((spacingUs * SPEED_OF_LIGHT_KM_PER_USEC) / index) * 1000;
  const dp = await f.view(blocks.get("DataPts")!.offset, Math.min(64, blocks.get("DataPts")!.size), true);
  const dpStart = cEnd(dp.bytes, 0) + 1;
  const [total, traces, perTrace, scale] = [dp.u32(dpStart), dp.u16(dpStart + 4), dp.u32(dpStart + 6), dp.u16(dpStart + 10)];
  if (12 + 2 * samples > blocks.get("DataPts")!.size - dpStart) throw corrupt(f.path, dp.base + dpStart + 6, "SR4731: DataPts block is too short for its sample count");
  if (traces !== 1 || total !== perTrace || perTrace !== samples || samples === 0 || scale === 0) {
    throw corrupt(f.path, dp.base + dpStart, "SR4731: only one unsegmented trace whose length matches FxdParams is supported");
  }
  // SupParams is exactly 7 NUL-terminated strings (SR-4731): a damaged terminator would shift
  // every name after it into the wrong attribute (fuzz ofl100_3 #2136), so the count is checked.
  const supView = await payload(f, blocks.get("SupParams")!);
  const zeros = supView.bytes.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  if (zeros !== 7 || supView.bytes[supView.bytes.length - 1] !== 0) {
    throw corrupt(f.path, supView.base, `SR4731: SupParams holds ${zeros} NUL-terminated strings, not the 7 the format defines (damaged)`);
  }
  const sup = new TextDecoder("latin1").decode(supView.bytes).split("\0");
  const [manufacturer = "", model = "", serial = ""] = sup;
  return {
    version: String(blocks.get("Map")!.version),
    timeNs: BigInt(fx.u32(0)) * 1_000_000_000n,
    samples, step,
    dataPts: blocks.get("DataPts")!,
    attrs: {
      data_type: "otdr", data_units: "dB",
      instrument_id: [manufacturer, model, serial].filter((s) => s !== "").join("-"),
      wavelength_nm: wavelength, acquisition_range_m: step * samples, sample_spacing_usec: spacingUs,
      refractive_index: index, trace_count: traces, sample_scale: scale,
      manufacturer, model, serial_number: serial,
    },
  };
}

function summarize(p: Parsed): PatchSummary {
  return {
    key: "", dims: ["time", "distance"], shape: [1, p.samples], dataDtype: "float64", attrs: p.attrs,
    coords: {
      time: { min: p.timeNs, max: p.timeNs, step: null, length: 1, units: "s", dtype: "datetime64" },
      distance: { min: 0, max: p.step * (p.samples - 1), step: p.step, length: p.samples, units: "m", dtype: "float64" },
    },
  };
}

async function readPatch(f: BinaryFile, p: Parsed, selection: Selection = {}): Promise<RawPatch> {
  const [t0, t1] = clampRange(selection["time"], 1);
  const [d0, d1] = clampRange(selection["distance"], p.samples);
  const body = await payload(f, p.dataPts);
  body.check(12, 2 * p.samples, "SR4731: DataPts block ends before its samples");
  // pyotdr's display convention (DASCore's too): dB = (max(raw) − raw) · scale / 1e6, with the
  // maximum over the whole trace, so every sample is read even for a narrow selection.
  const raw = new Uint16Array(p.samples);
  let max = 0;
  for (let i = 0; i < p.samples; i++) { raw[i] = body.u16(12 + 2 * i); max = Math.max(max, raw[i]!); }
  const scale = p.attrs["sample_scale"] as number;
  const n = t1 > t0 ? d1 - d0 : 0;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = ((max - raw[d0 + i]!) * scale) / 1_000_000;
  return {
    data, dims: ["time", "distance"], shape: [t1 - t0, d1 - d0], attrs: p.attrs,
    coords: {
      time: { kind: "array", values: BigInt64Array.from(t1 > t0 ? [p.timeNs] : []), units: "s", dtype: "datetime64" },
      distance: { kind: "range", start: d0 * p.step, step: p.step, length: d1 - d0, units: "m", dtype: "float64" },
    },
  };
}

/**
 * Telcordia SR-4731 v2 OTDR reader, the subset DASCore supports: a single unsegmented trace of
 * little-endian uint16 samples, shown in dB with pyotdr's convention. Distance step = sample
 * spacing · c / group index; time is the FxdParams timestamp (one sample, no step). Key events
 * are not parsed; a non-zero checksum (Cksum block, CRC-16/CCITT) is verified, a zero one (no
 * checksum written) cannot be: such a file's acquisition range is then compared with data
 * spacing × points, and a contradiction is a warning (DASPOOL_INCONSISTENT), since nothing says
 * which of the two fields is damaged.
 *
 * @example
 * ```ts
 * const p = await sorFormat.read("ofl100_1.sor", "", "200", { distance: [0, 6] });
 * ```
 */
export const sorFormat: FormatModule = {
  name: "SR4731",
  versions: ["200"],
  extensions: ["sor"],
  async detect({ head, path, size }) {
    const blocks = parseMap(head, path, size, false);
    const version = blocks?.get("Map")?.version;
    return version === 200 ? "200" : null;
  },
  async scan(path) {
    return withFile(path, async (f) => [summarize(await parse(f))]);
  },
  async read(path, key, _version, selection, _into, policy) {
    if (key !== "") throw corrupt(path, 0, `SR4731: no patch with key "${key}"`);
    return withFile(path, async (f) => readPatch(f, await parse(f, policy, true), selection));
  },
};
