// libhdf5 lists links and attributes by name comparing bytes (strcmp on UTF-8). JavaScript's
// string order compares UTF-16 code units, which agrees with byte order for ASCII; other names
// are compared as their UTF-8 bytes, each encoded once.

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
