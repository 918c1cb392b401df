import { describe, expect, it } from "vitest";
import { ParameterError } from "../../src/errors.ts";
import { formatDatetime64, formatTimedelta64, isTimeLike, nsToSeconds, toDatetime64, toTimedelta64 } from "../../src/time.ts";

describe("toDatetime64", () => {
  it("returns bigint ns unchanged", () => {
    expect(toDatetime64(123n)).toBe(123n);
  });
  it("parses dates, times and up to 9 fractional digits exactly", () => {
    expect(toDatetime64("2020-01-03")).toBe(1578009600000000000n);
    expect(toDatetime64("2020-01-03T00:00:09")).toBe(1578009609000000000n);
    expect(toDatetime64("2020-01-03T00:00:07.996Z")).toBe(1578009607996000000n);
    expect(toDatetime64("2023-06-13T15:38:00.49953408")).toBe(1686670680499534080n);
    expect(toDatetime64("2023-06-13T15:38:00.123456789")).toBe(1686670680123456789n);
  });
  it("handles leap days and rejects invalid ones", () => {
    expect(toDatetime64("2020-02-29")).toBe(1582934400000000000n);
    expect(toDatetime64("2000-02-29T12:00:00")).toBe(951825600000000000n);
    expect(() => toDatetime64("2019-02-29")).toThrow(ParameterError);
    expect(() => toDatetime64("1900-02-29")).toThrow(ParameterError);
  });
  it("gives negative ns before 1970", () => {
    expect(toDatetime64("1969-12-31T23:59:59.999999999")).toBe(-1n);
    expect(toDatetime64("1989-05-04")).toBe(610243200000000000n);
    expect(toDatetime64("1900-01-01")).toBe(-2208988800000000000n);
  });
  it("applies UTC offsets", () => {
    expect(toDatetime64("2020-01-03T01:00:00+01:00")).toBe(1578009600000000000n);
    expect(toDatetime64("2020-01-02T23:00:00-0100")).toBe(1578009600000000000n);
  });
  it("reads numbers as epoch seconds rounded to the nearest ns from their decimal text", () => {
    expect(toDatetime64(1.5)).toBe(1500000000n);
    expect(toDatetime64(1674798843.6369076)).toBe(1674798843636907600n);
    expect(toDatetime64(0.999767552)).toBe(999767552n);
    expect(toDatetime64(1e-7)).toBe(100n);
    expect(toDatetime64(-1.5)).toBe(-1500000000n);
    expect(toDatetime64(4e-10)).toBe(0n);
    expect(toDatetime64(6e-10)).toBe(1n);
  });
  it("converts Dates with millisecond precision", () => {
    expect(toDatetime64(new Date("2020-01-03T00:00:00.123Z"))).toBe(1578009600123000000n);
  });
  it("throws ParameterError naming the value", () => {
    expect(() => toDatetime64("not a time")).toThrowErrorMatchingInlineSnapshot(
      `[ParameterError: cannot convert "not a time" to a time: expected an ISO-8601 date/time]`,
    );
    expect(() => toDatetime64("2020-13-01")).toThrow(/"2020-13-01"/);
    expect(() => toDatetime64("2020-01-01T24:00:00")).toThrow(ParameterError);
    expect(() => toDatetime64(Number.NaN)).toThrow(/NaN/);
    expect(() => toDatetime64({})).toThrow(ParameterError);
    expect(() => toDatetime64(new Date(Number.NaN))).toThrow(ParameterError);
  });
});

describe("toTimedelta64", () => {
  it("parses every unit", () => {
    expect(toTimedelta64("250ms")).toBe(250_000_000n);
    expect(toTimedelta64("1.5s")).toBe(1_500_000_000n);
    expect(toTimedelta64("2min")).toBe(120_000_000_000n);
    expect(toTimedelta64("2m")).toBe(120_000_000_000n);
    expect(toTimedelta64("1h")).toBe(3_600_000_000_000n);
    expect(toTimedelta64("10us")).toBe(10_000n);
    expect(toTimedelta64("5ns")).toBe(5n);
    expect(toTimedelta64("-10 ms")).toBe(-10_000_000n);
    expect(toTimedelta64("1d")).toBe(86_400_000_000_000n);
  });
  it("reads numbers as seconds and bigint as ns", () => {
    expect(toTimedelta64(0.004)).toBe(4_000_000n);
    expect(toTimedelta64(1 / 250)).toBe(4_000_000n);
    expect(toTimedelta64(0.999767552)).toBe(999_767_552n);
    expect(toTimedelta64(7n)).toBe(7n);
  });
  it("rejects unknown units and months", () => {
    expect(() => toTimedelta64("3 parsecs")).toThrow(ParameterError);
    expect(() => toTimedelta64("1M")).toThrow(ParameterError);
    expect(() => toTimedelta64(Number.POSITIVE_INFINITY)).toThrow(ParameterError);
  });
});

describe("formatting", () => {
  it("trims fractional zeros and prints bare dates at midnight", () => {
    expect(formatDatetime64(1578009600000000000n)).toBe("2020-01-03");
    expect(formatDatetime64(1578009607996000000n)).toBe("2020-01-03T00:00:07.996");
    expect(formatDatetime64(-1n)).toBe("1969-12-31T23:59:59.999999999");
    expect(formatDatetime64(toDatetime64("2020-02-29T23:59:59"))).toBe("2020-02-29T23:59:59");
  });
  it("round-trips random instants", () => {
    for (const ns of [0n, 1n, 951825600000000001n, -2208988800000000000n, 4102444800123456789n]) {
      expect(toDatetime64(formatDatetime64(ns))).toBe(ns);
    }
  });
  it("prints durations in seconds", () => {
    expect(formatTimedelta64(4_000_000n)).toBe("0.004s");
    expect(formatTimedelta64(-1_500_000_000n)).toBe("-1.5s");
    expect(formatTimedelta64(3n * 1_000_000_000n)).toBe("3s");
    expect(nsToSeconds(4_000_000n)).toBe(0.004);
  });
  it("recognises time-like values", () => {
    expect(isTimeLike("2020-01-03")).toBe(true);
    expect(isTimeLike(5n)).toBe(true);
    expect(isTimeLike(3)).toBe(false);
    expect(isTimeLike("abc")).toBe(false);
  });
});
