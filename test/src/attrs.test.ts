import { describe, expect, it } from "vitest";
import { AttrsError } from "../../src/errors.ts";
import { coordRange } from "../../src/coords/index.ts";
import { flattenCoords, nonDefaultAttrs, splitCoordAttrs, validateAttrs } from "../../src/attrs/index.ts";

describe("validateAttrs", () => {
  it("fills declared defaults and keeps extras", () => {
    const a = validateAttrs({ tag: "random", category: "DAS" });
    expect(a).toEqual({
      data_type: "",
      data_category: "",
      data_units: "",
      instrument_id: "",
      acquisition_id: "",
      tag: "random",
      station: "",
      network: "",
      history: [],
      dims: "",
      category: "DAS",
    });
  });
  it("normalises dims and history", () => {
    const a = validateAttrs({ dims: ["distance", "time"], history: "one", data_units: null });
    expect(a.dims).toBe("distance,time");
    expect(a.history).toEqual(["one"]);
    expect(a.data_units).toBeNull();
  });
  it("names the field, the expectation and the value in AttrsError", () => {
    expect(() => validateAttrs({ data_category: "foo" })).toThrowErrorMatchingInlineSnapshot(
      `[AttrsError: invalid attribute 'data_category': expected one of "", DAS, DTS, DSS, got "foo"]`,
    );
    expect(() => validateAttrs({ station: 5 })).toThrowErrorMatchingInlineSnapshot(
      `[AttrsError: invalid attribute 'station': expected a string, got number 5]`,
    );
    expect(() => validateAttrs({ network: "ABCDEFGHIJKLM" })).toThrowErrorMatchingInlineSnapshot(
      `[AttrsError: invalid attribute 'network': expected at most 12 characters, got "ABCDEFGHIJKLM"]`,
    );
    expect(() => validateAttrs({ history: ["ok", 3] })).toThrowErrorMatchingInlineSnapshot(
      `[AttrsError: invalid attribute 'history' (item 1): expected a list of strings, got number 3]`,
    );
    expect(() => validateAttrs({ data_units: 3 })).toThrow(AttrsError);
    expect(validateAttrs({ station: "ABCDEFGHIJKL" }).station).toBe("ABCDEFGHIJKL");
  });
});

describe("coordinate keys", () => {
  it("splits coordinate keys (and legacy d_ steps) from other attributes", () => {
    expect(splitCoordAttrs({ time_min: 1, time_step: 2, d_distance: 3, station_min: 4, tag: "x", coords: {} }, ["time", "distance"])).toEqual({
      coords: { time: { min: 1, step: 2 }, distance: { step: 3 } },
      rest: { station_min: 4, tag: "x" },
    });
  });
  it("flattens coordinate summaries, skipping private coordinates", () => {
    expect(flattenCoords({ distance: coordRange({ start: 0, step: 1, length: 3, units: "m" }), _hidden: coordRange({ start: 0, step: 1, length: 3 }) })).toEqual({
      distance_min: 0,
      distance_max: 2,
      distance_step: 1,
      distance_units: "m",
      distance_dtype: "int64",
    });
  });
  it("lists non-default attributes for display", () => {
    expect(nonDefaultAttrs(validateAttrs({ tag: "t", history: [], _private: 1, extra: 2 }))).toEqual({ tag: "t", extra: 2 });
  });
});
