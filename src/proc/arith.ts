// Element-wise arithmetic (DASCore's ufunc operators): add, subtract, multiply, divide with a
// number or a patch (same coordinates; length-1 dimensions broadcast), and abs, exp, log.
import { CoordMergeError, ParameterError } from "../errors.ts";
import type { TypedArray } from "../../storage/formats/types.ts";
import type { Coord } from "../coords/Coord.ts";
import type { PatchParts } from "../patch/construct.ts";
import type { StridedArray } from "../patch/StridedArray.ts";
import { rowMajor } from "./kernels/lines.ts";
import { historyEntry } from "./history.ts";
import { withData } from "./plumbing.ts";

/** The binary operators. */
export type BinaryOp = "add" | "subtract" | "multiply" | "divide";

const OPS: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
};

const isBig = (a: TypedArray): boolean => a instanceof BigInt64Array || a instanceof BigUint64Array;

/**
 * out[i] = x[i] <op> y[i] (y a number or an array of out's length): one loop per operator so
 * the loop body is a single machine operation (numbers only; bigint samples go through `OPS`).
 */
function combine(out: Float32Array | Float64Array, x: Float64Array, y: Float64Array | number, op: BinaryOp): void {
  const n = out.length;
  if (typeof y === "number") {
    if (op === "add") for (let i = 0; i < n; i++) out[i] = x[i]! + y;
    else if (op === "subtract") for (let i = 0; i < n; i++) out[i] = x[i]! - y;
    else if (op === "multiply") for (let i = 0; i < n; i++) out[i] = x[i]! * y;
    else for (let i = 0; i < n; i++) out[i] = x[i]! / y;
  } else if (op === "add") for (let i = 0; i < n; i++) out[i] = x[i]! + y[i]!;
  else if (op === "subtract") for (let i = 0; i < n; i++) out[i] = x[i]! - y[i]!;
  else if (op === "multiply") for (let i = 0; i < n; i++) out[i] = x[i]! * y[i]!;
  else for (let i = 0; i < n; i++) out[i] = x[i]! / y[i]!;
}

const FLOAT = new Set(["Float32Array", "Float64Array"]);

/** numpy's result type for two sample arrays (a Python number counts as "weak": float32 stays). */
function resultCtor(a: TypedArray, b: TypedArray | null, op: BinaryOp | "unary-float"): typeof Float32Array | typeof Float64Array | null {
  const an = a.constructor.name;
  if (b === null) return an === "Float32Array" ? Float32Array : FLOAT.has(an) || op === "unary-float" ? Float64Array : null;
  const bn = b.constructor.name;
  if (an === "Float32Array" && (bn === "Float32Array" || (!FLOAT.has(bn) && b.BYTES_PER_ELEMENT <= 2))) return Float32Array;
  if (bn === "Float32Array" && !FLOAT.has(an) && a.BYTES_PER_ELEMENT <= 2) return Float32Array;
  return Float64Array;
}

/** Read element `i` (row-major position over `shape`) of a strided view, broadcasting length-1 axes. */
function broadcastReader(view: StridedArray, shape: readonly number[]): (i: number) => number {
  const strides = view.shape.map((n, k) => (n === 1 ? 0 : view.strides[k]!));
  const outStrides = rowMajor(shape);
  const base = view.base as Float64Array;
  return (i) => {
    let pos = view.offset;
    for (let k = 0; k < shape.length; k++) {
      const idx = Math.floor(i / outStrides[k]!) % shape[k]!;
      pos += idx * strides[k]!;
    }
    return Number(base[pos]!);
  };
}

/** Copy a view row-major into a new float array of `Ctor`. */
function materialize(view: StridedArray, Ctor: typeof Float32Array | typeof Float64Array): Float32Array | Float64Array {
  const out = new Ctor(view.size);
  const src = view.toContiguous();
  for (let i = 0; i < src.length; i++) out[i] = Number(src[i]!);
  return out;
}

/**
 * `patch <op> other` element-wise. A patch operand must have the same dimensions in the same
 * order and equal coordinates on every dimension where both are longer than 1; a length-1
 * dimension broadcasts (and the longer side's coordinate is kept).
 *
 * Decision: no history entry, as DASCore records none for patch operands.
 */
export function binaryParts(parts: PatchParts, op: BinaryOp, other: number | PatchParts): PatchParts {
  const f = OPS[op];
  if (typeof other === "number") {
    const Ctor = resultCtor(parts.view.base, null, "unary-float") ?? Float64Array;
    if (!isBig(parts.view.base)) {
      // read the samples where they lie (contiguous) and write the result in one pass
      const out = new Ctor(parts.view.size);
      combine(out, parts.view.toContiguous() as Float64Array, other, op);
      return withData(parts, out, null);
    }
    const out = materialize(parts.view, Ctor);
    for (let i = 0; i < out.length; i++) out[i] = f(out[i]!, other);
    return withData(parts, out, null);
  }
  if (other.dims.length !== parts.dims.length || other.dims.some((d, k) => d !== parts.dims[k])) {
    throw new ParameterError(`cannot ${op} a patch with dims (${other.dims.join(", ")}) to one with dims (${parts.dims.join(", ")}); transpose it first`);
  }
  const shape: number[] = [];
  const coords: Record<string, Coord> = {};
  parts.dims.forEach((d, k) => {
    const a = parts.view.shape[k]!;
    const b = other.view.shape[k]!;
    if (a !== b && a !== 1 && b !== 1) throw new CoordMergeError(`cannot ${op}: '${d}' has ${a} samples in one patch and ${b} in the other`);
    const ca = parts.coords[d]!;
    const cb = other.coords[d]!;
    if (a === b && a > 1 && !ca.equals(cb)) throw new CoordMergeError(`cannot ${op}: the '${d}' coordinates of the two patches differ`);
    shape.push(Math.max(a, b));
    coords[d] = a >= b ? ca : cb;
  });
  const Ctor = resultCtor(parts.view.base, other.view.base, op)!;
  const size = shape.reduce((x, y) => x * y, 1);
  const out = new Ctor(size);
  const sameShape = shape.every((n, k) => parts.view.shape[k] === n && other.view.shape[k] === n);
  if (sameShape) {
    const x = parts.view.toContiguous();
    const y = other.view.toContiguous();
    if (isBig(x) || isBig(y)) for (let i = 0; i < size; i++) out[i] = f(Number(x[i]!), Number(y[i]!));
    else combine(out, x as Float64Array, y as Float64Array, op);
  } else {
    const ra = broadcastReader(parts.view, shape);
    const rb = broadcastReader(other.view, shape);
    for (let i = 0; i < size; i++) out[i] = f(ra(i), rb(i));
  }
  return withData(parts, out, null, { shape, coords });
}

/** abs (keeps the dtype; history `abs()`), exp and log (float; no history, as DASCore). */
export function unaryParts(parts: PatchParts, fn: "abs" | "exp" | "log"): PatchParts {
  if (fn === "abs") {
    const src = parts.view.toContiguous();
    const out = (src as Float64Array).map((v) => Math.abs(v)) as TypedArray;
    return withData(parts, out, historyEntry("abs", {}));
  }
  const Ctor = resultCtor(parts.view.base, null, "unary-float")!;
  const out = materialize(parts.view, Ctor);
  const g = fn === "exp" ? Math.exp : Math.log;
  for (let i = 0; i < out.length; i++) out[i] = g(out[i]!);
  return withData(parts, out, null);
}
