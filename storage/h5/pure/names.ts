// Names as libhdf5 orders them: by bytes (strcmp on UTF-8). JavaScript's string order compares
// UTF-16 code units, which agrees with byte order for ASCII; other names are compared as their
// UTF-8 bytes, each encoded once. And the ASCII fast path of decoding.

const ASCII = /^[\x00-\x7f]*$/;

function compareBytes(x: Uint8Array, y: Uint8Array): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/**
 * `items` sorted in place by `name` as libhdf5 orders names (bytewise).
 * @example
 * ```ts
 * sortByNameBytes([{ name: "b" }, { name: "_a" }, { name: "Ü" }], (m) => m.name); // _a, b, Ü
 * ```
 */
export function sortByNameBytes<T>(items: T[], name: (item: T) => string): T[] {
  if (items.every((t) => ASCII.test(name(t)))) return items.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  const encoder = new TextEncoder();
  const keyed = items.map((t) => ({ t, k: encoder.encode(name(t)) }));
  keyed.sort((a, b) => compareBytes(a.k, b.k));
  keyed.forEach((e, i) => (items[i] = e.t));
  return items;
}

/**
 * Text of bytes `start`…`end` (default: all) that are all ASCII (below 0x80), or null: short
 * names decode faster this way than through a TextDecoder, and ASCII reads the same in UTF-8,
 * windows-1252 and latin-1.
 * @example
 * ```ts
 * asciiText(Uint8Array.of(0x61, 0x62)); // "ab"
 * ```
 */
export function asciiText(b: Uint8Array, start = 0, end = b.length): string | null {
  let s = "";
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c >= 0x80) return null;
    s += String.fromCharCode(c);
  }
  return s;
}
