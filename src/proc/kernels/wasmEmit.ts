// The bytes of small WebAssembly modules, written by hand (no compiler in the toolchain, no
// dependency): LEB128 numbers, sections, the opcodes daspool's SIMD kernels use, and one
// synchronous compile that yields null where the engine lacks WebAssembly SIMD. Shared by the
// biquad kernel (wasmSimdSos.ts), the FFT kernels (fftSimdPasses.ts) and the FIR, median and
// extreme kernels (wasmSimdFir.ts, wasmSimdMedian.ts, wasmSimdExtreme.ts).
import { setFlagsFromString } from "node:v8";

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
export const I32_EQZ = 0x45, I32_EQ = 0x46, I32_ADD = 0x6a, I32_SUB = 0x6b, I32_MUL = 0x6c, I32_GE_S = 0x4e, I32_LT_U = 0x49, I32_GE_U = 0x4f;
export const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], END = 0x0b, RETURN = 0x0f;
export const br = (depth: number): number[] => [0x0c, depth];
export const brIf = (depth: number): number[] => [0x0d, depth];
export const f64Load = (offset: number): number[] => [0x2b, 3, ...uleb(offset)];
export const f64Store = (offset: number): number[] => [0x39, 3, ...uleb(offset)];
export const F64_ADD = 0xa0, F64_MUL = 0xa2, F64_MIN = 0xa4, F64_MAX = 0xa5;

// SIMD (prefix 0xfd).
export const simd = (op: number, ...rest: number[]): number[] => [0xfd, ...uleb(op), ...rest];
export const v128Load = (offset: number): number[] => simd(0x00, 4, ...uleb(offset));
export const v128Store = (offset: number): number[] => simd(0x0b, 4, ...uleb(offset));
export const SPLAT = simd(0x14), NEG = simd(0xed), ADD = simd(0xf0), SUB = simd(0xf1), MUL = simd(0xf2), DIV = simd(0xf3);
export const MIN = simd(0xf4), MAX = simd(0xf5), PMIN = simd(0xf6), PMAX = simd(0xf7);
export const NE = simd(0x48), OR = simd(0x50), ANY_TRUE = simd(0x53);
/** v128 loads and stores declaring 8-byte alignment (an f64's), as the line kernels use them. */
export const load = (offset: number): number[] => simd(0x00, 3, ...uleb(offset));
export const loadSplat = (offset: number): number[] => simd(0x0a, 3, ...uleb(offset));
export const loadZero = (offset: number): number[] => simd(0x5d, 3, ...uleb(offset));
export const store = (offset: number): number[] => simd(0x0b, 3, ...uleb(offset));
/** f64x2.extract_lane. */
export const lane = (l: number): number[] => simd(0x21, l);

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

/**
 * A module of functions with the given parameter counts (all i32; one i32 result where `result`),
 * exported under their names with one memory exported as "mem".
 */
export function functionModule(fns: { name: string; params: number; result?: boolean; body: number[] }[]): Uint8Array {
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
  return moduleBytes([type, funcs, memory, exports, code]);
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

/** Relaxed SIMD's fused multiply-adds, f64x2: `a·b + c` and `c − a·b` (operands a b c on the stack). */
export const F64X2_MADD = simd(0x107), F64X2_NMADD = simd(0x108);

let relaxed: boolean | undefined;

/**
 * Whether this engine compiles WebAssembly relaxed SIMD (the fused multiply-adds above). Node 22+
 * has it by default; Node 20's V8 (11.3) has it behind `--experimental-wasm-relaxed-simd`, which
 * is set here once when the probe fails. Decision: that flag only widens what the wasm validator
 * accepts (it is read when a module compiles), so setting it late changes nothing else; where it
 * cannot be set, kernels keep their plain multiply-then-add forms.
 */
export function relaxedSimd(): boolean {
  if (relaxed !== undefined) return relaxed;
  // (func (param v128 v128 v128) (result v128) f64x2.relaxed_madd)
  const probe = moduleBytes([section(1, vec([[0x60, ...vec([[V128], [V128], [V128]]), ...vec([[V128]])]])), section(3, vec([[0]])), section(10, vec([funcBody([], [...get(0), ...get(1), ...get(2), ...F64X2_MADD, END])]))]);
  const valid = () => (globalThis as unknown as { WebAssembly?: { validate(b: Uint8Array): boolean } }).WebAssembly?.validate(probe) === true;
  relaxed = valid();
  if (!relaxed && /^11\./.test(process.versions.v8)) {
    try {
      setFlagsFromString("--experimental-wasm-relaxed-simd");
      relaxed = valid();
    } catch {
      relaxed = false;
    }
  }
  return relaxed;
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

/** Grows `mem` to hold at least `bytes`. */
export function ensure(mem: WasmMemory, bytes: number): void {
  const have = mem.buffer.byteLength;
  if (have < bytes) mem.grow(Math.ceil((bytes - have) / 65536));
}
