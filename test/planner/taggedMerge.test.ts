// Issue 17: chunk merges and concatenation keep float16, bool and complex samples (complex pairs
// stay together; mixing complex with real samples raises rather than dropping imaginary parts).
import { describe, expect, it } from "vitest";
import * as dc from "../../src/index.ts";

async function pair(dtype: "complex128" | "float16" | "bool"): Promise<dc.Patch[]> {
  const ps = (await dc.getExampleSpool("random_das", { length: 2, shape: [3, 10] }).collect()) as dc.Patch[];
  return ps.map((p) => {
    const re = p.data as Float64Array;
    let data: Float64Array | Float32Array | Uint8Array;
    if (dtype === "complex128") {
      data = new Float64Array(re.length * 2);
      re.forEach((v, k) => {
        data[2 * k] = v;
        data[2 * k + 1] = -v - 1;
      });
    } else if (dtype === "float16") data = Float32Array.from(re, (v) => Math.round(v * 1024) / 1024);
    else data = Uint8Array.from(re, (v) => (v > 0.5 ? 1 : 0));
    return new dc.Patch({ data, dims: p.dims, coords: p.coords, attrs: p.parts.attrs, dtype });
  });
}

/** Sample (i, j) of a 2-D patch as [re, im] or a number. */
function at(p: dc.Patch, i: number, j: number): number | number[] {
  const n = p.shape[1]!;
  const d = p.data as Float64Array;
  return p.dtype.startsWith("complex") ? [d[2 * (i * n + j)]!, d[2 * (i * n + j) + 1]!] : d[i * n + j]!;
}

describe("joining tagged dtypes (issue 17)", () => {
  for (const dtype of ["complex128", "float16", "bool"] as const) {
    it(`chunk({ time: null }) and concatenate keep ${dtype} samples in place`, async () => {
      const [a, b] = await pair(dtype);
      const joins = [await dc.spool([a!, b!]).chunk({ time: null }).get(0), await dc.spool([a!, b!]).concatenate({ time: null }).get(0)] as dc.Patch[];
      for (const joined of joins) {
        expect(joined.dtype).toBe(dtype);
        expect(joined.shape).toEqual([3, 20]);
        expect(at(joined, 2, 3)).toEqual(at(a!, 2, 3));
        expect(at(joined, 1, 14)).toEqual(at(b!, 1, 4));
      }
    });
  }

  it("stacks complex patches along a new dimension", async () => {
    const [a, b] = await pair("complex128");
    const s = (await dc.spool([a!, b!.updateCoords({ time_min: a!.getCoord("time").min() })]).concatenate({ run: null }).get(0)) as dc.Patch;
    expect(s.shape).toEqual([3, 10, 2]);
    expect(s.dtype).toBe("complex128");
    const d = s.data as Float64Array;
    // sample (1, 4, 1) is b's (1, 4)
    expect([d[2 * ((1 * 10 + 4) * 2 + 1)], d[2 * ((1 * 10 + 4) * 2 + 1) + 1]]).toEqual(at(b!, 1, 4));
  });

  it("refuses to join complex with real samples", async () => {
    const [a] = await pair("complex128");
    const real = ((await dc.getExampleSpool("random_das", { length: 2, shape: [3, 10] }).collect()) as dc.Patch[])[1]!;
    await expect(dc.spool([a!, real]).concatenate({ time: null }).get(0)).rejects.toThrow(/complex samples join only with complex samples/);
  });
});
