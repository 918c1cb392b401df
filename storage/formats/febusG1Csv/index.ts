// The Febus G1 text profile module (DASCore "febus_g1_csv" "1"): `Param;name;value` header
// lines then one value per line, read as a (distance, time=1) patch.
import { basename } from "node:path";
import type { FormatModule, PatchSummary, RawAttrValue, RawPatch, Selection } from "../types.ts";
import { clampRange, corrupt, withFile, type BinaryFile } from "../mseed/binaryFile.ts";

/** `<name>_C<n>_<YYYY-MM-DDTHH.MM.SS[±ZZZZ]>` (the `.bsl` suffix is stripped first); a name
 * without a zone is UTC, as DASCore parses only the first 19 characters of the time. */
const NAME = /^([^_]+)_([^_]+)_(\d{4})-(\d{2})-(\d{2})T(\d{2})\.(\d{2})\.(\d{2})(?:([+-]\d{2})(\d{2}))?$/;
const EXCLUDED = new Set(["start_time", "end_time", "fiberfrom", "fiberto", "mode"]);

interface Header {
  params: Record<string, number | string>;
  startNs: bigint;
  endNs: bigint;
  dataOffset: number;
  instrument: string;
}

/**
 * Parses a Febus G1 file name; null when it is not one. Times are converted to UTC.
 *
 * @example
 * ```ts
 * parseG1Name("febg1_C1_2023-05-10T12.25.03+0000.bsl"); // { instrument: "febg1", timeNs: 1683721503000000000n }
 * ```
 */
export function parseG1Name(path: string): { instrument: string; timeNs: bigint } | null {
  const stem = basename(path).replace(/\.[^.]*$/, "");
  const m = NAME.exec(stem);
  if (!m) return null;
  const [y, mo, d, h, mi, s, tzh = 0, tzm = 0] = m.slice(3).map((x) => (x === undefined ? undefined : Number(x)));
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  if (Number.isNaN(ms) || mo! > 12 || d! > 31 || h! > 23 || mi! > 59 || s! > 60) return null;
  const offsetMin = (m[9]?.startsWith("-") ? -1 : 1) * (Math.abs(tzh) * 60 + tzm);
  return { instrument: m[1]!, timeNs: BigInt(ms - offsetMin * 60_000) * 1_000_000n };
}

/** Float POSIX seconds → ns the way numpy does it (x·1e9 in float64, then rounded); null when
 * the result is not a finite time inside int64 (a damaged Param). */
const secondsNs = (x: number): bigint | null => {
  const ns = Math.round(x * 1e9);
  return Number.isFinite(ns) && Math.abs(ns) < 9.2e18 ? BigInt(ns) : null;
};

/** Bytes as text, one character per byte: offsets in the text are file offsets, whatever the bytes. */
const bytesText = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");

async function readHeader(f: BinaryFile): Promise<Header> {
  const name = parseG1Name(f.path);
  if (!name) throw corrupt(f.path, 0, "febus_g1_csv: file name is not <name>_C<n>_<YYYY-MM-DDTHH.MM.SS+ZZZZ>.bsl");
  const params: Record<string, number | string> = {};
  // latin1, not UTF-8: a damaged (non-ASCII) byte stays one character, so the data offset found
  // in the text is the byte offset (UTF-8 would turn it into U+FFFD and shift every later sample).
  let text = bytesText(await f.readUpTo(0, 16_384));
  let at = 0;
  for (;;) {
    const nl = text.indexOf("\n", at);
    if (nl < 0) {
      if (text.length >= f.size) throw corrupt(f.path, at, "febus_g1_csv: no data after the Param lines");
      text = bytesText(await f.readUpTo(0, Math.min(f.size, text.length * 4)));
      continue;
    }
    const line = text.slice(at, nl).trim();
    const parts = line.split(";");
    if (!line.startsWith("Param;") || parts.length < 3) break;
    const key = parts[1]!.toLowerCase().replaceAll(" ", "_");
    const raw = parts[2]!;
    params[key] = key === "mode" ? raw : Number(raw);
    if (key !== "mode" && Number.isNaN(params[key])) throw corrupt(f.path, at, `febus_g1_csv: Param ${parts[1]} is not a number`);
    at = nl + 1;
  }
  const need = (k: string) => {
    const v = params[k];
    if (typeof v !== "number" || !Number.isFinite(v)) throw corrupt(f.path, 0, `febus_g1_csv: missing Param ${k}`);
    return v;
  };
  const startNs = typeof params["start_time"] === "number" ? secondsNs(params["start_time"]) : name.timeNs;
  if (startNs === null) throw corrupt(f.path, 0, `febus_g1_csv: Param start time ${params["start_time"]} is not a time (seconds since 1970 inside int64 ns)`);
  const endNs = typeof params["end_time"] === "number" ? secondsNs(params["end_time"]) : startNs;
  if (endNs === null || endNs < startNs) throw corrupt(f.path, 0, `febus_g1_csv: Param end time ${params["end_time"]} is not a time at or after the start time`);
  need("fiberfrom"); need("fiberto");
  if (need("sampling_resolution") <= 0) throw corrupt(f.path, 0, "febus_g1_csv: sampling resolution must be positive");
  // Byte offset of the first data line (the text has one character per byte).
  const header: Header = { params, startNs, endNs, dataOffset: at, instrument: name.instrument };
  // Each value needs at least two bytes (a digit and a newline): a longer axis is corruption.
  const { length } = distanceOf(header);
  if (!Number.isSafeInteger(length) || length > (f.size - header.dataOffset + 1) / 2) {
    throw corrupt(f.path, 0, `febus_g1_csv: fiberFrom/fiberTo/sampling resolution give ${length} values, more than the file can hold`);
  }
  return header;
}

function distanceOf(h: Header) {
  const start = h.params["fiberfrom"] as number, stop = h.params["fiberto"] as number, step = h.params["sampling_resolution"] as number;
  return { start, step, length: Math.max(0, Math.round((stop - start) / step)) };
}

function attrsOf(h: Header): Record<string, RawAttrValue> {
  const mode = String(h.params["mode"] ?? "");
  const attrs: Record<string, RawAttrValue> = {
    data_type: mode, data_category: "DSS", data_units: mode === "strain" ? "microstrain" : "celsius", instrument_id: h.instrument,
  };
  for (const [k, v] of Object.entries(h.params)) if (!EXCLUDED.has(k)) attrs[k] = v;
  return attrs;
}

function summarize(h: Header): PatchSummary {
  const d = distanceOf(h);
  return {
    key: "", dims: ["distance", "time"], shape: [d.length, 1], dataDtype: "float64", attrs: attrsOf(h),
    coords: {
      distance: { min: d.start, max: d.start + d.step * (d.length - 1), step: d.step, length: d.length, units: "m", dtype: "float64" },
      time: { min: h.startNs, max: h.startNs, step: h.endNs - h.startNs, length: 1, units: "s", dtype: "datetime64" },
    },
  };
}

async function readPatch(f: BinaryFile, h: Header, selection: Selection = {}): Promise<RawPatch> {
  const d = distanceOf(h);
  const [d0, d1] = clampRange(selection["distance"], d.length);
  const [t0, t1] = clampRange(selection["time"], 1);
  // Text has no fixed record size, so the value lines are read in full and parsed.
  const text = new TextDecoder().decode(await f.read(h.dataOffset, f.size - h.dataOffset));
  const values = new Float64Array(d.length);
  let n = 0, at = 0;
  while (at < text.length) {
    let nl = text.indexOf("\n", at);
    if (nl < 0) nl = text.length;
    const line = text.slice(at, nl).trim();
    if (line !== "") {
      const x = Number(line);
      if (Number.isNaN(x) || n >= d.length) {
        throw corrupt(f.path, h.dataOffset + at, n >= d.length ? `febus_g1_csv: more than ${d.length} values` : "febus_g1_csv: value is not a number");
      }
      values[n++] = x;
    }
    at = nl + 1;
  }
  if (n !== d.length) throw corrupt(f.path, f.size, `febus_g1_csv: ${n} values, the header promises ${d.length}`);
  return {
    data: t1 > t0 ? values.slice(d0, d1) : new Float64Array(0), dims: ["distance", "time"], shape: [d1 - d0, t1 - t0], attrs: attrsOf(h),
    coords: {
      distance: { kind: "range", start: d.start + d0 * d.step, step: d.step, length: d1 - d0, units: "m", dtype: "float64" },
      time: { kind: "range", start: h.startNs, step: h.endNs - h.startNs, length: t1 - t0, units: "s", dtype: "datetime64" },
    },
  };
}

/**
 * Febus G1 Brillouin profile reader (`.bsl` text). Distance runs from `fiberFrom` by `sampling
 * resolution` to `fiberTo` (exclusive); the single time sample is the `start time` Param (POSIX
 * seconds, more precise than the file name, as DASCore uses it), falling back to the UTC time in
 * the file name; its step is end − start, as in DASCore. Detection needs DASCore's name pattern
 * and three leading `Param;` lines.
 *
 * @example
 * ```ts
 * const p = await febusG1CsvFormat.read("febg1_C1_2023-05-10T12.25.03+0000.bsl", "", "1");
 * ```
 */
export const febusG1CsvFormat: FormatModule = {
  name: "febus_g1_csv",
  versions: ["1"],
  extensions: ["bsl"],
  async detect({ path, head }) {
    if (!parseG1Name(path) || path.toLowerCase().endsWith(".mtx")) return null;
    const lines = new TextDecoder().decode(head.subarray(0, 1024)).split("\n");
    return lines.length > 3 && lines.slice(0, 3).every((l) => l.startsWith("Param;")) ? "1" : null;
  },
  async scan(path) {
    return withFile(path, async (f) => [summarize(await readHeader(f))]);
  },
  async read(path, key, _version, selection) {
    if (key !== "") throw corrupt(path, 0, `febus_g1_csv: no patch with key "${key}"`);
    return withFile(path, async (f) => readPatch(f, await readHeader(f), selection));
  },
};
