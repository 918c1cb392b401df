// Bounds-checked byte access for the hand-written binary readers: reads byte ranges at offsets
// (never the whole file unless asked) and turns every out-of-range access into CorruptFileError.
import { open, type FileHandle } from "node:fs/promises";
import { CorruptFileError } from "../../../src/errors.ts";

/**
 * Builds the CorruptFileError every binary reader throws: it names the file and the offset.
 *
 * @example
 * ```ts
 * throw corrupt("a.sgy", 3224, "SEG-Y: unsupported sample format 7"); // "a.sgy: SEG-Y: ... at offset 3224"
 * ```
 */
export function corrupt(path: string, offset: number, what: string, cause?: unknown): CorruptFileError {
  return new CorruptFileError(`${path}: ${what} at offset ${offset}`, { cause });
}

/**
 * A bounds-checked view over bytes that came from `path` at file offset `base`. Every getter
 * throws CorruptFileError naming the file and the absolute offset instead of a RangeError.
 *
 * @example
 * ```ts
 * const v = new ByteView(bytes, "x.sgy", 3200, false);
 * const format = v.u16(24);
 * ```
 */
export class ByteView {
  readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    readonly path: string,
    readonly base: number,
    public littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.byteLength;
  }
  /** Throws unless `[at, at + n)` lies inside the view. */
  check(at: number, n: number, what = "truncated data"): void {
    if (!Number.isInteger(at) || at < 0 || n < 0 || at + n > this.bytes.byteLength) {
      throw corrupt(this.path, this.base + Math.max(0, Math.min(at, this.bytes.byteLength)), what);
    }
  }
  u8(at: number): number { this.check(at, 1); return this.view.getUint8(at); }
  i8(at: number): number { this.check(at, 1); return this.view.getInt8(at); }
  u16(at: number): number { this.check(at, 2); return this.view.getUint16(at, this.littleEndian); }
  i16(at: number): number { this.check(at, 2); return this.view.getInt16(at, this.littleEndian); }
  u32(at: number): number { this.check(at, 4); return this.view.getUint32(at, this.littleEndian); }
  i32(at: number): number { this.check(at, 4); return this.view.getInt32(at, this.littleEndian); }
  f32(at: number): number { this.check(at, 4); return this.view.getFloat32(at, this.littleEndian); }
  f64(at: number): number { this.check(at, 8); return this.view.getFloat64(at, this.littleEndian); }
  u64(at: number): bigint { this.check(at, 8); return this.view.getBigUint64(at, this.littleEndian); }
  i64(at: number): bigint { this.check(at, 8); return this.view.getBigInt64(at, this.littleEndian); }
  /** Latin-1 text of `n` bytes at `at`. */
  ascii(at: number, n: number): string {
    this.check(at, n);
    let s = "";
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.bytes[at + i]!);
    return s;
  }
  /** UTF-8 text of `n` bytes at `at`. */
  utf8(at: number, n: number): string {
    this.check(at, n);
    return new TextDecoder().decode(this.bytes.subarray(at, at + n));
  }
  /** A sub-view of `n` bytes at `at` sharing the bytes, keeping the absolute offset. */
  sub(at: number, n: number): ByteView {
    this.check(at, n);
    return new ByteView(this.bytes.subarray(at, at + n), this.path, this.base + at, this.littleEndian);
  }
}

/**
 * An open file read by byte ranges. Always close it (`try/finally`); `withFile` does that.
 *
 * @example
 * ```ts
 * await withFile("a.mseed", async (f) => f.view(0, 48, false).ascii(0, 6));
 * ```
 */
export class BinaryFile {
  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<BinaryFile> {
    const handle = await open(path, "r");
    try {
      const { size } = await handle.stat();
      return new BinaryFile(handle, path, size);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /** Reads exactly `length` bytes at `offset`; a range past the end is a CorruptFileError. */
  async read(offset: number, length: number, what = "truncated file"): Promise<Uint8Array> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 ||
        offset + length > this.size) {
      throw corrupt(this.path, Math.max(0, Math.min(offset, this.size)), `${what} (wanted ${length} bytes, file has ${this.size})`);
    }
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(out, done, length - done, offset + done);
      if (bytesRead === 0) throw corrupt(this.path, offset + done, what);
      done += bytesRead;
    }
    return out;
  }

  /** Reads up to `length` bytes at `offset` (fewer at the end of the file). */
  async readUpTo(offset: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.size - offset));
    return this.read(offset, n);
  }

  /** Reads a range and wraps it in a bounds-checked view. */
  async view(offset: number, length: number, littleEndian: boolean, what?: string): Promise<ByteView> {
    return new ByteView(await this.read(offset, length, what), this.path, offset, littleEndian);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/**
 * Opens `path`, runs `fn`, and always closes the file.
 *
 * @example
 * ```ts
 * const size = await withFile("a.tdms", async (f) => f.size);
 * ```
 */
export async function withFile<T>(path: string, fn: (f: BinaryFile) => Promise<T>): Promise<T> {
  const f = await BinaryFile.open(path);
  try {
    return await fn(f);
  } finally {
    await f.close();
  }
}

/**
 * Nanoseconds since the epoch for a UTC calendar time (day of year counts from 1).
 *
 * @example
 * ```ts
 * utcNs(2018, 243, 7, 1, 8, 896_000_000n); // 2018-08-31T07:01:08.896Z as bigint ns
 * ```
 */
export function utcNs(year: number, dayOfYear: number, h: number, m: number, s: number, ns: bigint): bigint {
  const ms = Date.UTC(year, 0, dayOfYear, h, m, s);
  return BigInt(ms) * 1_000_000n + ns;
}

/**
 * Clamps a half-open selection range to `[0, n)`; a missing range means everything.
 *
 * @example
 * ```ts
 * clampRange([-5, 50], 20); // [0, 20]
 * ```
 */
export function clampRange(range: readonly [number, number] | undefined, n: number): [number, number] {
  if (!range) return [0, n];
  const a = Math.max(0, Math.min(n, Math.trunc(range[0])));
  const b = Math.max(a, Math.min(n, Math.trunc(range[1])));
  return [a, b];
}
