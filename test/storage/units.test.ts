// Unit text normalisation to DASCore's (pint's) spelling, with the values FILES.md reports.
import { describe, expect, it } from "vitest";
import { dascoreUnits } from "../../storage/formats/units.ts";

describe("dascoreUnits", () => {
  it.each([
    ["m/s", "m / s"],
    ["(nm/m)/s * Hz/m", "Hz * nm / m ** 2 / s"],
    ["micro-strain/second", "µϵ / s"],
    ["microstrain", "µϵ"],
    ["strain/s", "ϵ / s"],
    ["m", "m"],
  ])("spells %s as %s", (text, want) => {
    expect(dascoreUnits(text)).toBe(want);
  });

  it("keeps text it cannot parse and maps empty text to null", () => {
    expect(dascoreUnits("rad * 2PI/2^16")).toBe("rad * 2PI/2^16");
    expect(dascoreUnits("rad2/Hz")).toBe("rad2/Hz");
    expect(dascoreUnits("  ")).toBeNull();
  });
});
