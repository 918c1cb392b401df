// Minimal complex arithmetic for filter design (poles and zeros), following numpy's formulas
// (principal square root, Smith-free division as numpy's naive complex divide).

/** A complex number. */
export interface Complex {
  re: number;
  im: number;
}

export const c = (re: number, im = 0): Complex => ({ re, im });
export const add = (a: Complex, b: Complex): Complex => c(a.re + b.re, a.im + b.im);
export const sub = (a: Complex, b: Complex): Complex => c(a.re - b.re, a.im - b.im);
export const mul = (a: Complex, b: Complex): Complex => c(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
export const scale = (a: Complex, s: number): Complex => c(a.re * s, a.im * s);
export const conj = (a: Complex): Complex => c(a.re, -a.im);
export const abs = (a: Complex): number => Math.hypot(a.re, a.im);

/** |re + i·im| as numpy's abs (hypot), through a square root where no overflow or underflow can occur. */
export function magnitude(re: number, im: number): number {
  const a = Math.sqrt(re * re + im * im);
  return a > 1e-150 && a < 1e150 ? a : Math.hypot(re, im);
}
export const isReal = (a: Complex): boolean => a.im === 0;

/** a / b as numpy computes it (Smith's algorithm, which numpy uses for complex128). */
export function div(a: Complex, b: Complex): Complex {
  const absBr = Math.abs(b.re);
  const absBi = Math.abs(b.im);
  if (absBr >= absBi) {
    if (absBr === 0 && absBi === 0) return c(a.re / absBr, a.im / absBi);
    const rat = b.im / b.re;
    const scl = 1.0 / (b.re + b.im * rat);
    return c((a.re + a.im * rat) * scl, (a.im - a.re * rat) * scl);
  }
  const rat = b.re / b.im;
  const scl = 1.0 / (b.im + b.re * rat);
  return c((a.re * rat + a.im) * scl, (a.im * rat - a.re) * scl);
}

/** Principal square root (branch cut on the negative real axis), as numpy's csqrt. */
export function sqrt(a: Complex): Complex {
  if (a.re === 0 && a.im === 0) return c(0, a.im);
  const t = Math.sqrt((Math.abs(a.re) + Math.hypot(a.re, a.im)) / 2);
  if (a.re >= 0) return c(t, a.im / (2 * t));
  return c(Math.abs(a.im) / (2 * t), a.im >= 0 ? t : -t);
}

/** Product of a list (numpy's prod: left to right from 1). */
export function prod(xs: readonly Complex[]): Complex {
  let p = c(1);
  for (const x of xs) p = mul(p, x);
  return p;
}
