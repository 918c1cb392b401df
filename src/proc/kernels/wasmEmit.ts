// The bytes of small WebAssembly modules, written by hand (no compiler in the toolchain, no
// dependency): LEB128 numbers, sections, the opcodes daspool's SIMD kernels use, and one
// synchronous compile that yields null where the engine lacks WebAssembly SIMD. Shared by the
// biquad kernel (wasmSimdSos.ts) and the FFT kernels (fftSimdPasses.ts).

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const name = (s: string): number[] => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

// Value types.
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

// Locals, constants, i32 arithmetic, control.
export const get = (i: number): number[] => [0x20, ...uleb(i)];
export const set = (i: number): number[] => [0x21, ...uleb(i)];
export const tee = (i: number): number[] => [0x22, ...uleb(i)];
export const i32c = (v: number): number[] => [0x41, ...sleb(v)];
export const I32_EQZ = 0x45, I32_EQ = 0x46, I32_ADD = 0x6a, I32_SUB = 0x6b, I32_MUL = 0x6c, I32_GE_S = 0x4e;
export const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], END = 0x0b, RETURN = 0x0f;
export const br = (depth: number): number[] => [0x0c, depth];
export const brIf = (depth: number): number[] => [0x0d, depth];
export const f64Load = (offset: number): number[] => [0x2b, 3, ...uleb(offset)];
export const F64_MUL = 0xa2;

// SIMD (prefix 0xfd).
export const simd = (op: number, ...rest: number[]): number[] => [0xfd, ...uleb(op), ...rest];
export const v128Load = (offset: number): number[] => simd(0x00, 4, ...uleb(offset));
export const v128Store = (offset: number): number[] => simd(0x0b, 4, ...uleb(offset));
export const SPLAT = simd(0x14), NEG = simd(0xed), ADD = simd(0xf0), SUB = simd(0xf1), MUL = simd(0xf2), DIV = simd(0xf3);

/** i8x16.shuffle taking lane 0 of each f64x2 ([a₀, b₀]) and lane 1 of each ([a₁, b₁]). */
export const LOW_LANES = simd(0x0d, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
export const HIGH_LANES = simd(0x0d, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);

/** v128.const of two equal f64 lanes. */
export function f64x2Const(x: number): number[] {
  const b = new Uint8Array(new Float64Array([x, x]).buffer);
  return simd(0x0c, ...b);
}

/** A function body: local declarations (runs of [count, type]) then code, length-prefixed. */
export function funcBody(locals: [number, number][], code: number[]): number[] {
  const body = [...vec(locals.map(([count, type]) => [...uleb(count), type])), ...code];
  return [...uleb(body.length), ...body];
}

/** Module header + sections (type, import, function, memory, export, code) from parts already encoded. */
export function moduleBytes(sections: number[][]): Uint8Array {
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...sections.flat()]);
}

interface WasmApi {
  Module: new (b: Uint8Array) => object;
  Instance: new (m: object, imports?: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number }) => WasmMemory;
}

/** A WebAssembly.Memory as the kernels see it. */
export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The engine's WebAssembly namespace (typed here: the project's lib settings do not include it). */
export function wasmApi(): WasmApi {
  return (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
}

/**
 * The exports of `bytes` compiled and instantiated synchronously (`imports` given), or null when
 * the engine refuses it (no WebAssembly, or no SIMD): callers then run their scalar code.
 */
export function instantiate(bytes: Uint8Array, imports?: object): Record<string, unknown> | null {
  try {
    const wasm = wasmApi();
    return new wasm.Instance(new wasm.Module(bytes), imports).exports;
  } catch {
    return null;
  }
}
