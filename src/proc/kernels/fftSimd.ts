// Real FFTs of two lines at once (numpy's rfft and irfft, as fft.ts computes them for even
// lengths) through the WebAssembly SIMD passes: lane 0 one line, lane 1 the other, every
// operation the scalar path's, so each line's result is bit-identical to fft.ts's. Why: the
// transforms of a patch's many lines are the cost of dft, idft, hilbert, envelope, resample,
// whiten and correlate; two lines per f64x2 instruction take about half the time of two scalar
// runs (numpy's pocketfft batches lines with SIMD likewise). Owns the WebAssembly memory all
// SIMD FFT kernels share; a plan per length keeps its twiddles and pair-lines there.
import { circle, stockhamTables } from "./fftPlan.ts";
import { simdPassFor, type SimdPasses } from "./fftSimdPasses.ts";
import { simdSplits, type SimdSplits } from "./fftSimdSplit.ts";
import { wasmApi, type WasmMemory } from "./wasmEmit.ts";

let memory: WasmMemory | null | undefined;
let splits: SimdSplits | null = null;
let view = new Float64Array(0);
let top = 0;
let enabled = true;

/**
 * Turns the SIMD path off (or back on) for this thread: tests compare it with the scalar path,
 * benchmarks time both. On by default wherever WebAssembly SIMD compiles.
 */
export function useSimdFft(on: boolean): void {
  enabled = on;
}

function kernelMemory(): WasmMemory | null {
  if (memory === undefined) {
    try {
      memory = new (wasmApi().Memory)({ initial: 1 });
      splits = simdSplits(memory);
      if (splits === null) memory = null;
    } catch {
      memory = null;
    }
  }
  return memory;
}

/** `bytes` (rounded up to 32) of the shared memory, grown as needed; the view is refreshed. */
function alloc(mem: WasmMemory, bytes: number): number {
  const at = top;
  top += Math.ceil(bytes / 32) * 32;
  const have = mem.buffer.byteLength;
  if (top > have) mem.grow(Math.ceil((top - have) / 65536));
  if (view.buffer !== mem.buffer) view = new Float64Array(mem.buffer);
  return at;
}

/**
 * Two real lines of even length n ≥ 4 at once. Byte addresses in the shared memory: `s` holds
 * the n/2 + 1 bins (bin k at s + 32k as [re₀, re₁, im₀, im₁]); {@link forward} fills it,
 * {@link inverse} reads it.
 */
export class RealPair {
  readonly half: number;
  readonly bins: number;
  /** Spectrum, pair-line buffers (n/2 + 1 elements: the inverse split's k = 0 writes a spare at n/2), split twiddles. */
  readonly s: number;
  private readonly a: number;
  private readonly b: number;
  private readonly w: number;
  private readonly fns: SimdPasses[];
  private readonly radices: readonly number[];
  private readonly tws: number[];

  constructor(readonly n: number, mem: WasmMemory, radices: readonly number[], tws: readonly Float64Array[], fns: SimdPasses[]) {
    this.half = n >> 1;
    this.bins = this.half + 1;
    this.radices = radices;
    this.fns = fns;
    this.s = alloc(mem, 32 * this.bins);
    this.a = alloc(mem, 32 * this.bins);
    this.b = alloc(mem, 32 * this.bins);
    this.w = alloc(mem, 16 * this.bins);
    this.tws = tws.map((t) => alloc(mem, 8 * t.length));
    tws.forEach((t, i) => view.set(t, this.tws[i]! / 8));
    const [cos, sin] = circle(n);
    for (let k = 0, q = this.w / 8; k < this.bins; k++, q += 2) (view[q] = cos[k]!), (view[q + 1] = sin[k]!);
  }

  /** The memory's current float64 view (index = byte address / 8). */
  view(): Float64Array {
    return view;
  }

  /**
   * Stockham passes from pair-line x, ping-ponging with y: the byte address of the result. With
   * `planar`, x holds two real lines one after the other, read so by the first pass.
   */
  private run(x: number, y: number, sg: number, planar = false): number {
    let len = this.half;
    let s = 1;
    for (let i = 0; i < this.fns.length; i++) {
      const p = this.radices[i]!;
      const f = this.fns[i]!;
      (i === 0 && planar ? f.planar : f.pass)(x, y, len / p, s, this.tws[i]!, sg);
      [x, y] = [y, x];
      len /= p;
      s *= p;
    }
    return x;
  }

  /**
   * rfft of x0 and x1 (length n each), × scale, into the spectrum at {@link s}; with `planar`,
   * written there as two lines of interleaved complex bins (line l's bin k at index
   * s/8 + 2·(l·(n/2 + 1) + k)) rather than in lanes, for block copies out; with `rotate`
   * (lanes only), bins 1 … n/2 − 1 as −i·X (DC and Nyquist as they are).
   */
  forward(x0: Float64Array, x1: Float64Array, scale: number, planar = false, rotate = false): void {
    const v = view;
    // the two lines one after the other (block copies); the first pass puts them in lanes
    v.set(x0.subarray(0, this.n), this.a / 8);
    v.set(x1.subarray(0, this.n), this.a / 8 + this.n);
    const r = this.run(this.a, this.b, -1, true);
    (planar ? splits!.splitPlanar : rotate ? splits!.splitRotated : splits!.split)(r, this.s, this.half, this.w, 1, this.half >> 1, scale);
    // DC and Nyquist: Z_0's parts summed and subtracted, as fft.ts
    const z = r / 8;
    const s = this.s / 8;
    for (let l = 0; l < 2; l++) {
      const zr = v[z + l]!;
      const zi = v[z + 2 + l]!;
      // where lane l's re and im of bin k sit: [re₀, re₁, im₀, im₁] per bin, or line after line
      const [dc, ny, im] = planar ? [s + 2 * l * this.bins, s + 2 * (l * this.bins + this.half), 1] : [s + l, s + 4 * this.half + l, 2];
      v[dc] = (zr + zi) * scale;
      v[dc + im] = 0;
      v[ny] = (zr - zi) * scale;
      v[ny + im] = 0;
    }
  }

  /**
   * irfft of the n/2 + 1 bins at byte address `src` (default: {@link s}; another plan's
   * spectrum may be read in place) × `mul` (> 0: 1, or an exact reciprocal standing for
   * irfftFrom's division) or, with `div` ≠ 1 (> 0), ÷ div, the imaginary parts of DC and
   * Nyquist taken as 0 (set so in `src`).
   * Not yet ÷ n/2: sample 2j of lane l at index (returned address)/8 + 4j + l, sample 2j + 1
   * two further; multiply by 1/(n/2) as fft.ts does.
   */
  inverse(src = this.s, mul = 1, div = 1): number {
    const v = view;
    const s = src / 8;
    v[s + 2] = v[s + 3] = 0;
    v[s + 4 * this.half + 2] = v[s + 4 * this.half + 3] = 0;
    if (div === 1) splits!.unsplit(src, this.a, this.half, this.w, 0, (this.half >> 1) + 1, mul);
    else splits!.unsplitDiv(src, this.a, this.half, this.w, 0, (this.half >> 1) + 1, div);
    return this.run(this.a, this.b, 1);
  }

  /**
   * {@link inverse}, finished: the two lines of n samples, ÷ n/2 as fft.ts (× its reciprocal),
   * one after the other from the returned byte address (line 1 at + 8n), for block copies out.
   */
  inverseLines(src = this.s, mul = 1, div = 1): number {
    const r = this.inverse(src, mul, div);
    const to = r === this.a ? this.b : this.a;
    splits!.unpair(r, to, this.half, 0, 0, 0, 1 / this.half);
    return to;
  }
}

const PLANS = new Map<number, RealPair | null>();

/** The plan of length n where fft.ts transforms it through a Stockham plan of n/2 and the memory can hold it (else null). */
function makePair(n: number, mem: WasmMemory): RealPair | null {
  if (n % 2 !== 0 || n < 4) return null;
  const t = stockhamTables(n >> 1);
  if (t === null) return null;
  const fns: SimdPasses[] = [];
  for (const p of t.radices) {
    const fn = simdPassFor(p, mem);
    if (fn === null) return null;
    fns.push(fn);
  }
  // the memory never shrinks: lengths whose plan would take it past MAX_BYTES stay scalar
  const bins = (n >> 1) + 1;
  const bytes = 112 * bins + t.tws.reduce((a, tw) => a + 8 * tw.length + 32, 0);
  if (top + bytes > MAX_BYTES) return null;
  return new RealPair(n, mem, t.radices, t.tws, fns);
}

/** The most the shared memory grows to (a plan of 2^22 samples takes about 270 MB). */
const MAX_BYTES = 1 << 30;

/**
 * The two-line plans of the real lengths `ns`, all valid together (a later call may reuse their
 * memory), each null where the length takes the scalar path (odd, < 4, or Bluestein); null
 * altogether without WebAssembly SIMD or when turned off by {@link useSimdFft}.
 * @example
 * ```ts
 * const [p] = realPairs([250_000]) ?? [null];
 * p?.forward(line0, line1, 1); // bins at p.view()[p.s / 8 + 4k + lane]
 * ```
 */
export function realPairs(ns: readonly number[]): (RealPair | null)[] | null {
  if (!enabled) return null;
  const mem = kernelMemory();
  if (mem === null) return null;
  const missing = ns.filter((n) => !PLANS.has(n));
  if (missing.length > 0 && (PLANS.size + missing.length > 6 || top > MAX_BYTES / 2)) {
    // a few lengths per run; start the memory over rather than keep every plan
    PLANS.clear();
    top = 0;
  }
  for (const n of ns) if (!PLANS.has(n)) PLANS.set(n, makePair(n, mem));
  return ns.map((n) => PLANS.get(n)!);
}
