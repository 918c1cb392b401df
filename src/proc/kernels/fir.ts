// Straight-line FIR inner loops: for a tap count, a loop whose body is the whole dot product
// written out (generated once per length and cached), so V8 keeps the taps in registers and
// pays no inner-loop overhead per tap. The shared speed path of savgolFilter and decimate's FIR.

/**
 * `y[i] = Σₖ h[k]·x[p + k]` for i in [i0, i1), p = first + (i − i0)·stride: a correlation of
 * `x` with the taps `h` (length fixed by the kernel), evaluated every `stride`-th sample.
 */
export type FirKernel = (h: Float64Array, x: Float64Array, y: Float64Array, i0: number, i1: number, first: number, stride: number) => void;

const cache = new Map<string, FirKernel>();
/** Beyond this many taps the written-out body is too large to be worth it: a plain loop. */
const MAX_UNROLLED = 256;

function plain(len: number): FirKernel {
  return (h, x, y, i0, i1, first, stride) => {
    for (let i = i0, p = first; i < i1; i++, p += stride) {
      let s = 0;
      for (let k = 0; k < len; k++) s += h[k]! * x[p + k]!;
      y[i] = s;
    }
  };
}

/**
 * The kernel for `len` taps. With `symmetric` (odd `len`, h[k] = h[len−1−k] exactly) mirrored
 * samples are added first and multiplied once, as ndimage's correlate1d does for symmetric
 * weights: the centre term, then h[k]·(x[p+k] + x[p+len−1−k]) for k = 0, 1, ….
 * Without it the terms are k = 0 … len−1. From 8 terms on, they are summed in four
 * interleaved partial sums (a different rounding order than a plain loop, at the ulp level).
 *
 * @example
 * ```ts
 * firKernel(3, false)(Float64Array.of(1, 2, 1), x, y, 0, x.length - 2, 0, 1); // y[i] = x[i] + 2x[i+1] + x[i+2]
 * ```
 */
export function firKernel(len: number, symmetric: boolean): FirKernel {
  const fold = symmetric && len % 2 === 1;
  const key = `${len}:${fold}`;
  let fn = cache.get(key);
  if (fn) return fn;
  if (len > MAX_UNROLLED || len < 1) fn = plain(len);
  else {
    const consts: string[] = [];
    for (let k = 0; k < len; k++) consts.push(`const h${k} = h[${k}];`);
    let terms: string[];
    if (fold) {
      const m = (len - 1) / 2;
      terms = [`h${m} * x[p + ${m}]`];
      for (let k = 0; k < m; k++) terms.push(`h${k} * (x[p + ${k}] + x[p + ${len - 1 - k}])`);
    } else {
      terms = Array.from({ length: len }, (_, k) => `h${k} * x[p + ${k}]`);
    }
    // four partial sums (terms r, r+4, …) then their pairwise total: one chain of dependent
    // additions would wait on each add's latency; rounding differs from a loop's only at 1 ulp level
    const chains = terms.length >= 8 ? 4 : 1;
    const parts = Array.from({ length: chains }, (_, r) => terms.filter((_, k) => k % chains === r).join(" + "));
    const body =
      chains === 1
        ? `y[i] = ${parts[0]};`
        : `const s0 = ${parts[0]};\nconst s1 = ${parts[1]};\nconst s2 = ${parts[2]};\nconst s3 = ${parts[3]};\ny[i] = (s0 + s1) + (s2 + s3);`;
    const src = `"use strict";\n${consts.join("\n")}\nfor (let i = i0, p = first; i < i1; i++, p += stride) {\n${body}\n}`;
    fn = new Function("h", "x", "y", "i0", "i1", "first", "stride", src) as FirKernel;
  }
  cache.set(key, fn);
  return fn;
}
