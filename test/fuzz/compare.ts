// What a read of a (corrupted) file returned, reduced to comparable parts, and how it differs
// from the clean file's read: identical, different only where the bytes were damaged, or not.
import { createHash } from "node:crypto";
import type { Patch } from "../../src/index.ts";

type Values = ArrayLike<number | bigint>;

/** One patch as plain parts. */
export interface PatchSnap {
  dims: string[];
  shape: number[];
  coords: Record<string, Values>;
  attrs: Record<string, string>;
  data: Values;
}

/** Everything a read returned. */
export interface Snapshot {
  format: string;
  patches: PatchSnap[];
  contentsRows: number;
  /** Hash of `spool(path).get(0)`. */
  first: string;
}

const json = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? `${x}n` : x)) ?? "undefined";

/** A patch's plain parts (attrs as JSON text, coords and data as arrays). */
export function snapPatch(p: Patch): PatchSnap {
  const coords: Record<string, Values> = {};
  for (const [name, c] of Object.entries(p.coords)) coords[name] = c.kind === "partial" ? [] : (c.values() as Values);
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.attrs)) attrs[k] = json(v);
  return { dims: [...p.dims], shape: [...p.shape], coords, attrs, data: p.data as Values };
}

/**
 * Float arrays with every NaN made the canonical quiet NaN: V8 may quiet a signalling NaN when
 * optimized code copies it (0xff8f… becomes 0xffcf…), so two reads of equal values can differ in
 * NaN payload bits. Values, not payloads, are what a read must reproduce.
 */
function canonical(v: Values): Values {
  if (!(v instanceof Float32Array || v instanceof Float64Array) || !v.some(Number.isNaN)) return v;
  return v.map((x) => (Number.isNaN(x) ? NaN : x));
}

function feed(h: ReturnType<typeof createHash>, raw: Values): void {
  const v = canonical(raw);
  if (ArrayBuffer.isView(v)) h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  else h.update(json(Array.from(v)));
}

/** A hash of a patch snapshot: equal hashes mean equal reads. */
export function hashPatch(s: PatchSnap): string {
  const h = createHash("sha1");
  h.update(json([s.dims, s.shape, s.attrs]));
  for (const [name, c] of Object.entries(s.coords).sort(([a], [b]) => (a < b ? -1 : 1))) {
    h.update(name);
    feed(h, c);
  }
  feed(h, s.data);
  return h.digest("hex");
}

/** A hash of a whole snapshot (format, every patch, contents row count, first patch). */
export function hashSnapshot(s: Snapshot): string {
  return createHash("sha1").update(json([s.format, s.contentsRows, s.first, s.patches.map(hashPatch)])).digest("hex");
}

function same(a: number | bigint | undefined, b: number | bigint | undefined): boolean {
  return a === b || (typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b));
}

function countDiff(a: Values, b: Values): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) n++;
  return n;
}

/** How a corrupted read compares with the clean one. */
export type Difference =
  | { kind: "identical" }
  | { kind: "damaged-only"; detail: string }
  | { kind: "different"; detail: string };

/**
 * How many samples one damaged byte can change in `format` (a getFormat result as JSON). Stored
 * samples: one. miniSEED Steim-2 stores differences of 4 to 30 bits, up to 7 in 4 bytes, so one
 * byte carries parts of up to 3 of them; damaged differences that still sum to the record's
 * reverse integration constant X_n change exactly the samples between the first and the last of
 * them — no field of the record can see that (miniSEED 2 has no checksum), and no other sample
 * changes. Those samples are the damaged bytes' own, so the read "differs only where the
 * damaged bytes are" (fuzz seed 18 #3725, seed 1207 #854: 2 bytes, 3 samples off by 1-3).
 */
function samplesPerByte(format: string): number {
  return (JSON.parse(format) as { format: string }).format === "MSEED" ? 3 : 1;
}

/**
 * Compares `got` (from a variant) with `clean`. `damagedBytes` bounds how many values the
 * damage may explain: a flipped byte changes at most one sample (or the few a compressed
 * encoding packs into it, {@link samplesPerByte}), one coordinate or one attribute. A
 * `shortened` variant (bytes removed) must not return less data without an error.
 */
export function compare(clean: Snapshot, got: Snapshot, damagedBytes: number, shortened: boolean): Difference {
  if (hashSnapshot(clean) === hashSnapshot(got)) return { kind: "identical" };
  const name = (f: string) => (JSON.parse(f) as { format: string }).format;
  if (name(clean.format) !== name(got.format)) return { kind: "different", detail: `format ${clean.format} → ${got.format}` };
  if (clean.patches.length !== got.patches.length) return { kind: "different", detail: `patches ${clean.patches.length} → ${got.patches.length}` };
  if (clean.contentsRows !== got.contentsRows) return { kind: "different", detail: `contents rows ${clean.contentsRows} → ${got.contentsRows}` };
  // Another version of the same format (a damaged version field) is one damaged value.
  let values = clean.format === got.format ? 0 : 1;
  let samples = 0;
  const notes: string[] = clean.format === got.format ? [] : [`format ${got.format}`];
  for (let i = 0; i < clean.patches.length; i++) {
    const a = clean.patches[i]!;
    const b = got.patches[i]!;
    if (json(a.dims) !== json(b.dims) || json(a.shape) !== json(b.shape)) {
      return { kind: "different", detail: `patch ${i}: ${json(a.dims)}${json(a.shape)} → ${json(b.dims)}${json(b.shape)}` };
    }
    const coordNames = new Set([...Object.keys(a.coords), ...Object.keys(b.coords)]);
    for (const c of coordNames) {
      const ca = a.coords[c];
      const cb = b.coords[c];
      if (!ca || !cb) return { kind: "different", detail: `patch ${i}: coord ${c} ${ca ? "lost" : "appeared"}` };
      if (countDiff(ca, cb) > 0) {
        values++;
        notes.push(`coord ${c}`);
      }
    }
    for (const k of new Set([...Object.keys(a.attrs), ...Object.keys(b.attrs)])) {
      if (a.attrs[k] !== b.attrs[k]) {
        values++;
        notes.push(`attr ${k}`);
      }
    }
    const d = countDiff(a.data, b.data);
    if (d) notes.push(`${d} samples`);
    samples += d;
  }
  const detail = notes.slice(0, 6).join(", ");
  if (shortened) return { kind: "different", detail: `bytes removed, no error: ${detail}` };
  // Samples a byte can explain are counted in bytes (rounded up), metadata values one per byte.
  const explained = values + Math.ceil(samples / samplesPerByte(clean.format));
  return explained <= damagedBytes ? { kind: "damaged-only", detail } : { kind: "different", detail };
}
