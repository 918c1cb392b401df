// Decodes the Python pickles PyTables stores in HDF5 attributes (protocol 0 text, as
// `pickle.dumps(value, 0)` writes them, plus the protocol 1–2 binary opcodes) into PyValues.
// Only the globals a DASCore attribute holds are built: numpy scalars and dtypes, bytes via
// `_codecs.encode`. Anything else is an error, never code execution.
import { NumpyScalar, PyBytes, PyDict, PyTuple, type PyValue } from "./values.ts";

/** One decoder for every pickled text (making one per string cost more than decoding it). */
const UTF8 = new TextDecoder();

/** Thrown for a pickle this decoder cannot read (callers keep the raw text, as PyTables does). */
export class PickleError extends Error {
  override name = "PickleError";
}

/** A numpy dtype under construction (`numpy.dtype('M8', False, True)` then BUILD with its state). */
class NpDtype {
  byteorder = "<";
  unit: string | null = null;
  constructor(readonly code: string) {}
}

class Global {
  constructor(readonly module: string, readonly name: string) {}
}

class Mark {}
const MARK = new Mark();

type Item = PyValue | NpDtype | Global | Mark;

const NUMPY_SCALAR_MODULES = new Set(["numpy._core.multiarray", "numpy.core.multiarray"]);
const UNIT_NS: Record<string, bigint> = { ns: 1n, us: 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n, D: 86_400_000_000_000n, W: 604_800_000_000_000n };

/** Decodes pickle protocol 0's raw-unicode-escape text (`V` opcode): `\uXXXX`, `\UXXXXXXXX`, else latin-1. */
function rawUnicodeEscape(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0x5c && (b[i + 1] === 0x75 || b[i + 1] === 0x55)) {
      const n = b[i + 1] === 0x75 ? 4 : 8;
      const hex = String.fromCharCode(...b.subarray(i + 2, i + 2 + n));
      if (hex.length === n && /^[0-9a-fA-F]+$/.test(hex)) {
        out += String.fromCodePoint(parseInt(hex, 16));
        i += 1 + n;
        continue;
      }
    }
    out += String.fromCharCode(c);
  }
  return out;
}

/** Python's string-literal escapes, as the `S` opcode's repr text holds them (`'a\\n'`). */
function unquote(text: string): string {
  const q = text[0];
  if ((q !== "'" && q !== '"') || text[text.length - 1] !== q) throw new PickleError(`bad STRING literal ${text}`);
  const body = text.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "0": "\0" };
    return simple[e] ?? `\\${e}`;
  });
}

function intValue(text: string): number | bigint | boolean {
  const t = text.trim().replace(/L$/, "");
  if (t === "00") return false;
  if (t === "01") return true;
  if (!/^[-+]?\d+$/.test(t)) throw new PickleError(`bad INT ${text}`);
  const big = BigInt(t);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function floatValue(text: string): number {
  const t = text.trim();
  if (t === "inf") return Infinity;
  if (t === "-inf") return -Infinity;
  if (t === "nan" || t === "-nan") return NaN;
  const v = Number(t);
  if (t === "" || Number.isNaN(v)) throw new PickleError(`bad FLOAT ${text}`);
  return v;
}

function dtypeName(d: NpDtype): string {
  const c = d.code.replace(/^[<>=|]/, "");
  const kinds: Record<string, string> = { f: "float", i: "int", u: "uint", c: "complex" };
  if (c === "M8" || c === "m8") return `${c === "M8" ? "datetime64" : "timedelta64"}[${d.unit ?? "ns"}]`;
  if (c === "b1" || c === "?") return "bool";
  const k = kinds[c[0]!];
  if (k && /^\d+$/.test(c.slice(1))) return `${k}${Number(c.slice(1)) * 8 * (k === "complex" ? 1 : 1)}`;
  if (c[0] === "U" || c[0] === "S") return c[0] === "U" ? "str" : "bytes";
  throw new PickleError(`unsupported numpy dtype ${d.code}`);
}

function numpyScalar(d: NpDtype, raw: Uint8Array): NumpyScalar {
  const name = dtypeName(d);
  const little = d.byteorder !== ">";
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const need = (n: number) => {
    if (raw.length < n) throw new PickleError(`numpy scalar ${name} holds ${raw.length} bytes`);
  };
  if (name.startsWith("datetime64") || name.startsWith("timedelta64")) {
    need(8);
    const unit = d.unit ?? "ns";
    const per = UNIT_NS[unit];
    if (per === undefined) throw new PickleError(`unsupported time unit ${unit}`);
    const v = view.getBigInt64(0, little);
    // NaT stays the int64 minimum (numpy's sentinel).
    return new NumpyScalar(name.startsWith("datetime64") ? "datetime64[ns]" : "timedelta64[ns]", v === -(2n ** 63n) ? v : v * per);
  }
  switch (name) {
    case "bool":
      need(1);
      return new NumpyScalar(name, raw[0] !== 0);
    case "float64":
      need(8);
      return new NumpyScalar(name, view.getFloat64(0, little));
    case "float32":
      need(4);
      return new NumpyScalar(name, view.getFloat32(0, little));
    case "int64":
      need(8);
      return new NumpyScalar(name, view.getBigInt64(0, little));
    case "uint64":
      need(8);
      return new NumpyScalar(name, view.getBigUint64(0, little));
    case "int32":
      need(4);
      return new NumpyScalar(name, view.getInt32(0, little));
    case "uint32":
      need(4);
      return new NumpyScalar(name, view.getUint32(0, little));
    case "int16":
      need(2);
      return new NumpyScalar(name, view.getInt16(0, little));
    case "uint16":
      need(2);
      return new NumpyScalar(name, view.getUint16(0, little));
    case "int8":
      need(1);
      return new NumpyScalar(name, view.getInt8(0));
    case "uint8":
      need(1);
      return new NumpyScalar(name, raw[0]!);
    case "str": {
      // numpy stores str_ as UTF-32 code units
      let s = "";
      for (let i = 0; i + 4 <= raw.length; i += 4) {
        const cp = view.getUint32(i, little);
        if (cp !== 0) s += String.fromCodePoint(cp);
      }
      return new NumpyScalar(name, s);
    }
    default:
      throw new PickleError(`unsupported numpy scalar ${name}`);
  }
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) throw new PickleError("_codecs.encode: text is not latin-1");
    out[i] = c;
  }
  return out;
}

function callGlobal(fn: Item, args: Item): Item {
  if (!(fn instanceof Global) || !(args instanceof PyTuple)) throw new PickleError("REDUCE of something not callable");
  const a = args.items as Item[];
  const key = `${fn.module}.${fn.name}`;
  if (key === "_codecs.encode" && typeof a[0] === "string") return new PyBytes(latin1Bytes(a[0]));
  if (key === "numpy.dtype" && typeof a[0] === "string") return new NpDtype(a[0]);
  if (NUMPY_SCALAR_MODULES.has(fn.module) && fn.name === "scalar" && a[0] instanceof NpDtype) {
    const raw = a[1] instanceof PyBytes ? a[1].bytes : typeof a[1] === "string" ? latin1Bytes(a[1]) : null;
    if (!raw) throw new PickleError("numpy scalar without bytes");
    return numpyScalar(a[0], raw);
  }
  if (key === "builtins.bytes" || key === "__builtin__.bytes") return new PyBytes(new Uint8Array());
  throw new PickleError(`unsupported global ${key}`);
}

function build(obj: Item, state: Item): Item {
  if (obj instanceof NpDtype && state instanceof PyTuple) {
    const s = state.items;
    if (typeof s[1] === "string") obj.byteorder = s[1];
    // datetime metadata: (…, (None?, (b'ns', 1, 1, 1))) in the last slot
    const meta = s[s.length - 1];
    if (meta instanceof PyTuple) {
      const inner = meta.items[meta.items.length - 1];
      if (inner instanceof PyTuple && inner.items[0] instanceof PyBytes) {
        obj.unit = UTF8.decode(inner.items[0].bytes);
      }
    }
    return obj;
  }
  throw new PickleError("BUILD of an unsupported object");
}

class Reader {
  pos = 0;
  constructor(readonly b: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.b.length) throw new PickleError("pickle ends before STOP");
    return this.b[this.pos++]!;
  }
  bytes(n: number): Uint8Array {
    if (this.pos + n > this.b.length) throw new PickleError("pickle ends inside a value");
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  line(): string {
    const end = this.b.indexOf(0x0a, this.pos);
    if (end < 0) throw new PickleError("pickle ends inside a text value");
    let out = "";
    for (let i = this.pos; i < end; i++) out += String.fromCharCode(this.b[i]!);
    this.pos = end + 1;
    return out;
  }
  lineBytes(): Uint8Array {
    const end = this.b.indexOf(0x0a, this.pos);
    if (end < 0) throw new PickleError("pickle ends inside a text value");
    const out = this.b.subarray(this.pos, end);
    this.pos = end + 1;
    return out;
  }
  u32(): number {
    const v = this.bytes(4);
    return new DataView(v.buffer, v.byteOffset, 4).getUint32(0, true);
  }
}

function asValue(x: Item): PyValue {
  if (x instanceof NpDtype || x instanceof Global || x instanceof Mark) throw new PickleError("pickle result is not a value");
  return x;
}

function littleSigned(bytes: Uint8Array): number | bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  if (bytes.length > 0 && bytes[bytes.length - 1]! & 0x80) v -= 1n << BigInt(bytes.length * 8);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/**
 * Decodes one pickle (the bytes of a PyTables attribute that ends in `.`).
 * @throws PickleError for malformed input or objects other than those listed in the file header.
 * @example
 * ```ts
 * decodePickle(new TextEncoder().encode("(Vpass_filter()\np0\ntp1\n.")); // PyTuple ["pass_filter()"]
 * ```
 */
export function decodePickle(bytes: Uint8Array): PyValue {
  const r = new Reader(bytes);
  const stack: Item[] = [];
  const memo = new Map<number, Item>();
  const pop = (): Item => {
    if (stack.length === 0) throw new PickleError("pickle stack underflow");
    return stack.pop()!;
  };
  const popMark = (): Item[] => {
    let i = stack.length - 1;
    while (i >= 0 && stack[i] !== MARK) i--;
    if (i < 0) throw new PickleError("pickle MARK missing");
    const items = stack.splice(i);
    items.shift();
    return items;
  };
  const top = (): Item => {
    if (stack.length === 0) throw new PickleError("pickle stack underflow");
    return stack[stack.length - 1]!;
  };
  const setItems = (d: Item, kv: Item[]) => {
    if (!(d instanceof PyDict)) throw new PickleError("SETITEM on a non-dict");
    const entries = d.entries as Array<readonly [PyValue, PyValue]>;
    for (let i = 0; i + 1 < kv.length; i += 2) {
      const k = asValue(kv[i]!);
      const at = entries.findIndex(([x]) => x === k);
      const entry = [k, asValue(kv[i + 1]!)] as const;
      if (at >= 0) entries[at] = entry;
      else entries.push(entry);
    }
  };
  const append = (l: Item, xs: Item[]) => {
    if (!Array.isArray(l)) throw new PickleError("APPEND on a non-list");
    for (const x of xs) l.push(asValue(x));
  };
  for (;;) {
    const op = String.fromCharCode(r.byte());
    switch (op) {
      case ".":
        if (stack.length !== 1) throw new PickleError(`pickle STOP with ${stack.length} items on the stack`);
        return asValue(stack[0]!);
      case "(": stack.push(MARK); break;
      case "0": pop(); break;
      case "1": popMark(); break;
      case "2": stack.push(top()); break;
      case "N": stack.push(null); break;
      case "I": stack.push(intValue(r.line())); break;
      case "L": stack.push(intValue(r.line())); break;
      case "F": stack.push(floatValue(r.line())); break;
      case "V": stack.push(rawUnicodeEscape(r.lineBytes())); break;
      case "S": stack.push(unquote(r.line())); break;
      case "c": { const mod = r.line(); stack.push(new Global(mod, r.line())); break; }
      case "R": { const args = pop(); stack.push(callGlobal(pop(), args)); break; }
      case "b": { const state = pop(); stack.push(build(pop(), state)); break; }
      case "t": stack.push(new PyTuple(popMark() as PyValue[])); break; // may hold a dtype (scalar args)
      case "l": stack.push(popMark().map(asValue)); break;
      case "d": { const d = new PyDict([]); setItems(d, popMark()); stack.push(d); break; }
      case "}": stack.push(new PyDict([])); break;
      case "]": stack.push([]); break;
      case ")": stack.push(new PyTuple([])); break;
      case "s": { const v = pop(); const k = pop(); setItems(top(), [k, v]); break; }
      case "u": { const kv = popMark(); setItems(top(), kv); break; }
      case "a": { const v = pop(); append(top(), [v]); break; }
      case "e": { const xs = popMark(); append(top(), xs); break; }
      case "p": memo.set(Number(r.line()), top()); break;
      case "g": { const k = Number(r.line()); if (!memo.has(k)) throw new PickleError(`pickle GET ${k} before PUT`); stack.push(memo.get(k)!); break; }
      // protocol 1–2 binary opcodes
      case "\x80": r.byte(); break; // PROTO n
      case "q": memo.set(r.byte(), top()); break;
      case "r": memo.set(r.u32(), top()); break;
      case "h": { const k = r.byte(); if (!memo.has(k)) throw new PickleError(`pickle BINGET ${k} before PUT`); stack.push(memo.get(k)!); break; }
      case "j": { const k = r.u32(); if (!memo.has(k)) throw new PickleError(`pickle LONG_BINGET ${k} before PUT`); stack.push(memo.get(k)!); break; }
      case "J": { const v = r.bytes(4); stack.push(new DataView(v.buffer, v.byteOffset, 4).getInt32(0, true)); break; }
      case "K": stack.push(r.byte()); break;
      case "M": { const v = r.bytes(2); stack.push(v[0]! | (v[1]! << 8)); break; }
      case "G": { const v = r.bytes(8); stack.push(new DataView(v.buffer, v.byteOffset, 8).getFloat64(0, false)); break; }
      case "X": stack.push(UTF8.decode(r.bytes(r.u32()))); break;
      case "\x8c": stack.push(UTF8.decode(r.bytes(r.byte()))); break; // SHORT_BINUNICODE (4)
      case "T": stack.push(String.fromCharCode(...r.bytes(r.u32()))); break;
      case "U": stack.push(String.fromCharCode(...r.bytes(r.byte()))); break;
      case "C": stack.push(new PyBytes(r.bytes(r.byte()).slice())); break; // SHORT_BINBYTES (3)
      case "B": stack.push(new PyBytes(r.bytes(r.u32()).slice())); break; // BINBYTES (3)
      case "\x85": stack.push(new PyTuple([pop() as PyValue])); break;
      case "\x86": { const b = pop(); stack.push(new PyTuple([pop() as PyValue, b as PyValue])); break; }
      case "\x87": { const c = pop(); const b = pop(); stack.push(new PyTuple([pop() as PyValue, b as PyValue, c as PyValue])); break; }
      case "\x88": stack.push(true); break;
      case "\x89": stack.push(false); break;
      case "\x8a": stack.push(littleSigned(r.bytes(r.byte()))); break; // LONG1
      case "\x94": memo.set(memo.size, top()); break; // MEMOIZE (4)
      case "\x95": r.bytes(8); break; // FRAME (4)
      case "\x93": { const name = pop(); const mod = pop(); if (typeof mod !== "string" || typeof name !== "string") throw new PickleError("bad STACK_GLOBAL"); stack.push(new Global(mod, name)); break; }
      default:
        throw new PickleError(`unsupported pickle opcode 0x${op.charCodeAt(0).toString(16)} at byte ${r.pos - 1}`);
    }
  }
}
