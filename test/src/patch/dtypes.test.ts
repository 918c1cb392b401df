// SPEC §3 dtypes that no typed array names (issue 17): float16 in a Float32Array, bool in a
// Uint8Array, complex as interleaved (re, im) pairs; through construct, select, aggregate,
// equals and toString.
import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { floatToHalf, halfToFloat } from "../../../storage/h5/float16.ts";

const coords = { distance: [0, 1], time: dc.coordRange({ start: "2020-01-01", step: "1s", length: 3 }) };

describe("Patch dtypes float16, bool, complex (issue 17)", () => {
  it("counts complex samples once in shape and size, keeping the interleaved data", () => {
    const data = Float32Array.from({ length: 12 }, (_, i) => i);
    const p = new dc.Patch({ data, dims: ["distance", "time"], coords, dtype: "complex64" });
    expect(p.shape).toEqual([2, 3]);
    expect(p.size).toBe(6);
    expect(p.dtype).toBe("complex64");
    expect(Array.from(p.data as Float32Array)).toEqual(Array.from(data));
    const s = p.select({ time: [1, 3] }, { samples: true });
    expect(s.shape).toEqual([2, 2]);
    expect(s.dtype).toBe("complex64");
    expect(Array.from(s.data as Float32Array)).toEqual([2, 3, 4, 5, 8, 9, 10, 11]);
    expect(String(p)).toContain("➤ Data (complex64)\n   [[ 0.+1.j   2.+3.j   4.+5.j ]\n    [ 6.+7.j   8.+9.j  10.+11.j]]");
    expect(() => p.aggregate("time", "mean")).toThrow(/not defined for complex64/);
  });

  it("rejects a complex array of the wrong length or array type", () => {
    expect(() => new dc.Patch({ data: new Float32Array(6), dims: ["distance", "time"], coords, dtype: "complex64" })).toThrow(dc.CoordDataError);
    expect(() => new dc.Patch({ data: new Float64Array(12), dims: ["distance", "time"], coords, dtype: "complex64" })).toThrow(
      /complex64 needs its samples in a Float32Array, got a Float64Array/,
    );
  });

  it("keeps bool through select and min/max, and gives float64 means", () => {
    const p = new dc.Patch({ data: Uint8Array.of(1, 0, 1, 0, 0, 1), dims: ["distance", "time"], coords, dtype: "bool" });
    expect(p.dtype).toBe("bool");
    expect(p.aggregate("time", "max").dtype).toBe("bool");
    const mean = p.aggregate("time", "mean");
    expect(mean.dtype).toBe("float64");
    expect(Array.from(mean.data as Float64Array)).toEqual([2 / 3, 1 / 3]);
    expect(String(p)).toContain("[[ True False  True]");
  });

  it("keeps float16 values and dtype through aggregation, rounding means as numpy does", () => {
    const values = halfToFloat(floatToHalf([0.1, 0.2, 0.3, 1, 2, 2.0009765625]));
    const p = new dc.Patch({ data: values, dims: ["distance", "time"], coords, dtype: "float16" });
    expect(p.dtype).toBe("float16");
    const mean = p.aggregate("time", "mean");
    expect(mean.dtype).toBe("float16");
    // numpy: np.float16([0.1, 0.2, 0.3]).mean() == 0.2 (float16 0.19995), [1, 2, 2.001].mean() == 1.667
    expect(Array.from(mean.data as Float64Array)).toEqual([0.199951171875, 1.6669921875]);
    expect(p.equals(new dc.Patch({ data: values.slice(), dims: ["distance", "time"], coords, dtype: "float16" }))).toBe(true);
  });

  it("converts half-precision patterns exactly, including subnormals, infinities and NaN", () => {
    expect(Array.from(halfToFloat(Uint16Array.of(0x3c00, 0xc000, 0x0001, 0x7bff, 0x7c00, 0xfc00)))).toEqual([1, -2, 2 ** -24, 65504, Infinity, -Infinity]);
    expect(Number.isNaN(halfToFloat(Uint16Array.of(0x7e00))[0])).toBe(true);
    expect(Array.from(floatToHalf([1, -2, 2 ** -24, 65504, 1e6, 0.1]))).toEqual([0x3c00, 0xc000, 0x0001, 0x7bff, 0x7c00, 0x2e66]);
  });
});
