// An N-D strided view over a typed array: how a Patch holds its samples so that selections are
// O(1) (new offset/shape, no copy) and each slice is copied at most once, straight to its target.
import { CoordDataError } from "../errors.ts";
import type { TypedArray } from "../../storage/formats/types.ts";

/**
 * Row-major strides (in elements) of a shape.
 *
 * @example
 * ```ts
 * rowMajorStrides([300, 2000]); // [2000, 1]
 * ```
 */
export function rowMajorStrides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    out[i] = s;
    s *= shape[i]!;
  }
  return out;
}

function product(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** A typed-array constructor (the element type of a view). */
export type TypedArrayCtor = (new (length: number) => TypedArray) & { readonly BYTES_PER_ELEMENT: number };

/**
 * Samples computed on first use: `compute` returns a new row-major array; `source` is the array
 * it reads (null for none); `recipe` describes the computation for an operation that can fold it
 * into its own (e.g. a decimation after a band-pass runs both per line, without the band-pass's
 * full-size output).
 */
export interface DeferredSamples {
  readonly compute: () => TypedArray;
  readonly source: TypedArray | null;
  readonly recipe?: unknown;
}

let deferredObserver: ((view: StridedArray, source: TypedArray | null) => void) | null = null;

/** Memory a caller reads into again and again (`read(path, { into })`): never a deferred source. */
const rewritten = new WeakSet<ArrayBufferLike>();

/**
 * Marks `array`'s memory as a caller's reused read target: its samples are overwritten by the
 * next read, so a deferred view over it computes when made, as an eager operation would (a
 * band-pass kept from one window must not change when the next window is read).
 *
 * @example
 * ```ts
 * markRewritten(into); // dc.read(path, { into }) does this
 * ```
 */
export function markRewritten(array: TypedArray): void {
  rewritten.add(array.buffer);
}

/**
 * Tells `observer` of every deferred view made in this thread, with the array it reads. A map
 * worker that overwrites its input buffers uses it to compute the pending views over a buffer
 * before reusing it (planner/workers/inputBuffers.ts).
 *
 * @example
 * ```ts
 * watchDeferredViews((view, source) => pendingBySource.get(source)?.push(new WeakRef(view)));
 * ```
 */
export function watchDeferredViews(observer: ((view: StridedArray, source: TypedArray | null) => void) | null): void {
  deferredObserver = observer;
}

/**
 * A view `base[offset + Σ index[k]·strides[k]]` of shape `shape`. Immutable; `slice` returns a
 * new view sharing `base`. Never mutate `base` through a view: patches share it.
 *
 * @example
 * ```ts
 * const v = StridedArray.contiguous(new Float64Array(6), [2, 3]);
 * const last2 = v.slice(1, 1, 3); // shape [2, 2], offset 1, strides [3, 1], no copy
 * ```
 */
export class StridedArray {
  readonly offset: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly size: number;
  /** The constructor of `base`'s type, known without computing a deferred base. */
  readonly ctor: TypedArrayCtor;
  #base: TypedArray | null;
  #deferred: DeferredSamples | null;

  constructor(base: TypedArray, offset: number, shape: readonly number[], strides: readonly number[]);
  /** @internal A deferred view (see {@link StridedArray.deferred}). */
  constructor(base: null, offset: number, shape: readonly number[], strides: readonly number[], deferred: { ctor: TypedArrayCtor; samples: DeferredSamples });
  constructor(base: TypedArray | null, offset: number, shape: readonly number[], strides: readonly number[], deferred?: { ctor: TypedArrayCtor; samples: DeferredSamples }) {
    this.#base = base;
    this.#deferred = base === null ? deferred!.samples : null;
    this.ctor = base === null ? deferred!.ctor : (base.constructor as TypedArrayCtor);
    this.offset = offset;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze([...strides]);
    this.size = product(shape);
    Object.freeze(this);
    if (base === null) {
      const source = deferred!.samples.source;
      if (source !== null && rewritten.has(source.buffer)) void this.base;
      else deferredObserver?.(this, source);
    }
  }

  /**
   * A row-major view whose samples are computed the first time `base` is read (then kept). The
   * computation must give the same samples whenever it runs: it may read only immutable inputs
   * (patches are immutable; a map worker that reuses an input buffer computes pending views over
   * it first, see {@link watchDeferredViews}).
   *
   * @example
   * ```ts
   * const v = StridedArray.deferred(Float64Array, [2, 3], { compute: () => new Float64Array(6), source: null });
   * v.pending; // true until v.base is read
   * ```
   */
  static deferred(ctor: TypedArrayCtor, shape: readonly number[], samples: DeferredSamples): StridedArray {
    return new StridedArray(null, 0, shape, rowMajorStrides(shape), { ctor, samples });
  }

  /** The typed array the view indexes (computed now if it was deferred). */
  get base(): TypedArray {
    if (this.#base === null) {
      const made = this.#deferred!.compute();
      if (made.length !== this.size || made.constructor !== this.ctor) throw new Error("a deferred computation returned samples of the wrong size or type");
      this.#base = made;
      this.#deferred = null; // drops the inputs it held
    }
    return this.#base;
  }

  /** True while the samples are deferred and not yet computed. */
  get pending(): boolean {
    return this.#base === null;
  }

  /** The pending computation (for an operation that can fold it into its own), or null once computed. */
  get deferredSamples(): DeferredSamples | null {
    return this.#deferred;
  }

  /**
   * A row-major view over a whole typed array; throws `CoordDataError` when the sizes differ.
   *
   * @example
   * ```ts
   * StridedArray.contiguous(new Float32Array(6), [2, 3]).size; // 6
   * ```
   */
  static contiguous(data: TypedArray, shape: readonly number[]): StridedArray {
    const n = product(shape);
    if (data.length !== n) {
      throw new CoordDataError(
        `data shape (${data.length},) with ${data.length} samples does not match coordinate shape (${shape.join(", ")}) with ${n}`,
      );
    }
    return new StridedArray(data, 0, shape, rowMajorStrides(shape));
  }

  /** True when the elements are laid out row-major without gaps (possibly at an offset). */
  get isContiguous(): boolean {
    let s = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      if (this.shape[i]! !== 1 && this.strides[i]! !== s) return false;
      s *= this.shape[i]!;
    }
    return true;
  }

  /** Samples `[i0, i1)` along `axis`, as a new view (O(1), no copy). */
  slice(axis: number, i0: number, i1: number): StridedArray {
    const shape = [...this.shape];
    shape[axis] = Math.max(0, i1 - i0);
    const offset = shape[axis] === 0 ? this.offset : this.offset + i0 * this.strides[axis]!;
    return new StridedArray(this.base, offset, shape, this.strides);
  }

  /** The given positions along `axis`, copied into a new contiguous array (a gather). */
  take(axis: number, indices: Int32Array): StridedArray {
    const shape = [...this.shape];
    shape[axis] = indices.length;
    const Ctor = this.base.constructor as new (n: number) => TypedArray;
    const out = new Ctor(product(shape));
    const outStrides = rowMajorStrides(shape);
    for (let k = 0; k < indices.length; k++) {
      this.slice(axis, indices[k]!, indices[k]! + 1).copyInto(out, k * outStrides[axis]!, outStrides);
    }
    return new StridedArray(out, 0, shape, outStrides);
  }

  /**
   * Copy this view into `target`, whose layout is `targetStrides` (default: row-major of this
   * shape) starting at `targetOffset`. This is the merge fast path: the planner allocates the
   * output once and copies each source slice into its place, e.g. for a (distance, time) output of
   * `[D, T]` a source covering time samples `[t0, t0 + n)` goes to
   * `view.copyInto(out, t0, rowMajorStrides([D, T]))`. Contiguous inner runs use `set`; a target of
   * another numeric type converts as `TypedArray.set` does (float64 → float32 rounds).
   *
   * @example
   * ```ts
   * const out = new Float64Array(300 * 4000);
   * a.view.copyInto(out, 0, [4000, 1]);
   * b.view.copyInto(out, 2000, [4000, 1]);
   * ```
   */
  copyInto(target: TypedArray, targetOffset = 0, targetStrides: readonly number[] = rowMajorStrides(this.shape)): void {
    if (this.size === 0) return;
    const bigSrc = this.base instanceof BigInt64Array || this.base instanceof BigUint64Array;
    const bigDst = target instanceof BigInt64Array || target instanceof BigUint64Array;
    if (bigSrc !== bigDst) {
      // numbers ↔ bigints cannot share `set`: go through a converted contiguous copy
      const src = this.toContiguous();
      const conv = bigDst ? BigInt64Array.from(src as Float64Array, (x) => BigInt(Math.round(x))) : Float64Array.from(src as BigInt64Array, Number);
      new StridedArray(conv, 0, this.shape, rowMajorStrides(this.shape)).copyInto(target, targetOffset, targetStrides);
      return;
    }
    const nd = this.shape.length;
    if (nd === 0) {
      (target as Float64Array)[targetOffset] = (this.base as Float64Array)[this.offset]!;
      return;
    }
    const last = nd - 1;
    const runLen = this.shape[last]!;
    const srcStep = this.strides[last]!;
    const dstStep = targetStrides[last]!;
    const counter = new Array<number>(last).fill(0);
    let src = this.offset;
    let dst = targetOffset;
    const t = target as Float64Array;
    const b = this.base as Float64Array;
    for (;;) {
      if (srcStep === 1 && dstStep === 1) {
        t.set(b.subarray(src, src + runLen), dst);
      } else {
        for (let i = 0, s = src, d = dst; i < runLen; i++, s += srcStep, d += dstStep) t[d] = b[s]!;
      }
      // odometer over the outer axes
      let k = last - 1;
      for (; k >= 0; k--) {
        counter[k]!++;
        src += this.strides[k]!;
        dst += targetStrides[k]!;
        if (counter[k]! < this.shape[k]!) break;
        src -= this.strides[k]! * this.shape[k]!;
        dst -= targetStrides[k]! * this.shape[k]!;
        counter[k] = 0;
      }
      if (k < 0) return;
    }
  }

  /**
   * The samples as one row-major typed array: a zero-copy `subarray` when the view is
   * contiguous, else a new copy.
   *
   * @example
   * ```ts
   * view.toContiguous().length === view.size; // true
   * ```
   */
  toContiguous(): TypedArray {
    if (this.isContiguous) {
      if (this.offset === 0 && this.base.length === this.size) return this.base;
      return this.base.subarray(this.offset, this.offset + this.size) as TypedArray;
    }
    const Ctor = this.base.constructor as new (n: number) => TypedArray;
    const out = new Ctor(this.size);
    this.copyInto(out, 0);
    return out;
  }

  /** Flat position in `base` of an N-D index. */
  indexOf(index: readonly number[]): number {
    let p = this.offset;
    for (let k = 0; k < index.length; k++) p += index[k]! * this.strides[k]!;
    return p;
  }
}
