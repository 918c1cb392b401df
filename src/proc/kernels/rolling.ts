// Rolling-window reducers on one line, as DASCore's numpy roller computes them: windows of `w`
// samples starting at `start, start+step, …`, each reduced like np.mean/median/std/min/max/sum
// (a NaN in a window gives NaN). Sliding updates keep each line O(n) for mean/sum/std/min/max.

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


/**
 * Window maxima (sgn 1) or minima (sgn −1) from the extremes of step-long blocks: window j is
 * blocks j … j+q−1 (q = ⌊w/step⌋) and the first w − q·step samples of block j+q, so each sample
 * is read about once. Math.max/min propagate NaN, as np.max does.
 */
function blockExtreme(sgn: 1 | -1, x: Float64Array, w: number, step: number, start: number, count: number, out: Float64Array, offset: number): void {
  const q = Math.floor(w / step);
  const r = w - q * step;
  const nb = q === 0 ? 0 : count - 1 + q; // whole blocks any window covers
  const blocks = new Float64Array(nb);
  for (let b = 0, k = start; b < nb; b++, k += step) {
    let m = sgn * x[k]!;
    for (let i = k + 1; i < k + step; i++) m = Math.max(m, sgn * x[i]!);
    blocks[b] = m;
  }
  for (let j = 0, k = start; j < count; j++, k += step) {
    let m = -Infinity;
    for (let b = j; b < j + q; b++) m = Math.max(m, blocks[b]!);
    for (let i = k + q * step; i < k + q * step + r; i++) m = Math.max(m, sgn * x[i]!);
    out[offset + j] = sgn * m;
  }
}

/**
 * Rearrange a[lo..hi] (no NaN) so that a[k] holds the value of rank k and a[lo..k) nothing
 * larger (Hoare's selection, insertion sort for short ranges).
 */
export function selectRank(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi - lo > 12) {
    const mid = (lo + hi) >> 1;
    // median of three as the pivot
    let p0 = a[lo]!;
    let p1 = a[mid]!;
    const p2 = a[hi]!;
    if (p0 > p1) [p0, p1] = [p1, p0];
    const p = p2 < p0 ? p0 : p2 > p1 ? p1 : p2;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < p) i++;
      while (a[j]! > p) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
  return a[k]!;
}

/**
 * Window medians when each window is q = w/step whole blocks (q ≤ 4): sort every block once
 * (insertion sort; blocks with NaN are flagged), then merge the q sorted blocks of a window only
 * as far as its middle rank. Reads and sorts each sample once instead of selecting in every
 * window.
 */
function blockMedians(x: Float64Array, w: number, step: number, start: number, count: number, out: Float64Array, offset: number): void {
  const q = w / step;
  const nb = count - 1 + q;
  const sorted = new Float64Array(nb * step);
  const hasNaN = new Uint8Array(nb);
  for (let b = 0; b < nb; b++) {
    const k = start + b * step;
    const o = b * step;
    for (let j = 0; j < step; j++) {
      const v = x[k + j]!;
      if (v !== v) {
        hasNaN[b] = 1;
        sorted[o + j] = Infinity; // keeps the block ordered; the window is NaN anyway
        continue;
      }
      let i = o + j - 1;
      for (; i >= o && sorted[i]! > v; i--) sorted[i + 1] = sorted[i]!;
      sorted[i + 1] = v;
    }
  }
  const half = w >> 1; // rank of the upper middle
  const heads = new Int32Array(4);
  const ends = new Int32Array(4);
  for (let j = 0; j < count; j++) {
    let nan = false;
    for (let b = 0; b < q; b++) {
      if (hasNaN[j + b]) nan = true;
      heads[b] = (j + b) * step;
      ends[b] = (j + b + 1) * step;
    }
    if (nan) {
      out[offset + j] = NaN;
      continue;
    }
    if (q === 2) {
      out[offset + j] = twoBlockMedian(sorted, j * step, step, half, w % 2 === 1);
      continue;
    }
    // pop the smallest head half (+1) times
    let prev = NaN;
    let cur = NaN;
    for (let r = 0; r <= half; r++) {
      let best = -1;
      let bv = Infinity;
      for (let b = 0; b < q; b++) {
        if (heads[b]! < ends[b]!) {
          const v = sorted[heads[b]!]!;
          if (best < 0 || v < bv) {
            best = b;
            bv = v;
          }
        }
      }
      heads[best]!++;
      prev = cur;
      cur = bv;
    }
    out[offset + j] = w % 2 ? cur : (prev + cur) / 2;
  }
}

/**
 * The median of two sorted runs a = s[o..o+m) and b = s[o+m..o+2m): binary search for how many
 * of the `k + 1` smallest come from a (k = m, the upper middle rank), then the largest of those
 * (and, for an even count, the second largest).
 */
function twoBlockMedian(s: Float64Array, o: number, m: number, k: number, odd: boolean): number {
  const a = o;
  const b = o + m;
  const need = k + 1;
  let lo = Math.max(0, need - m);
  let hi = Math.min(need, m);
  // find i (taken from a) with a[i−1] ≤ b[j] and b[j−1] ≤ a[i], j = need − i
  for (;;) {
    const i = (lo + hi) >> 1;
    const j = need - i;
    if (i < m && j > 0 && s[b + j - 1]! > s[a + i]!) lo = i + 1;
    else if (i > 0 && j < m && s[a + i - 1]! > s[b + j]!) hi = i - 1;
    else {
      const ai = i > 0 ? s[a + i - 1]! : -Infinity;
      const bj = j > 0 ? s[b + j - 1]! : -Infinity;
      const top = Math.max(ai, bj);
      if (odd) return top;
      // the second largest of the need smallest
      const next = ai >= bj ? Math.max(i > 1 ? s[a + i - 2]! : -Infinity, bj) : Math.max(ai, j > 1 ? s[b + j - 2]! : -Infinity);
      return (next + top) / 2;
    }
  }
}

/** Window medians by selection in a copy of each window (np.median; a NaN gives NaN). */
function selectMedians(x: Float64Array, w: number, step: number, start: number, count: number, out: Float64Array, offset: number, scratch: Float64Array): void {
  const half = w >> 1;
  for (let j = 0, k = start; j < count; j++, k += step) {
    let nan = false;
    for (let i = 0; i < w; i++) {
      const v = x[k + i]!;
      if (v !== v) nan = true;
      scratch[i] = v;
    }
    if (nan) {
      out[offset + j] = NaN;
      continue;
    }
    const hi = selectRank(scratch, 0, w - 1, half);
    if (w % 2) out[offset + j] = hi;
    else {
      let lo = -Infinity;
      for (let i = 0; i < half; i++) if (scratch[i]! > lo) lo = scratch[i]!;
      out[offset + j] = (lo + hi) / 2;
    }
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
