// Every processing method against DASCore's numbers (issue 20): fixtures made by
// fixtures/generate.py (float64 and float32 inputs, both dimension orders, non-default options,
// edge shapes). Tolerance: |a − b| ≤ rtol·|b| + rtol·scale with rtol 1e-9 (float64) or 1e-5
// (float32), where scale is the largest finite magnitude of the case's input and expected output:
// an absolute floor at the scale of the data, because a relative test alone fails on values near
// zero (a detrended sample of 2e-16 where the data are of order 1 is round-off of order-1 sums).
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

interface Expected {
  dims: string[];
  shape: number[];
  dtype: string;
  data: string;
  coords: Record<string, { min: string | number | null; max: string | number | null; step: string | number | null; length: number }>;
  history: string | null;
}

interface Case {
  name: string;
  /** [method, args, then (a reducer of the method's result), pre (a call made first)] */
  ts: [string, unknown[], (string | null)?, [string, unknown[]]?];
  py: string;
  rows: number;
  cols: number;
  nan: boolean;
  dtype: "float64" | "float32";
  order: "dt" | "td";
  /** Whether DASCore's history entry is compared (its operator entries are artefacts). */
  history: boolean;
  expected?: Expected;
  error?: string;
}

const doc = JSON.parse(gunzipSync(readFileSync(new URL("./fixtures/processing.json.gz", import.meta.url))).toString()) as { cases: Case[] };

/** The input DASCore got: a slice of the example patch, cast, with one NaN, maybe transposed. */
export function makeInput(c: Pick<Case, "rows" | "cols" | "dtype" | "order" | "nan">): dc.Patch {
  let p = dc.getExamplePatch().select({ distance: [0, c.rows], time: [0, c.cols] }, { samples: true });
  const data = c.dtype === "float32" ? Float32Array.from(p.data) : Float64Array.from(p.data);
  if (c.nan) data[Math.min(1, c.rows - 1) * c.cols + Math.min(3, c.cols - 1)] = NaN;
  p = p.new({ data });
  return c.order === "td" ? p.transpose("time", "distance") : p;
}

function call(input: dc.Patch, ts: Case["ts"]): dc.Patch {
  const [method, args, then, pre] = ts;
  const p = pre ? call(input, [pre[0], pre[1]]) : input;
  const fn = (p as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!;
  const resolved = args.map((a) => (a && typeof a === "object" && (a as { $patch?: string }).$patch === "self" ? p : a));
  const out = fn.apply(p, resolved);
  return (then ? (out as Record<string, () => dc.Patch>)[then]!() : out) as dc.Patch;
}

function decode(e: Expected): Float64Array | Float32Array {
  const bytes = Buffer.from(e.data, "base64");
  const buf = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buf).set(bytes);
  return e.dtype === "float32" ? new Float32Array(buf) : new Float64Array(buf);
}

function coordText(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return String(v);
  return Number.isNaN(v as number) ? null : (v as number);
}

/** The first sample outside the tolerance, or null. */
function firstMismatch(got: ArrayLike<number>, want: ArrayLike<number>, input: ArrayLike<number>, rtol: number): string | null {
  let scale = 0;
  for (const a of [want, input]) for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!)) scale = Math.max(scale, Math.abs(a[i]!));
  for (let i = 0; i < want.length; i++) {
    const a = got[i]!;
    const b = want[i]!;
    if (Number.isNaN(b) || Number.isNaN(a)) {
      if (Number.isNaN(a) !== Number.isNaN(b)) return `[${i}] got ${a}, want ${b}`;
      continue;
    }
    if (!(Math.abs(a - b) <= rtol * Math.abs(b) + rtol * scale) && a !== b) return `[${i}] got ${a}, want ${b} (scale ${scale})`;
  }
  return null;
}

describe("processing matches DASCore's fixtures", () => {
  it("has fixtures for every case the generator lists", () => {
    expect(doc.cases.length).toBeGreaterThan(100);
  });

  for (const c of doc.cases) {
    const label = `${c.ts[0]}: ${c.name} (${c.dtype}, ${c.order === "dt" ? "distance,time" : "time,distance"}) ≡ ${c.py}`;
    it(label, () => {
      const p = makeInput(c);
      if (c.error) {
        expect(() => call(p, c.ts), c.error).toThrow(dc.DaspoolError);
        return;
      }
      const e = c.expected!;
      const out = call(p, c.ts);
      expect(out.dims).toEqual(e.dims);
      expect(out.shape).toEqual(e.shape);
      expect(out.dtype).toBe(e.dtype);
      for (const [d, want] of Object.entries(e.coords)) {
        const coord = out.getCoord(d);
        expect({ min: coordText(coord.min()), max: coordText(coord.max()), step: coordText(coord.step), length: coord.length }, d).toEqual(want);
      }
      if (c.history && e.history !== null) expect(out.history[out.history.length - 1]).toBe(e.history);
      const bad = firstMismatch(out.data, decode(e), p.data, c.dtype === "float32" ? 1e-5 : 1e-9);
      expect(bad).toBeNull();
    });
  }
});
