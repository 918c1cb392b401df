// One battery for every reader (STYLE §15): detect / scan / read / hyperslab / scan-vs-read checks
// over the real files, driven by the table in batteryCases.ts.
import { describe, expect, it } from "vitest";
import { toDatetime64 } from "../../src/time.ts";
import { getFormat, readPatch, scanFile } from "../../storage/formats/registry.ts";
import { summarizeCoord } from "../../storage/formats/rawCoords.ts";
import type { CoordSummary, PatchSummary, RawPatch, TypedArray } from "../../storage/formats/types.ts";
import { BATTERY, REAL, type CoordExpect } from "./batteryCases.ts";

function num(v: number | bigint): number {
  return typeof v === "bigint" ? Number(v) : v;
}

function checkCoord(name: string, got: CoordSummary, want: CoordExpect): void {
  if (got.dtype === "datetime64") {
    expect(got.min, `${name} min`).toBe(toDatetime64(want.min));
    expect(got.max, `${name} max`).toBe(toDatetime64(want.max));
    expect(got.step, `${name} step`).toBe(want.step);
    return;
  }
  expect(num(got.min!)).toBeCloseTo(want.min as number, 9);
  expect(num(got.max!)).toBeCloseTo(want.max as number, 6);
  if (want.step === null) expect(got.step).toBeNull();
  else expect(Math.abs(num(got.step!) / num(want.step) - 1)).toBeLessThan(1e-6);
  if (want.units !== undefined) expect(got.units).toBe(want.units);
}

function valueAt(data: TypedArray, i: number): number {
  return Number(data[i]);
}

/** The block `bounds` of a row-major 2-D or N-D array, element by element (reference slicer). */
function sliceRef(data: TypedArray, shape: number[], bounds: Array<[number, number]>): number[] {
  const out: number[] = [];
  const strides = shape.map((_, k) => shape.slice(k + 1).reduce((p, c) => p * c, 1));
  const walk = (k: number, off: number): void => {
    if (k === shape.length) {
      out.push(Number(data[off]));
      return;
    }
    for (let i = bounds[k]![0]; i < bounds[k]![1]; i++) walk(k + 1, off + i * strides[k]!);
  };
  walk(0, 0);
  return out;
}

function summaryOfRead(p: RawPatch): Record<string, CoordSummary> {
  const out: Record<string, CoordSummary> = {};
  for (const d of p.dims) if (p.coords[d]) out[d] = summarizeCoord(p.coords[d]!);
  return out;
}

describe.each(BATTERY)("format battery: $file ($format $version)", (c) => {
  const path = REAL + c.file;
  let scanned: PatchSummary[] = [];
  const fulls = new Map<number, RawPatch>();

  it("detects the format and version DASCore gives", async () => {
    await expect(getFormat(path)).resolves.toEqual({ format: c.format, version: c.version });
  });

  it("scans one summary per patch, each with its own key", async () => {
    const s = await scanFile(path);
    scanned = s.patches;
    expect(s.format).toBe(c.format);
    expect(scanned).toHaveLength(c.patches);
    expect(new Set(scanned.map((p) => p.key)).size).toBe(c.patches);
  });

  it("reports the expected dims, shape, coords and attrs in scan and read alike", async () => {
    for (const [idx, want] of Object.entries(c.expect)) {
      const s = scanned[Number(idx)]!;
      const p = await readPatch(path, s.key, { format: c.format, version: c.version });
      fulls.set(Number(idx), p);
      expect(s.dims).toEqual(want.dims);
      expect(p.dims).toEqual(want.dims);
      expect(s.shape).toEqual(want.shape);
      expect(p.shape).toEqual(want.shape);
      expect(s.dataDtype).toBe(want.dataDtype);
      expect(p.data.length).toBe(want.shape.reduce((a, b) => a * b, 1));
      for (const [name, wc] of Object.entries(want.coords)) checkCoord(name, s.coords[name]!, wc);
      expect(summaryOfRead(p)).toEqual(s.coords);
      expect(valueAt(p.data, 0)).toBeCloseTo(want.first, 12);
      if (!Number.isNaN(want.last)) expect(valueAt(p.data, p.data.length - 1)).toBeCloseTo(want.last, 12);
      for (const [k, v] of Object.entries(want.attrs ?? {})) {
        if (typeof v === "number") expect(Number(s.attrs[k]), k).toBeCloseTo(v, 9);
        else expect(s.attrs[k], k).toEqual(v);
      }
      expect(p.attrs).toEqual(s.attrs);
    }
  });

  it("reads a hyperslab equal to the same slice of the full read", async () => {
    for (const [idx, full] of fulls) {
      const s = scanned[idx]!;
      const bounds = full.shape.map((n) => [Math.floor(n / 3), Math.max(Math.floor(n / 3) + 1, Math.floor((2 * n) / 3))] as [number, number]);
      const selection = Object.fromEntries(full.dims.map((d, k) => [d, bounds[k]!]));
      const part = await readPatch(path, s.key, { format: c.format, version: c.version }, selection);
      expect(part.shape).toEqual(bounds.map(([a, b]) => b - a));
      expect(Array.from(part.data, Number)).toEqual(sliceRef(full.data, full.shape, bounds));
      for (const [k, d] of full.dims.entries()) {
        const whole = summarizeCoord(full.coords[d]!);
        const sub = summarizeCoord(part.coords[d]!);
        expect(sub.length).toBe(bounds[k]![1] - bounds[k]![0]);
        if (whole.step !== null && typeof whole.min === "bigint") {
          expect(sub.min).toBe((whole.min as bigint) + BigInt(bounds[k]![0]) * (whole.step as bigint));
        }
      }
      const empty = await readPatch(path, s.key, { format: c.format, version: c.version }, { [full.dims[0]!]: [0, 0] });
      expect(empty.data.length).toBe(0);
    }
  });
});
