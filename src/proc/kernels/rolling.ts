// Rolling-window reducers on one line, as DASCore's numpy roller computes them: windows of `w`
// samples starting at `start, start+step, …`, each reduced like np.mean/median/std/min/max/sum
// (a NaN in a window gives NaN). Sliding updates keep each line O(n) for mean/sum/std/min/max.
import { blockExtreme, blockMedians, selectMedians } from "./rollingSteps.ts";

/** The reducers of `patch.rolling(...)`. */
export type RollingReducer = "mean" | "median" | "std" | "min" | "max" | "sum";

/** DASCore's `_NumpyPatchRoller` layout: first window start, NaN padding and output offset. */
export function rollingLayout(n: number, w: number, step: number, center: boolean): { start: number; count: number; nans: number; offset: number; outLength: number } {
  const start = Math.ceil((w - 1) / step) * step - (w - 1);
  const count = n - w >= start ? Math.floor((n - w - start) / step) + 1 : 0;
  const nans = 1 + Math.floor((w - 2) / step);
  const offset = center ? nans - Math.floor(nans / 2) : nans;
  return { start, count, nans, offset, outLength: count + nans };
}

/** A compensated (Neumaier) accumulator: sliding sums without drift. */
class Sum {
  s = 0;
  c = 0;
  add(x: number): void {
    const t = this.s + x;
    if (Math.abs(this.s) >= Math.abs(x)) this.c += this.s - t + x;
    else this.c += x - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
  reset(): void {
    this.s = 0;
    this.c = 0;
  }
}

function direct(how: RollingReducer, x: Float64Array, k: number, w: number, scratch: Float64Array): number {
  let nan = false;
  for (let i = k; i < k + w; i++) if (x[i] !== x[i]) nan = true;
  if (nan) return NaN;
  switch (how) {
    case "sum":
    case "mean": {
      const s = new Sum();
      for (let i = k; i < k + w; i++) s.add(x[i]!);
      return how === "sum" ? s.value : s.value / w;
    }
    case "std": {
      const s = new Sum();
      for (let i = k; i < k + w; i++) s.add(x[i]!);
      const m = s.value / w;
      const q = new Sum();
      for (let i = k; i < k + w; i++) q.add((x[i]! - m) * (x[i]! - m));
      return Math.sqrt(q.value / w);
    }
    case "min": {
      let m = Infinity;
      for (let i = k; i < k + w; i++) if (x[i]! < m) m = x[i]!;
      return m;
    }
    case "max": {
      let m = -Infinity;
      for (let i = k; i < k + w; i++) if (x[i]! > m) m = x[i]!;
      return m;
    }
    case "median": {
      const s = scratch.subarray(0, w);
      s.set(x.subarray(k, k + w));
      s.sort();
      return w % 2 ? s[(w - 1) / 2]! : (s[w / 2 - 1]! + s[w / 2]!) / 2;
    }
  }
}

/**
 * Reduce the windows of line `x[0..n)` into `out[offset + j]` for window j (the caller fills the
 * rest with NaN). Mean/sum/std slide compensated sums (std about a shift, so an offset in the
 * data does not cancel digits), min/max a monotonic deque, median a sorted window; windows with
 * a NaN or an infinity are computed directly.
 *
 * @example
 * ```ts
 * rollLine("mean", line, n, 50, 1, layout.start, layout.count, out, layout.offset);
 * ```
 */
export function rollLine(how: RollingReducer, x: Float64Array, w: number, step: number, start: number, count: number, out: Float64Array, offset: number, scratch: Float64Array = new Float64Array(w)): void {
  if (count === 0) return;
  if (how === "median") {
    // a sorted sliding window pays O(w) per sample; selecting in a copy of each window pays
    // O(w) per output: the copy wins once outputs are a few samples apart
    if (w % step === 0 && w / step <= 4 && step >= 8) return blockMedians(x, w, step, start, count, out, offset);
    if (step * 4 >= w) return selectMedians(x, w, step, start, count, out, offset, scratch);
    return slidingMedian(x, w, step, start, count, out, offset, scratch);
  }
  if (how === "min" || how === "max") {
    // scanning each window reads w / step samples per input sample: fine while that is small
    if (step * 4 >= w) return blockExtreme(how === "max" ? 1 : -1, x, w, step, start, count, out, offset);
    return slidingExtreme(how, x, w, step, start, count, out, offset, scratch);
  }
  // windows overlapping by less than half are cheaper computed directly
  if (step * 2 > w) {
    for (let j = 0; j < count; j++) out[offset + j] = direct(how, x, start + j * step, w, scratch);
    return;
  }
  const shift = x[start]! === x[start]! && Number.isFinite(x[start]!) ? x[start]! : 0;
  const s = new Sum();
  const q = new Sum();
  let bad = 0; // non-finite samples in the window
  const enter = (v: number, sign: 1 | -1): void => {
    if (!Number.isFinite(v)) bad += sign;
    else {
      const d = v - shift;
      s.add(sign * d);
      q.add(sign * d * d);
    }
  };
  let lo = start;
  let hi = start; // the window is x[lo..hi)
  for (let j = 0; j < count; j++) {
    const k = start + j * step;
    while (hi < k + w) enter(x[hi++]!, 1);
    while (lo < k) enter(x[lo++]!, -1);
    if (bad > 0) {
      out[offset + j] = direct(how, x, k, w, scratch);
      continue;
    }
    const mean = s.value / w;
    if (how === "sum") out[offset + j] = s.value + shift * w;
    else if (how === "mean") out[offset + j] = mean + shift;
    else out[offset + j] = Math.sqrt(Math.max(0, q.value / w - mean * mean));
  }
}


function slidingExtreme(how: "min" | "max", x: Float64Array, w: number, step: number, start: number, count: number, out: Float64Array, offset: number, scratch: Float64Array): void {
  const sgn = how === "min" ? -1 : 1; // compare sgn·v so one loop serves both
  const dq = new Int32Array(x.length);
  let head = 0;
  let tail = 0;
  let nanCount = 0;
  let lo = start;
  let hi = start;
  for (let j = 0; j < count; j++) {
    const k = start + j * step;
    while (hi < k + w) {
      const v = x[hi]!;
      if (v !== v) nanCount++;
      else {
        while (tail > head && sgn * v >= sgn * x[dq[tail - 1]!]!) tail--;
        dq[tail++] = hi;
      }
      hi++;
    }
    while (lo < k) {
      if (x[lo] !== x[lo]) nanCount--;
      lo++;
    }
    while (tail > head && dq[head]! < k) head++;
    out[offset + j] = nanCount > 0 ? NaN : tail > head ? x[dq[head]!]! : direct(how, x, k, w, scratch);
  }
}

function slidingMedian(x: Float64Array, w: number, step: number, start: number, count: number, out: Float64Array, offset: number, scratch: Float64Array): void {
  const sorted = scratch; // the window's values, ascending (NaN sorts last, as in Float64Array.sort)
  let nanCount = 0;
  const pos = (v: number): number => {
    let a = 0;
    let b = size;
    while (a < b) {
      const m = (a + b) >> 1;
      if (sorted[m]! < v) a = m + 1;
      else b = m;
    }
    return a;
  };
  let size = 0;
  const insert = (v: number): void => {
    if (v !== v) {
      nanCount++;
      return;
    }
    const i = pos(v);
    for (let j = size; j > i; j--) sorted[j] = sorted[j - 1]!; // windows are short: a loop beats copyWithin's call
    sorted[i] = v;
    size++;
  };
  const remove = (v: number): void => {
    if (v !== v) {
      nanCount--;
      return;
    }
    const i = pos(v);
    for (let j = i; j < size - 1; j++) sorted[j] = sorted[j + 1]!;
    size--;
  };
  let lo = start;
  let hi = start;
  for (let j = 0; j < count; j++) {
    const k = start + j * step;
    while (lo < k && lo < hi) remove(x[lo++]!);
    lo = Math.max(lo, k);
    hi = Math.max(hi, lo);
    while (hi < k + w) insert(x[hi++]!);
    out[offset + j] = nanCount > 0 ? NaN : w % 2 ? sorted[(w - 1) / 2]! : (sorted[w / 2 - 1]! + sorted[w / 2]!) / 2;
  }
}
