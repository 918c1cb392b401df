// Seeded corruption of real files (issue 18): truncations, bit and byte flips aimed at metadata
// structures, zeroed blocks, huge declared sizes and random bytes behind a valid magic. Variant i
// of seed s is always the same bytes, so a finding is reproduced by its (seed, index).

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same stream everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The kinds of damage, in the order the generator cycles through them. */
export const KINDS = ["truncate", "bitflip", "byteset", "zeroblock", "hugesize", "randomtail", "structflip"] as const;
export type MutationKind = (typeof KINDS)[number];

/** One corrupted variant: its bytes, what was done, and which byte ranges were damaged. */
export interface Variant {
  bytes: Uint8Array;
  kind: MutationKind;
  /** Human-readable: `bitflip @1234 bit 3`. */
  label: string;
  /** Damaged byte ranges `[start, end)` of the original; a truncation damages the cut tail. */
  damage: [number, number][];
  /** True when bytes were removed (a read that returns less without saying so is wrong). */
  shortened: boolean;
}

/** Signatures of metadata structures (HDF5 object headers, heaps, B-trees; TDMS lead-ins; SOR blocks). */
const SIGNATURES = ["OHDR", "OCHK", "HEAP", "GCOL", "TREE", "SNOD", "BTHD", "BTLF", "FRHP", "FHDB", "FSHD", "TDSm", "Map\0", "GenParams", "SupParams", "FxdParams", "DataPts", "Cksum", "KeyEvents", "\x89HDF"];

/**
 * Offsets where metadata lives in `bytes`: found signatures, the first 4 KiB, and the first
 * 64 bytes of every 512-byte block (miniSEED record headers, SEG-Y trace headers land there often).
 */
export function hotspots(bytes: Uint8Array): number[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const out: number[] = [];
  for (const sig of SIGNATURES) {
    for (let at = text.indexOf(sig); at >= 0 && out.length < 4000; at = text.indexOf(sig, at + 1)) out.push(at);
  }
  for (let b = 0; b < bytes.length && b < 512 * 256; b += 512) out.push(b);
  return out;
}

function pickInt(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * Math.max(1, hi - lo));
}

/** An offset biased to metadata: half the time near a hotspot, a quarter in the first 4 KiB. */
function metaOffset(r: () => number, size: number, spots: readonly number[]): number {
  const u = r();
  if (u < 0.5 && spots.length) return Math.min(size - 1, spots[pickInt(r, 0, spots.length)]! + pickInt(r, 0, 96));
  if (u < 0.75) return pickInt(r, 0, Math.min(size, 4096));
  return pickInt(r, 0, size);
}

const HUGE32 = [0x7fffffff, 0xffffffff, 0x40000000, 0x10000000];

/**
 * Variant `index` of `seed` for `original`. `spots` are the original's {@link hotspots}
 * (computed once per file by the caller).
 *
 * @example
 * ```ts
 * const v = mutate(bytes, hotspots(bytes), 7, 42); // v.label: "byteset @1530 ×2"
 * ```
 */
export function mutate(original: Uint8Array, spots: readonly number[], seed: number, index: number): Variant {
  const r = rng((seed * 1_000_003 + index * 7919) ^ 0x5bd1e995);
  const size = original.length;
  const kind = KINDS[pickInt(r, 0, KINDS.length)]!;
  const bytes = original.slice();
  switch (kind) {
    case "truncate": {
      // Mostly near the end (a copy cut short) or inside the metadata; sometimes anywhere.
      const u = r();
      const cut = u < 0.35 ? size - pickInt(r, 1, Math.min(size, 2048)) : u < 0.7 ? metaOffset(r, size, spots) : pickInt(r, 0, size);
      return { bytes: bytes.subarray(0, cut), kind, label: `truncate @${cut} of ${size}`, damage: [[cut, size]], shortened: true };
    }
    case "bitflip":
    case "structflip": {
      const at = kind === "structflip" && spots.length ? Math.min(size - 1, spots[pickInt(r, 0, spots.length)]! + pickInt(r, 0, 64)) : metaOffset(r, size, spots);
      const bit = pickInt(r, 0, 8);
      bytes[at]! ^= 1 << bit;
      return { bytes, kind, label: `${kind} @${at} bit ${bit}`, damage: [[at, at + 1]], shortened: false };
    }
    case "byteset": {
      const at = metaOffset(r, size, spots);
      const n = Math.min(size - at, pickInt(r, 1, 5));
      const pick = r();
      for (let k = 0; k < n; k++) bytes[at + k] = pick < 0.3 ? 0xff : pick < 0.5 ? 0 : pickInt(r, 0, 256);
      return { bytes, kind, label: `byteset @${at} ×${n}`, damage: [[at, at + n]], shortened: false };
    }
    case "zeroblock": {
      const at = metaOffset(r, size, spots);
      const n = Math.min(size - at, pickInt(r, 16, 4096));
      bytes.fill(0, at, at + n);
      return { bytes, kind, label: `zeroblock @${at} ×${n}`, damage: [[at, at + n]], shortened: false };
    }
    case "hugesize": {
      // A 4- or 8-byte little-endian field that now declares a huge size; aimed where a small
      // positive integer (a plausible length or count) sits near metadata.
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let at = metaOffset(r, size, spots) & ~3;
      for (let tries = 0; tries < 64; tries++) {
        const cand = metaOffset(r, size, spots) & ~3;
        if (cand + 8 > size) continue;
        const v = view.getUint32(cand, true);
        if (v > 0 && v < 1 << 24) {
          at = cand;
          break;
        }
      }
      at = Math.max(0, Math.min(at, size - 8));
      const wide = r() < 0.3;
      if (wide) view.setBigUint64(at, r() < 0.5 ? 0x7fffffffffffffffn : 1n << 40n, true);
      else view.setUint32(at, HUGE32[pickInt(r, 0, HUGE32.length)]!, true);
      const n = wide ? 8 : 4;
      return { bytes, kind, label: `hugesize @${at} ×${n}`, damage: [[at, at + n]], shortened: false };
    }
    case "randomtail": {
      // The magic and a little of the header survive; the rest is noise (maybe shorter).
      const keep = Math.min(size, pickInt(r, 4, 600));
      const len = r() < 0.5 ? size : pickInt(r, keep, size + 1);
      const out = new Uint8Array(len);
      out.set(original.subarray(0, keep));
      for (let k = keep; k < len; k++) out[k] = pickInt(r, 0, 256);
      return { bytes: out, kind, label: `randomtail keep ${keep} len ${len}`, damage: [[keep, size]], shortened: len < size };
    }
  }
}
