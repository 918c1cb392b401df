// The Python values a PyTables attribute pickle holds, as plain JS data, shared by the decoder
// and the encoder. Tuples, dicts and numpy scalars keep their Python kind so they write back as is.

/** A Python tuple (kept apart from lists so a round trip writes a tuple again). */
export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}
}

/** A Python dict; keys are strings, numbers or booleans (insertion order kept). */
export class PyDict {
  constructor(readonly entries: ReadonlyArray<readonly [PyValue, PyValue]>) {}

  /** The value under a string key, or undefined. */
  get(key: string): PyValue | undefined {
    for (const [k, v] of this.entries) if (k === key) return v;
    return undefined;
  }
}

/** A numpy scalar: `dtype` is numpy's name (`datetime64[ns]`, `float64`, `int64`, `bool`...). Times
 * are bigint ns; 64-bit integers bigint; floats number; bools boolean. */
export class NumpyScalar {
  constructor(
    readonly dtype: string,
    readonly value: number | bigint | boolean | string,
  ) {}
}

/** Python `bytes`. */
export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}
}

/** Any value the decoder returns. Python ints beyond 2^53 are bigint; others are numbers. A
 * Python float that holds an integer stays a number too, so `PyFloat` marks it where it matters. */
export type PyValue = null | boolean | number | bigint | string | PyFloat | PyBytes | PyValue[] | PyTuple | PyDict | NumpyScalar;

/** A Python float whose value is an integer (`2.0`): JS cannot tell it from the int `2`. */
export class PyFloat {
  constructor(readonly value: number) {}
}
