// IIR filter design as scipy.signal does it: analog prototypes (Butterworth, Chebyshev I), the
// lowpass/highpass/bandpass/bandstop transforms, the bilinear transform and zpk2sos pairing.
// Kernel only: plain numbers in, second-order sections (rows of b0 b1 b2 a0 a1 a2) out.
import * as C from "./complex.ts";
import type { Complex } from "./complex.ts";

/** Zeros, poles and gain. */
export interface Zpk {
  z: Complex[];
  p: Complex[];
  k: number;
}

/** scipy.signal.buttap: N poles on the unit circle's left half. */
export function buttap(n: number): Zpk {
  const p: Complex[] = [];
  for (let m = -n + 1; m < n; m += 2) {
    const t = (Math.PI * m) / (2 * n);
    // -exp(i t); m = 0 gives an exactly real pole, as in scipy
    p.push(m === 0 ? C.c(-1, -0) : C.c(-Math.cos(t), -Math.sin(t)));
  }
  return { z: [], p, k: 1 };
}

/** scipy.signal.cheb1ap: Chebyshev type I prototype with `rp` dB passband ripple. */
export function cheb1ap(n: number, rp: number): Zpk {
  const eps = Math.sqrt(10 ** (0.1 * rp) - 1.0);
  const mu = (1.0 / n) * Math.asinh(1 / eps);
  const p: Complex[] = [];
  for (let m = -n + 1; m < n; m += 2) {
    const th = (Math.PI * m) / (2 * n);
    // -sinh(mu + i th) = -(sinh mu cos th + i cosh mu sin th)
    p.push(C.c(-Math.sinh(mu) * Math.cos(th), -Math.cosh(mu) * Math.sin(th)));
  }
  let k = C.prod(p.map((x) => C.scale(x, -1))).re;
  if (n % 2 === 0) k = k / Math.sqrt(1 + eps * eps);
  return { z: [], p, k };
}

function lp2lp({ z, p, k }: Zpk, wo: number): Zpk {
  const degree = p.length - z.length;
  return { z: z.map((x) => C.scale(x, wo)), p: p.map((x) => C.scale(x, wo)), k: k * wo ** degree };
}

function lp2hp({ z, p, k }: Zpk, wo: number): Zpk {
  const degree = p.length - z.length;
  const w = C.c(wo);
  const zh = [...z.map((x) => C.div(w, x)), ...Array.from({ length: degree }, () => C.c(0))];
  const kk = k * C.div(C.prod(z.map((x) => C.scale(x, -1))), C.prod(p.map((x) => C.scale(x, -1)))).re;
  return { z: zh, p: p.map((x) => C.div(w, x)), k: kk };
}

function lp2bp({ z, p, k }: Zpk, wo: number, bw: number): Zpk {
  const degree = p.length - z.length;
  const shift = (xs: Complex[]): Complex[] => {
    const lp = xs.map((x) => C.scale(x, bw / 2));
    const root = lp.map((x) => C.sqrt(C.sub(C.mul(x, x), C.c(wo * wo))));
    return [...lp.map((x, i) => C.add(x, root[i]!)), ...lp.map((x, i) => C.sub(x, root[i]!))];
  };
  return { z: [...shift(z), ...Array.from({ length: degree }, () => C.c(0))], p: shift(p), k: k * bw ** degree };
}

function lp2bs({ z, p, k }: Zpk, wo: number, bw: number): Zpk {
  const degree = p.length - z.length;
  const shift = (xs: Complex[]): Complex[] => {
    const hp = xs.map((x) => C.div(C.c(bw / 2), x));
    const root = hp.map((x) => C.sqrt(C.sub(C.mul(x, x), C.c(wo * wo))));
    return [...hp.map((x, i) => C.add(x, root[i]!)), ...hp.map((x, i) => C.sub(x, root[i]!))];
  };
  const zs = [...shift(z), ...Array.from({ length: degree }, () => C.c(0, wo)), ...Array.from({ length: degree }, () => C.c(0, -wo))];
  const kk = k * C.div(C.prod(z.map((x) => C.scale(x, -1))), C.prod(p.map((x) => C.scale(x, -1)))).re;
  return { z: zs, p: shift(p), k: kk };
}

function bilinear({ z, p, k }: Zpk, fs: number): Zpk {
  const degree = p.length - z.length;
  const fs2 = C.c(2.0 * fs);
  const zz = [...z.map((x) => C.div(C.add(fs2, x), C.sub(fs2, x))), ...Array.from({ length: degree }, () => C.c(-1))];
  const pz = p.map((x) => C.div(C.add(fs2, x), C.sub(fs2, x)));
  const kz = k * C.div(C.prod(z.map((x) => C.sub(fs2, x))), C.prod(p.map((x) => C.sub(fs2, x)))).re;
  return { z: zz, p: pz, k: kz };
}

/** Filter band types of {@link iirZpk}. */
export type BandType = "lowpass" | "highpass" | "bandpass" | "bandstop";

/**
 * scipy.signal.iirfilter(..., output="zpk") for a digital filter: `wn` normalised to Nyquist
 * (one value, or [lo, hi] for band types).
 *
 * @example
 * ```ts
 * const zpk = iirZpk(buttap(4), [0.1, 0.4], "bandpass");
 * ```
 */
export function iirZpk(proto: Zpk, wn: readonly number[], btype: BandType): Zpk {
  const fs = 2.0;
  const warped = wn.map((w) => 2 * fs * Math.tan((Math.PI * w) / fs));
  let analog: Zpk;
  if (btype === "lowpass") analog = lp2lp(proto, warped[0]!);
  else if (btype === "highpass") analog = lp2hp(proto, warped[0]!);
  else {
    const bw = warped[1]! - warped[0]!;
    const wo = Math.sqrt(warped[0]! * warped[1]!);
    analog = btype === "bandpass" ? lp2bp(proto, wo, bw) : lp2bs(proto, wo, bw);
  }
  return bilinear(analog, fs);
}
