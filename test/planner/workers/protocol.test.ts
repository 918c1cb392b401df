// The worker boundary's transfer rules: only buffers a sender may give away are moved.

import { describe, expect, it } from "vitest";
import type { RawPatch } from "../../../storage/formats/types.ts";
import { movableRaw, movableValue, remoteError, reviveError } from "../../../planner/workers/protocol.ts";

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

describe("movableRaw", () => {
  it("moves a buffer the sender owns whole, without copying", () => {
    const data = new Float32Array(6);
    const values = new Float64Array([0, 1]);
    const { raw: out, transfer } = movableRaw(raw(data, values), { copyData: false, moveCoords: true });
    expect(out.data).toBe(data);
    expect(transfer).toEqual([data.buffer, values.buffer]);
  });

  it("copies views into larger buffers and samples the sender still holds", () => {
    const big = new Float32Array(100);
    const view = big.subarray(10, 16);
    const r = movableRaw(raw(view, new Float64Array(2)), { copyData: false, moveCoords: false });
    expect(r.raw.data).not.toBe(view);
    expect(r.raw.data.buffer.byteLength).toBe(24);
    expect(r.transfer).toEqual([r.raw.data.buffer]); // coordinates are cloned, not moved
    const held = new Float32Array(6);
    expect(movableRaw(raw(held, new Float64Array(2)), { copyData: true, moveCoords: false }).raw.data).not.toBe(held);
  });

  it("lists a buffer shared by two coordinates once", () => {
    const values = new Float64Array(2);
    const r = raw(new Float32Array(6), values);
    r.coords.other = { kind: "array", values, units: null, dtype: "float64", dims: ["distance"] };
    expect(movableRaw(r, { copyData: false, moveCoords: true }).transfer).toHaveLength(2);
  });
});

describe("results and errors across the boundary", () => {
  it("moves a typed-array result and clones anything else", () => {
    const a = new Float64Array(3);
    expect(movableValue(a).transfer).toEqual([a.buffer]);
    expect(movableValue({ n: 1 })).toEqual({ result: { type: "value", value: { n: 1 } }, transfer: [] });
  });

  it("keeps an error's name, message and stack", () => {
    const e = new RangeError("boom");
    const back = reviveError(remoteError("task", e));
    expect([back.name, back.message, back.stack]).toEqual(["RangeError", "boom", e.stack]);
    expect(remoteError("load", "plain")).toEqual({ phase: "load", name: "Error", message: "plain", stack: undefined });
  });
});
