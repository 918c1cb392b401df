// Tagged JSON for what crosses Redis: job data (read plans hold bigint ns) and small task results
// (bigints, typed arrays, dates, non-finite numbers). Plain JSON loses all of these.

/** Typed array constructors by name (the tag written for a typed array). */
const TYPED = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;

type TypedName = keyof typeof TYPED;

/** A value that cannot be sent through Redis as tagged JSON (a function, a Map, a class instance). */
export class UnsendableValueError extends Error {
  override name = "UnsendableValueError";
}

/**
 * Turns a value into plain JSON-able data: bigint → `{ $bigint }`, typed array →
 * `{ $typed, base64 }`, Date → `{ $date }`, NaN/±Infinity → `{ $number }`. Plain objects and
 * arrays are walked; anything else throws {@link UnsendableValueError} naming the path.
 *
 * @example
 * ```ts
 * JSON.stringify(encodeValue({ t: 5n })); // '{"t":{"$bigint":"5"}}'
 * ```
 */
export function encodeValue(value: unknown, path = "result"): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { $number: String(value) };
  if (typeof value === "bigint") return { $bigint: value.toString() };
  if (value === undefined) return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name as TypedName;
    if (!(name in TYPED)) throw new UnsendableValueError(`${path} is a ${name}, which cannot be sent through Redis`);
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return { $typed: name, base64: bytes.toString("base64") };
  }
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map((v, i) => encodeValue(v, `${path}[${i}]`));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeValue(v, `${path}.${k}`);
    return out;
  }
  const kind = typeof value === "object" ? (value as object).constructor?.name ?? "object" : typeof value;
  throw new UnsendableValueError(`${path} is a ${kind}, which cannot be sent through Redis as a job value`);
}

/** The inverse of {@link encodeValue}. */
export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && typeof o.$bigint === "string") return BigInt(o.$bigint);
  if (keys.length === 1 && typeof o.$number === "string") return Number(o.$number);
  if (keys.length === 1 && typeof o.$date === "string") return new Date(o.$date);
  if (keys.length === 2 && typeof o.$typed === "string" && typeof o.base64 === "string" && o.$typed in TYPED) {
    const bytes = Buffer.from(o.base64, "base64");
    const Ctor = TYPED[o.$typed as TypedName];
    // Copy into a fresh, aligned buffer: Buffer's pool offset may not suit the element size.
    const buffer = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(buffer).set(bytes);
    return new Ctor(buffer);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = decodeValue(o[k]);
  return out;
}
