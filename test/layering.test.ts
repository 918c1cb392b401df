// Imports go one way (STYLE.md §1): src (API, CLI) → planner → storage. The data model in src
// (errors, time, coords, attrs, patch and its processing in proc, units, examples) is shared vocabulary: planner may use it,
// storage only the leaves errors.ts and time.ts. This test reads every import specifier.

import { describe, expect, it } from "vitest";
import { importViolations as violations } from "./importGraph.ts";

const MODEL = /^src\/(errors|time)\.ts$|^src\/(coords|attrs|patch|proc|units|examples)\//;

describe("layering", () => {
  it("storage imports only storage and the leaf modules errors.ts and time.ts", () => {
    const bad = violations("storage", (t) => t.startsWith("storage/") || t === "src/errors.ts" || t === "src/time.ts");
    expect(bad).toEqual([]);
  });

  it("planner imports planner, storage and the data model, never the spool API or the CLI", () => {
    const bad = violations("planner", (t) => t.startsWith("planner/") || t.startsWith("storage/") || MODEL.test(t));
    expect(bad).toEqual([]);
  });

  it("the data model never imports the planner or the spool API", () => {
    const model = ["src/coords", "src/attrs", "src/patch", "src/proc", "src/units", "src/examples"];
    const bad = model.flatMap((d) =>
      violations(d, (t) => MODEL.test(t) || t.startsWith("storage/formats/types.ts")),
    );
    expect(bad).toEqual([]);
  });
});
