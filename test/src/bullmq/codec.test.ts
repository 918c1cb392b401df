// Issue 9: what crosses Redis survives it (tagged JSON), and prefix maps move paths between
// machines that mount the shared files at different places. No Redis needed.

import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue, UnsendableValueError } from "../../../src/bullmq/codec.ts";
import { decodeJob, encodeJob, jobId, resultFileName } from "../../../src/bullmq/jobs.ts";
import { localItem, parsePrefixMap, toCoordinatorPath, toLocalPath, toLocalUrl } from "../../../src/bullmq/prefixMap.ts";
import type { Item } from "../../../planner/items.ts";

const roundTrip = (v: unknown) => decodeValue(JSON.parse(JSON.stringify(encodeValue(v))));

describe("job value codec", () => {
  it("keeps bigints, typed arrays, dates and non-finite numbers through JSON text", () => {
    const value = {
      t: 1578009600000000000n,
      rms: Float64Array.of(0.5, -1e-300, NaN),
      ns: BigInt64Array.of(-5n, 2n ** 62n),
      small: Uint8Array.of(1, 2, 255),
      when: new Date("2020-01-03T00:00:00Z"),
      odd: [Infinity, -Infinity, NaN, null, "x", true],
    };
    expect(roundTrip(value)).toEqual(value);
    expect(roundTrip(Float32Array.of(1.5)) as Float32Array).toBeInstanceOf(Float32Array);
  });

  it("refuses values that cannot be sent, naming where they are", () => {
    expect(() => encodeValue({ a: [1, new Map()] })).toThrow(UnsendableValueError);
    expect(() => encodeValue({ a: [1, new Map()] })).toThrow("result.a[1] is a Map");
    expect(() => encodeValue({ f: () => 1 })).toThrow("result.f is a function");
  });
});

const item: Item = {
  summary: {
    key: "/waveforms/x",
    dims: ["distance", "time"],
    shape: [2, 3],
    dataDtype: "float32",
    attrs: { station: "A" },
    coords: { time: { min: 10n, max: 12n, step: 1n, length: 3, units: "s", dtype: "datetime64" } },
  },
  members: [{ row: { locator: { type: "file", path: "/data/das/a.h5", key: "/waveforms/x", format: "DASDAE", version: "1" }, summary: {} as Item["summary"] }, index: { time: [0, 3] }, residual: {} }],
  assembly: { type: "merge", dim: "time", start: 10n, step: 1n, samples: 3, offsets: [0], snap: true },
};

describe("map jobs", () => {
  it("carry an item's read plan with its bigints through JSON text", () => {
    const data = encodeJob("abc", 7, item, { moduleUrl: "file:///t.js", exportName: "rms" }, "/out");
    const back = decodeJob(JSON.parse(JSON.stringify(data)));
    expect(back.item).toEqual(item);
    expect([back.runId, back.index, back.task.exportName, back.outputDir]).toEqual(["abc", 7, "rms", "/out"]);
    expect(() => decodeJob({ format: 2 })).toThrow(/not a daspool map job/);
  });

  it("have one id and one result file name per item, whatever the attempt", () => {
    expect(jobId("abc", 7)).toBe("abc-7");
    expect(resultFileName("abc", 7)).toBe("abc-000007.h5");
  });
});

describe("prefix maps", () => {
  const rules = parsePrefixMap(["/data=/mnt/shared/data", "/data/das/special=/fast"]);

  it("map coordinator paths here and back, longest prefix first, whole components only", () => {
    expect(toLocalPath("/data/das/a.h5", rules)).toBe("/mnt/shared/data/das/a.h5");
    expect(toLocalPath("/data/das/special/b.h5", rules)).toBe("/fast/b.h5");
    expect(toLocalPath("/database/c.h5", rules)).toBe("/database/c.h5");
    expect(toCoordinatorPath("/mnt/shared/data/out/r.h5", rules)).toBe("/data/out/r.h5");
    expect(toLocalUrl("file:///data/tasks.js", rules)).toBe("file:///mnt/shared/data/tasks.js");
  });

  it("rewrite every file member of an item", () => {
    expect(localItem(item, rules).members[0]!.row.locator).toMatchObject({ path: "/mnt/shared/data/das/a.h5" });
    expect(() => parsePrefixMap(["nope"])).toThrow(/FROM=TO/);
  });
});
