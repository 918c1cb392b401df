// scipy.ndimage.median_filter on an N-D row-major array: a box of `size` samples per axis
// (centred at size // 2), the element of rank size // 2 of each box, edges by ndimage's modes.

/** ndimage boundary modes. */
export type NdMode = "reflect" | "constant" | "nearest" | "mirror" | "wrap";

/** Map an out-of-range index onto the line by `mode` (-1 means "use cval"). */
export function boundaryIndex(i: number, n: number, mode: NdMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case "constant":
      return -1;
    case "nearest":
      return i < 0 ? 0 : n - 1;
    case "wrap":
      return ((i % n) + n) % n;
    case "reflect": {
      // d c b a | a b c d | d c b a
      const period = 2 * n;
      let k = ((i % period) + period) % period;
      if (k >= n) k = period - k - 1;
      return k;
    }
    case "mirror": {
      // d c b | a b c d | c b a
      if (n === 1) return 0;
      const period = 2 * n - 2;
      let k = ((i % period) + period) % period;
      if (k >= n) k = period - k;
      return k;
    }
  }
}

/**
 * Median filter of `data` (row-major over `shape`) with box `size` into `out`.
 *
 * @example
 * ```ts
 * medianFilterNd(data, [300, 2000], [1, 5], "reflect", 0, out);
 * ```
 */
export function medianFilterNd(data: ArrayLike<number>, shape: readonly number[], size: readonly number[], mode: NdMode, cval: number, out: { [i: number]: number; length: number }): void {
  const nd = shape.length;
  const strides = new Array<number>(nd).fill(1);
  for (let k = nd - 2; k >= 0; k--) strides[k] = strides[k + 1]! * shape[k + 1]!;
  const boxSize = size.reduce((a, b) => a * b, 1);
  const rank = Math.floor(boxSize / 2);
  const box = new Float64Array(boxSize);
  const idx = new Array<number>(nd).fill(0);
  const off = new Array<number>(nd).fill(0);
  const total = shape.reduce((a, b) => a * b, 1);
  for (let p = 0; p < total; p++) {
    let rem = p;
    for (let k = 0; k < nd; k++) {
      idx[k] = Math.floor(rem / strides[k]!);
      rem -= idx[k]! * strides[k]!;
    }
    off.fill(0);
    for (let b = 0; b < boxSize; b++) {
      let pos = 0;
      let outside = false;
      for (let k = 0; k < nd; k++) {
        const j = boundaryIndex(idx[k]! + off[k]! - Math.floor(size[k]! / 2), shape[k]!, mode);
        if (j < 0) outside = true;
        pos += j * strides[k]!;
      }
      box[b] = outside ? cval : data[pos]!;
      for (let k = nd - 1; k >= 0; k--) {
        if (++off[k]! < size[k]!) break;
        off[k] = 0;
      }
    }
    out[p] = quickSelect(box, rank);
  }
}

/** The k-th smallest value (NaN sorts last, as Float64Array.sort). */
function quickSelect(a: Float64Array, k: number): number {
  if (a.length <= 32) return a.slice().sort()[k]!;
  return a.slice().sort()[k]!;
}

/** Windows up to this length: sort a copy of each (insertion sort) rather than slide. */
const SMALL = 12;
let scratchExt = new Float64Array(0);

/**
 * out[i] = rank-th of ext[i..i+w) for small w: a sorted copy of the window where each step
 * replaces the outgoing value by the incoming one and moves it to its place (one short walk, no
 * binary search or closure). NaN is kept as +∞ in the sorted copy and counted; windows with NaN
 * go through a sort of the true values instead (NaN last).
 */
function smallWindows(ext: Float64Array, n: number, w: number, rank: number, out: Float64Array): void {
  const a = new Float64Array(w);
  let nan = 0;
  for (let j = 0; j < w; j++) {
    let v = ext[j]!;
    if (v !== v) {
      nan++;
      v = Infinity;
    }
    let k = j - 1;
    for (; k >= 0 && a[k]! > v; k--) a[k + 1] = a[k]!;
    a[k + 1] = v;
  }
  for (let i = 0; ; i++) {
    out[i] = nan > 0 ? ext.slice(i, i + w).sort()[rank]! : a[rank]!;
    if (i + 1 >= n) return;
    let old = ext[i]!;
    let v = ext[i + w]!;
    if (old !== old) {
      nan--;
      old = Infinity;
    }
    if (v !== v) {
      nan++;
      v = Infinity;
    }
    let p = 0;
    while (a[p] !== old) p++;
    while (p + 1 < w && a[p + 1]! < v) {
      a[p] = a[p + 1]!;
      p++;
    }
    while (p > 0 && a[p - 1]! > v) {
      a[p] = a[p - 1]!;
      p--;
    }
    a[p] = v;
  }
}

/**
 * The same filter along one axis only (every other box size 1), for one line: the line is
 * extended by the boundary mode and a sorted window slides along it (O(n·w) instead of
 * O(n·w·log w)). Writes `out[0..n)`.
 *
 * @example
 * ```ts
 * medianLine(line, 5, "reflect", 0, out);
 * ```
 */
export function medianLine(x: Float64Array, w: number, mode: NdMode, cval: number, out: Float64Array): void {
  const n = x.length;
  const lead = Math.floor(w / 2);
  const ext = scratchExt.length >= n + w - 1 ? scratchExt : (scratchExt = new Float64Array(n + w - 1));
  // the line itself, and the boundary rule only for the w − 1 samples past its ends
  ext.set(x, lead);
  for (let i = 0; i < lead; i++) {
    const j = boundaryIndex(i - lead, n, mode);
    ext[i] = j < 0 ? cval : x[j]!;
  }
  for (let i = lead + n; i < n + w - 1; i++) {
    const j = boundaryIndex(i - lead, n, mode);
    ext[i] = j < 0 ? cval : x[j]!;
  }
  const rank = Math.floor(w / 2);
  if (w <= SMALL) return smallWindows(ext, n, w, rank, out);
  const sorted = new Float64Array(w);
  let size = 0;
  let nan = 0;
  const pos = (v: number): number => {
    let a = 0;
    let b = size;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (sorted[mid]! < v) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  const add = (v: number): void => {
    if (v !== v) return void nan++;
    const i = pos(v);
    for (let j = size; j > i; j--) sorted[j] = sorted[j - 1]!; // windows are short: a loop beats copyWithin's call
    sorted[i] = v;
    size++;
  };
  const drop = (v: number): void => {
    if (v !== v) return void nan--;
    const i = pos(v);
    for (let j = i; j < size - 1; j++) sorted[j] = sorted[j + 1]!;
    size--;
  };
  for (let i = 0; i < w - 1; i++) add(ext[i]!);
  for (let i = 0; i < n; i++) {
    add(ext[i + w - 1]!);
    // NaN sorts last (as in a sorted Float64Array): ranks past the numbers are NaN
    out[i] = rank < size ? sorted[rank]! : NaN;
    drop(ext[i]!);
  }
}
