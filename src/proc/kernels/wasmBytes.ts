// The bytes of small WebAssembly modules, written by hand: LEB128 numbers, sections, the opcodes
// the SIMD kernels of this folder use, and instantiation with a fallback to null where the
// engine lacks WebAssembly SIMD. (wasmSimdSos.ts has its own copy of the encoders.)

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

export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const name = (s: string): number[] => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

export const I32 = 0x7f, V128 = 0x7b;
export const get = (i: number) => [0x20, ...uleb(i)];
export const set = (i: number) => [0x21, ...uleb(i)];
/** i32.const for 0 ≤ v < 64 (a one-byte signed LEB128). */
export const i32c = (v: number) => [0x41, v];

/** Signed LEB128. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

/** i32.const of any i32. */
export const i32Const = (v: number) => [0x41, ...sleb(v)];
export const I32_ADD = 0x6a, I32_SUB = 0x6b, I32_EQZ = 0x45, I32_LT_U = 0x49, I32_GE_U = 0x4f, F64_ADD = 0xa0, F64_MIN = 0xa4, F64_MAX = 0xa5;
export const f64Store = (offset: number) => [0x39, 3, ...uleb(offset)];
export const simd = (op: number, ...rest: number[]) => [0xfd, ...uleb(op), ...rest];
export const load = (offset: number) => simd(0x00, 3, ...uleb(offset));
export const loadSplat = (offset: number) => simd(0x0a, 3, ...uleb(offset));
export const loadZero = (offset: number) => simd(0x5d, 3, ...uleb(offset));
export const store = (offset: number) => simd(0x0b, 3, ...uleb(offset));
export const lane = (l: number) => simd(0x21, l);
export const ADD = simd(0xf0), MUL = simd(0xf2), MIN = simd(0xf4), MAX = simd(0xf5), PMIN = simd(0xf6), PMAX = simd(0xf7);
export const NE = simd(0x48), OR = simd(0x50), ANY_TRUE = simd(0x53);
export const tee = (i: number) => [0x22, ...uleb(i)];

/** A function body: local declarations (count, type) then code, sized. */
export function body(locals: [number, number][], code: number[]): number[] {
  const b = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...code];
  return [...uleb(b.length), ...b];
}

/**
 * A module of functions with the given parameter counts (all i32; one i32 result where `result`),
 * exported under their names with its memory as "mem".
 */
export function moduleBytes(fns: { name: string; params: number; result?: boolean; body: number[] }[]): Uint8Array {
  const sig = (f: { params: number; result?: boolean }) => `${f.params}:${f.result ? 1 : 0}`;
  const sigs = [...new Set(fns.map(sig))];
  const type = section(1, vec(sigs.map((k) => {
    const [p, r] = k.split(":").map(Number) as [number, number];
    return [0x60, ...vec(Array.from({ length: p }, () => [I32])), ...vec(r ? [[I32]] : [])];
  })));
  const funcs = section(3, vec(fns.map((f) => uleb(sigs.indexOf(sig(f))))));
  const memory = section(5, vec([[0x00, ...uleb(1)]]));
  const exports = section(7, vec([...fns.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]), [...name("mem"), 0x02, 0]]));
  const code = section(10, vec(fns.map((f) => f.body)));
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...funcs, ...memory, ...exports, ...code]);
}

/** A module's exports, or null where the engine rejects it (no WebAssembly, or no SIMD). */
export function instantiate(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const wasm = (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object) => { exports: Record<string, unknown> } } }).WebAssembly;
    return new wasm.Instance(new wasm.Module(bytes)).exports;
  } catch {
    return null;
  }
}

/** The exported memory of an instance. */
export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Grow `mem` to hold at least `bytes`. */
export function ensure(mem: WasmMemory, bytes: number): void {
  const have = mem.buffer.byteLength;
  if (have < bytes) mem.grow(Math.ceil((bytes - have) / 65536));
}
