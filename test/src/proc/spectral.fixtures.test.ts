// Spectral methods, complex data, correlation and units against DASCore's numbers (issue 21):
// fixtures made by fixtures/generate_spectral.py. Each case is a chain of calls on the inputs of
// fixtures.test.ts. Complex results are compared on real and imaginary parts (interleaved).
// Tolerance as fixtures.test.ts: |a − b| ≤ rtol·|b| + rtol·scale, rtol 1e-9 (float64 and
// complex128) or 1e-5 (float32, complex64), scale the largest finite magnitude of the case's
// input and expected output (an absolute floor: an FFT bin that should be 0 holds round-off of
// the order of eps × the sum of the inputs). Coordinate values: 1e-12 relative.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

interface CoordJson {
  min: string | number | null;
  max: string | number | null;
  step: string | number | null;
  length: number;
  units?: string | null;
}

interface Expected {
  dims: string[];
  shape: number[];
  dtype: string;
  data: string;
  coords: Record<string, CoordJson>;
  dimless: Record<string, CoordJson>;
  data_units: string | null;
  data_type: string;
  history: string | null;
}

type Call = [string, unknown[], (string | null)?];

interface Case {
  name: string;
  ts: Call[];
  py: string;
  rows: number;
  cols: number;
  dtype: "float64" | "float32";
  order: "dt" | "td";
  units: string | null;
  attrs: Record<string, unknown>;
  history: boolean;
  expected?: Expected;
  error?: string;
}

const doc = JSON.parse(gunzipSync(readFileSync(new URL("./fixtures/spectral.json.gz", import.meta.url))).toString()) as { cases: Case[] };

/** The input DASCore got: a slice of the example patch, cast, maybe transposed, with data units. */
function makeInput(c: Case): dc.Patch {
  let p = dc.getExamplePatch().select({ distance: [0, c.rows], time: [0, c.cols] }, { samples: true });
  const data = c.dtype === "float32" ? Float32Array.from(p.data) : Float64Array.from(p.data);
  p = p.new({ data });
  if (c.order === "td") p = p.transpose("time", "distance");
  if (c.units) p = p.updateAttrs({ data_units: c.units });
  if (Object.keys(c.attrs).length) p = p.updateAttrs(c.attrs);
  return p;
}

function run(input: dc.Patch, chain: readonly Call[]): dc.Patch {
  let p = input;
  for (const [method, args, then] of chain) {
    const self = p;
    const resolved = args.map((a) => (a && typeof a === "object" && (a as { $patch?: string }).$patch === "self" ? self : a));
    const out = (p as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!.apply(p, resolved);
    p = (then ? (out as Record<string, () => dc.Patch>)[then]!() : out) as dc.Patch;
  }
  return p;
}

function decode(e: Expected): Float64Array | Float32Array {
  const bytes = Buffer.from(e.data, "base64");
  const buf = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buf).set(bytes);
  return e.dtype === "float32" || e.dtype === "complex64" ? new Float32Array(buf) : new Float64Array(buf);
}

function close(a: unknown, b: string | number | null): boolean {
  if (b === null) return a === null || (typeof a === "number" && Number.isNaN(a));
  if (typeof b === "string") return String(a) === b;
  return typeof a === "number" && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

function coordMismatch(coord: dc.Coord, want: CoordJson): string | null {
  const got = { min: coord.min(), max: coord.max(), step: coord.step, length: coord.length };
  for (const k of ["min", "max", "step"] as const) if (!close(got[k], want[k])) return `${k}: got ${String(got[k])}, want ${String(want[k])}`;
  if (got.length !== want.length) return `length: got ${got.length}, want ${want.length}`;
  if (want.units !== undefined && (coord.units ?? null) !== want.units) return `units: got ${coord.units}, want ${want.units}`;
  return null;
}

/** The first sample outside the tolerance, or null. */
function firstMismatch(got: ArrayLike<number>, want: ArrayLike<number>, input: ArrayLike<number>, rtol: number): string | null {
  if (got.length !== want.length) return `length ${got.length}, want ${want.length}`;
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

describe("spectral methods match DASCore's fixtures (issue 21)", () => {
  it("has fixtures for every case the generator lists", () => {
    expect(doc.cases.length).toBeGreaterThan(100);
  });

  for (const c of doc.cases) {
    const label = `${c.ts.map((t) => t[0]).join(" → ")}: ${c.name} (${c.dtype}, ${c.order === "dt" ? "distance,time" : "time,distance"}) ≡ ${c.py}`;
    it(label, () => {
      const p = makeInput(c);
      if (c.error) {
        expect(() => run(p, c.ts), c.error).toThrow(dc.DaspoolError);
        return;
      }
      const e = c.expected!;
      const out = run(p, c.ts);
      expect(out.dims).toEqual(e.dims);
      expect(out.shape).toEqual(e.shape);
      expect(out.dtype).toBe(e.dtype);
      for (const [d, want] of Object.entries(e.coords)) expect(coordMismatch(out.getCoord(d), want), d).toBeNull();
      for (const [d, want] of Object.entries(e.dimless)) expect(coordMismatch(out.getCoord(d), want), d).toBeNull();
      expect(out.attrs.data_units || null).toBe(e.data_units);
      expect(out.attrs.data_type).toBe(e.data_type);
      if (c.history && e.history !== null) expect(out.history[out.history.length - 1]).toBe(e.history);
      const bad = firstMismatch(out.data, decode(e), p.data, c.dtype === "float32" ? 1e-5 : 1e-9);
      expect(bad).toBeNull();
    });
  }
});
