// The pickle decoder and encoder against pickles made by Python (test/fixtures/dasdae/pickles.json,
// from make_fixtures.py): every value PyTables stores in a DASDAE attribute, protocols 0 and 2.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodePickle, PickleError } from "../../../storage/pickle/decode.ts";
import { encodePickle } from "../../../storage/pickle/encode.ts";
import { NumpyScalar, PyBytes, PyDict, PyTuple, type PyValue } from "../../../storage/pickle/values.ts";

const cases = JSON.parse(readFileSync(join(import.meta.dirname, "../../fixtures/dasdae/pickles.json"), "utf8")) as Array<{
  protocol: number;
  hex: string;
  value: unknown;
  python: string;
}>;

/** A decoded value in make_fixtures.py's tagged JSON. */
function tagged(v: PyValue): unknown {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : { float: v > 0 ? "inf" : v < 0 ? "-inf" : "nan" };
  if (typeof v === "bigint") return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : { int: String(v) };
  if (v instanceof NumpyScalar) {
    if (v.dtype.startsWith("datetime64") || v.dtype.startsWith("timedelta64")) return { ns: String(v.value) };
    return tagged(v.value as PyValue);
  }
  if (v instanceof PyTuple) return v.items.map(tagged);
  if (Array.isArray(v)) return v.map(tagged);
  if (v instanceof PyDict) return Object.fromEntries(v.entries.map(([k, x]) => [String(k), tagged(x)]));
  if (v instanceof PyBytes) return { bytes: Array.from(v.bytes) };
  return { other: String(v) };
}

const hex = (h: string) => new Uint8Array(Buffer.from(h, "hex"));

describe("decodePickle", () => {
  for (const c of cases) {
    it(`decodes Python's protocol-${c.protocol} pickle of ${c.python}`, () => {
      expect(tagged(decodePickle(hex(c.hex)))).toEqual(c.value);
    });
  }

  it("keeps tuples and lists apart", () => {
    const t = decodePickle(hex(cases.find((c) => c.python === "('a', 'b')")!.hex));
    expect(t).toBeInstanceOf(PyTuple);
    expect(decodePickle(hex(cases.find((c) => c.python === "[]")!.hex))).toEqual([]);
  });

  it("refuses globals other than numpy scalars, dtypes and bytes (no code runs)", () => {
    const evil = new TextEncoder().encode("cos\nsystem\n(Vls\ntR.");
    expect(() => decodePickle(evil)).toThrow(PickleError);
    expect(() => decodePickle(evil)).toThrow(/unsupported global os.system/);
  });

  it("rejects truncated input", () => {
    expect(() => decodePickle(new TextEncoder().encode("(Vabc\n"))).toThrow(/ends before STOP/);
  });
});

describe("encodePickle", () => {
  it("re-encodes every decoded value to a pickle that decodes to the same value", () => {
    for (const c of cases) {
      const v = decodePickle(hex(c.hex));
      const text = encodePickle(v);
      expect(text.endsWith(".")).toBe(true);
      expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
      expect(tagged(decodePickle(new TextEncoder().encode(text)))).toEqual(c.value);
    }
  });

  it("writes a history tuple as PyTables does", () => {
    expect(encodePickle(new PyTuple(["a", "b"]))).toBe("(Va\np0\nVb\np1\ntp2\n.");
  });
});
