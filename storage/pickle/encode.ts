// Encodes PyValues as protocol-0 pickles shaped like `pickle.dumps(value, 0)` (what PyTables
// stores for attributes it cannot keep natively), in pure ASCII so any HDF5 string type holds it.
import { NumpyScalar, PyBytes, PyDict, PyFloat, PyTuple, type PyValue } from "./values.ts";
import { PickleError } from "./decode.ts";

/** Python's `repr(float)` in a form `float()` reads back to the same double. */
function floatText(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (Object.is(v, -0)) return "-0.0";
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** Text for the `V` opcode: raw-unicode-escape with every non-ASCII or special char as \uXXXX. */
function unicodeText(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp >= 0x7f || ch === "\\") {
      out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, "0")}` : `\\u${cp.toString(16).padStart(4, "0")}`;
    } else out += ch;
  }
  return out;
}

class Writer {
  out: string[] = [];
  nextMemo = 0;
  put(): void {
    this.out.push(`p${this.nextMemo++}\n`);
  }
}

const SCALAR_CODES: Record<string, string> = {
  "datetime64[ns]": "M8",
  "timedelta64[ns]": "m8",
  float64: "f8",
  float32: "f4",
  int64: "i8",
  int32: "i4",
  int16: "i2",
  int8: "i1",
  uint64: "u8",
  uint32: "u4",
  uint16: "u2",
  uint8: "u1",
  bool: "b1",
};

function scalarBytes(s: NumpyScalar): Uint8Array {
  const code = SCALAR_CODES[s.dtype];
  if (!code) throw new PickleError(`cannot pickle numpy scalar of dtype ${s.dtype}`);
  const size = Number(code.slice(1));
  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);
  const v = s.value;
  switch (code) {
    case "M8": case "m8": case "i8": view.setBigInt64(0, BigInt(v as bigint), true); break;
    case "u8": view.setBigUint64(0, BigInt(v as bigint), true); break;
    case "f8": view.setFloat64(0, Number(v), true); break;
    case "f4": view.setFloat32(0, Number(v), true); break;
    case "i4": view.setInt32(0, Number(v), true); break;
    case "u4": view.setUint32(0, Number(v), true); break;
    case "i2": view.setInt16(0, Number(v), true); break;
    case "u2": view.setUint16(0, Number(v), true); break;
    case "i1": view.setInt8(0, Number(v)); break;
    case "u1": view.setUint8(0, Number(v)); break;
    case "b1": view.setUint8(0, v ? 1 : 0); break;
  }
  return buf;
}

function writeBytes(w: Writer, b: Uint8Array): void {
  // protocol 0 writes bytes as _codecs.encode(<latin-1 text>, 'latin1')
  w.out.push("c_codecs\nencode\n");
  w.put();
  w.out.push("(V", unicodeText(String.fromCharCode(...b)), "\n");
  w.put();
  w.out.push("Vlatin1\n");
  w.put();
  w.out.push("tp" + w.nextMemo++ + "\nR");
  w.put();
}

function writeScalar(w: Writer, s: NumpyScalar): void {
  const code = SCALAR_CODES[s.dtype];
  if (!code) throw new PickleError(`cannot pickle numpy scalar of dtype ${s.dtype}`);
  const isTime = code === "M8" || code === "m8";
  w.out.push("cnumpy._core.multiarray\nscalar\n");
  w.put();
  w.out.push("(cnumpy\ndtype\n");
  w.put();
  w.out.push(`(V${code}\nI00\nI01\ntR(I${isTime ? 4 : 3}\nV${code === "b1" || code === "i1" || code === "u1" ? "|" : "<"}\nNNNI-1\nI-1\nI0\n`);
  if (isTime) {
    w.out.push("(N(");
    writeBytes(w, new TextEncoder().encode("ns"));
    w.out.push("I1\nI1\nI1\nttt");
  } else {
    w.out.push("t");
  }
  w.out.push("b");
  writeBytes(w, scalarBytes(s));
  w.out.push("tR");
}

function writeValue(w: Writer, v: PyValue): void {
  if (v === null) w.out.push("N");
  else if (typeof v === "boolean") w.out.push(v ? "I01\n" : "I00\n");
  else if (typeof v === "number") {
    // a double beyond 2^53 is a Python float: JS has no int of that size as a number
    if (Number.isSafeInteger(v) && !Object.is(v, -0)) w.out.push(Math.abs(v) < 2 ** 31 ? `I${v}\n` : `L${v}L\n`);
    else w.out.push(`F${floatText(v)}\n`);
  } else if (typeof v === "bigint") w.out.push(v >= -(2n ** 31n) && v < 2n ** 31n ? `I${v}\n` : `L${v}L\n`);
  else if (typeof v === "string") {
    w.out.push(`V${unicodeText(v)}\n`);
    w.put();
  } else if (v instanceof PyFloat) w.out.push(`F${floatText(v.value)}\n`);
  else if (v instanceof PyBytes) writeBytes(w, v.bytes);
  else if (v instanceof NumpyScalar) writeScalar(w, v);
  else if (Array.isArray(v)) {
    w.out.push("(l");
    w.put();
    for (const x of v) {
      writeValue(w, x);
      w.out.push("a");
    }
  } else if (v instanceof PyTuple) {
    w.out.push("(");
    for (const x of v.items) writeValue(w, x);
    w.out.push("t");
    w.put();
  } else if (v instanceof PyDict) {
    w.out.push("(d");
    w.put();
    for (const [k, x] of v.entries) {
      writeValue(w, k);
      writeValue(w, x);
      w.out.push("s");
    }
  } else throw new PickleError(`cannot pickle ${String(v)}`);
}

/**
 * A protocol-0 pickle of `value` (ASCII text ending in `.`) that Python's `pickle.loads` and
 * {@link decodePickle} both read back to the same value.
 * @example
 * ```ts
 * encodePickle(new PyTuple(["pass_filter()"])); // "(Vpass_filter()\np0\ntp1\n."
 * ```
 */
export function encodePickle(value: PyValue): string {
  const w = new Writer();
  writeValue(w, value);
  w.out.push(".");
  return w.out.join("");
}
