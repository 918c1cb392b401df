// The worker boundary's sharing rules: samples cross in shared memory, never by a detaching transfer.

import { describe, expect, it } from "vitest";
import type { RawPatch } from "../../../storage/formats/types.ts";
import { remoteError, reviveError, shareableRaw, shareableValue } from "../../../planner/workers/protocol.ts";

function raw(data: Float32Array, values: Float64Array): RawPatch {
  return {
    data,
    dims: ["distance", "time"],
    shape: [2, 3],
    coords: {
      distance: { kind: "array", values, units: "m", dtype: "float64" },
      time: { kind: "range", start: 0n, step: 1n, length: 3, units: "s", dtype: "datetime64" },
    },
    attrs: { tag: "x" },
  };
}

describe("shareableRaw", () => {
  it("puts samples in shared memory with the same values, leaving the sender's array intact", () => {
    const data = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const { raw: out } = shareableRaw(raw(data, new Float64Array([0, 1])), { copyData: false });
    expect(out.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(out.data).toBeInstanceOf(Float32Array);
    expect([...out.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(data.byteLength).toBe(24); // not detached
  });

  it("shares samples already in shared memory without a copy, unless the sender still holds them", () => {
    const data = new Float32Array(new SharedArrayBuffer(24));
    expect(shareableRaw(raw(data, new Float64Array(2)), { copyData: false }).raw.data).toBe(data);
    const held = shareableRaw(raw(data, new Float64Array(2)), { copyData: true }).raw.data;
    expect(held).not.toBe(data);
    held[0] = 9; // a task writing into its input does not reach the sender's patch
    expect(data[0]).toBe(0);
  });

  it("copies only the view of a larger buffer", () => {
    const big = Float32Array.from({ length: 100 }, (_, i) => i);
    const out = shareableRaw(raw(big.subarray(10, 16), new Float64Array(2)), { copyData: false }).raw.data;
    expect(out.buffer.byteLength).toBe(24);
    expect([...out]).toEqual([10, 11, 12, 13, 14, 15]);
  });
});

describe("results and errors across the boundary", () => {
  it("shares a typed-array result and leaves anything else to postMessage's clone", () => {
    const a = Float64Array.from([1, 2, 3]);
    const r = shareableValue(a);
    expect(r.type === "value" && (r.value as Float64Array).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(r.type === "value" && [...(r.value as Float64Array)]).toEqual([1, 2, 3]);
    expect(a.byteLength).toBe(24);
    expect(shareableValue({ n: 1 })).toEqual({ type: "value", value: { n: 1 } });
  });

  it("keeps an error's name, message and stack", () => {
    const e = new RangeError("boom");
    const back = reviveError(remoteError("task", e));
    expect([back.name, back.message, back.stack]).toEqual(["RangeError", "boom", e.stack]);
    expect(remoteError("load", "plain")).toEqual({ phase: "load", name: "Error", message: "plain", stack: undefined });
  });
});
