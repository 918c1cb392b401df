// Running medians of 3 and 5 samples (medianFilter's commonest windows) in WebAssembly SIMD:
// two outputs per f64x2 vector through a min/max network, no sorting and no data-dependent
// branches. NaN is noted, and a chunk with a NaN is left to the scalar kernel (NaN ranks last).
import { ANY_TRUE, funcBody as body, ensure, get, I32, I32_ADD, I32_EQZ, I32_SUB, i32c, instantiate, load, functionModule as moduleBytes, NE, OR, PMAX, PMIN, set, store, tee, V128, type WasmMemory } from "./wasmEmit.ts";
import { boundaryIndex, type NdMode } from "./median.ts";

/** Outputs per call (32 KiB in, 32 KiB out: cache-resident). */
const CHUNK = 4096;

/**
 * `med(xp, yp, pairs) → nan`: y[i] = median of x[i … i+w) for i < 2·pairs, w = 3 or 5; returns
 * 1 if any x[i] for i < 2·pairs is NaN (the caller checks the last w − 1 samples). The median of
 * five is the median of e and the middle two of a…d: max(min(a,b), min(c,d)) and
 * min(max(a,b), max(c,d)); the median of three is max(min(x,y), min(max(x,y), z)).
 */
function medBody(w: 3 | 5): number[] {
  const [XP, YP, PAIRS, A, B, C, D, E, F, G, N] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const op = (x: number, y: number, o: number[]) => [...get(x), ...get(y), ...o];
  const med3 = (x: number, y: number, z: number) => [...op(x, y, PMIN), ...op(x, y, PMAX), ...get(z), ...PMIN, ...PMAX];
  const loads = [A, B, C, D, E].slice(0, w).flatMap((l, k) => [...get(XP), ...load(8 * k), ...set(l)]);
  const network =
    w === 3
      ? med3(A, B, C)
      : [
          ...op(A, B, PMIN), ...op(C, D, PMIN), ...PMAX, ...set(F),
          ...op(A, B, PMAX), ...op(C, D, PMAX), ...PMIN, ...set(G),
          ...med3(F, G, E),
        ];
  const code = [
    0x02, 0x40, 0x03, 0x40, // block, loop
    ...get(PAIRS), I32_EQZ, 0x0d, 1,
    ...loads,
    ...get(N), ...get(A), ...get(A), ...NE, ...OR, ...set(N),
    ...get(YP), ...network, ...store(0),
    ...get(XP), ...i32c(16), I32_ADD, ...set(XP),
    ...get(YP), ...i32c(16), I32_ADD, ...set(YP),
    ...get(PAIRS), ...i32c(1), I32_SUB, ...set(PAIRS),
    0x0c, 0, 0x0b, 0x0b,
    ...get(N), ...ANY_TRUE,
    0x0b,
  ];
  return body([[8, V128]], code);
}

type Med = (xp: number, yp: number, pairs: number) => number;
let kernel: { mem: WasmMemory; med3: Med; med5: Med } | null | undefined;

function compiled(): typeof kernel {
  if (kernel !== undefined) return kernel;
  const e = instantiate(moduleBytes([{ name: "med3", params: 3, result: true, body: medBody(3) }, { name: "med5", params: 3, result: true, body: medBody(5) }]));
  kernel = e && { mem: e["mem"] as WasmMemory, med3: e["med3"] as Med, med5: e["med5"] as Med };
  return kernel;
}

/**
 * medianLine's filter for w = 3 or 5 through the SIMD kernel: `out[i]` = the median of the w
 * samples centred on x[i] (edges by `mode`, as ndimage). Returns false, leaving `out` partly
 * written, where the kernel is missing, w is another size, or the line holds a NaN: the caller
 * then runs the scalar kernel.
 *
 * @example
 * ```ts
 * if (!simdMedianLine(line, 5, "reflect", 0, out)) medianLine(line, 5, "reflect", 0, out);
 * ```
 */
export function simdMedianLine(x: Float64Array, w: number, mode: NdMode, cval: number, out: Float64Array): boolean {
  if (w !== 3 && w !== 5) return false;
  const k = compiled();
  if (!k) return false;
  const n = x.length;
  const lead = w >> 1;
  const yAt = (CHUNK + 8) * 8;
  ensure(k.mem, yAt + (CHUNK + 2) * 8);
  const xs = new Float64Array(k.mem.buffer, 0, CHUNK + 8);
  const ys = new Float64Array(k.mem.buffer, yAt, CHUNK + 2);
  const med = w === 3 ? k.med3 : k.med5;
  for (let i0 = 0; i0 < n; i0 += CHUNK) {
    const count = Math.min(CHUNK, n - i0);
    const pairs = (count + 1) >> 1;
    // the extended line's samples i0 − lead … i0 + count + lead (boundary rule past the ends),
    // and a zero after them for an odd count's spare output
    const a = i0 - lead;
    const b = i0 + count + lead;
    if (a >= 0 && b <= n) xs.set(x.subarray(a, b));
    else for (let j = a; j < b; j++) {
      const m = boundaryIndex(j, n, mode);
      xs[j - a] = m < 0 ? cval : x[m]!;
    }
    xs[b - a] = 0;
    if (med(0, yAt, pairs)) return false;
    for (let j = 2 * pairs; j < b - a; j++) if (xs[j] !== xs[j]) return false;
    out.set(ys.subarray(0, count), i0);
  }
  return true;
}
