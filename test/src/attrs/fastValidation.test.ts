// validateAttrs answers without zod for input zod accepts (so reading and processing never load
// it); these cases hold that path to zod's own answers, key order included, and send everything
// else to zod for its error.
import { describe, expect, it } from "vitest";
import { attrsSchema, validateAttrs } from "../../../src/attrs/schema.ts";
import { AttrsError } from "../../../src/errors.ts";

const zodAnswer = (input: Record<string, unknown>) => attrsSchema().parse(input);
const entries = (o: object) => JSON.stringify(Object.entries(o));

const ACCEPTED: Record<string, unknown>[] = [
  {},
  { station: "A", network: "NW", tag: "t", extra: 3, gauge_length: 10.2 },
  { zeta: 1, data_units: null, history: "one step", dims: ["distance", "time"], alpha: "a" },
  { data_category: "DTS", data_units: "K", history: ["a", "b"], dims: "time", instrument_id: "x".repeat(50) },
  { _private: true, data_type: "strain_rate", acquisition_id: "", station: "s".repeat(12) },
];

const REJECTED: Record<string, unknown>[] = [
  { station: null },
  { station: "s".repeat(13) },
  { data_category: "foo" },
  { data_units: 3 },
  { history: [1, 2] },
  { history: null },
  { dims: 5 },
  { tag: 7 },
];

describe("validateAttrs without zod", () => {
  it.each(ACCEPTED.map((a) => [JSON.stringify(a), a] as const))("gives zod's output for %s, key order included", (_, input) => {
    const ours = validateAttrs(input);
    expect(ours).toEqual(zodAnswer(input));
    expect(entries(ours)).toBe(entries(zodAnswer(input)));
  });

  it.each(REJECTED.map((a) => [JSON.stringify(a), a] as const))("leaves %s to zod, which rejects it", (_, input) => {
    expect(attrsSchema().safeParse(input).success).toBe(false);
    expect(() => validateAttrs(input)).toThrow(AttrsError);
  });

  it("copies the history list rather than sharing the caller's", () => {
    const history = ["a"];
    const out = validateAttrs({ history });
    expect(out.history).toEqual(["a"]);
    expect(out.history).not.toBe(history);
  });
});
