// A minimal protobuf wire-format decoder (varints, fixed32/64, length-delimited, packed floats)
// over bounds-checked bytes; enough for Sintela's packets without a protobuf dependency.
import { ByteView, corrupt } from "../mseed/binaryFile.ts";

/** One decoded field: its number, wire type, and where its value lies in the view. */
export interface Field {
  number: number;
  wire: number;
  /** Varint value (wire 0), or the value's byte offset (wires 1, 2, 5). */
  value: bigint;
  at: number;
  length: number;
}

/** Reads a varint at `at`; returns the value and the offset after it. */
function varint(v: ByteView, at: number): [bigint, number] {
  let out = 0n, shift = 0n;
  for (let i = 0; i < 10; i++) {
    const b = v.u8(at + i);
    out |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [out, at + i + 1];
    shift += 7n;
  }
  throw corrupt(v.path, v.base + at, "protobuf: varint longer than 10 bytes");
}

/** Decodes the fields of the message occupying all of `v`, in order. */
export function fields(v: ByteView): Field[] {
  const out: Field[] = [];
  let at = 0;
  while (at < v.length) {
    const [key, next] = varint(v, at);
    const number = Number(key >> 3n), wire = Number(key & 7n);
    if (number === 0) throw corrupt(v.path, v.base + at, "protobuf: field number 0");
    at = next;
    switch (wire) {
      case 0: { const [x, n] = varint(v, at); out.push({ number, wire, value: x, at, length: n - at }); at = n; break; }
      case 1: v.check(at, 8); out.push({ number, wire, value: 0n, at, length: 8 }); at += 8; break;
      case 5: v.check(at, 4); out.push({ number, wire, value: 0n, at, length: 4 }); at += 4; break;
      case 2: {
        const [len, n] = varint(v, at);
        if (len > BigInt(v.length - n)) throw corrupt(v.path, v.base + at, "protobuf: length past the end of the message");
        out.push({ number, wire, value: 0n, at: n, length: Number(len) });
        at = n + Number(len);
        break;
      }
      default:
        throw corrupt(v.path, v.base + at, `protobuf: unsupported wire type ${wire}`);
    }
  }
  return out;
}

/** Field accessors over a decoded message: the last occurrence wins, as in protobuf. */
export class Message {
  readonly byNumber = new Map<number, Field>();
  constructor(readonly view: ByteView, readonly all: Field[] = fields(view)) {
    for (const f of all) this.byNumber.set(f.number, f);
  }
  has(n: number): boolean { return this.byNumber.has(n); }
  int(n: number): number {
    const f = this.byNumber.get(n);
    if (!f) return 0;
    if (f.wire !== 0) throw corrupt(this.view.path, this.view.base + f.at, `protobuf: field ${n} is not a varint`);
    return Number(BigInt.asIntN(64, f.value));
  }
  float(n: number): number {
    const f = this.byNumber.get(n);
    if (!f) return 0;
    if (f.wire !== 5) throw corrupt(this.view.path, this.view.base + f.at, `protobuf: field ${n} is not a float`);
    return this.view.f32(f.at);
  }
  string(n: number): string {
    const f = this.byNumber.get(n);
    return f && f.wire === 2 ? this.view.utf8(f.at, f.length) : "";
  }
  message(n: number): Message | null {
    const f = this.byNumber.get(n);
    if (!f) return null;
    if (f.wire !== 2) throw corrupt(this.view.path, this.view.base + f.at, `protobuf: field ${n} is not a message`);
    return new Message(this.view.sub(f.at, f.length));
  }
}

/** A google.protobuf.Timestamp message → ns since the epoch. */
export function timestampNs(m: Message): bigint {
  return BigInt(m.int(1)) * 1_000_000_000n + BigInt(m.int(2));
}
