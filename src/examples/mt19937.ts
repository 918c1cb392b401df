// numpy's legacy RandomState: MT19937 seeded with init_genrand, doubles from two 32-bit draws.
// Reproduces `np.random.RandomState(seed).random(n)` bit for bit (SPEC §8).

const N = 624;
const M = 397;

/**
 * The Mersenne Twister MT19937 as numpy's `RandomState(seed)` uses it for an integer seed.
 *
 * @example
 * ```ts
 * new MT19937(13).random(1)[0]; // 0.7777024105738202
 * ```
 */
export class MT19937 {
  readonly #mt = new Uint32Array(N);
  #i = N;

  constructor(seed: number) {
    const mt = this.#mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      // 1812433253 * prev + i, in 32-bit arithmetic (split to stay exact in doubles)
      mt[i] = (((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i) >>> 0;
    }
  }

  #twist(): void {
    const mt = this.#mt;
    for (let k = 0; k < N; k++) {
      const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % N]! & 0x7fffffff);
      mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.#i = 0;
  }

  /** The next 32-bit unsigned integer (genrand_int32). */
  nextUint32(): number {
    if (this.#i >= N) this.#twist();
    let y = this.#mt[this.#i++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `n` doubles in [0, 1) with 53 random bits each, as numpy's `random_sample`. */
  random(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = this.nextUint32() >>> 5;
      const b = this.nextUint32() >>> 6;
      out[i] = (a * 67108864 + b) / 9007199254740992;
    }
    return out;
  }
}
