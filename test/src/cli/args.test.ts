// The CLI's mini-languages: --select terms, --chunk specs and usage errors (in process, no I/O).

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { applySelect, intFlag, parseChunk, parseCommand, parseSelect, UsageError } from "../../../src/cli/args.ts";

describe("parseSelect", () => {
  it("reads ranges with open ends, numbers and ISO times", () => {
    expect(parseSelect(["time=2020-01-03T00:00:09..", "distance=100..250.5", "time=..2020-01-03T00:00:10.5"])).toEqual([
      ["time", ["2020-01-03T00:00:09", null]],
      ["distance", [100, 250.5]],
      ["time", [null, "2020-01-03T00:00:10.5"]],
    ]);
  });

  it("reads comma lists as sets and everything else as globs or exact strings", () => {
    expect(parseSelect(["network=n1, n2", "station=DAS*", "tag=raw"])).toEqual([
      ["network", ["n1", "n2"]],
      ["station", "DAS*"],
      ["tag", "raw"],
    ]);
  });

  it("rejects terms without key=value and ranges with two '..'", () => {
    expect(() => parseSelect(["time"])).toThrow(UsageError);
    expect(() => parseSelect(["=3"])).toThrow(/key=value/);
    expect(() => parseSelect(["time=1..2..3"])).toThrow(/one "\.\."/);
  });

  it("chains terms as successive selects on a spool", async () => {
    const sp = dc.getExampleSpool("random_das");
    const selected = applySelect(sp, parseSelect(["time=2020-01-03T00:00:09..", "tag=rand*"]));
    expect(await selected.count()).toBe(2);
  });
});

describe("parseChunk", () => {
  it("reads the dimension, its length and the options", () => {
    expect(parseChunk("time=30,overlap=5")).toEqual({ time: 30, overlap: 5 });
    expect(parseChunk("time=250ms,keep_partial,snap_coords=false,conflict=drop,tolerance=2")).toEqual({
      time: "250ms",
      keepPartial: true,
      snapCoords: false,
      conflict: "drop",
      tolerance: 2,
    });
    expect(parseChunk("time=null")).toEqual({ time: null });
  });

  it("rejects bare words and empty specs", () => {
    expect(() => parseChunk("time")).toThrow(/key=value/);
    expect(() => parseChunk(",")).toThrow(UsageError);
  });
});

describe("parseCommand", () => {
  it("names the command in usage errors", () => {
    expect(() => parseCommand("contents", ["--nope"], {})).toThrow(/^contents: Unknown option '--nope'/);
  });

  it("validates integer flags", () => {
    expect(intFlag("width", "640", 900)).toBe(640);
    expect(intFlag("width", undefined, 900)).toBe(900);
    expect(() => intFlag("width", "wide", 900)).toThrow('--width must be an integer >= 1, got "wide"');
  });
});
