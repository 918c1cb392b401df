// scipy.signal.zpk2sos with pairing "nearest" (the digital default): poles closest to the unit
// circle go last, each paired with its nearest zero. A line-for-line port so that sections (and
// so the filtered numbers) match SciPy's.
import * as C from "./complex.ts";
import type { Complex } from "./complex.ts";
import type { Zpk } from "./iirDesign.ts";

const TOL = 100 * 2.220446049250313e-16;

/** Lexicographic sort by real part, then |imag| (numpy lexsort((abs(imag), real))). */
function byRealThenImag(a: Complex, b: Complex): number {
  return a.re - b.re || Math.abs(a.im) - Math.abs(b.im);
}

/** scipy's _cplxreal: one of each conjugate pair (positive imaginary), and the reals. */
function cplxreal(zs: readonly Complex[]): { zc: Complex[]; zr: Complex[] } {
  if (zs.length === 0) return { zc: [], zr: [] };
  const z = [...zs].sort(byRealThenImag);
  const isR = (x: Complex): boolean => Math.abs(x.im) <= TOL * C.abs(x);
  const zr = z.filter(isR).map((x) => C.c(x.re));
  const rest = z.filter((x) => !isR(x));
  if (rest.length === 0) return { zc: [], zr };
  const zp = rest.filter((x) => x.im > 0);
  const zn = rest.filter((x) => x.im < 0);
  if (zp.length !== zn.length) throw new Error("zpk2sos: a complex value has no matching conjugate");
  // runs of (approximately) equal real part are sorted by |imag|
  let start = 0;
  for (let i = 1; i <= zp.length; i++) {
    const same = i < zp.length && zp[i]!.re - zp[i - 1]!.re <= TOL * C.abs(zp[i - 1]!);
    if (!same) {
      if (i - start > 1) {
        const key = (a: Complex, b: Complex): number => Math.abs(a.im) - Math.abs(b.im);
        zp.splice(start, i - start, ...zp.slice(start, i).sort(key));
        zn.splice(start, i - start, ...zn.slice(start, i).sort(key));
      }
      start = i;
    }
  }
  const zc = zp.map((x, i) => C.scale(C.add(x, C.conj(zn[i]!)), 0.5));
  return { zc, zr };
}

function argmin(xs: readonly number[]): number {
  let k = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! < xs[k]!) k = i;
  return k;
}

/** Index of the pole closest to the unit circle. */
function idxWorst(p: readonly Complex[]): number {
  return argmin(p.map((x) => Math.abs(1 - C.abs(x))));
}

/** Stable argsort (numpy's default quicksort is not stable, but ties do not occur here). */
function nearest(fro: readonly Complex[], to: Complex, which: "real" | "complex" | "any"): number {
  const order = fro.map((_, i) => i).sort((a, b) => C.abs(C.sub(fro[a]!, to)) - C.abs(C.sub(fro[b]!, to)) || a - b);
  if (which === "any") return order[0]!;
  const want = which === "real";
  const hit = order.find((i) => C.isReal(fro[i]!) === want);
  if (hit === undefined) throw new Error(`zpk2sos: no ${which} zero left to pair`);
  return hit;
}

/** poly(roots) of one or two roots, real parts (conjugate pairs give real coefficients). */
function poly(roots: readonly Complex[]): number[] {
  if (roots.length === 0) return [1];
  if (roots.length === 1) return [1, -roots[0]!.re];
  const [a, b] = roots as [Complex, Complex];
  // convolve([1, -a], [1, -b]) = [1, -a - b, a·b]
  const s = C.add(C.scale(a, -1), C.scale(b, -1));
  return [1, s.re, C.mul(a, b).re];
}

function section(z: readonly Complex[], p: readonly Complex[]): number[] {
  const b = poly(z);
  const a = poly(p);
  const sos = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < b.length; i++) sos[3 - b.length + i] = b[i]!;
  for (let i = 0; i < a.length; i++) sos[6 - a.length + i] = a[i]!;
  return sos;
}

/**
 * Second-order sections of a digital zpk filter, as `scipy.signal.zpk2sos(z, p, k)`.
 *
 * @example
 * ```ts
 * const sos = zpk2sos(iirZpk(buttap(4), [0.2], "lowpass")); // 2 rows of 6
 * ```
 */
export function zpk2sos(zpk: Zpk): Float64Array[] {
  let z = [...zpk.z];
  let p = [...zpk.p];
  if (z.length === 0 && p.length === 0) return [Float64Array.of(zpk.k, 0, 0, 1, 0, 0)];
  while (p.length < z.length) p.push(C.c(0));
  while (z.length < p.length) z.push(C.c(0));
  const nSections = (Math.max(p.length, z.length) + 1) >> 1;
  if (p.length % 2 === 1) {
    p.push(C.c(0));
    z.push(C.c(0));
  }
  const zs = cplxreal(z);
  const ps = cplxreal(p);
  z = [...zs.zc, ...zs.zr];
  p = [...ps.zc, ...ps.zr];
  const sos: number[][] = Array.from({ length: nSections }, () => [0, 0, 0, 0, 0, 0]);
  const take = (xs: Complex[], i: number): Complex => xs.splice(i, 1)[0]!;
  for (let si = nSections - 1; si >= 0; si--) {
    const p1 = take(p, idxWorst(p));
    const realLeft = p.filter(C.isReal).length;
    if (C.isReal(p1) && realLeft === 0) {
      const z1 = take(z, nearest(z, p1, "real"));
      sos[si] = section([z1, C.c(0)], [p1, C.c(0)]);
    } else if (p.length + 1 === z.length && !C.isReal(p1) && realLeft === 1 && z.filter(C.isReal).length === 1) {
      const z1 = take(z, nearest(z, p1, "complex"));
      sos[si] = section([z1, C.conj(z1)], [p1, C.conj(p1)]);
    } else {
      let p2: Complex;
      if (C.isReal(p1)) {
        const realIdx = p.map((x, i) => (C.isReal(x) ? i : -1)).filter((i) => i >= 0);
        p2 = take(p, realIdx[idxWorst(realIdx.map((i) => p[i]!))]!);
      } else p2 = C.conj(p1);
      if (z.length > 0) {
        const z1 = take(z, nearest(z, p1, "any"));
        if (!C.isReal(z1)) sos[si] = section([z1, C.conj(z1)], [p1, p2]);
        else if (z.length > 0) {
          const z2 = take(z, nearest(z, p1, "real"));
          sos[si] = section([z1, z2], [p1, p2]);
        } else sos[si] = section([z1], [p1, p2]);
      } else sos[si] = section([], [p1, p2]);
    }
  }
  for (let i = 0; i < 3; i++) sos[0]![i]! *= zpk.k;
  return sos.map((r) => Float64Array.from(r));
}
