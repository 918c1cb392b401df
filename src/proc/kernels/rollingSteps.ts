// Rolling-window reducers for windows that start a step apart where that step is a sizeable part
// of the window (see rollLine): each sample is read (and for the median sorted) about once,
// instead of once per window that covers it.
import { simdBlockExtremes } from "./wasmSimdExtreme.ts";

/**
 * Window maxima (sgn 1) or minima (sgn −1) from the extremes of step-long blocks: window j is
 * blocks j … j+q−1 (q = ⌊w/step⌋) and the first w − q·step samples of block j+q, so each sample
 * is read about once. Math.max/min propagate NaN, as np.max does; the blocks' extremes come from
 * the SIMD kernel where there is one (the same values).
 */
export function blockExtreme(sgn: 1 | -1, x: Float64Array, w: number, step: number, start: number, count: number, out: Float64Array, offset: number): void {
  const q = Math.floor(w / step);
  const r = w - q * step;
  const nb = q === 0 ? 0 : count - 1 + q; // whole blocks any window covers
  const blocks = new Float64Array(nb);
  const ext = sgn === 1 ? Math.max : Math.min;
  if (!simdBlockExtremes(sgn, x, start, step, nb, blocks)) {
    for (let b = 0, k = start; b < nb; b++, k += step) {
      let m = x[k]!;
      for (let i = k + 1; i < k + step; i++) m = ext(m, x[i]!);
      blocks[b] = m;
    }
  }
  // written out per sign: Math.max called through a variable is a call per value in V8; a
  // window starts from its first block (Math.max(−∞, v) is v, NaN and −0 included)
  if (sgn === 1) {
    for (let j = 0, k = start; j < count; j++, k += step) {
      let m = q > 0 ? blocks[j]! : -Infinity;
      for (let b = j + 1; b < j + q; b++) m = Math.max(m, blocks[b]!);
      for (let i = k + q * step; i < k + q * step + r; i++) m = Math.max(m, x[i]!);
      out[offset + j] = m;
    }
  } else {
    for (let j = 0, k = start; j < count; j++, k += step) {
      let m = q > 0 ? blocks[j]! : Infinity;
      for (let b = j + 1; b < j + q; b++) m = Math.min(m, blocks[b]!);
      for (let i = k + q * step; i < k + q * step + r; i++) m = Math.min(m, x[i]!);
      out[offset + j] = m;
    }
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
export function blockMedians(x: Float64Array, w: number, step: number, start: number, count: number, out: Float64Array, offset: number): void {
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
export function selectMedians(x: Float64Array, w: number, step: number, start: number, count: number, out: Float64Array, offset: number, scratch: Float64Array): void {
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
