// Line kernels for differentiate and integrate: numpy.gradient (edge_order 2), the cumulative
// trapezoid of DASCore's indefinite integral, numpy.trapezoid, and numpy's pairwise summation.
// `r` rounds operations between samples (Math.fround reproduces numpy's float32 arithmetic;
// identity for float64); `q` rounds operations with the spacing, which numpy does in float32
// only when the spacing is a Python float (numeric coordinates), not a float64 scalar (time).

type Round = (x: number) => number;

/**
 * numpy.gradient(x, dx, edge_order=2) of one line into `out` (needs ≥ 3 samples).
 *
 * @example
 * ```ts
 * gradientLine(Float64Array.of(0, 1, 4, 9), 1, out, (x) => x); // [0, 2, 4, 6]
 * ```
 */
export function gradientLine(x: ArrayLike<number>, n: number, dx: number, out: Float64Array, r: Round, q: Round = r): void {
  const two = q(2 * dx);
  for (let i = 1; i < n - 1; i++) out[i] = q(r(x[i + 1]! - x[i - 1]!) / two);
  out[0] = q(q(q(q(-1.5 / dx) * x[0]!) + q(q(2 / dx) * x[1]!)) + q(q(-0.5 / dx) * x[2]!));
  out[n - 1] = q(q(q(q(0.5 / dx) * x[n - 3]!) + q(q(-2 / dx) * x[n - 2]!)) + q(q(1.5 / dx) * x[n - 1]!));
}

/** {@link gradientLine} for float64 samples and spacing (no rounding hooks in the loop). */
export function gradientLine64(x: Float64Array, n: number, dx: number, out: Float64Array): void {
  const two = 2 * dx;
  for (let i = 1; i < n - 1; i++) out[i] = (x[i + 1]! - x[i - 1]!) / two;
  out[0] = (-1.5 / dx) * x[0]! + (2 / dx) * x[1]! + (-0.5 / dx) * x[2]!;
  out[n - 1] = (0.5 / dx) * x[n - 3]! + (-2 / dx) * x[n - 2]! + (1.5 / dx) * x[n - 1]!;
}

/** DASCore's indefinite integral of line `x` into `y` (may be `x`): 0, then the running trapezoid sums. */
export function cumulativeTrapezoidInto(x: Float64Array, y: Float64Array, dx: number, r: Round, q: Round = r): void {
  const half = q(dx / 2);
  let acc = 0;
  let prev = x[0]!;
  y[0] = 0;
  for (let i = 1; i < x.length; i++) {
    const cur = x[i]!;
    acc = q(acc + q(r(cur + prev) * half));
    prev = cur;
    y[i] = acc;
  }
}

/** {@link cumulativeTrapezoidInto} for float64 (no rounding hooks in the loop). */
export function cumulativeTrapezoid64(x: Float64Array, y: Float64Array, dx: number): void {
  const half = dx / 2;
  let acc = 0;
  let prev = x[0]!;
  y[0] = 0;
  for (let i = 1; i < x.length; i++) {
    const cur = x[i]!;
    acc += (cur + prev) * half;
    prev = cur;
    y[i] = acc;
  }
}

/** DASCore's indefinite integral of one line in place: 0, then the running trapezoid sums. */
export function cumulativeTrapezoid(x: Float64Array, dx: number, r: Round, q: Round = r): void {
  const half = q(dx / 2);
  let acc = 0;
  let prev = x[0]!;
  x[0] = 0;
  for (let i = 1; i < x.length; i++) {
    const cur = x[i]!;
    acc = q(acc + q(r(cur + prev) * half));
    prev = cur;
    x[i] = acc;
  }
}

/**
 * numpy's pairwise summation (`pairwise_sum`, blocks of 128, 8 accumulators) of x[0..n), as
 * `np.sum`/`np.mean` compute a contiguous float64 reduction. Matching it keeps means exact to
 * the last bit where DASCore's results depend on them (e.g. a mean time truncated to ns).
 */
export function pairwiseSum(x: ArrayLike<number>, start: number, n: number, r: Round = (v) => v): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = r(res + x[start + i]!);
    return res;
  }
  if (n <= 128) {
    const acc = new Float64Array(8);
    for (let j = 0; j < 8; j++) acc[j] = x[start + j]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) acc[j] = r(acc[j]! + x[start + i + j]!);
    let res = r(r(r(acc[0]! + acc[1]!) + r(acc[2]! + acc[3]!)) + r(r(acc[4]! + acc[5]!) + r(acc[6]! + acc[7]!)));
    for (; i < n; i++) res = r(res + x[start + i]!);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return r(pairwiseSum(x, start, n2, r) + pairwiseSum(x, start + n2, n - n2, r));
}

/** numpy.trapezoid(x, dx=dx) of one line: the sum of dx·(x[i+1] + x[i])/2, pairwise summed. */
export function trapezoid(x: Float64Array, dx: number, r: Round, q: Round = r): number {
  const n = x.length;
  if (n < 2) return 0;
  const terms = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) terms[i] = q(q(dx * r(x[i + 1]! + x[i]!)) / 2);
  return pairwiseSum(terms, 0, n - 1, q);
}
